package tutorial.liquibase;

import java.util.List;

import liquibase.Scope;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;
import tutorial.project.SetAside;

/**
 * What a rollback needs from a changeset's rollback block, checked before 07_rollback or a round
 * trip runs anything: a block where Liquibase cannot invert a change by itself (an update, an
 * sql), and no empty one where it can (revision's rollback: [] left over an addColumn would undo
 * nothing); and, as a rollback of a drop runs, that it brings back the column, not its values,
 * which the copy 05_upgrade kept has. Liquibase itself finds the first out only on reaching
 * the changeset, after rolling back the ones before it, and the second not at all.
 */
public final class RollbackBlocks {

    private RollbackBlocks() {
    }

    /**
     * Stops before anything runs when Liquibase could not roll back one of these changesets: it
     * has no rollback block, and a change Liquibase cannot invert by itself (an update, an sql).
     * Liquibase would find out only on reaching it, after rolling back the ones before it.
     */
    public static void require(Migrations migrations, List<ChangeSet> changeSets) {
        Database database = migrations.database();
        for (ChangeSet changeSet : changeSets) {
            if (!changeSet.supportsRollback(database)) {
                String cannot = String.join(" and ", changeSet.getChanges().stream().filter(change -> !change.supportsRollback(database))
                        .map(RollbackBlocks::changeName).distinct().toList());
                boolean drops = droppedData(changeSet);
                throw new LessonError("Changeset " + changeSet.getId() + " (" + changeSet.getFilePath() + ") cannot be rolled back: "
                        + "Liquibase cannot work out the rollback of " + cannot + ", and the changeset has no rollback block."
                        + Failures.NOTHING_CHANGED,
                        "Write its rollback by hand: " + rollbackBlockIn(changeSet) + ", with the changes that undo it (README's alter-2\n"
                                + "does this for an update). Then ./jbang roundtrip " + changeSet.getId() + " shows whether it really undoes it."
                                + (drops ? valuesDropped(migrations.project()) : ""));
            }
            EmptyRollback empty = emptyOver(migrations, changeSet).orElse(null);
            if (empty != null) {
                throw new LessonError("Changeset " + changeSet.getId() + " (" + changeSet.getFilePath() + ") has an empty rollback block "
                        + "(" + emptyRollback(changeSet) + "), which tells Liquibase there is nothing to undo: rolled back, its "
                        + String.join(" and ", empty.staying()) + " would stay in the database while its record went, and the next upgrade "
                        + "would fail on what is already there." + Failures.NOTHING_CHANGED, empty.wayOut(changeSet)
                                + " (a rollback block is not part of the checksum, so this edit is safe even once applied).");
            }
        }
    }

    /**
     * A rollback block there and empty (revision's template has rollback: [], left as it was) over
     * changes whose work would stay: an empty block tells Liquibase there is nothing to undo.
     *
     * @param staying             the changes it would leave done ("addColumn"), by name
     * @param undoing             what undoes each of them ("a dropColumn of books.pages")
     * @param liquibaseUndoesAll  whether Liquibase would undo every change of the changeset by itself: then the way out is to take the block out
     */
    public record EmptyRollback(List<String> staying, List<String> undoing, boolean liquibaseUndoesAll) {
        /** The way out: the block taken out, where Liquibase undoes it all; else written, with the undo of what stays. */
        public String wayOut(ChangeSet changeSet) {
            return liquibaseUndoesAll ? "Take " + emptyRollback(changeSet) + " out of that changeset: Liquibase undoes "
                    + String.join(" and ", staying) + " by itself"
                    : "Write in " + emptyRollback(changeSet) + " the undo of what stays (" + String.join("; ", undoing)
                            + "), and of the rest if it needs undoing";
        }
    }

