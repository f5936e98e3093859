package tutorial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away copy of the project in a temporary folder, where the steps run as a learner
 * runs them (./jbang steps/05_upgrade.java, a real process) without ever touching the
 * learner's own library.db or changelog. The tour and the tests both work in one.
 */
public final class ScratchProject implements AutoCloseable {

    /** What a fresh clone would not have: the learner's database, git's data, what reset moved aside, the launch cache. */
    private static final Set<String> LEFT_OUT = Set.of(".git", ".reset", "target", ".jbang-launch-cache");

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
        try {
            Path root = Files.createTempDirectory("migrations-tutorial-");
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
                    if (!name.matches(".*\\.db(-journal|-wal|-shm)?$")) {
                        Files.copy(file, root.resolve(project.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            LessonStart.restore(project, root);
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
        return jbangIn(".", arguments);
    }

    /** Runs ./jbang from a subfolder of the project. */
    public Result jbangIn(String folder, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("jbang").toString());
        command.addAll(List.of(arguments));
        return run(root.resolve(folder), command);
    }

    /** Runs ./jbang with text typed on its standard input (for JShell, or a prompt). */
    public Result jbangWithInput(String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("jbang").toString());
        command.addAll(List.of(arguments));
        return run(root, command, input);
    }

    public Result run(Path folder, List<String> command) {
        return run(folder, command, "");
    }

    public Result run(Path folder, List<String> command, String input) {
        try {
            Path output = Files.createTempFile("step-output-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("NO_COLOR", "1");
                Process process = builder.start();
                try (var keyboard = process.getOutputStream()) { // then no one is at the keyboard
                    keyboard.write(input.getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + command);
                }
                return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
