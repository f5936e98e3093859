package tutorial.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tutorial.project.*;

/**
 * 05_upgrade run before the changelog had a changeset (before 04_autogenerate): Liquibase makes
 * its two tables all the same, as alembic upgrade makes alembic_version. Those tables are how
 * check tells that the genre changeset was applied once, now that 07_rollback has taken it back
 * (the rollback leaves them, and no step before 05_upgrade makes them), so this slip is noted
 * beside library.db, in the tutorial's own folder that git ignores, for check to pass over them.
 * 01_create forgets it when it makes a new library.db, 05_upgrade once it applies a changeset.
 */
public final class EarlyUpgrade {

    /** Where the note is kept, in the project's folder of the tools' notes. */
    public static final String NOTE = ".tutorial/upgraded-before-any-changeset";

    private EarlyUpgrade() {
    }

    /** library.db got Liquibase's tables from an upgrade with no changeset to apply. */
    public static void note(Project project) {
        Path note = project.root().resolve(NOTE);
        try {
            Files.createDirectories(note.getParent());
            if (!Files.exists(note)) {
                Files.writeString(note, "05_upgrade ran before the changelog had a changeset: Liquibase's tables do not say one was applied.\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new library.db, or a changeset applied: the tables say what they say. */
    public static void forget(Project project) {
        try {
            Files.deleteIfExists(project.root().resolve(NOTE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether library.db's Liquibase tables came from an upgrade before any changeset. */
    public static boolean noted(Project project) {
        return Files.exists(project.root().resolve(NOTE));
    }
}
