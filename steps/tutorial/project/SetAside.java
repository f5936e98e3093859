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
    /** Beside a copy of the database kept before a change that drops data: what change ("this upgrade"). */
    public static final String KEPT_BEFORE = "kept-before.txt";
    private static final String RUN = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss"));

    private SetAside() {
    }

    /** Each project's folder for this run, chosen once (folder) and made once (claimed). */
    private static final java.util.Map<Path, Path> CHOSEN = new java.util.HashMap<>();
    private static final java.util.Set<Path> CLAIMED = new java.util.HashSet<>();

    /**
     * The folder this run moves things into: named after the second it started, and after that a
     * -2, -3 ... when a run of the same second has one already (07_rollback's copy, then reset,
     * from a script): two runs never share one, where the second overwrote the first's copy of
     * library.db, or refused to move its own library.db there and stopped a reset halfway.
     */
    public static synchronized Path folder(Project project) {
        return CHOSEN.computeIfAbsent(project.root(), root -> {
            Path base = root.resolve(FOLDER);
            String name = RUN;
            for (int n = 2; Files.exists(base.resolve(name)); n++) {
                name = RUN + "-" + n;
            }
            return base.resolve(name);
        });
    }

    /** The folder, made now for this run alone: a run that made the same one an instant before gets it, and this run the next name. */
    private static synchronized Path claimed(Project project) throws IOException {
        Path folder = folder(project);
        while (!CLAIMED.contains(folder)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder);
                CLAIMED.add(folder);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                CHOSEN.remove(project.root());
                folder = folder(project);
            }
        }
        return folder;
    }

    /**
     * Copies library.db, as it is now, into this run's folder and returns where it went:
     * SQLite's VACUUM INTO, a consistent copy made through the open connection.
     */
    public static Path copyDatabase(Project project, LibraryDatabase library, String before) {
        try {
            Path target = claimed(project).resolve(project.relative(library.file()));
            Files.createDirectories(target.getParent());
            // Written under a name of its own, then renamed: a run stopped midway (Ctrl-C, a kill) leaves a .part, never a
            // library.db that looks whole and is not. VACUUM INTO refuses a file that is there.
            Path part = target.resolveSibling(target.getFileName() + ".part");
            Files.deleteIfExists(part);
            library.copyTo(part);
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            // What the copy was kept before: a later rollback names the copy an upgrade kept, not one reset moved aside.
            Files.writeString(target.resolveSibling(KEPT_BEFORE), before + "\n");
            return sameAsLastKept(project, target).orElse(target);
        } catch (IOException | java.sql.SQLException e) {
            throw new LessonError("Cannot keep a copy of " + library.name() + " in " + project.relative(folder(project))
                    + " before a change that drops data: " + e.getMessage() + Failures.NOTHING_CHANGED,
                    "Check that the project folder is writable and has room, then run the command again.");
        }
    }

    /**
     * The copy kept last time, where it holds the same bytes, before the same change, as the one just made: the one just made
     * goes again. A command stopped after its copy (Ctrl-C at the warning, a refusal after it), then run again, kept the same
     * database once more each time (91 MB a time on a big library.db).
     */
    private static synchronized java.util.Optional<Path> sameAsLastKept(Project project, Path made) throws IOException {
        Path folder = made.getParent();
        while (!folder.getParent().getFileName().toString().equals(FOLDER)) {
            folder = folder.getParent();
        }
        Path relative = folder.relativize(made);
        Path thisRun = folder;
        java.util.Optional<Path> last;
        try (var folders = Files.list(folder.getParent())) {
            last = folders.filter(other -> !other.equals(thisRun) && Files.isRegularFile(other.resolve(relative))
                            && Files.isRegularFile(other.resolve(relative).resolveSibling(KEPT_BEFORE)))
                    .max(java.util.Comparator.comparing((Path other) -> other.getFileName().toString()
                            .replaceAll("-(\\d)$", "-0$1"))) // the run of the same second after, -10 after -9 (see folder above)
                    .map(other -> other.resolve(relative));
        }
        if (last.isEmpty() || Files.mismatch(made, last.get()) != -1
                || Files.mismatch(made.resolveSibling(KEPT_BEFORE), last.get().resolveSibling(KEPT_BEFORE)) != -1) {
            return java.util.Optional.empty();
        }
        Files.delete(made);
        Files.delete(made.resolveSibling(KEPT_BEFORE));
        for (Path empty = made.getParent(); !empty.equals(folder.getParent()); empty = empty.getParent()) {
            try (var left = Files.list(empty)) {
                if (left.findAny().isPresent()) {
                    break;
                }
            }
            Files.delete(empty);
        }
        if (!Files.exists(thisRun)) { // this run's folder went with it: anything it sets aside later makes one again
            CLAIMED.remove(thisRun);
            CHOSEN.remove(project.root());
        }
        return last;
    }

    /** Moves a file of the project into this run's folder and returns where it went. */
    public static Path move(Project project, Path file) {
        try {
            Path target = claimed(project).resolve(project.relative(file));
            Files.createDirectories(target.getParent());
            Files.move(file, target);
            return target;
        } catch (IOException e) {
            throw new LessonError("Cannot move " + project.relative(file) + " aside: " + e.getMessage(),
                    "Check that the project folder is writable.");
        }
    }
}
