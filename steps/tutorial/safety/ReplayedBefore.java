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

    private ReplayedBefore() {
    }

    /**
     * The schema before target, built on a throw-away database; empty where the changelog cannot
     * build it there (a changeset that needs what only the learner's database has): then nothing
     * more is said than before.
     */
    static Optional<DatabaseSnapshot> of(Project project, List<Table> models, ChangeSet target) {
        Path file = null;
        try {
            file = Folders.temporary(Files.createTempFile("replayed-before-", ".db")); // empty: SQLite takes it as a new database
            try (LibraryDatabase fresh = LibraryDatabase.openFile(file)) {
                Migrations migrations = Migrations.on(project, fresh);
                fresh.createFromModels(StartingSchema.of(models, migrations.changelog()).tables());
                int before = migrations.pending().indexOf(target);
                if (before < 0) {
                    return Optional.empty();
                }
                if (before > 0) {
                    migrations.updateCount(before);
                }
                return Optional.of(DatabaseSnapshot.of(fresh));
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
     * What the rollback lost: each part of the schema the changeset found (in the changelog's
     * build before it) and had while applied, but not after its rollback. Only losses, and only
     * of what all three agree on before: a column added by hand (in library.db, not in the
     * changelog) or dropped by hand since is not the rollback's doing.
     */
    static List<String> lostByRollback(DatabaseSnapshot replayed, DatabaseSnapshot whileApplied, DatabaseSnapshot rolledBack, String target) {
        List<String> lost = new ArrayList<>();
        replayed.parts().forEach((key, part) -> {
            if (whileApplied.parts().containsKey(key) && !rolledBack.parts().containsKey(key)) {
                lost.add((part.standsAlone() ? part.subject() + " is gone" : part.table() + " lost " + part.described())
                        + ", which it had before " + target + " (as the changelog builds it) and with " + target + " applied");
            }
        });
        return lost;
    }
}
