package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.lesson.CommandLine;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * A column ("books.genre"), table ("the table reviews") or index ("the index ix_books_genre") that an applied changeset adds and
 * library.db lacks, with the SQL that takes it out by hand where a rollback left it (DROP INDEX, DROP TABLE, ALTER TABLE ...
 * DROP COLUMN): Liquibase's record and the database disagree, which Liquibase itself never checks.
 * 05_upgrade and drift say so instead of sending the learner to autogenerate it again;
 * 07_rollback and roundtrip say so instead of running a rollback that would fail.
 */
public record AppliedButAbsent(String id, String what, String dropByHand) {

    /** A column an applied changeset adds, with the SQL that takes it out by hand. */
    static AppliedButAbsent ofColumn(String id, String table, String column) {
        return new AppliedButAbsent(id, table + "." + column, "ALTER TABLE " + table + " DROP COLUMN " + column);
    }

    /** An index an applied changeset makes. */
    static AppliedButAbsent ofIndex(String id, String name) {
        return new AppliedButAbsent(id, "the index " + name, "DROP INDEX " + name);
    }

    /** A table an applied changeset makes. */
    static AppliedButAbsent ofTable(String id, String name) {
        return new AppliedButAbsent(id, "the table " + name, "DROP TABLE " + name);
    }

    /** "adds books.genre, which library.db does not have, though it records 0001-1 as applied (...)": why its rollback cannot run. */
    public String recordDisagrees(String database) {
        return "adds " + what + ", which " + database + " does not have, though it records " + id
                + " as applied (changelog-sync records without running; or it was undone by hand)";
    }

    /** "library.db records 0001-1 as applied, but does not have books.genre, which it adds: recorded without running (...), or undone by hand since". */
    public String disagreement(String database) {
        return database + " records " + id + " as applied, but does not have " + what + ", which it adds: recorded "
                + "without running (changelog-sync does that), or undone by hand since";
    }

    /**
     * Autogenerate refuses while the record and the database disagree on what the models have: it
     * would write that column (or table, or index) a second time, and every new database made
     * from the changelog would fail on the duplicate.
     */
    public static void refuseAutogenerate(Migrations migrations, LibraryDatabase library, Schema schema, List<tutorial.database.Table> models) {
        List<AppliedButAbsent> absent = amongMissing(migrations, library, schema.missingWithIndexesFrom(models));
        if (!absent.isEmpty()) {
            throw new LessonError(absent.get(0).disagreement(library.name()) + ". Autogenerate would add it a second time. Nothing was written.",
                    takeBackRecord(migrations.project(), absent.get(0).id()));
        }
    }

    /**
     * What these applied changesets add that library.db does not have: the record and the database
     * disagree. changelog-sync records a changeset as applied without running it (as EXECUTED, like
     * any other), so run where the database lacks its changes it leaves just this; so does a column
     * dropped by hand. Autogenerate would add it a second time, and the changeset's rollback fails.
     */
    public static List<AppliedButAbsent> of(Migrations migrations, LibraryDatabase library, List<RanChangeSet> ran) {
        return of(migrations, library, ran, false);
    }

    /**
     * The same for changesets changelog-sync just recorded, what their SQL adds included (an sql change's ADD COLUMN), but for what
     * an SQL table rebuild makes under a passing name (a table, or a column of a table, that library.db does not have at all:
     * books_new, renamed to books at the end): those are no disagreement.
     */
    public static List<AppliedButAbsent> ofSynced(Migrations migrations, LibraryDatabase library, List<RanChangeSet> recorded) {
        List<AppliedButAbsent> byChangeTypes = of(migrations, library, recorded, false);
        List<AppliedButAbsent> absent = new ArrayList<>(byChangeTypes);
        for (AppliedButAbsent bySql : of(migrations, library, recorded, true)) {
            boolean passing = bySql.what().startsWith("the table ") || (!bySql.what().startsWith("the index ")
                    && library.columnNames(bySql.what().substring(0, bySql.what().indexOf('.'))).isEmpty());
            if (!byChangeTypes.contains(bySql) && !passing) {
                absent.add(bySql);
            }
        }
        return absent;
    }

    /** The same; with readSql, what their SQL adds too (ALTER TABLE books ADD COLUMN shelf TEXT). */
    private static List<AppliedButAbsent> of(Migrations migrations, LibraryDatabase library, List<RanChangeSet> ran, boolean readSql) {
        List<ChangeSet> changeSets;
        try {
            changeSets = migrations.changeSetsOf(ran);
        } catch (LessonError unreadable) {
            return List.of(); // the step says what is wrong with the changelog
        }
        Map<String, AppliedButAbsent> added = added(changeSets, readSql);
        List<AppliedButAbsent> absent = new ArrayList<>();
        added.forEach((name, what) -> {
            // An index is looked for in SQLite's own list (a server's are not read here).
            if (!(name.startsWith(INDEX) && !library.isSqlite()) && !isThere(library, name)) {
                absent.add(what);
            }
        });
        return absent;
    }

