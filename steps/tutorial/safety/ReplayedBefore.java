package tutorial.safety;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import liquibase.changelog.ChangeSet;

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
 * what the changelog builds before it says what the rollback should have given back.
 */
final class ReplayedBefore {

    /** The schema the changelog builds from: the models' tables alone; then just before the changeset, and just after it. */
    record Build(DatabaseSnapshot start, DatabaseSnapshot before, DatabaseSnapshot after) {
    }

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
                fresh.createFromModels(StartingSchema.of(models, migrations.changelog()).tables());
                DatabaseSnapshot start = DatabaseSnapshot.of(fresh);
                int before = migrations.pending().indexOf(target);
                if (before < 0) {
                    return Optional.empty();
                }
                if (before > 0) {
                    migrations.updateCount(before);
                }
                DatabaseSnapshot built = DatabaseSnapshot.of(fresh);
                migrations.updateCount(1); // the changeset itself: where it cannot run on what was built, the build is not its before
                return Optional.of(new Build(start, built, DatabaseSnapshot.of(fresh)));
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
