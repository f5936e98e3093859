package tutorial.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tutorial.lesson.LessonError;

/**
 * The models, the changelog's folder and library.db as they are now, to be put back if what
 * follows stops halfway. solve's reference solution is several commands and edits in a row: one
 * that fails (the project was not where the exercise starts) must not leave behind the model
 * edit and the changeset file of those before it, which the learner never typed. The text
 * files are small and kept in memory; library.db is copied beside itself, in .tutorial/, and
 * that copy goes once the work is kept or put back.
 */
public final class Checkpoint implements AutoCloseable {

    private final Project project;
    private final Path changelogFolder;
    private final Map<Path, byte[]> files = new LinkedHashMap<>();
    private final Path database;
    private final Path databaseCopy;

    private Checkpoint(Project project, Path changelogFolder, Path database, Path databaseCopy) {
        this.project = project;
        this.changelogFolder = changelogFolder;
        this.database = database;
        this.databaseCopy = databaseCopy;
    }

    /** Takes one: every file of the changelog's folder, the models, and a copy of library.db if there is one. */
    public static Checkpoint take(Project project) {
        Path folder = project.changelogPath().getParent();
        Path database = project.databaseFile();
        Path copy = database != null && Files.isRegularFile(database)
                ? project.root().resolve(".tutorial").resolve("checkpoint-" + ProcessHandle.current().pid() + ".db")
                : null;
        Checkpoint checkpoint = new Checkpoint(project, folder, database, copy);
        try {
            for (Path file : filesIn(folder)) {
                checkpoint.files.put(file, Files.readAllBytes(file));
            }
            if (Files.isRegularFile(project.models())) {
                checkpoint.files.put(project.models(), Files.readAllBytes(project.models()));
            }
            if (copy != null) {
                Files.createDirectories(copy.getParent());
                Files.copy(database, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            checkpoint.close();
            throw new LessonError("Cannot keep a copy of the project to put back if the solution stops halfway: " + e.getMessage()
                    + " Nothing was changed.", "Check that the project folder is writable and has room, then run the command again.");
        }
        return checkpoint;
    }

    /**
     * Puts everything back as it was when taken: files written since go, files changed or removed
     * since come back, library.db is the copy again. Returns what it put back, as the learner
     * would name it (empty when nothing had changed).
     */
    public List<String> restore() {
        List<String> restored = new java.util.ArrayList<>();
        try {
            for (Path file : filesIn(changelogFolder)) {
                if (!files.containsKey(file)) {
                    Files.delete(file);
                    restored.add(project.relative(file) + " (it wrote it)");
                }
            }
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                if (!Files.isRegularFile(file.getKey()) || !Arrays.equals(Files.readAllBytes(file.getKey()), file.getValue())) {
                    Files.createDirectories(file.getKey().getParent());
                    Files.write(file.getKey(), file.getValue());
                    restored.add(project.relative(file.getKey()));
                }
            }
            if (databaseCopy != null && !Arrays.equals(Files.readAllBytes(database), Files.readAllBytes(databaseCopy))) {
                Files.copy(databaseCopy, database, StandardCopyOption.REPLACE_EXISTING);
                restored.add(project.relative(database));
            } else if (databaseCopy == null && database != null && Files.deleteIfExists(database)) {
                restored.add(project.relative(database) + " (there was none)");
            }
        } catch (IOException e) {
            throw new LessonError("The solution stopped halfway, and putting the project back as it was failed too: " + e.getMessage()
                    + (databaseCopy == null ? "" : " library.db as it was is in " + project.relative(databaseCopy) + "."),
                    "Look at git status and git diff for what the solution changed; ./jbang reset starts over, keeping your work in .reset/.");
        }
        return restored;
    }

    /** The copy of library.db is not needed once the work is kept or put back. */
    @Override
    public void close() {
        if (databaseCopy != null) {
            try {
                Files.deleteIfExists(databaseCopy);
            } catch (IOException e) {
                // Left in .tutorial/ (ignored by git): the next checkpoint of this pid replaces it.
            }
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
