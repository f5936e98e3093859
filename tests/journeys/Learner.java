package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/** What a learner does besides running steps (editing the models), and how tests look at the result. */
final class Learner {

    /** Spelled in two parts so that Models.java keeps the only line of the project that carries it. */
    static final String MARKER = "UNCOMMENT FOR " + "MIGRATION";
    static final String MODELS = tutorial.project.Project.MODELS_FILE;

    private Learner() {
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("tutorial.root", "."));
    }

    static ScratchProject freshCopy() {
        return ScratchProject.copyOf(projectRoot());
    }

    /** A fresh copy at a point of the walkthrough, built once per run (see LessonState). */
    static ScratchProject copyAt(LessonState state) {
        ScratchProject project = freshCopy();
        state.restoreInto(project);
        return project;
    }

    static void assertExit(int expected, Result result) {
        assertEquals(expected, result.exitCode(), () -> "exit code of " + result.command() + ", output:\n" + result.output());
    }

    static void assertShows(Result result, String expected) {
        assertTrue(result.shown().contains(expected),
                () -> "expected the output of " + result.command() + " to contain:\n" + expected + "\nbut it was:\n" + result.output());
    }

    static int markerLine(ScratchProject project) throws IOException {
        List<String> lines = Files.readAllLines(project.path(MODELS));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(MARKER)) {
                return i + 1;
            }
        }
        throw new AssertionError("No line of " + MODELS + " carries the marker");
    }

    /** The edit of the walkthrough, as the learner makes it: the leading // of the marked line deleted, nothing else. */
    static void uncommentGenre(ScratchProject project) throws IOException {
        Path models = project.path(MODELS);
        List<String> before = Files.readAllLines(models);
        int index = markerLine(project) - 1;
        String line = before.get(index);
        int slashes = line.indexOf("//");
        assertTrue(slashes >= 0 && line.substring(0, slashes).isBlank(), "the marked line starts with //: " + line);
        List<String> after = new ArrayList<>(before);
        after.set(index, line.substring(0, slashes) + line.substring(slashes + 2));
        Files.write(models, after);
    }

    static List<String> files(ScratchProject project, String folder) throws IOException {
        try (Stream<Path> files = Files.list(project.path(folder))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Makes the scratch copy a git checkout of the lesson's start, as a learner's clone is (reset needs git). */
    static void initGit(ScratchProject project) {
        git(project, "init", "-q");
        git(project, "add", "-A");
        git(project, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "the lesson's start");
    }

    /**
     * A fresh machine's environment for a learner's commands: HOME an empty folder beside the copy,
     * so git knows no identity. Only JBang's and Maven's caches still point at this machine's, so
     * nothing is fetched or compiled again for it.
     */
    static Map<String, String> freshMachine(ScratchProject project) {
        Path home = project.root().resolveSibling("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String realHome = System.getProperty("user.home");
        String repository = System.getenv().getOrDefault("JBANG_REPO", realHome + "/.m2/repository");
        return Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(), "GIT_CONFIG_NOSYSTEM", "1",
                "JBANG_DIR", System.getenv().getOrDefault("JBANG_DIR", realHome + "/.jbang"),
                "JBANG_REPO", repository,
                "MAVEN_REPO", System.getenv().getOrDefault("MAVEN_REPO", realHome + "/.m2/repository"),
                "JBANG_WRAPPER_HOME", System.getenv().getOrDefault("JBANG_WRAPPER_HOME", realHome + "/.jbang-wrapper"));
    }

    static String git(ScratchProject project, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Result result = project.run(project.root(), command);
        assertEquals(0, result.exitCode(), () -> "git " + String.join(" ", arguments) + ": " + result.output());
        return result.output();
    }

    /** A process id no process has now: what a lock or holder file left by an ended run names. */
    static long pidNotRunning() {
        return java.util.stream.LongStream.iterate(999_999, pid -> pid + 1).filter(pid -> ProcessHandle.of(pid).isEmpty()).findFirst().getAsLong();
    }
}
