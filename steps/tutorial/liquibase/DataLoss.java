package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;
import tutorial.project.SetAside;

/**
 * What a migration is about to throw away, said before it runs, with a copy of library.db kept
 * first. An upgrade that drops a column or a table takes its data with it (break-1's proposal
 * drops the column added by hand: the lesson says not to apply it, and a learner may all the
 * same). Liquibase's automatic rollback of an addColumn drops the column, and of a createTable
 * drops the table, with whatever data they hold by now; an update, applied or in a hand-written
 * rollback, overwrites the values a column holds now (alter-2's over a learner's own genres, its
 * rollback's NULL over every genre: Overwrites). The
 * migration may be just what the learner wants, so the step goes on; but the learner should
 * not find out afterwards, and can always go back: the copy under .reset/ is library.db as it
 * was. On a server, whose database is no file to copy, the step stops instead unless told to go ahead.
 */
public final class DataLoss {

    private DataLoss() {
    }

    /** One line per column or table with data in it that applying these changesets (in changelog order) drops. */
    public static List<String> ofUpgrading(Migrations migrations, LibraryDatabase library, List<ChangeSet> pending) {
        return ofUpgrading(migrations, library, pending, new ArrayList<>());
    }

    /**
     * Values a changeset's CAST changes, as stored before it ran and as they come out (books.isbn's '978-0-13-468599-1', which
     * becomes 978): once it has run, library.db holds only what came out, and what went in is known from here alone
     * (ValuesLostNote keeps it).
     */
    public record Cut(String changeSetId, String author, String table, String column, List<String[]> beforeAndAfter) {
    }

    /** The same, and the values each CAST would change, in cuts. */
    public static List<String> ofUpgrading(Migrations migrations, LibraryDatabase library, List<ChangeSet> pending, List<Cut> cuts) {
        List<String> lines = new ArrayList<>();
        Renames renames = new Renames(); // a table or column an earlier changeset renames is counted under its name now
        Overwritten overwritten = new Overwritten();
        for (ChangeSet changeSet : pending) {
            boolean guarded = guarded(changeSet);
            // One its preconditions may stop overwrites nothing for certain: a later drop still counts those values.
            List<String> losses = ofChanges(library, runningOn(changeSet, changeSet.getChanges(), migrations.database().getShortName()),
                    "Applying " + changeSet.getId(), renames, guarded ? new Overwritten() : overwritten, cast -> cuts.add(new Cut(changeSet.getId(),
                            changeSet.getAuthor(), cast.table(), cast.column(), cast.cut(library))));
            // fix-2's reference solution: its precondition stops it while a value would not come through the CAST whole.
            losses.forEach(line -> lines.add(guarded ? line.substring(0, line.length() - 1) + ", unless its preconditions stop it first." : line));
        }
        return lines;
    }

    /** Whether the changeset has preconditions: they run before its changes, and may stop it (fix-2's reference solution). */
    static boolean guarded(ChangeSet changeSet) {
        return changeSet.getPreconditions() != null && !changeSet.getPreconditions().getNestedPreconditions().isEmpty();
    }

    /**
     * The changes that run on this database: none where the changeset is ignored (ignore: true) or
     * names other databases (dbms), and no sql change that names others. What does not run loses nothing.
     */
    static List<Change> runningOn(ChangeSet changeSet, List<Change> changes, String dbms) {
        if (changeSet.isIgnore() || !liquibase.database.DatabaseList.definitionMatches(changeSet.getDbmsSet(), dbms, true)) {
            return List.of();
        }
        return changes.stream().filter(change -> !(change instanceof liquibase.change.DbmsTargetedChange targeted)
                || liquibase.database.DatabaseList.definitionMatches(targeted.getDbms(), dbms, true)).toList();
    }

    /** What these changes, in order, drop that holds data now: a column, a table, rows (in Liquibase's changes or in SQL). */
    private static List<String> ofChanges(LibraryDatabase library, List<Change> changes, String doing, Renames renames,
            Overwritten overwritten, java.util.function.Consumer<CastCopy> cut) {
        List<String> lines = new ArrayList<>();
        ColumnsMadeHere madeHere = new ColumnsMadeHere(); // a column renamed aside in the changeset holds the old name's values
        SqlDrops sqlDrops = new SqlDrops(library, renames); // what its SQL, run as written, drops
        for (Change change : changes) {
            for (Change piece : SqlText.pieces(change)) { // SQL statement by statement: a rename is noted before what follows it
                for (Overwrites set : Overwrites.of(piece)) {
                    Overwrites now = set.in(renames);
                    long rows = madeHere.made(set.table(), set.column()) ? 0 : now.rows(library); // one made here holds nothing yet
                    if (rows > 0) {
                        lines.add(set.said(doing, rows, Renames.said(set.table(), set.column(), now.table(), now.column())));
                        overwritten.add(now.table(), now.column(), rows);
                    }
                }
                sqlDrops.of(piece).forEach(drop -> drops(lines, doing, library, drop, overwritten, cut));
                String uncounted = SqlText.uncounted(piece);
                if (uncounted != null) { // may lose values: said, and a copy kept, though how many cannot be read here
                    lines.add(doing + " runs " + uncounted + ", which may change or remove rows: what it does to them is not counted here.");
                }
            }
            if (change instanceof DropColumnChange drop) {
                String table = drop.getTableName();
                for (String column : NativeAlterTable.DropColumn.columnNames(drop)) {
                    String valuesOf = madeHere.valuesLostByDropping(table, column);
                    if (valuesOf == null) { // copied out first: whole, unless through a CAST that changes some
                        madeHere.castBeforeDropping(table, column, renames).ifPresent(cast -> changedByCast(lines, doing, library, cast, cut));
                    } else if (valuesOf.equals(column)) {
                        dropsColumn(lines, doing, library, table, column, renames.table(table), renames.column(table, column), overwritten);
                    } else {
                        long values = overwritten.left(library, renames.table(table), renames.column(table, column));
                        if (values > 0) {
                            lines.add(doing + " drops " + drop.getTableName() + "." + column + " (" + drop.getTableName() + "." + valuesOf
                                    + ", renamed earlier in that changeset), which holds " + values + (values == 1 ? " value." : " values."));
                        }
                    }
                }
            }
            madeHere.note(change); // (a dropTable is SqlDrops', above)
            renames.note(change);
        }
        return lines;
    }

