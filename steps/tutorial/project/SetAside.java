package tutorial.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;

/**
 * Where the tutorial puts what it takes away from the learner: a dated folder under .reset/
 * (ignored by git), keeping each file's place in the project. Nothing a learner wrote is
 * ever deleted; it can always be moved back. A migration that drops data keeps a copy of
 * library.db there first (DataLoss).
 */
public final class SetAside {

    public static final String FOLDER = Project.SET_ASIDE_FOLDER;
    /** Beside a copy of the database kept before a change that drops data: what change (BEFORE_UPGRADE, BEFORE_ROLLBACK). */
    public static final String KEPT_BEFORE = "kept-before.txt";
    /** What a copy was kept before, as its note and the message say it. */
    public static final String BEFORE_UPGRADE = "this upgrade";
    public static final String BEFORE_ROLLBACK = "this rollback";
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
     * SQLite's VACUUM INTO, a consistent copy made through the open connection. A database
     * outside the project (--url jdbc:sqlite:/elsewhere/other.db) is kept under outside/ (keptAs).
     */
    public static Path copyDatabase(Project project, LibraryDatabase library, String before) {
        Path part = null;
        try {
            Path folder = claimed(project);
            Path relative = keptAs(project, library.file());
            Path target = folder.resolve(relative);
            Files.createDirectories(target.getParent());
            // Written under a name of its own, then renamed: a run stopped midway (Ctrl-C, a kill) leaves a .part, never a
            // library.db that looks whole and is not. VACUUM INTO refuses a file that is there.
            part = target.resolveSibling(target.getFileName() + ".part");
            Files.deleteIfExists(part);
            library.copyTo(part);
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            // What the copy was kept before: a later rollback names the copy an upgrade kept, not one reset moved aside.
            Files.writeString(target.resolveSibling(KEPT_BEFORE), before + "\n");
            return sameAsLastKept(project, folder, relative, before, target).orElse(target);
        } catch (IOException | java.sql.SQLException e) {
            try {
                if (part != null) {
                    Files.deleteIfExists(part); // what a full disk let it write: no copy, so nothing to keep
                }
            } catch (IOException ignored) {
                // the message below is what matters
            }
            throw new LessonError("Cannot keep a copy of " + library.name() + " in " + project.relative(folder(project))
                    + " before " + before + ": " + String.valueOf(e.getMessage()).strip().replaceFirst("\\.?$", ".") + Failures.NOTHING_CHANGED,
                    "Check that the project folder is writable and has room, then run the command again.");
        }
    }

    /**
     * Where under a run's folder a copy of this database file goes: its place in the project; for one elsewhere,
     * outside/FOLDER-HASH/NAME (two shelf.db of two folders kept apart, and never relativised across drives on Windows).
     */
    public static Path keptAs(Project project, Path database) {
        Path file = database.toAbsolutePath().normalize();
        if (project.contains(file)) {
            return project.root().toAbsolutePath().normalize().relativize(file);
        }
        return Path.of("outside", Integer.toHexString(String.valueOf(file.getParent()).hashCode()), file.getFileName().toString());
    }

    /**
     * The copy kept last time, where it holds the same bytes as the one just made, before the same kind of command (KEPT_BEFORE:
     * this upgrade, this rollback): then the one just made is deleted, and its folder if that leaves it empty. A command stopped
     * after its copy (Ctrl-C at the warning, a failure after it), then run again, kept the same database once more each time
     * (91 MB a time on a big library.db). Only one command of the project runs at a time (ProjectLock), so the copy compared
     * is not being written meanwhile.
     */
    private static java.util.Optional<Path> sameAsLastKept(Project project, Path folder, Path relative, String before, Path made)
            throws IOException {
        java.util.Optional<Path> last = newestKept(project, relative, before, folder);
        if (last.isEmpty() || Files.mismatch(made, last.get()) != -1) {
            return java.util.Optional.empty();
        }
        Files.delete(made);
        Files.delete(made.resolveSibling(KEPT_BEFORE));
        dropEmptyFolders(project);
        return last;
    }

    /**
     * Deletes the folders of this run's folder that hold nothing, itself included, once what it held went back or away (a
     * reset that put back what it moved left an empty dated folder in .reset/). Files are never deleted here.
     */
    public static synchronized void dropEmptyFolders(Project project) {
        Path folder = CHOSEN.get(project.root());
        if (folder == null || !CLAIMED.contains(folder) || !Files.isDirectory(folder)) {
            return;
        }
        try (var inside = Files.walk(folder)) {
            for (Path path : inside.sorted(java.util.Comparator.reverseOrder()).toList()) { // deepest first
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (var left = Files.list(path)) {
                        if (left.findAny().isEmpty()) {
                            Files.delete(path);
                        }
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException kept) {
            return; // an empty folder left is only untidy
        }
        if (!Files.exists(folder)) { // this run's folder went with it: anything it sets aside later makes one again
            CLAIMED.remove(folder);
            CHOSEN.remove(project.root());
        }
    }

    /**
     * The newest copy of this database (its path under a run's folder) kept before a command of this kind (BEFORE_UPGRADE),
     * in a folder other than this one (null: any): by the folders' names, the second they were made, then the -2, -3 ...
     * of runs in the same second, as numbers (-10 after -9).
     */
    public static java.util.Optional<Path> newestKept(Project project, Path relative, String before, Path except) {
        java.util.Comparator<Path> byRun = java.util.Comparator
                .comparing((Path folder) -> RUN_NUMBER.matcher(folder.getFileName().toString()).replaceFirst(""))
                .thenComparingLong(folder -> {
                    java.util.regex.Matcher n = RUN_NUMBER.matcher(folder.getFileName().toString());
                    return n.find() ? Long.parseLong(n.group(1)) : 0;
                });
        try (var folders = Files.list(project.root().resolve(FOLDER))) {
            return folders.filter(folder -> !folder.equals(except) && Files.isRegularFile(folder.resolve(relative)))
                    .filter(folder -> keptBefore(folder.resolve(relative).resolveSibling(KEPT_BEFORE), before))
                    .max(byRun).map(folder -> folder.resolve(relative));
        } catch (IOException | RuntimeException none) {
            return java.util.Optional.empty();
        }
    }

    /** The -2, -3 ... of a run in the same second as another (folder). */
    private static final java.util.regex.Pattern RUN_NUMBER = java.util.regex.Pattern.compile("-(\\d{1,9})$");

    private static boolean keptBefore(Path note, String before) {
        try {
            return Files.readString(note).strip().equals(before);
        } catch (IOException | RuntimeException none) {
            return false;
        }
    }

    /**
     * Moves a file the tutorial made (a checkpoint's copy of library.db, in .tutorial/) into this run's folder, under the name
     * given (relative to that folder), and returns where it went: kept there as all that is set aside, never swept.
     */
    public static Path keepAs(Project project, Path file, String name) throws IOException {
        Path target = claimed(project).resolve(name);
        Files.createDirectories(target.getParent());
        Files.move(file, target);
        return target;
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
