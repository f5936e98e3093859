package tutorial.safety;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import liquibase.changelog.ChangeSet;

import tutorial.database.LessonBooks;
import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.StartingSchema;
import tutorial.project.Folders;
import tutorial.project.Project;

/**
 * The schema the changelog builds just before one of its changesets, on a fresh database: the
 * tables as 01_create makes them for the changelog (the models, less what the changesets add),
 * then every changeset before it. A round trip of an applied changeset starts from that
 * changeset's own rollback, so a rollback that rebuilds a table and leaves out an index or a
 * foreign key, which the apply then makes again, compared only with itself looked faithful:
 * what the changelog builds before it says what the rollback should have given back. So do
 * its rows (the sample books, as 01_create adds them): there the changeset is applied and
 * rolled back too, where the copy's trip starts from the values its rollback left.
 */
final class ReplayedBefore {

    /**
     * The schema the changelog builds from: the models' tables alone; then just before the changeset, and just after it.
     * rowsNotBack: what the changeset did to the sample books there that its rollback did not undo (SnapshotDiff's lines).
     */
    record Build(DatabaseSnapshot start, DatabaseSnapshot before, DatabaseSnapshot after, List<String> rowsNotBack) {
    }

    /** The digits put in a column whose type the changeset changes, on the fresh database: an ISBN's, one a book (rowid). */
    private static final long SEED = 9_780_000_000_000L;

    private ReplayedBefore() {
    }

    /**
     * The schema before target and after it, built on a throw-away database; empty where the
     * changelog cannot build them there: a changeset that needs what only the learner's database
     * has, or a start 01_create's reading of the changelog gets wrong (a column a changeset
     * renames is taken for one of the models' own, and applying that changeset then fails on
     * it). Then nothing more is said than before.
     */
    static Optional<Build> of(Project project, List<Table> models, ChangeSet target) {
        Path file = null;
        try {
            file = Folders.temporary(Files.createTempFile("replayed-before-", ".db")); // empty: SQLite takes it as a new database
            try (LibraryDatabase fresh = LibraryDatabase.openFile(file)) {
                Migrations migrations = Migrations.on(project, fresh);
                LessonBooks.createAll(fresh, StartingSchema.of(models, migrations.changelog()).tables());
                DatabaseSnapshot start = DatabaseSnapshot.of(fresh);
                int before = migrations.pending().indexOf(target);
                if (before < 0) {
                    return Optional.empty();
                }
                if (before > 0) {
                    migrations.updateCount(before);
                }
                DatabaseSnapshot built = DatabaseSnapshot.of(fresh);
                // The changeset itself: where it cannot run on what was built, the build is not its before; where Liquibase ran
                // another first (a runAlways one before it, which update-count runs again), this is not its build either.
                if (!ranAlone(migrations.updateCount(1), target)) {
                    return Optional.empty();
                }
                DatabaseSnapshot after = DatabaseSnapshot.of(fresh);
                return Optional.of(new Build(start, built, after, rowsNotBack(fresh, migrations, target, built, after)));
            }
        } catch (RuntimeException | java.io.IOException cannotBuild) {
            return Optional.empty();
        } finally {
            if (file != null) {
                for (String suffix : LibraryDatabase.FILE_SUFFIXES) {
                    try {
                        Files.deleteIfExists(Path.of(file + suffix));
                    } catch (java.io.IOException ignored) {
                        // the temporary folder's to clean
                    }
                }
                Folders.done(file);
            }
        }
    }

    /**
     * The changeset rolled back on the fresh database, and its rows compared with the build's before it: the sample books hold
     * what the changelog gave them, so a value the changeset changed and its rollback did not put back shows (an applied
     * changeset's trip on the copy starts after its rollback, from the values it left). A column whose type the changeset
     * changes is empty in the sample books: filled first with digits, as ISBNs, it shows too whether the changeset keeps the
     * values and its rollback gives them back. Only rows: the schema of the start is read from the changelog (lostByRollback).
     * Empty where the rollback cannot run here: the trip on the copy says what it does.
     */
    private static List<String> rowsNotBack(LibraryDatabase fresh, Migrations migrations, ChangeSet target, DatabaseSnapshot before,
            DatabaseSnapshot after) {
        List<String> lines = new ArrayList<>();
        try {
            migrations.rollbackCount(1);
            DatabaseSnapshot rolledBack = DatabaseSnapshot.of(fresh);
            SnapshotDiff.rowsBetween(before, rolledBack, "before", after).forEach(line -> lines.add("after its rollback, " + line));
            List<DatabaseSnapshot.ColumnPart> retyped = retyped(before, after);
            if (retyped.isEmpty() || !lines.isEmpty()) {
                return lines;
            }
            try (java.sql.Statement statement = fresh.connection().createStatement()) {
                for (DatabaseSnapshot.ColumnPart column : retyped) {
                    String digits = SEED + " + rowid";
                    statement.executeUpdate("UPDATE " + DatabaseSnapshot.quoted(column.table()) + " SET " + DatabaseSnapshot.quoted(column.name())
                            + " = " + (column.type().toUpperCase(java.util.Locale.ROOT).contains("INT") ? digits : "CAST(" + digits + " AS TEXT)"));
                }
                if (!fresh.connection().getAutoCommit()) {
                    fresh.connection().commit(); // Liquibase keeps the connection out of autocommit: its update would wait for this write
                }
            }
            DatabaseSnapshot seeded = DatabaseSnapshot.of(fresh);
            if (!ranAlone(migrations.updateCount(1), target)) {
                return lines; // its precondition stops it on the digits (or another ran): the rollback below would be another's
            }
            DatabaseSnapshot seededAfter = DatabaseSnapshot.of(fresh);
            for (DatabaseSnapshot.ColumnPart column : retyped) {
                long lost = valuesLost(seeded, seededAfter, column);
                if (lost > 0) {
                    lines.add("with it applied, " + column.table() + "." + column.name() + " lost " + lost + " of the values it held in every "
                            + "row before it (digits, put there as ISBNs): " + RoundTrip.VALUES_NOT_COPIED);
                }
            }
            migrations.rollbackCount(1);
            SnapshotDiff.rowsBetween(seeded, DatabaseSnapshot.of(fresh), "before", seededAfter)
                    .forEach(line -> lines.add("after its rollback, with those digits in, " + line));
        } catch (RuntimeException | java.sql.SQLException cannotRollBackHere) {
            // what the rollback does is the trip's to say, on the copy
        }
        return lines;
    }