    /**
     * What these changesets, just rolled back, add and the rollback left exactly as it was: a
     * rollback block written by hand that does not undo them (SELECT 1, a DROP INDEX in a comment).
     * Liquibase took their records all the same, so the next upgrade fails on what is there. Each
     * judged from the schema before and after the rollback, so that one the rollback makes anew
     * (fix-2's isbn, back to a string) is not counted; their SQL read too, but for what it makes
     * only IF NOT EXISTS (left, it fails no upgrade). What a changeset still applied adds is that one's. Indexes first: SQLite drops no column an index is on.
     * Empty off SQLite (the schema is read with its PRAGMAs).
     */
    public static List<AppliedButAbsent> leftBehind(List<ChangeSet> rolledBack, List<ChangeSet> stillApplied, Schema before, Schema after) {
        if (!before.available() || !after.available()) {
            return List.of();
        }
        java.util.Set<String> theirs = added(stillApplied, true).keySet();
        List<AppliedButAbsent> indexes = new ArrayList<>();
        List<AppliedButAbsent> others = new ArrayList<>();
        added(rolledBack, true).forEach((name, what) -> {
            Object was = shape(before, name);
            if (!theirs.contains(name) && was != null && was.equals(shape(after, name))) {
                (name.startsWith(INDEX) ? indexes : others).add(what);
            }
        });
        indexes.addAll(others);
        return indexes;
    }

    /**
     * Whether the rollback undid none of what these changesets add, each of them adding something:
     * recorded again as applied (changelog-sync), library.db and the record then agree. Where one
     * undid something (a column really dropped), or changed data only, recording it again would say
     * what library.db does not have.
     */
    public static boolean undidNone(List<ChangeSet> rolledBack, List<AppliedButAbsent> left) {
        java.util.Set<String> leftBy = new java.util.HashSet<>(left.stream().map(AppliedButAbsent::id).toList());
        return added(rolledBack, true).size() == left.size() && rolledBack.stream().allMatch(changeSet -> leftBy.contains(changeSet.getId()));
    }

