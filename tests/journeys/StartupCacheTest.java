package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * On Java 25 and newer the wrapper gives each script an AOT cache (JEP 483) in place of
 * JBang's class-data archive: trained on a script's first run, kept outside the project, and
 * trained again when the JVM refuses it or the script changes. None of that may show: a step
 * prints the same on Java 17 as on 25, on the run that trains the cache as on those that map it.
 * The test itself runs on Java 17; the steps get the 25 JDK through JAVA_HOME, and a wrapper
 * home of their own (JBANG_WRAPPER_HOME), so that the cache files are this test's alone. The
 * cache is assembled in the background once a training run has ended (the learner does not
 * wait for it): the test waits for it, as a learner's next command comes seconds later.
 */
@Tag("wrapper")
class StartupCacheTest {

    /** Where Debian puts a Temurin JDK; this machine's Java 25. */
    private static final Path JVM_FOLDER = Path.of("/usr/lib/jvm");
    private static final String UPGRADE = "steps/05_upgrade.java";
    private static final String VERIFY = "steps/06_verify.java";
    private static final String ROLLBACK = "steps/07_rollback.java";

    @Test
    @DisplayName("steps print the same on Java 17 and on Java 25, where the first run trains an AOT cache and the next ones map it")
    void sameOutputOnJava17AndJava25() throws IOException {
        Path jdk25 = assumeJava25();
        Path wrapperHome = Files.createTempDirectory("wrapper-home-");
        Path trace = wrapperHome.resolve("trace.txt");
        Map<String, String> java17 = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Map<String, String> java25 = java25(jdk25, wrapperHome, trace);
        List<List<String>> commands = List.of(List.of(UPGRADE), List.of(UPGRADE), List.of(VERIFY), List.of(ROLLBACK), List.of(VERIFY));
        try (ScratchProject on17 = Learner.copyAt(LessonState.PENDING); ScratchProject on25 = Learner.copyAt(LessonState.PENDING)) {
            List<String> before = files(on25);
            for (List<String> command : commands) {
                Result expected = on17.jbangWith(java17, command.toArray(String[]::new));
                Result actual = on25.jbangWith(java25, command.toArray(String[]::new));
                if (command == commands.get(0)) {
                    // The training run came back with its output before its cache was assembled (a JVM of seconds).
                    assertEquals(List.of("aot train " + UPGRADE), aotLines(trace));
                    assertEquals(List.of(), caches(wrapperHome), "the first run trained, and did not wait for the cache to be assembled");
                }
                awaitAssembled(trace);
                Learner.assertExit(0, expected);
                Learner.assertExit(0, actual);
                assertEquals(expected.shown(), actual.shown(), () -> String.join(" ", command) + " on Java 25 (trace: " + lines(trace) + ")");
            }
            assertEquals(ReadBack.everything(on17.path("library.db")), ReadBack.everything(on25.path("library.db")));
            assertEquals(List.of("aot train " + UPGRADE, "aot use " + UPGRADE, "aot train " + VERIFY, "aot train " + ROLLBACK, "aot use " + VERIFY),
                    aotLines(trace), "a cache trained on each script's first run, mapped on the next");
            assertEquals(List.of("05_upgrade", "06_verify", "07_rollback"), caches(wrapperHome).stream()
                    .map(cache -> cache.getFileName().toString().split("\\.")[0]).sorted().toList(), "one cache per script, in the wrapper's home");
            assertEquals(before, files(on25), "nothing of the cache lands in the learner's folder");
        } finally {
            deleteTree(wrapperHome);
        }
    }