    /** Whether an update ran this changeset and nothing else, none of it skipped by a precondition. */
    private static boolean ranAlone(List<Migrations.Run> runs, ChangeSet target) {
        return runs.size() == 1 && runs.get(0).id().equals(target.getId()) && runs.get(0).author().equals(target.getAuthor())
                && runs.get(0).skip() == Migrations.Skip.NONE;
    }

    /**
     * The columns, there before and after the changeset, whose type it changed between text and whole numbers (fix-2's): digits
     * come through both. Another new type (a date, a real, a boolean) converts the values itself, and digits would not pass it.
     */
    private static List<DatabaseSnapshot.ColumnPart> retyped(DatabaseSnapshot before, DatabaseSnapshot after) {
        return before.parts().values().stream().filter(DatabaseSnapshot.ColumnPart.class::isInstance).map(DatabaseSnapshot.ColumnPart.class::cast)
                .filter(column -> after.parts().get(column.key()) instanceof DatabaseSnapshot.ColumnPart now
                        && !now.type().equalsIgnoreCase(column.type()) && textOrWhole(column.type()) && textOrWhole(now.type()))
                .toList();
    }

    private static boolean textOrWhole(String type) {
        String upper = type.toUpperCase(java.util.Locale.ROOT);
        return upper.matches(".*(INT|CHAR|TEXT|CLOB).*") && !upper.matches(".*(POINT|INTERVAL).*");
    }

    /** How many rows of the column held one value before and another (or none, or no row) after, digits compared as digits. */
    private static long valuesLost(DatabaseSnapshot before, DatabaseSnapshot after, DatabaseSnapshot.ColumnPart column) {
        DatabaseSnapshot.TableRows was = before.rows().get(DatabaseSnapshot.lower(column.table()));
        DatabaseSnapshot.TableRows now = after.rows().get(DatabaseSnapshot.lower(column.table()));
        if (was == null || now == null || !was.keyed()) {
            return 0;
        }
        int at = DatabaseSnapshot.lower(was.columns()).indexOf(DatabaseSnapshot.lower(column.name()));
        int atNow = DatabaseSnapshot.lower(now.columns()).indexOf(DatabaseSnapshot.lower(column.name()));
        if (at < 0) {
            return 0;
        }
        return was.rows().entrySet().stream().filter(row -> {
            List<String> kept = now.rows().get(row.getKey());
            return kept == null || atNow < 0 || !unquoted(kept.get(atNow)).equals(unquoted(row.getValue().get(at)));
        }).count();
    }

    private static String unquoted(String literal) {
        return literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'") ? literal.substring(1, literal.length() - 1) : literal;
    }

    /**
     * What the rollback lost: each index, key or constraint (what a table rebuilt by hand leaves
     * out) the changelog builds before the changeset that is not there after its rollback, where
     * library.db with it applied agrees with the changelog's build after it: both have it (the
     * rollback lost it), or both lack it and a changeset before made it (the changeset drops it,
     * and its rollback does not give it back). Only losses, and never of a column or table, which
     * the start's reading of the changelog can get wrong (one a rebuild adds, with the models
     * following), nor of what the models alone make (a line not migrated yet is in the start, not
     * in library.db), nor of a part made by hand (in no build) or dropped by hand (library.db then
     * disagrees with the build).
     */
    static List<String> lostByRollback(Build built, DatabaseSnapshot whileApplied, DatabaseSnapshot rolledBack, String target) {
        List<String> lost = new ArrayList<>();
        java.util.Set<String> tablesLeft = new java.util.HashSet<>();
        rolledBack.parts().values().forEach(part -> tablesLeft.add(DatabaseSnapshot.lower(part.table())));
        built.before().parts().forEach((key, part) -> {
            if (part instanceof DatabaseSnapshot.ColumnPart || part instanceof DatabaseSnapshot.TablePart
                    || rolledBack.parts().containsKey(key) || !tablesLeft.contains(DatabaseSnapshot.lower(part.table()))) {
                return; // a table gone whole is said of the table, by the trip's own comparison
            }
            boolean applied = whileApplied.parts().containsKey(key);
            boolean madeByAChangeset = !built.start().parts().containsKey(key);
            if (applied ? built.after().parts().containsKey(key) : !built.after().parts().containsKey(key) && madeByAChangeset) {
                lost.add((part.standsAlone() ? part.subject() + " is gone" : part.table() + " lost " + part.described())
                        + ", which it had before " + target + " (as the changelog builds it)"
                        + (applied ? " and with " + target + " applied" : ": " + target + " drops it, and its rollback does not put it back"));
            }
        });
        return lost;
    }
}