    /**
     * The empty rollback block of this changeset over work that would stay: changes Liquibase
     * undoes by itself (addColumn, createTable, createIndex, renameColumn ...) that no later
     * change of the changeset undoes already (a scratch table made, filled and dropped leaves
     * nothing). Empty where the block holds anything, or is not there, or nothing would stay.
     */
    public static java.util.Optional<EmptyRollback> emptyOver(Migrations migrations, ChangeSet changeSet) {
        Database database = migrations.database();
        if (!hasEmptyBlock(changeSet)) {
            return java.util.Optional.empty();
        }
        List<liquibase.change.Change> changes = changeSet.getChanges().stream()
                .filter(change -> !(change instanceof liquibase.change.core.EmptyChange || change instanceof liquibase.change.core.TagDatabaseChange
                        || change instanceof liquibase.change.core.OutputChange)).toList();
        List<String> staying = new java.util.ArrayList<>();
        List<String> undoing = new java.util.ArrayList<>();
        boolean undoesAll = !changes.isEmpty();
        for (int i = 0; i < changes.size(); i++) {
            liquibase.change.Change change = changes.get(i);
            if (!migrations.inScope(() -> change.supportsRollback(database))) {
                undoesAll = false;
                continue;
            }
            String undo = undoneLater(change, changes.subList(i + 1, changes.size()));
            if (undo != null) {
                staying.add(changeName(change));
                undoing.add(undo);
            }
        }
        return staying.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new EmptyRollback(staying.stream().distinct().toList(), undoing, undoesAll));
    }

    /** What undoes this change, where none of the changes after it does already (null where one does). */
    private static String undoneLater(liquibase.change.Change change, List<liquibase.change.Change> after) {
        if (change instanceof liquibase.change.core.AddColumnChange add) {
            List<String> kept = add.getColumns().stream().map(liquibase.change.ColumnConfig::getName)
                    .filter(column -> !droppedLater(add.getTableName(), column, after)).toList();
            return kept.isEmpty() ? null : "a dropColumn of " + kept.stream().map(column -> add.getTableName() + "." + column)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (change instanceof liquibase.change.core.CreateTableChange create) {
            return droppedLater(create.getTableName(), null, after) ? null : "a dropTable of " + create.getTableName();
        }
        if (change instanceof liquibase.change.core.CreateIndexChange index) {
            boolean dropped = droppedLater(index.getTableName(), null, after) || after.stream().anyMatch(later ->
                    later instanceof liquibase.change.core.DropIndexChange drop && drop.getIndexName().equalsIgnoreCase(index.getIndexName()));
            return dropped ? null : "a dropIndex of " + index.getIndexName();
        }
        return "the undo of its " + changeName(change);
    }

    /**
     * Whether a later change drops the table, or this column of it (column null: the table alone),
     * by Liquibase's dropTable or dropColumn or in SQL (SqlDrops): then nothing of it stays.
     */
    private static boolean droppedLater(String table, String column, List<liquibase.change.Change> after) {
        return after.stream().anyMatch(later -> later instanceof liquibase.change.core.DropTableChange dropTable && dropTable.getTableName().equalsIgnoreCase(table)
                || column != null && later instanceof liquibase.change.core.DropColumnChange dropColumn && dropColumn.getTableName().equalsIgnoreCase(table)
                        && NativeAlterTable.DropColumn.columnNames(dropColumn).stream().anyMatch(column::equalsIgnoreCase)
                || SqlDrops.dropped(later).stream().anyMatch(gone -> gone.table().equalsIgnoreCase(table)
                        && (gone.isTable() || column != null && column.equalsIgnoreCase(gone.column()))));
    }

    /**
     * Whether the changeset has a rollback block with nothing in it (rollback: [], <rollback/>, a
     * bare --rollback): Liquibase reads it as one empty change, and undoes nothing.
     */
    public static boolean hasEmptyBlock(ChangeSet changeSet) {
        List<liquibase.change.Change> rollback = changeSet.getRollback().getChanges();
        return !rollback.isEmpty() && rollback.stream().allMatch(liquibase.change.core.EmptyChange.class::isInstance);
    }

    /** A change's name as a changelog writes it (addColumn). */
    private static String changeName(liquibase.change.Change change) {
        return Scope.getCurrentScope().getSingleton(ChangeFactory.class).getChangeMetaData(change).getName();
    }

    /** An empty rollback block as the changeset's file writes it: YAML's rollback: [], XML's <rollback/>, formatted SQL's bare --rollback. */
    public static String emptyRollback(ChangeSet changeSet) {
        return inItsFormat(changeSet, "rollback: []", "<rollback/>", "--rollback");
    }

    /** Where a rollback goes, in the changelog's own format: a YAML rollback: block, XML's <rollback>, formatted SQL's --rollback lines. */
    private static String rollbackBlockIn(ChangeSet changeSet) {
        return inItsFormat(changeSet, "a rollback: block in that changeset", "a <rollback> element in that changeSet",
                "--rollback lines under that changeset's SQL (--rollback ALTER TABLE ...;)");
    }

    /** One of three words, by the format of the file the changeset is read from: YAML (or JSON), XML, formatted SQL. */
    private static String inItsFormat(ChangeSet changeSet, String yaml, String xml, String sql) {
        String file = RepeatedChangeSet.physical(changeSet).toLowerCase(java.util.Locale.ROOT);
        return file.endsWith(".xml") ? xml : file.endsWith(".sql") ? sql : yaml;
    }

    /**
     * Said before a rollback of changesets that dropped a column or a table, or deleted rows, by a
     * rollback written by hand: it brings back what the rollback writes (a column empty, rows
     * it names), not what was lost; the copy 05_upgrade kept has that. Nothing where none did.
     */
    public static void sayValuesNotBroughtBack(Migrations migrations, List<ChangeSet> rollingBack) {
        List<String> ids = rollingBack.stream().filter(ChangeSet::hasCustomRollbackChanges)
                .filter(changeSet -> !hasEmptyBlock(changeSet)) // an empty block brings nothing back, and says so by being empty
                .filter(RollbackBlocks::droppedData)
                .map(ChangeSet::getId).toList();
        if (!ids.isEmpty()) {
            Console.say(String.join(", ", ids) + (ids.size() == 1 ? " dropped or deleted data when it ran." : " dropped or deleted data when they ran.")
                    + valuesDropped(migrations.project()));
            Console.blank();
        }
    }

    /**
     * Said before a rollback of changesets whose rollback block is there and empty over an update
     * (revision's template, left as it was): Liquibase runs nothing for it, and the values the
     * update set stay. Not refused, as an empty block over data may be meant (nothing to put back);
     * lint says RB103 before.
     */
    public static void sayEmptyOverData(List<ChangeSet> rollingBack) {
        for (ChangeSet changeSet : rollingBack) {
            List<String> set = hasEmptyBlock(changeSet) ? Overwrites.ofAll(changeSet.getChanges()).stream()
                    .map(update -> update.table() + "." + update.column()).distinct().toList() : List.of();
            if (!set.isEmpty()) {
                Console.say(changeSet.getId() + " has an empty rollback block (" + emptyRollback(changeSet) + "), which tells Liquibase there is "
                        + "nothing to undo: rolled back, the values its update set in " + String.join(", ", set) + " stay as they are. If they "
                        + "need putting back, write in that block the update that does it (./jbang lint says RB103).");
                Console.blank();
            }
        }
    }

    /**
     * Said after a rollback, where what the changesets rolled back add is still there as it was:
     * their rollback blocks, written by hand, undo none of it (a SELECT 1, a DROP INDEX in a
     * comment), and Liquibase took their records all the same, so the next upgrade would fail on
     * it. The ways back to a database and a record that agree, on the database the step worked on:
     * recording them again (only where nothing else is pending, as changelog-sync records every
     * pending changeset) and rolling back once more after the mend, or dropping it by hand.
     */
    public static void sayLeftBehind(Project project, LibraryDatabase library, List<ChangeSet> rolledBack, List<ChangeSet> stillApplied,
                                     Schema before, Schema after, boolean othersPending) {
        List<AppliedButAbsent> left = AppliedButAbsent.leftBehind(rolledBack, stillApplied, before, after);
        if (left.isEmpty()) {
            return;
        }
        String what = String.join(", ", left.stream().map(AppliedButAbsent::what).toList());
        List<String> ids = left.stream().map(AppliedButAbsent::id).distinct().toList();
        List<String> drops = left.stream().map(AppliedButAbsent::dropByHand).toList();
        Console.blank();
        Console.say(Console.yellow("The rollback left " + what + " in " + library.name() + ": the rollback " + (ids.size() == 1 ? "block of " : "blocks of ")
                + String.join(" and ", ids)
                + ", written by hand, " + (ids.size() == 1 ? "does not take out what the changeset adds" : "do not take out what they add") + ". Liquibase took "
                + (ids.size() == 1 ? "the record" : "the records") + " away all the same, so 05_upgrade would now fail adding "
                + (left.size() == 1 ? "it" : "them") + " again."));
        String mend = (ids.size() == 1 ? "Mend that rollback block first (it must take out what the changeset adds: "
                : "Mend those rollback blocks first (they must take out what the changesets add: ") + String.join("; ", drops) + ")";
        String byHand = drops.stream().map(drop -> "  " + CommandLine.inExplore(project, drop)).collect(java.util.stream.Collectors.joining("\n"));
        // changelog-sync would record other pending changesets too, as applied without running them; and one rolled back for real.
        if (othersPending || !AppliedButAbsent.undidNone(rolledBack, left)) {
            Console.say(mend + ", then take " + (left.size() == 1 ? "it" : "them") + " out by hand, so that 05_upgrade applies "
                    + (rolledBack.size() == 1 ? "the changeset" : "the changesets") + " anew:\n" + byHand);
            return;
        }
        String count = rolledBack.size() == 1 ? "" : " " + rolledBack.size();
        Console.say(mend + ", then either record " + (rolledBack.size() == 1 ? "the changeset" : "them") + " as applied again, as "
                + library.name() + " " + (rolledBack.size() == 1 ? "has it" : "has them") + ", and roll back once more:\n"
                + "  " + CommandLine.liquibaseOnSameDatabase(project, "changelog-sync") + "\n"
                + "  " + CommandLine.onSameDatabase(project, "steps/07_rollback.java" + count) + "\n"
                + "or take " + (left.size() == 1 ? "it" : "them") + " out by hand, so that 05_upgrade applies " + (rolledBack.size() == 1 ? "the changeset" : "the changesets")
                + " anew:\n" + byHand);
    }

    /**
     * Whether this changeset's rollback block, run on SQLite, leaves the index dropped: a dropIndex
     * of it, or an sql DROP INDEX of it as a statement (not in a comment, not a value in quotes),
     * not made again after (a CREATE INDEX, a createIndex of the same name), and not in an sql
     * change for another database (dbms: postgresql).
     */
    public static boolean dropsIndex(ChangeSet changeSet, String index) {
        boolean dropped = false;
        for (liquibase.change.Change change : changeSet.getRollback().getChanges()) {
            if (change instanceof liquibase.change.core.DropIndexChange drop && index.equalsIgnoreCase(drop.getIndexName())) {
                dropped = true;
            } else if (change instanceof liquibase.change.core.CreateIndexChange create && index.equalsIgnoreCase(create.getIndexName())) {
                dropped = false;
            } else if (!(change instanceof liquibase.change.AbstractSQLChange sql)
                    || liquibase.database.DatabaseList.definitionMatches(sql.getDbms(), "sqlite", true)) {
                for (liquibase.change.Change piece : SqlText.pieces(change)) {
                    String statement = SqlText.of(piece);
                    java.util.regex.Matcher drop = DROP_INDEX.matcher(statement == null ? "" : statement);
                    if (drop.find() && SqlText.name(drop.group(1)).equalsIgnoreCase(index)) {
                        dropped = true;
                    } else if (SqlAdds.of(piece).stream().anyMatch(add -> add.index() && add.name().equalsIgnoreCase(index))) {
                        dropped = false;
                    }
                }
            }
        }
        return dropped;
    }

    private static final java.util.regex.Pattern DROP_INDEX = java.util.regex.Pattern.compile("(?is)^DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?"
            + SqlText.NAME);

    /**
     * Whether the changeset, when it ran, deleted rows or dropped a column or a table it had not
     * copied first (read from the changes alone, library.db having moved on since): Liquibase's
     * drops of what the changeset did not copy out (ColumnsMadeHere), its delete, and SQL's DROP
     * and DELETE where no UPDATE or INSERT ... SELECT of the same changeset may have copied them
     * (fix-2's way, and a rebuild by hand, lose nothing).
     */
    private static boolean droppedData(ChangeSet changeSet) {
        ColumnsMadeHere madeHere = new ColumnsMadeHere();
        boolean copiesBySql = changeSet.getChanges().stream().map(SqlText::of).filter(java.util.Objects::nonNull)
                .flatMap(sql -> SqlText.statements(sql).stream())
                .anyMatch(statement -> statement.matches("(?is)^(UPDATE|INSERT\\s+INTO\\s+.*\\bSELECT)\\b.*"));
        for (liquibase.change.Change change : changeSet.getChanges()) {
            if (change instanceof liquibase.change.core.DropColumnChange drop && NativeAlterTable.DropColumn.columnNames(drop).stream()
                    .anyMatch(column -> madeHere.valuesLostByDropping(drop.getTableName(), column) != null)
                    || change instanceof liquibase.change.core.DropTableChange || SqlDrops.deletesRows(change)
                    || !copiesBySql && !SqlDrops.dropped(change).isEmpty()) {
                return true;
            }
            madeHere.note(change);
        }
        return false;
    }

    /**
     * A rollback of a drop brings the column or table back, not what it held: the copy 05_upgrade
     * kept before it dropped values (under .reset/, the newest named) has them, database and all.
     */
    private static String valuesDropped(Project project) {
        String said = "\nA rollback brings back the column or table, not the values it held";
        if (project.databaseFile() == null) {
            return said + ": on a server, only a backup made before that upgrade has them.";
        }
        String db = CommandLine.databaseName(project);
        String newest = SetAside.newestKept(project, SetAside.keptAs(project, project.databaseFile()), SetAside.BEFORE_UPGRADE, null)
                .map(project::relative).orElse(null);
        return said + ": 05_upgrade kept a copy of " + db + " before an upgrade dropped values" + (newest == null
                ? " (none is kept here, under .reset/)." : ", the newest " + newest + ": copied back (cp " + CommandLine.quoted(newest)
                + " " + CommandLine.quoted(db) + ") it undoes that upgrade, values and all.");
    }
}