    @Test
    @DisplayName("an AOT cache the JVM refuses (corrupt) is skipped silently and trained again; a changed script gets a new cache, and the least recently used goes")
    void refusedOrStaleCacheIsRebuilt() throws IOException {
        Path jdk25 = assumeJava25();
        Path wrapperHome = Files.createTempDirectory("wrapper-home-");
        Path trace = wrapperHome.resolve("trace.txt");
        Map<String, String> java25 = new HashMap<>(java25(jdk25, wrapperHome, trace));
        java25.put("JBANG_WRAPPER_AOT_KEEP", "1"); // so that the stale cache goes as soon as a new one is trained
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            List<String> before = files(project);
            Result trained = project.jbangWith(java25, VERIFY);
            Learner.assertExit(0, trained);
            awaitAssembled(trace);
            Path cache = only(caches(wrapperHome));

            // Corrupt: the JVM refuses the file and runs without it, saying nothing on the step's output.
            byte[] garbage = "not an AOT cache".repeat(1000).getBytes();
            Files.write(cache, garbage);
            Result refused = project.jbangWith(java25, VERIFY);
            Learner.assertExit(0, refused);
            assertEquals(trained.shown(), refused.shown(), "the same output with the corrupt cache");
            Result retrained = project.jbangWith(java25, VERIFY);
            Learner.assertExit(0, retrained);
            awaitAssembled(trace);
            assertEquals(trained.shown(), retrained.shown(), "the same output on the run that trains it again");
            assertEquals(List.of("aot train " + VERIFY, "aot use " + VERIFY, "aot refused " + VERIFY, "aot train " + VERIFY),
                    aotLines(trace));
            assertEquals(cache, only(caches(wrapperHome)), "the same state of the script keeps the same cache file");
            assertNotEquals(garbage.length, Files.size(cache), "the corrupt file was replaced");
            Result mapped = project.jbangWith(java25, VERIFY);
            assertEquals(trained.shown(), mapped.shown());
            assertEquals("aot use " + VERIFY, aotLines(trace).get(4));
            assertEquals(0, Files.size(log(cache)), "the JVM logged no refusal of the new cache");

            // Stale: the script changed, so JBang built a new jar; a new cache is trained, and the old one,
            // now the least recently used, goes.
            Files.writeString(project.path(VERIFY), "\n// changed at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Result changed = project.jbangWith(java25, VERIFY);
            Learner.assertExit(0, changed);
            awaitAssembled(trace);
            assertEquals(trained.shown(), changed.shown());
            assertEquals("aot train " + VERIFY, aotLines(trace).get(5));
            Path renewed = only(caches(wrapperHome));
            assertNotEquals(cache, renewed, "a new cache for the changed script");
            assertFalse(Files.exists(cache), "in place of the old one");

            List<String> after = files(project);
            assertEquals(before, after, "nothing of the cache lands in the learner's folder");
        } finally {
            deleteTree(wrapperHome);
        }
    }

    /** The 25 JDK's folder, or the test is skipped: the wrapper's AOT cache is for Java 25 and newer only. */
    private static Path assumeJava25() throws IOException {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH, which has no AOT cache");
        Optional<Path> jdk = Optional.empty();
        if (Files.isDirectory(JVM_FOLDER)) {
            try (Stream<Path> folders = Files.list(JVM_FOLDER)) {
                jdk = folders.filter(folder -> folder.getFileName().toString().startsWith("temurin-25"))
                        .filter(folder -> Files.isExecutable(folder.resolve("bin/java"))).sorted().findFirst();
            }
        }
        Assumptions.assumeTrue(jdk.isPresent(), "no Java 25 JDK in /usr/lib/jvm/temurin-25*: the AOT cache needs Java 25 and the steps run on Java 17 here");
        return jdk.get();
    }

    private static Map<String, String> java25(Path jdk, Path wrapperHome, Path trace) {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", jdk.toString());
        environment.put("JBANG_WRAPPER_HOME", wrapperHome.toString());
        environment.put("JBANG_WRAPPER_TRACE", trace.toString());
        return environment;
    }

    private static List<Path> caches(Path wrapperHome) throws IOException {
        try (Stream<Path> files = Files.list(wrapperHome.resolve("aot"))) {
            // Not the one being assembled (.part-PID.aot): it is renamed into place when done.
            return files.filter(file -> file.getFileName().toString().endsWith(".aot") && !file.getFileName().toString().startsWith(".part-"))
                    .sorted().toList();
        }
    }

    private static Path only(List<Path> caches) {
        assertEquals(1, caches.size(), () -> "one AOT cache, not " + caches);
        return caches.get(0);
    }

    private static Path log(Path cache) {
        return cache.resolveSibling(cache.getFileName().toString().replaceFirst("\\.aot$", ".log"));
    }

    /** What the runs did with their cache: trained, used or refused it (the assemblies after training left out). */
    private static List<String> aotLines(Path trace) {
        return lines(trace).stream().filter(line -> line.startsWith("aot ") && !line.startsWith("aot assembled ")).toList();
    }

    /**
     * Waits until every training run's cache is assembled (the wrapper does it in the background, at
     * low priority: with the suite's other classes keeping both cores busy, that takes tens of seconds).
     */
    private static void awaitAssembled(Path trace) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (count(trace, "aot assembled ") < count(trace, "aot train ")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a trained AOT cache was not assembled within five minutes; trace: " + lines(trace));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long count(Path trace, String start) {
        return lines(trace).stream().filter(line -> line.startsWith(start)).count();
    }

    private static List<String> lines(Path trace) {
        try {
            return Files.exists(trace) ? Files.readAllLines(trace) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every file of the project, by its path within it. */
    private static List<String> files(ScratchProject project) throws IOException {
        try (Stream<Path> paths = Files.walk(project.root())) {
            return paths.filter(Files::isRegularFile).map(path -> project.root().relativize(path).toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