    /** A column's, table's or index's shape in this schema (a key of added's), to compare: null where it is not there. */
    private static Object shape(Schema schema, String name) {
        if (name.startsWith(INDEX)) {
            return schema.tables().values().stream().flatMap(table -> table.indexes().stream())
                    .filter(index -> index.name().equalsIgnoreCase(name.substring(INDEX.length()))).findFirst().orElse(null);
        }
        String[] tableAndColumn = name.split("\\.", 2);
        Schema.TableShape table = schema.tables().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(tableAndColumn[0]))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        if (table == null || tableAndColumn[1].isEmpty()) {
            return table == null ? null : table.columns();
        }
        return table.columns().stream().filter(column -> column.name().equalsIgnoreCase(tableAndColumn[1])).findFirst().orElse(null);
    }

    /** Whether library.db has this column, table or index (a key of added's). */
    private static boolean isThere(LibraryDatabase library, String name) {
        if (name.startsWith(INDEX)) {
            return library.countIfThere("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND lower(name) = '"
                    + name.substring(INDEX.length()).replace("'", "''") + "'") > 0;
        }
        String[] tableAndColumn = name.split("\\.", 2);
        List<String> columns = library.columnNames(tableAndColumn[0]);
        return tableAndColumn[1].isEmpty() ? !columns.isEmpty() : columns.stream().anyMatch(tableAndColumn[1]::equalsIgnoreCase);
    }

    /**
     * What these changesets add and nothing later among them takes away again (a column added,
     * then renamed or dropped, as fix-2 does), keyed by name; with readSql, what their SQL adds too.
     */
    private static Map<String, AppliedButAbsent> added(List<ChangeSet> changeSets, boolean readSql) {
        Map<String, AppliedButAbsent> added = new java.util.LinkedHashMap<>();
        for (ChangeSet changeSet : changeSets) {
            for (var change : changeSet.getChanges()) {
                if (change instanceof AddColumnChange add) {
                    add.getColumns().forEach(column -> added.put(key(add.getTableName(), column.getName()),
                            ofColumn(changeSet.getId(), add.getTableName(), column.getName())));
                } else if (change instanceof CreateIndexChange index) {
                    added.put(INDEX + index.getIndexName().toLowerCase(java.util.Locale.ROOT),
                            ofIndex(changeSet.getId(), index.getIndexName()));
                } else if (change instanceof DropIndexChange drop) {
                    added.remove(INDEX + drop.getIndexName().toLowerCase(java.util.Locale.ROOT));
                } else if (change instanceof CreateTableChange create) {
                    added.put(key(create.getTableName(), null), ofTable(changeSet.getId(), create.getTableName()));
                } else if (change instanceof DropColumnChange drop) {
                    NativeAlterTable.DropColumn.columnNames(drop).forEach(column -> added.remove(key(drop.getTableName(), column)));
                } else if (change instanceof RenameColumnChange rename) {
                    added.remove(key(rename.getTableName(), rename.getOldColumnName()));
                } else if (change instanceof DropTableChange drop) {
                    added.keySet().removeIf(name -> name.startsWith(key(drop.getTableName(), null)));
                } else if (change instanceof RenameTableChange rename) {
                    added.keySet().removeIf(name -> name.startsWith(key(rename.getOldTableName(), null)));
                } else {
                    for (Change piece : SqlText.pieces(change)) { // statement by statement: what one adds, a later one may drop
                        String text = SqlText.of(piece);
                        // Made only where it was not there: left behind, it fails no upgrade, and it may be an earlier one's.
                        boolean ifNotThere = text != null && text.matches("(?is).*\\bIF\\s+NOT\\s+EXISTS\\b.*");
                        for (SqlAdds.Add add : readSql && !ifNotThere ? SqlAdds.of(piece) : List.<SqlAdds.Add>of()) {
                            added.put(add.index() ? INDEX + add.name().toLowerCase(java.util.Locale.ROOT) : key(add.table(), add.name()),
                                    add.index() ? ofIndex(changeSet.getId(), add.name()) : add.name() == null ? ofTable(changeSet.getId(), add.table())
                                            : ofColumn(changeSet.getId(), add.table(), add.name()));
                        }
                        for (SqlDrops.Drop drop : SqlDrops.dropped(piece)) { // a drop written in SQL takes it away as well
                            if (drop.column() != null) {
                                added.remove(key(drop.table(), drop.column()));
                            } else {
                                added.keySet().removeIf(name -> name.startsWith(key(drop.table(), null)));
                            }
                        }
                    }
                }
            }
        }
        return added;
    }

    /**
     * The same, for what the models have and library.db lacks ("books.genre", "the index
     * ix_books_genre", as Schema.missingFrom and indexesMissingFrom name them): what 05_upgrade and
     * drift would otherwise send to autogenerate. What their SQL adds counts here (a column added by an sql change, recorded by
     * changelog-sync without running, was sent to autogenerate, which wrote it a second time): only what the models have is
     * looked for, so a table an SQL rebuild makes and renames (books_new) is never taken for one missing.
     */
    public static List<AppliedButAbsent> amongMissing(Migrations migrations, LibraryDatabase library, List<String> missing) {
        if (missing.isEmpty()) {
            return List.of();
        }
        return of(migrations, library, migrations.applied(), true).stream()
                .filter(absent -> missing.stream().anyMatch(absent.what()::equalsIgnoreCase)).toList();
    }

    /** The key of an index, which no table's key can be (a table name has no colon). */
    private static final String INDEX = "index:";

    /** "books.genre", or "books." for the table itself: lower case, as SQLite matches names. */
    private static String key(String table, String column) {
        return (table + "." + (column == null ? "" : column)).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The way out of an applied changeset whose changes the database does not have: take back its
     * record alone (Liquibase has no command that does only that), then apply it for real; both on
     * the database this run works on (--url kept).
     */
    public static String takeBackRecord(Project project, String id) {
        return takeBackRecords(project, List.of(id));
    }

    /** The same for several, in one statement ("WHERE ID IN ('a', 'b')"). */
    public static String takeBackRecords(Project project, List<String> ids) {
        List<String> quoted = ids.stream().distinct().map(id -> "'" + id.replace("'", "''") + "'").toList();
        boolean one = quoted.size() == 1;
        return "If " + CommandLine.databaseName(project) + " never had what " + (one ? "it does, take back its record" : "they do, take back their records")
                + " alone, then apply " + (one ? "it" : "them") + " for real:\n"
                + "  " + CommandLine.inExplore(project, "DELETE FROM DATABASECHANGELOG WHERE ID " + (one ? "= " + quoted.get(0) : "IN (" + String.join(", ", quoted) + ")"))
                + "\n  " + CommandLine.onSameDatabase(project, "steps/05_upgrade.java");
    }
}
