package tutorial.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;

/**
 * Where the tutorial puts what it takes away from the learner: a dated folder under .reset/
 * (ignored by git), keeping each file's place in the project. Nothing a learner wrote is
 * ever deleted; it can always be moved back. A migration that drops data keeps a copy of
 * library.db there first (DataLoss).
 */
public final class SetAside {

    public static final String FOLDER = ".reset";
    private static final String RUN = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss"));

    private SetAside() {
    }

    /** The folder this run moves things into. */
    public static Path folder(Project project) {
        return project.root().resolve(FOLDER).resolve(RUN);
    }

    /**
     * Copies library.db, as it is now, into this run's folder and returns where it went:
     * SQLite's VACUUM INTO, a consistent copy made through the open connection.
     */
    public static Path copyDatabase(Project project, LibraryDatabase library) {
        Path target = folder(project).resolve(project.relative(library.file()));
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target); // VACUUM INTO refuses a file that is there
            library.copyTo(target);
            return target;
        } catch (IOException | java.sql.SQLException e) {
            throw new LessonError("Cannot keep a copy of " + library.name() + " in " + project.relative(target.getParent())
                    + " before a change that drops data: " + e.getMessage() + Failures.NOTHING_CHANGED,
                    "Check that the project folder is writable and has room, then run the command again.");
        }
    }

    /** Moves a file of the project into this run's folder and returns where it went. */
    public static Path move(Project project, Path file) {
        Path target = folder(project).resolve(project.relative(file));
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target);
            return target;
        } catch (IOException e) {
            throw new LessonError("Cannot move " + project.relative(file) + " aside: " + e.getMessage(),
                    "Check that the project folder is writable.");
        }
    }
}
