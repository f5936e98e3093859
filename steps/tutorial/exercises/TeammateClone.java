package tutorial.exercises;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.lesson.LessonError;
import tutorial.project.Project;
import tutorial.project.ScratchProject;

/**
 * Your project as a teammate clones it: the models, the changelog and the steps, but not your
 * library.db. They run the README's commands (01_create, then 05_upgrade), and the changelog must
 * bring their database to the very schema and history yours has. Anything changed by hand and
 * never described in a changeset shows up here as a difference. Tried in a throw-away copy of
 * the project as it is now (what a clone would get if you committed it), never in your folder.
 */
public final class TeammateClone {

    private TeammateClone() {
    }

    /** What differs between your library.db and the teammate's: empty when they agree. */
    public static List<String> differences(Project project) {
        try (ScratchProject clone = ScratchProject.copyAsIs(project.root())) {
            for (String suffix : LibraryDatabase.FILE_SUFFIXES) {
                Files.deleteIfExists(Path.of(clone.path("library.db") + suffix));
            }
            for (String step : List.of("steps/01_create.java", "steps/05_upgrade.java")) {
                ScratchProject.Result result = clone.jbang(step);
                if (result.exitCode() != 0) {
                    return List.of("./jbang " + step + " failed on the clone:\n" + result.shown().strip());
                }
            }
            Project cloned = new Project(clone.root(), project.settings());
            List<String> differences = new ArrayList<>();
            try (LibraryDatabase mine = LibraryDatabase.open(project); LibraryDatabase theirs = LibraryDatabase.open(cloned)) {
                Schema.read(theirs).changesSince(Schema.read(mine)).forEach(line -> differences.add(line
                        .replace("  + ", "  only in the clone's: ").replace("  - ", "  only in yours: ")));
                List<String> myHistory = history(mine);
                List<String> theirHistory = history(theirs);
                if (!myHistory.equals(theirHistory)) {
                    differences.add("history: yours " + myHistory + ", the clone's " + theirHistory);
                }
            }
            return differences;
        } catch (java.io.IOException e) {
            throw new LessonError("Cannot make a throw-away clone of the project: " + e.getMessage(), "Check the disk space and permissions of the temporary folder.");
        }
    }

    /** The ids DATABASECHANGELOG records, in the order they ran; none before the first upgrade. */
    private static List<String> history(LibraryDatabase library) {
        if (!library.hasChangelogTable()) {
            return List.of();
        }
        return library.strings("SELECT id FROM DATABASECHANGELOG ORDER BY orderexecuted");
    }
}
