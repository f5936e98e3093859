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

    /** The copy of library.db the checkpoint taken last keeps, until it is closed: what a stop (Ctrl-C) leaves behind. */
    private static volatile Path live;

    /** Set once the run is being stopped (Ctrl-C): from then on nothing is put back or deleted here. */
    private static boolean stopping;

    /**
     * The run is being stopped (Ctrl-C) with a checkpoint open: from now on nothing is put back, and its copy of library.db as
     * it was is moved under .reset/ (where nothing is swept) and returned, for the stop's message to name. The stop reaches the
     * step the solution is running too, whose failure would otherwise race it to put the project back and to delete the copy.
     * Empty where none is open, or the project was put back already (restore ran first).
     */
    public static synchronized java.util.Optional<Path> stop(Project project) {
        stopping = true;
        Path copy = live;
        if (copy == null || !Files.exists(copy) || restored) {
            return java.util.Optional.empty();
        }
        try {
            // Under its place in the project, as every copy there (outside/... for a database elsewhere: never its own path).
            return java.util.Optional.of(SetAside.keepAs(project, copy, SetAside.keptAs(project, project.databaseFile()).toString()));
        } catch (IOException | RuntimeException unmoved) {
            return java.util.Optional.of(copy); // where it is: swept only once this run is gone and another checkpoint is taken
        }
    }

    /** Whether a checkpoint of this run has put the project back already. */
    private static boolean restored;

    public static synchronized boolean restoredAlready() {
        return restored;
    }

    /** Takes one: every file of the changelog's folder, the models, and a copy of library.db if there is one. */
    public static Checkpoint take(Project project) {
        sweepStopped(project);
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
                live = copy;
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
        synchronized (Checkpoint.class) {
            if (stopping) {
                return List.of(); // the stop's message says what stays, and where the copy is
            }
            Checkpoint.restored = true;
            return restoreNow();
        }
    }

    private List<String> restoreNow() {
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

    /**
     * The copies of runs stopped before they closed theirs (Ctrl-C in solve, or in reset's replay): once that run is gone, the
     * project has moved on, and the next checkpoint takes them away. One of a run still going is left alone.
     */
    private static void sweepStopped(Project project) {
        try (Stream<Path> files = Files.list(project.root().resolve(".tutorial"))) {
            for (Path file : files.toList()) {
                java.util.regex.Matcher pid = java.util.regex.Pattern.compile("checkpoint-(\\d{1,18})\\.db").matcher(file.getFileName().toString());
                if (pid.matches() && !ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException none) {
            // no .tutorial/ yet, or one not readable: nothing to sweep
        }
    }

    /** The copy of library.db is not needed once the work is kept or put back. */
    @Override
    public void close() {
        synchronized (Checkpoint.class) {
            if (stopping) {
                return; // moved under .reset/ by stop(), and named in its message
            }
            live = null;
        }
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
