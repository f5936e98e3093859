package tutorial.exercises;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tutorial.database.LibraryDatabase;
import tutorial.project.NoteFiles;
import tutorial.project.Project;

/**
 * 05_upgrade run before the changelog had a changeset (before 04_autogenerate), or any command of
 * ./jbang liquibase (status too) before one was applied: Liquibase makes its two tables all the
 * same, as alembic upgrade makes alembic_version. Those tables are how check tells that the genre
 * changeset was applied once, now that 07_rollback has taken it back (the rollback leaves them,
 * and no step before 05_upgrade makes them), so this slip is noted beside library.db, in the
 * tutorial's own folder that git ignores, for check to pass over them. The note goes once a
 * changeset is recorded (an upgrade applies one, or a rollback takes one back), and when
 * 01_create makes a new library.db. It is kept for the project's own library.db
 * alone, not for a database --url names. Writing or removing it is best effort: a step that did
 * its work does not fail on its note, which at worst leaves check's one milestone as it was.
 */
public final class EarlyUpgrade {

    /** Where the note is kept, in the project's folder of the tools' notes. */
    public static final String NOTE = ".tutorial/upgraded-before-any-changeset";

    private EarlyUpgrade() {
    }

    /**
     * After an upgrade, a rollback or a CLI command on the project's library.db: noted when it made
     * Liquibase's tables (they were not there before it) and recorded no changeset in them; gone
     * once a changeset is recorded or was taken back.
     */
    public static void after(Project project, LibraryDatabase library, boolean tablesBefore, boolean tookOneBack) {
        if (!project.onOwnDatabase()) {
            return;
        }
        try {
            if (tookOneBack || library.hasChangelogTable() && library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") > 0) {
                forget(project);
            } else if (!tablesBefore && library.hasChangelogTable()) {
                Path note = project.root().resolve(NOTE);
                Files.createDirectories(note.getParent());
                Files.writeString(note, "Liquibase's tables were made before a changeset was recorded in them: they do not say one was applied.\n");
            }
        } catch (IOException | RuntimeException unwritable) {
            // best effort (above)
        }
    }

    /** A new library.db: nothing was upgraded on it yet. */
    public static void forget(Project project) {
        if (project.onOwnDatabase()) {
            NoteFiles.forget(project, NOTE);
        }
    }

    /** Whether the project's library.db got Liquibase's tables from an upgrade before any changeset. */
    public static boolean noted(Project project) {
        return Files.exists(project.root().resolve(NOTE));
    }
}
