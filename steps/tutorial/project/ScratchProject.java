package tutorial.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A throw-away copy of the project in a temporary folder, where the steps run as a learner
 * runs them (./jbang steps/05_upgrade.java, a real process) without ever touching the
 * learner's own library.db or changelog. The tour and the tests both work in one.
 */
public final class ScratchProject implements AutoCloseable {

    /** What a fresh clone would not have: the learner's database, git's data, what reset moved aside, the launch cache. */
    private static final Set<String> LEFT_OUT = Set.of(".git", ".reset", ".tutorial", "target", ".jbang-launch-cache");

    public record Result(List<String> command, int exitCode, String output) {
        /** The output without JBang's own build messages, which only the first run of a script prints. */
        public String shown() {
            return output.lines().filter(line -> !line.startsWith("[jbang]") && !line.startsWith("Note: "))
                    .map(line -> line + "\n").reduce("", String::concat);
        }
    }

    private final Path root;

    private ScratchProject(Path root) {
        this.root = root;
    }

    /**
     * A copy of the project as a fresh clone has it: the tutorial's files as they are in the
     * working tree (so uncommitted work on the tutorial is what gets tested), but the models
     * and the changelog as at the lesson's start, whatever the learner has done to theirs.
     */
    public static ScratchProject copyOf(Path project) {
        LessonStart start = LessonStart.require(new Project(project, new java.util.Properties()));
        ScratchProject copy = copy(project, false);
        start.restore(copy.root);
        return copy;
    }

    /** A copy of the project exactly as it is now, library.db and the learner's changes included. */
    public static ScratchProject copyAsIs(Path project) {
        return copy(project, true);
    }

    private static ScratchProject copy(Path project, boolean withDatabase) {
        try {
            // A folder of its own around the copy, so that what the lesson makes beside the project
            // (a teammate's clone in ../teammate) stays private to this copy and goes with it.
            Path root = Files.createDirectories(Folders.temporary(Files.createTempDirectory("migrations-tutorial-")).resolve("tutorial"));
            Files.walkFileTree(project, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (!dir.equals(project) && LEFT_OUT.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(root.resolve(project.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String name = file.getFileName().toString();
                    if (LEFT_OUT.contains(name)) {
                        // In a linked git worktree .git is a file naming the repository: copied, git
                        // commands in the copy would work on that repository (and commit to its branch).
                        return FileVisitResult.CONTINUE;
                    }
                    if (withDatabase || !name.matches(".*\\.db(-journal|-wal|-shm)?$")) {
                        Files.copy(file, root.resolve(project.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return new ScratchProject(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** Runs ./jbang with these arguments from the project folder, as a learner types it. */
    public Result jbang(String... arguments) {
        return Processes.jbang(root, root, "", arguments);
    }

    /** Runs ./jbang from a subfolder of the project. */
    public Result jbangIn(String folder, String... arguments) {
        return Processes.jbang(root, root.resolve(folder), "", arguments);
    }

    /** Runs ./jbang with text typed on its standard input (for JShell, or a prompt). */
    public Result jbangWithInput(String input, String... arguments) {
        return Processes.jbang(root, root, input, arguments);
    }

    /** Runs ./jbang from the project folder with these variables added to its environment (null removes one). */
    public Result jbangWith(Map<String, String> environment, String... arguments) {
        return Processes.jbang(root, root, "", environment, arguments);
    }

    /** Any other command (git, say) in a folder of the copy. */
    public Result run(Path folder, List<String> command) {
        return Processes.run(folder, command, "");
    }

    /** The same, with these variables added to its environment. */
    public Result runWith(Map<String, String> environment, Path folder, List<String> command) {
        return Processes.run(folder, command, "", environment);
    }

    @Override
    public void close() {
        Folders.deleteTree(root.getParent());
        Folders.done(root.getParent());
    }
}
