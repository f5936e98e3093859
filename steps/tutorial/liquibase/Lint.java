package tutorial.liquibase;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * What a changeset will do to the data, before it runs: the safety lint. Each rule reads the
 * changeset as Liquibase parsed it and, where the answer depends on the data, library.db as it
 * is now (how many values a drop takes, which values a unique index would find twice). The codes
 * are stable and listed in docs/tools.md, grouped as Atlas groups its own: DS destructive, MF
 * data-dependent (may fail), BC backward-incompatible, LT SQLite, RB rollback.
 */
public final class Lint {

    /** One finding: the rule's code, the changeset, what it does to data, and what to do instead. */
    public record Finding(String code, String changeSet, String what, String instead) {
        public String line() {
            return code + " " + changeSet + ": " + what + " " + instead;
        }
    }

    /** Every rule, by code, with what it looks for: the docs' table is held to this list by a test. */
    public static final List<String[]> RULES = List.of(
            new String[] {"DS101", "drops a table, with the number of rows it holds now (read from library.db)"},
            new String[] {"DS102", "drops a column, with the number of values (not NULL) it holds now"},
            new String[] {"DS103", "deletes rows (an sql DELETE, or a delete change), with the number it would delete now"},
            new String[] {"DS104", "drops a column after copying it through a CAST, or into a column whose type converts them, that changes some of its values now (the first named)"},
            new String[] {"DS105", "overwrites values (an update change, or an sql UPDATE), with the number of rows holding another value now"},
            new String[] {"DS106", "changes rows in a way not counted here (WITH, REPLACE INTO, an upsert, UPDATE ... FROM, a trigger, mergeColumns, loadUpdateData, executeCommand)"},
            new String[] {"DS107", "copies a table by position (INSERT INTO new SELECT * FROM old) into one whose columns are in another order, then drops the original"},
            new String[] {"DS108", "drops a column holding values and adds another to the same table: a rename autogenerate cannot tell from a drop and an add"},
            new String[] {"MF101", "adds a NOT NULL column with no default to a table that has rows"},
            new String[] {"MF102", "makes a column NOT NULL while rows hold NULL in it"},
            new String[] {"MF103", "adds a unique index or constraint on values that occur more than once (named)"},
            new String[] {"BC101", "renames a table: code that still uses the old name breaks"},
            new String[] {"BC102", "renames a column: code that still uses the old name breaks"},
            new String[] {"LT101", "is done on SQLite by rebuilding the table: every row copied, and what the rebuild loses"},
            new String[] {"LT102", "is a change SQLite cannot do at all (modifyDataType, say)"},
            new String[] {"RB101", "has no rollback Liquibase can derive and none written: 07_rollback would fail"},
            new String[] {"RB102", "has an empty rollback block (rollback: []) over changes whose work would stay: 07_rollback would undo nothing"},
            new String[] {"RB103", "has an empty rollback block (rollback: []) over an update: rolled back, the values it set stay"},
            new String[] {"EM101", "has no changes yet (started by revision, not filled in): 05_upgrade refuses it"},
            new String[] {"EM102", "still has the placeholder NNNN of an exercise's reference file in its id or path: 05_upgrade and history refuse it"},
            new String[] {"EM103", "has an update or insert whose column is given no value (a value: one indent off is read as the change's and ignored): it sets NULL"},
            new String[] {"EM104", "is not applied yet, and its file names another file as its logicalFilePath (one pasted from another, the README's say): it would be recorded under that path"});

    private final LibraryDatabase library;
    private final Migrations migrations;
    /** Whether the changeset read now has preconditions: they run before its changes, and may stop it (fix-2's reference solution). */
    private boolean guarded;
    /** The changeset read now: a rename's BC102 looks at its other changes. */
    private ChangeSet current;
    /** What library.db calls now what the changesets read so far renamed: a drop after a rename loses the old name's values. */
    private final Renames renames = new Renames();

    private Lint(LibraryDatabase library, Migrations migrations) {
        this.library = library;
        this.migrations = migrations;
    }