    /** The columns these changesets drop, "books.isbn" (in Liquibase's changes or in SQL): what the models may still declare after. */
    public static List<String> columnsDroppedBy(List<ChangeSet> changeSets) {
        List<String> dropped = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof DropColumnChange drop) {
                    NativeAlterTable.DropColumn.columnNames(drop).forEach(column -> dropped.add(drop.getTableName() + "." + column));
                }
                SqlDrops.dropped(change).stream().filter(drop -> drop.column() != null).forEach(drop -> dropped.add(drop.table() + "." + drop.column()));
            }
        }
        return dropped;
    }

    /** Says what is about to be lost, before anything runs (a preview too). */
    public static void say(List<String> losses) {
        if (!losses.isEmpty()) {
            losses.forEach(Console::say);
            Console.blank();
        }
    }

    /**
     * When something is about to be lost, copies library.db as it is now under .reset/ (SQLite's
     * VACUUM INTO: a whole, consistent copy) and says where, and how to put it back. A database on
     * a server is no file to copy: there the step stops before anything runs, unless the learner
     * has said to go ahead (--accept-loss), having backed up what matters. Returns the copy's path
     * (relative to the project), null where none was kept.
     */
    public static String keepCopy(Project project, LibraryDatabase library, List<String> losses, String undone, boolean acceptLoss) {
        if (losses.isEmpty()) {
            return null;
        }
        if (!library.isSqlite()) {
            if (!acceptLoss) {
                throw new LessonError(library.name() + " is on a server, where this step cannot keep a copy first: what is said above "
                        + "would be gone for good." + Failures.NOTHING_CHANGED,
                        "If those values matter, back them up first (pg_dump, say). Then run the same command again with --accept-loss.");
            }
            Console.say("--accept-loss: going ahead with no copy kept.");
            Console.blank();
            return null;
        }
        return copyKept(project, library, undone);
    }

    /**
     * Copies library.db (a file: SQLite) as it is now under .reset/, says where and how to put it
     * back, and returns the copy's path (relative to the project). keepCopy's work once something
     * is about to be lost; the liquibase alias's before any command that changes the database.
     */
    public static String copyKept(Project project, LibraryDatabase library, String undone) {
        String copy = project.relative(SetAside.copyDatabase(project, library, undone));
        Console.say("A copy of " + library.name() + " as it is now is kept in " + copy + ": copy it back to undo " + undone
                + " (" + CommandLine.fromProjectFolder(project, "cp " + CommandLine.quoted(copy) + " " + CommandLine.quoted(library.name())) + ").");
        Console.blank();
        return copy;
    }

    /** One line per column or table with data in it that rolling back these changesets (newest first) drops. */
    public static List<String> ofRollingBack(Migrations migrations, LibraryDatabase library, List<RanChangeSet> newestFirst) {
        List<String> lines = new ArrayList<>();
        DatabaseChangeLog changelog;
        try {
            changelog = migrations.changelogAsLastRead(); // as 07_rollback's validation read it
        } catch (LessonError unreadable) {
            return lines; // the rollback itself will say what is wrong with the changelog
        }
        Renames renames = new Renames(); // a rollback that renames back: the older ones name it as it was
        Overwritten overwritten = new Overwritten(); // alter-2's rollback sets the genres to NULL: dropping genre after loses no more
        for (RanChangeSet ran : newestFirst) {
            ChangeSet changeSet = changelog.getChangeSet(ran);
            if (changeSet == null) {
                continue;
            }
            if (changeSet.hasCustomRollbackChanges()) {
                lines.addAll(ofChanges(library, runningOn(changeSet, changeSet.getRollback().getChanges(), migrations.database().getShortName()), "Rolling back " + ran.getId(),
                        renames, overwritten, cast -> { })); // what it overwrites and drops
                continue;
            }
            // Liquibase's own rollback: each change undone, the last first.
            List<Change> changes = new ArrayList<>(runningOn(changeSet, changeSet.getChanges(), migrations.database().getShortName()));
            java.util.Collections.reverse(changes);
            for (Change change : changes) {
                String rollingBack = "Rolling back " + ran.getId();
                if (change instanceof AddColumnChange add) {
                    String table = add.getTableName();
                    for (ColumnConfig column : add.getColumns()) {
                        dropsColumn(lines, rollingBack, library, table, column.getName(), renames.table(table), renames.column(table, column.getName()),
                                overwritten);
                    }
                } else if (change instanceof CreateTableChange create) {
                    dropsTable(lines, rollingBack, library, create.getTableName(), renames.table(create.getTableName()));
                }
                renames.undo(change);
            }
        }
        return lines;
    }

    /** What SQL run as written drops (SqlDrops), said as the changes Liquibase knows are. */
    private static void drops(List<String> lines, String doing, LibraryDatabase library, SqlDrops.Drop drop, Overwritten overwritten,
            java.util.function.Consumer<CastCopy> cut) {
        if (drop.reordered() != null) {
            SqlDrops.Reordered copy = drop.reordered();
            lines.add(doing + " copies the table " + drop.table() + drop.now() + " into " + copy.into() + " by position (INSERT INTO "
                    + copy.into() + " SELECT * FROM " + drop.table() + "), but " + copy.into() + " has the columns in another order ("
                    + copy.orders(drop.table()) + "): in " + copy.rows() + (copy.rows() == 1 ? " row" : " rows")
                    + ", values land in other columns, then " + drop.table() + " is dropped.");
        } else if (drop.via() != null) {
            changedByCast(lines, doing, library, drop.via(), cut);
        } else if (drop.isTable()) {
            dropsTable(lines, doing, library, drop.table(), drop.tableNow());
        } else if (!drop.isRows()) {
            dropsColumn(lines, doing, library, drop.table(), drop.column(), drop.tableNow(), drop.columnNow(), overwritten);
        } else {
            long rows = drop.lost(library);
            if (rows > 0) {
                lines.add(doing + " deletes " + rows + (rows == 1 ? " row" : " rows") + " of the table " + drop.table() + drop.now() + ".");
            }
        }
    }

    /**
     * "Applying 0006-1 copies books.isbn through CAST(isbn AS INTEGER), which changes 1 of its values
     * ('978-0-13-468599-1' becomes 978), then drops the original.", when the CAST changes any.
     */
    private static void changedByCast(List<String> lines, String doing, LibraryDatabase library, CastCopy cast,
            java.util.function.Consumer<CastCopy> cut) {
        long changed = cast.changed(library);
        if (changed > 0) {
            cut.accept(cast);
            lines.add(doing + " copies " + cast.table() + "." + cast.column() + " " + cast.how() + ", which changes " + changed
                    + " of its values (" + (changed == 1 ? "" : "the first: ") + cast.example(library) + "), then drops the original.");
        }
    }

    /**
     * "Applying 0002-1 drops books.memo, which holds 3 values.", when the column holds any, counted
     * under its name in library.db now ("books.remarks (books.notes in library.db now)").
     */
    private static void dropsColumn(List<String> lines, String doing, LibraryDatabase library, String table, String column,
            String tableNow, String columnNow, Overwritten overwritten) {
        long values = overwritten.left(library, tableNow, columnNow);
        if (values > 0) {
            lines.add(doing + " drops " + table + "." + column + Renames.said(table, column, tableNow, columnNow)
                    + ", which holds " + values + (values == 1 ? " value." : " values."));
        }
    }

    /**
     * The values an earlier change of the same run already overwrote, by column (as library.db names
     * it now), said once: a later drop of the column counts what is left (rows an earlier DELETE took are
     * not subtracted). Rolling back to base over alter-2 sets books.genre to NULL in 3
     * rows, then drops books.genre: the drop loses no more than those 3, so it is not said again.
     */
    private static final class Overwritten {
        private final java.util.Map<String, Long> rows = new java.util.HashMap<>();

        void add(String table, String column, long count) {
            rows.merge(key(table, column), count, Long::sum);
        }

        /** The values the column holds in library.db now that no earlier change of the run has been said to overwrite. */
        long left(LibraryDatabase library, String table, String column) {
            return Math.max(0, library.valuesIn(table, column) - rows.getOrDefault(key(table, column), 0L));
        }

        private static String key(String table, String column) {
            return (table + "." + column).toLowerCase(java.util.Locale.ROOT); // SQLite's names match whatever their case
        }
    }

    /** "Rolling back 0004-1 drops the table reviews, which holds 2 rows.", when the table holds any (counted as dropsColumn counts). */
    private static void dropsTable(List<String> lines, String doing, LibraryDatabase library, String table, String tableNow) {
        long rows = library.countIfThere("SELECT count(*) FROM \"" + tableNow.replace("\"", "\"\"") + "\"");
        if (rows > 0) {
            lines.add(doing + " drops the table " + table + Renames.said(table, null, tableNow, null)
                    + ", which holds " + rows + (rows == 1 ? " row." : " rows."));
        }
    }
}