    /** The findings for these changesets, in changelog order, rule by rule within each. */
    public static List<Finding> of(LibraryDatabase library, Migrations migrations, List<ChangeSet> changeSets) {
        Lint lint = new Lint(library, migrations);
        List<Finding> findings = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            String placeholder = Revisions.placeholderWhat(changeSet);
            if (placeholder != null) {
                findings.add(new Finding("EM102", changeSet.getId(), placeholder, Revisions.placeholderFix(changeSet) + "."));
            }
            pathOfAnother(migrations, changeSet).ifPresent(findings::add);
            if (changeSet.getChanges().isEmpty()) {
                findings.add(new Finding("EM101", changeSet.getId(), "has no changes yet: applied empty, its checksum would be recorded, "
                        + "and filling it in later would break it.", "Fill in its changes and rollback first (05_upgrade refuses it until then)."));
                continue;
            }
            ColumnsMadeHere madeHere = new ColumnsMadeHere();
            SqlDrops sqlDrops = new SqlDrops(library, lint.renames);
            lint.guarded = DataLoss.guarded(changeSet);
            lint.current = changeSet;
            for (Change change : DataLoss.runningOn(changeSet, changeSet.getChanges(), migrations.database().getShortName())) {
                findings.addAll(lint.check(changeSet.getId(), change, madeHere));
                for (Change piece : SqlText.pieces(change)) { // SQL statement by statement: a rename is noted before what follows it
                    for (Overwrites set : Overwrites.of(piece)) {
                        lint.overwrite(changeSet.getId(), set, madeHere).ifPresent(findings::add);
                    }
                    sqlDrops.of(piece).forEach(drop -> findings.add(lint.dropBySql(changeSet.getId(), drop)));
                    String uncounted = SqlText.uncounted(piece);
                    if (uncounted != null) {
                        findings.add(new Finding("DS106", changeSet.getId(), "runs " + uncounted + ", which may change or remove rows: what it does "
                                + "to them is not counted here.", library.isSqlite() ? "Read it through; 05_upgrade keeps a copy of library.db before it runs."
                                : "Read it through, and back up what matters first: on a server 05_upgrade keeps no copy (it stops until told --accept-loss)."));
                    }
                }
                madeHere.note(change);
                lint.renames.note(change);
            }
            lint.rollback(changeSet).ifPresent(findings::add);
        }
        findings.addAll(lint.renamesAsDropAndAdd(changeSets));
        // In changelog order, each changeset's own together (DS108 is read across a run's changesets, after them all); a stable sort.
        List<String> order = changeSets.stream().map(ChangeSet::getId).toList();
        findings.sort(java.util.Comparator.comparingInt(finding -> order.indexOf(finding.changeSet())));
        return findings;
    }

    /**
     * DS108: a column dropped and another added to the same table by one autogenerate run's
     * changesets (one, or a file's of one number: it writes the add and the drop as two), the dropped one
     * holding values: what autogenerate writes for a column renamed in the models (Liquibase's diff
     * compares two schemas and cannot tell a rename from a drop and an add). Run as written, the
     * values go and the new column starts empty (or with its default). Not said where the file
     * fills the new column (an update: a rename done by hand), or adds or drops several columns
     * on that table (which became which cannot be read); counted under the names library.db has.
     */
    private List<Finding> renamesAsDropAndAdd(List<ChangeSet> changeSets) {
        List<Finding> found = new ArrayList<>();
        java.util.Map<String, List<ChangeSet>> byRun = new java.util.LinkedHashMap<>();
        // One autogenerate run: a file's changesets of one number (0003-1 adds, 0003-2 drops); any other id stands alone.
        changeSets.forEach(changeSet -> byRun.computeIfAbsent(changeSet.getFilePath() + "::" + (changeSet.getId().matches("\\d+-\\d+")
                ? changeSet.getId().substring(0, changeSet.getId().lastIndexOf('-')) : changeSet.getId()), file -> new ArrayList<>()).add(changeSet));
        for (List<ChangeSet> run : byRun.values()) {
            List<Change> changes = run.stream().flatMap(changeSet -> changeSet.getChanges().stream()).toList();
            for (ChangeSet changeSet : run) {
                for (Change change : changeSet.getChanges()) {
                    if (!(change instanceof DropColumnChange drop) || NativeAlterTable.DropColumn.columnNames(drop).size() != 1) {
                        continue;
                    }
                    String table = drop.getTableName();
                    String column = NativeAlterTable.DropColumn.columnNames(drop).get(0);
                    List<? extends ColumnConfig> added = changes.stream().filter(AddColumnChange.class::isInstance).map(AddColumnChange.class::cast)
                            .filter(add -> add.getTableName().equalsIgnoreCase(table)).flatMap(add -> add.getColumns().stream()).toList();
                    long drops = changes.stream().filter(DropColumnChange.class::isInstance).map(DropColumnChange.class::cast)
                            .filter(other -> other.getTableName().equalsIgnoreCase(table))
                            .mapToLong(other -> NativeAlterTable.DropColumn.columnNames(other).size()).sum();
                    if (added.size() != 1 || drops != 1 || !library.hasColumn(table, column)) {
                        continue;
                    }
                    String name = added.get(0).getName();
                    // Filled by an update of the file (UPDATE books SET book_title = title): a rename done by hand, nothing lost.
                    boolean filled = Overwrites.ofAll(changes).stream()
                            .anyMatch(set -> set.table().equalsIgnoreCase(table) && set.column().equalsIgnoreCase(name));
                    long values = library.valuesIn(table, column);
                    String type = library.columns(table).stream().filter(c -> c.name().equalsIgnoreCase(column)).map(LibraryDatabase.ColumnInfo::type)
                            .findFirst().orElse(null);
                    if (values > 0 && type != null && !filled) {
                        String adder = run.stream().filter(one -> one.getChanges().stream().anyMatch(made -> made instanceof AddColumnChange add
                                && add.getColumns().contains(added.get(0)))).map(ChangeSet::getId).findFirst().orElse(changeSet.getId());
                        found.add(new Finding("DS108", changeSet.getId(), "drops " + table + "." + column + " and "
                                + (adder.equals(changeSet.getId()) ? "" : adder + " ") + "adds " + table + "." + name + ": if it is " + column + " renamed in the models, the " + plural(values, "value")
                                + " of " + column + " go, and " + name + " starts without them (autogenerate cannot tell a rename from a drop and an add).",
                                "For a rename, write a renameColumn in their place (tableName: " + table + ", oldColumnName: " + column
                                        + ", newColumnName: " + name + ", columnDataType: " + type + "): the values stay."));
                    }
                }
            }
        }
        return found;
    }

    /**
     * EM104: a changeset not applied yet whose file gives another file's path as its logicalFilePath. Liquibase records it under
     * that path, and the tutorial's tools then look for that file: check read it as break-2's missing file, and revision --discard
     * as not applied. On an applied changeset the same line is a file moved on purpose, keeping its recorded path (left alone).
     * 05_upgrade says it too, before it applies one.
     */
    public static java.util.Optional<Finding> pathOfAnother(Migrations migrations, ChangeSet changeSet) {
        String physical = changeSet.getChangeLog() == null ? null : changeSet.getChangeLog().getPhysicalFilePath();
        String logical = changeSet.getFilePath();
        if (physical == null || logical == null || normalised(physical).equals(normalised(logical))
                || migrations.applied().stream().anyMatch(ran -> ran.isSameAs(changeSet))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding("EM104", changeSet.getId(), "is in " + normalised(physical) + ", whose logicalFilePath names another file, "
                + logical + ": applied, it would be recorded under that path, and history, check and revision --discard would look for that file.",
                "Write the file's own path there: - logicalFilePath: " + normalised(physical)));
    }

    private static String normalised(String path) {
        return path.replace('\\', '/').replaceFirst("^(\\./)+", "");
    }

    /** The findings for the changesets of one file, or none when it cannot be read: the lint advises, it never stops a step. */
    public static List<Finding> ofFile(Project project, LibraryDatabase library, Path file) {
        try {
            Migrations migrations = Migrations.on(project, library);
            return of(library, migrations, migrations.changeSetsNamed(project.relative(file)));
        } catch (LessonError unreadable) {
            return List.of();
        }
    }

    /** DS101, DS102 or DS103 for what SQL, or a delete change, drops (SqlDrops). */
    private Finding dropBySql(String id, SqlDrops.Drop drop) {
        if (drop.reordered() != null) {
            SqlDrops.Reordered copy = drop.reordered();
            return new Finding("DS107", id, "copies the table " + drop.table() + drop.now() + " into " + copy.into() + " by position (SELECT *), "
                    + "into columns in another order (" + copy.orders(drop.table()) + "): in " + plural(copy.rows(), "row")
                    + ", values land in other columns, then " + drop.table() + " is dropped.",
                    "Name the columns on both sides: " + copy.byName(drop.table()) + ".");
        }
        if (drop.via() != null) {
            return changedByCast(id, drop.via());
        }
        long lost = drop.lost(library);
        if (drop.isTable()) {
            return new Finding("DS101", id, "drops the table " + drop.table() + drop.now() + holding(lost, "row") + ".",
                    "Keep a copy first (a table of its own), or keep the table until nothing needs it.");
        }
        if (!drop.isRows()) {
            return new Finding("DS102", id, "drops " + drop.table() + "." + drop.column() + drop.now() + holding(lost, "value") + ".",
                    "Copy the values out first (an UPDATE into the column that takes their place, earlier in this changeset), or keep the column.");
        }
        return new Finding("DS103", id, "deletes " + plural(lost, "row") + " of the table " + drop.table() + drop.now() + " as " + library.name() + " is now.",
                "Keep a copy of them first (an INSERT ... SELECT into a table of their own) if they may be wanted again.");
    }

    /** DS105 for an update over values there now (a rewrite of a column from itself said as such); none where it overwrites nothing. */
    private Optional<Finding> overwrite(String id, Overwrites set, ColumnsMadeHere madeHere) {
        Overwrites now = set.in(renames);
        long rows = madeHere.made(set.table(), set.column()) ? 0 : now.rows(library); // one made here holds nothing yet
        if (rows == 0) {
            return Optional.empty();
        }
        String named = set.table() + "." + set.column() + Renames.said(set.table(), set.column(), now.table(), now.column());
        return Optional.of(set.rewrites()
                ? new Finding("DS105", id, "rewrites " + named + " as " + set.value() + " in " + plural(rows, "row") + ", replacing the "
                        + (rows == 1 ? "value it holds" : "values they hold") + " now.",
                        "If the rewrite may lose something (a part cut off, a case folded), copy the values out first (a column of their own).")
                : new Finding("DS105", id, "sets " + named + " to " + set.value() + " in " + plural(rows, "row")
                        + (rows == 1 ? " that holds" : " that hold") + " another value now.",
                        "If those values matter, limit the update with a where (" + set.column() + " IS NULL, say), or copy them out first "
                                + "(a column of their own)."));
    }

    /**
     * EM103: an update or insert column given no value of any kind. Liquibase reads a key it does
     * not know as nothing, so a value: written one indent off (under update:, beside columns:)
     * leaves the column without one, and the update sets NULL in every row it reaches: alter-2
     * written so empties the genres it meant to fill, and 05_upgrade records it as applied. So
     * does a value YAML reads as null (null, ~, NULL unquoted). A NULL that is meant is said so:
     * valueComputed: 'NULL', quoted, as alter-2's reference rollback writes it.
     */
    private static Optional<Finding> valuesLeftOut(String id, Change change) {
        String table;
        List<ColumnConfig> columns;
        if (change instanceof UpdateDataChange update) {
            table = update.getTableName();
            columns = List.copyOf(update.getColumns());
        } else if (change instanceof InsertDataChange insert) {
            table = insert.getTableName();
            columns = List.copyOf(insert.getColumns());
        } else {
            return Optional.empty();
        }
        String empty = columns.stream().filter(column -> column.getValueObject() == null).map(column -> table + "." + column.getName())
                .collect(Collectors.joining(", "));
        if (empty.isEmpty()) {
            return Optional.empty();
        }
        boolean update = change instanceof UpdateDataChange;
        return Optional.of(new Finding("EM103", id, (update ? "sets " : "inserts ") + empty + " with no value given: NULL"
                + (update ? " in every row it reaches" : "") + ". A value: one indent off (under " + (update ? "update:" : "insert:")
                + " rather than under column:) is ignored without a word, and value: null, ~ or NULL unquoted is YAML's null: no value at all.",
                "Put the value under column:, beside name: (value: programming), or write valueComputed: 'NULL' (in quotes) where NULL is meant."));
    }

    /** DS104: the copy a drop relies on changes values on the way (fix-2's CAST meeting an ISBN with hyphens). */
    private Finding changedByCast(String id, CastCopy cast) {
        long changed = cast.changed(library);
        return new Finding("DS104", id, "copies " + cast.table() + "." + cast.column() + " " + cast.how() + ", which changes "
                        + changed + " of its values now (" + (changed == 1 ? "" : "the first: ") + cast.example(library) + "), then drops the original.",
                guarded ? "Its preconditions run first: if they count these values (as fix-2's reference solution's does), they stop it; "
                        + "either way, make the values fit first (a data migration)."
                        : "Make the values fit first (a data migration), and guard the changeset with a precondition (an sqlCheck counting "
                        + "the values that would not fit, onFail: HALT), as fix-2's reference solution does.");
    }

    private List<Finding> check(String id, Change change, ColumnsMadeHere madeHere) {
        List<Finding> found = new ArrayList<>();
        valuesLeftOut(id, change).ifPresent(found::add);
        if (change instanceof DropColumnChange drop) { // (a dropTable is SqlDrops', read with the SQL)
            for (String column : NativeAlterTable.DropColumn.columnNames(drop)) {
                String valuesOf = madeHere.valuesLostByDropping(drop.getTableName(), column);
                if (valuesOf == null) { // added in this changeset, or its values copied out since it was renamed aside
                    madeHere.castBeforeDropping(drop.getTableName(), column, renames).filter(cast -> cast.changed(library) > 0)
                            .ifPresent(cast -> found.add(changedByCast(id, cast)));
                    continue;
                }
                String tableNow = renames.table(drop.getTableName());
                String columnNow = renames.column(drop.getTableName(), column);
                if (!valuesOf.equals(column)) {
                    long values = library.valuesIn(tableNow, columnNow);
                    found.add(new Finding("DS102", id, "drops " + drop.getTableName() + "." + column + ", which is "
                            + drop.getTableName() + "." + valuesOf + " renamed earlier in this changeset" + holding(values, "value") + ".",
                            "Copy the values out before the drop (an sql or update change, as fix-2's does), or keep the column."));
                    continue;
                }
                long values = library.valuesIn(tableNow, columnNow);
                found.add(new Finding("DS102", id, "drops " + drop.getTableName() + "." + column
                        + Renames.said(drop.getTableName(), column, tableNow, columnNow) + holding(values, "value") + ".",
                        "If the column was added by hand, declare it in the models instead (fix-1); otherwise copy the values out first."));
            }
        } else if (change instanceof AddColumnChange add) {
            long rows = library.countIfThere("SELECT count(*) FROM " + SqlText.quote(add.getTableName()));
            for (ColumnConfig column : add.getColumns()) {
                boolean notNull = column.getConstraints() != null && Boolean.FALSE.equals(column.getConstraints().isNullable());
                if (notNull && !column.hasDefaultValue() && rows > 0) {
                    found.add(new Finding("MF101", id, "adds " + add.getTableName() + "." + column.getName() + " NOT NULL with no default to a table of "
                            + plural(rows, "row") + ": the change fails, as no value can be NULL.",
                            library.isSqlite()
                                    ? "Give it a defaultValue: on SQLite the one way Liquibase offers (it cannot make a column NOT NULL afterwards)."
                                    : "Give it a defaultValue, or add it nullable, fill it (an update), then make it NOT NULL."));
                }
            }
        } else if (change instanceof AddNotNullConstraintChange notNull) {
            long nulls = library.countIfThere("SELECT count(*) FROM " + SqlText.quote(notNull.getTableName()) + " WHERE " + SqlText.quote(notNull.getColumnName()) + " IS NULL");
            if (nulls > 0 && notNull.getDefaultNullValue() == null) {
                found.add(new Finding("MF102", id, "makes " + notNull.getTableName() + "." + notNull.getColumnName() + " NOT NULL while "
                        + plural(nulls, "row") + (nulls == 1 ? " holds" : " hold") + " NULL there: the change fails.",
                        "Fill those rows first (an update), or give the change a defaultNullValue."));
            }
        } else if (change instanceof CreateIndexChange index && Boolean.TRUE.equals(index.isUnique())) {
            duplicates(id, index.getTableName(), index.getColumns().stream().map(ColumnConfig::getName).toList(),
                    "the unique index " + index.getIndexName()).ifPresent(found::add);
        } else if (change instanceof AddUniqueConstraintChange unique) {
            duplicates(id, unique.getTableName(), Arrays.stream(unique.getColumnNames().split(",")).map(String::strip).toList(),
                    "the unique constraint" + (unique.getConstraintName() == null ? "" : " " + unique.getConstraintName())).ifPresent(found::add);
        } else if (change instanceof RenameTableChange rename) {
            found.add(new Finding("BC101", id, "renames the table " + rename.getOldTableName() + " to " + rename.getNewTableName() + ".",
                    "Every query, model and copy of the code that says " + rename.getOldTableName()
                            + " breaks: change them in the same release, or add the new table and move over in steps."));
        } else if (change instanceof RenameColumnChange rename && current.getChanges().stream().flatMap(one -> SqlText.pieces(one).stream())
                .noneMatch(one -> Renames.addsAgain(one, rename.getTableName(), rename.getOldColumnName()))) {
            // (Added anew under the old name in the same changeset, fix-2's way to change a type, code that reads it reads on.)
            found.add(new Finding("BC102", id, "renames " + rename.getTableName() + "." + rename.getOldColumnName() + " to "
                    + rename.getNewColumnName() + ".",
                    "Code that reads " + rename.getOldColumnName() + " breaks: change it in the same release, or add the new column, "
                            + "copy the values, and drop the old one later."));
        }
        sqlite(id, change).ifPresent(found::add);
        return found;
    }

    /** LT102 when SQLite cannot do the change at all; LT101 when Liquibase can only do it by rebuilding the table. */
    private Optional<Finding> sqlite(String id, Change change) {
        Database database = migrations.database();
        if (!library.isSqlite()) {
            return Optional.empty();
        }
        ValidationErrors errors = migrations.inScope(() -> change.validate(database));
        if (!change.supports(database) || errors.hasErrors()) {
            String why = errors.hasErrors() ? String.join("; ", errors.getErrorMessages()) : change.getSerializedObjectName() + " is not supported on SQLite";
            return Optional.of(new Finding("LT102", id, "cannot run on SQLite: " + why + ".",
                    "Write it by hand the SQLite way, as fix-2 does for a type: a new column (or table), the values copied with sql, the old one dropped, and the rollback the other way."));
        }
        String table = tableOf(change);
        if (table == null) {
            return Optional.empty();
        }
        String sql;
        try {
            sql = Arrays.stream(SqlGeneratorFactory.getInstance().generateSql(change, database))
                    .map(Sql::toSql).collect(Collectors.joining("\n"));
        } catch (LessonError stoppedByTheGuard) {
            sql = table + "_temporary"; // RebuildGuard stops a rebuild that would lose something: a rebuild all the same
        } catch (RuntimeException cannotTell) {
            return Optional.empty();
        }
        if (!sql.toLowerCase(Locale.ROOT).contains(table.toLowerCase(Locale.ROOT) + "_temporary")) {
            return Optional.empty();
        }
        long rows = library.countIfThere("SELECT count(*) FROM " + SqlText.quote(table));
        String loses = "";
        if (database.getConnection() instanceof JdbcConnection jdbc) {
            try {
                List<String> lost = RebuildGuard.wouldLose(jdbc.getUnderlyingConnection(), table,
                        change instanceof DropColumnChange drop ? Set.copyOf(NativeAlterTable.DropColumn.columnNames(drop)) : Set.of());
                loses = lost.isEmpty() ? "" : "; the rebuild would lose " + String.join("; ", lost) + " (so the step stops it)";
            } catch (SQLException unreadable) {
                // what the rebuild loses cannot be read here: the step's own guard reads it again
            }
        }
        return Optional.of(new Finding("LT101", id, change.getSerializedObjectName() + " on " + table
                + " is done by rebuilding the table: all " + plural(rows, "row") + " copied into a new one" + loses + ".",
                "Fine on a small table; on a large or constrained one, write the SQLite steps by hand (a nullable column with no key, say, is added in place)."));
    }

    /** RB101: a changeset without a rollback block whose changes Liquibase cannot invert. */
    private Optional<Finding> rollback(ChangeSet changeSet) {
        RollbackBlocks.EmptyRollback empty = RollbackBlocks.emptyOver(migrations, changeSet).orElse(null);
        if (empty != null) {
            return Optional.of(new Finding("RB102", changeSet.getId(), "has an empty rollback block (" + RollbackBlocks.emptyRollback(changeSet)
                    + "), which tells Liquibase there is nothing to undo: 07_rollback would leave its " + String.join(" and ", empty.staying())
                    + " in place while its record went.", empty.wayOut(changeSet) + "."));
        }
        List<Overwrites> sets = Overwrites.ofAll(changeSet.getChanges());
        if (RollbackBlocks.hasEmptyBlock(changeSet) && !sets.isEmpty()) {
            // Left as revision's template has it over a data change: rolled back, the values the update set stay (alter-2's slip).
            Overwrites set = sets.get(0);
            return Optional.of(new Finding("RB103", changeSet.getId(), "has an empty rollback block (" + RollbackBlocks.emptyRollback(changeSet)
                    + ") over an update of " + set.table() + "." + set.column() + ": rolled back, the values it set stay (Liquibase cannot undo an "
                    + "update by itself).", "Write in it the update that puts the old values back, as alter-2's does; keep it empty only if "
                    + "nothing needs undoing."));
        }
        if (changeSet.hasCustomRollbackChanges()) {
            return Optional.empty();
        }
        Database database = migrations.database();
        List<String> cannot = changeSet.getChanges().stream()
                .filter(change -> !migrations.inScope(() -> change.supportsRollback(database)))
                .map(Change::getSerializedObjectName).distinct().toList();
        if (cannot.isEmpty()) {
            return Optional.empty();
        }
        List<String> undoing = cannot.stream().map(UNDOING::get).filter(Objects::nonNull).toList();
        return Optional.of(new Finding("RB101", changeSet.getId(), "has no rollback, and Liquibase cannot derive one for "
                + String.join(", ", cannot) + ": 07_rollback would stop here.",
                "Write a rollback block that undoes it" + (undoing.isEmpty() ? "" : " (" + String.join("; ", undoing) + ")")
                        + ", or an empty one if it needs no undoing."));
    }

    /** What undoes each change Liquibase cannot invert, in RB101's advice, with the exercise that shows one. */
    private static final Map<String, String> UNDOING = Map.of(
            "update", "for an update, one that puts the old values back, as alter-2's does",
            "sql", "for sql, the SQL that does the opposite, as fix-2's does",
            "modifyDataType", "for modifyDataType, the change back to the old type, on SQLite the way fix-2 does it",
            "dropColumn", "for dropColumn, an addColumn of it as it was: its values do not come back, so copy them out first",
            "dropTable", "for dropTable, a createTable of it as it was: its rows do not come back, so copy them out first",
            "insert", "for insert, a delete of the rows it adds",
            "delete", "for delete, an insert of the rows it removes");

    private Optional<Finding> duplicates(String id, String table, List<String> columns, String what) {
        String key = columns.stream().map(SqlText::quote).collect(Collectors.joining(" || ', ' || "));
        String nonNull = columns.stream().map(column -> SqlText.quote(column) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        List<String> twice = library.stringsIfThere("SELECT " + key + " || ' (' || count(*) || ' times)' FROM " + SqlText.quote(table) + " WHERE " + nonNull
                + " GROUP BY " + columns.stream().map(SqlText::quote).collect(Collectors.joining(", ")) + " HAVING count(*) > 1 ORDER BY 1 LIMIT 6");
        if (twice.isEmpty()) {
            return Optional.empty();
        }
        String shown = String.join(", ", twice.subList(0, Math.min(5, twice.size()))) + (twice.size() > 5 ? ", and more" : "");
        return Optional.of(new Finding("MF103", id, what + " on " + table + "(" + String.join(", ", columns)
                + ") meets values that occur more than once: " + shown + ": the change fails.",
                "Make those rows distinct first (an update), or make the index non-unique."));
    }

    /** The table a change alters in place, where a SQLite rebuild is possible. */
    private static String tableOf(Change change) {
        if (change instanceof AddColumnChange add) {
            return add.getTableName();
        }
        if (change instanceof DropColumnChange drop) {
            return drop.getTableName();
        }
        if (change instanceof AddNotNullConstraintChange notNull) {
            return notNull.getTableName();
        }
        return null;
    }

    /** ", and the 3 values it holds", or ", which holds no values now": a drop is a drop, even of nothing yet. */
    private static String holding(long n, String word) {
        return n == 0 ? ", which holds no " + word + "s now" : ", and the " + plural(n, word) + " it holds";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
