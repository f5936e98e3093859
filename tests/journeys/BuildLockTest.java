package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Two builds at once never break JBang's cache: the wrapper builds under one lock, and an
 * entry a build left half-done (two builds collided before the lock, or a build was killed) is
 * built again instead of reused. Each state is made on purpose in JBang's real cache (for a
 * step whose models were just edited, and for the smallest script, whose build takes a second),
 * then the next run is watched.
 */
@Tag("wrapper")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Alone, not beside other test classes: its strength is a timing (a kill, a wait, a reaction) that a busy machine would blur.
@org.junit.jupiter.api.parallel.Isolated
class BuildLockTest {

    private static final String SETUP = "steps/02_setup.java";
    private static final String HELLO = "benchmark/hello.java";
    private static final String REBUILT = "Building hello again: its last build was not seen to finish.";

    private ScratchProject project;

    @BeforeAll
    void copy() {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH, which has no build lock");
        project = Learner.copyAt(LessonState.CREATED);
    }

    @org.junit.jupiter.api.AfterAll
    void remove() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("four first runs at once, through JBang's launcher, of a step that reads the models, just edited: one builds them, the others wait, all print the same; a models folder left without its jar is built again")
    void parallelFirstRunsWait() throws IOException {
        editModels();
        List<Result> results = fourAtOnce(true);
        String expected = results.get(0).shown();
        assertTrue(results.stream().anyMatch(result -> Messages.pattern(Messages.WAITING_BUILD).matcher(result.output()).find()),
                () -> "the later runs waited for the first one's build:\n" + results.stream().map(Result::output).collect(Collectors.joining("\n---\n")));
        assertEquals(1, results.stream().filter(result -> result.output().contains("Building jar for Models.java")).count(),
                "the models built once, not four times");
        assertTrue(results.stream().noneMatch(result -> result.output().contains("Building jar for Machinery.java")),
                "a model edit never builds the machinery again");
        assertFalse(Files.exists(buildLock(), LinkOption.NOFOLLOW_LINKS), "the lock is let go");

        // The models' folder of JBang's cache left without its jar (a build killed, or a collision) a while ago: built
        // again. (One changed in the last minute may be another JBang's build under way, and is left alone.)
        Path models = modelsJar();
        Files.delete(models);
        Files.setLastModifiedTime(models.getParent(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        // and one of another version of the models, as javac leaves it when it stops on an edit the learner has mended since:
        // removed, without a word, since this run builds the models as they are, not that version.
        Path otherVersion = models.getParent().resolveSibling("Models.java." + "0123456789abcdef".repeat(4));
        Files.createDirectories(otherVersion);
        Files.setLastModifiedTime(otherVersion, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Result next = project.jbangWith(Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), SETUP);
        Learner.assertExit(0, next);
        assertEquals(expected, next.shown(), "the same output once the models are built again");
        assertTrue(next.output().contains("Building Models again: its last build was not seen to finish."), next.output());
        assertEquals(1, next.output().split("Building Models again", -1).length - 1, () -> "said once, for the models as they are:\n" + next.output());
        assertTrue(Files.isRegularFile(models), "the models' jar is back");
        assertFalse(Files.exists(otherVersion), "the other version's folder is gone");
    }

    @Test
    @Order(2)
    @DisplayName("after a model edit, four first runs at once of a step JBang has answered for: the wrapper compiles the models, all print the same; "
            + "a compile error shows javac's message, exit 1; classes a killed compile never wrote are compiled again")
    void wrapperCompilesTheModels() throws IOException {
        Learner.assertExit(0, project.jbang(SETUP)); // JBang's answer for this script is in the launch cache
        String original = Files.readString(project.path(Learner.MODELS));
        editModels();
        Path classes = compiledModels();
        List<Result> results = fourAtOnce(false);
        String expected = results.get(0).shown();
        assertTrue(results.stream().noneMatch(result -> result.output().contains("[jbang]")), () -> "JBang's launcher never ran:\n"
                + results.stream().map(Result::output).collect(Collectors.joining("\n---\n")));
        assertTrue(Files.isRegularFile(classes.resolve("models/Models.class")), "the models compiled into " + classes);
        try (var left = Files.list(classes.getParent())) {
            assertEquals(List.of(), left.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".part-")).toList(),
                    "javac's working folders are gone");
        }

        // A compile error: javac's message, as JBang shows it, and exit 1 before the step's heading.
        Files.writeString(project.path(Learner.MODELS), original.replace("PRIMARY_KEY)", "PRIMARY_KEY) oops"));
        Result broken = project.jbang(SETUP);
        Learner.assertExit(1, broken);
        assertTrue(broken.output().contains(Learner.MODELS + ":") && broken.output().contains("error: ';' expected"), broken.output());
        assertTrue(broken.output().contains("[jbang] [ERROR] Error during compile"), broken.output());
        Messages.assertSays(broken, Messages.MODELS_DO_NOT_COMPILE);
        assertFalse(broken.output().contains("Step 2 of 7"), "the step did not start: " + broken.output());
        assertFalse(broken.output().contains("Stopped before"), "nor says it stopped half-way: " + broken.output());

        // A compile killed half-way leaves the classes' folder without its classes: compiled again.
        Files.writeString(project.path(Learner.MODELS), original);
        editModels();
        Path killed = compiledModels();
        Files.createDirectories(killed);
        Result again = project.jbang(SETUP);
        Learner.assertExit(0, again);
        assertEquals(expected, again.shown(), "the same output once the models are compiled");
        assertTrue(Files.isRegularFile(killed.resolve("models/Models.class")), "compiled into " + killed);
    }

    /** Four runs of 02_setup started at once (through JBang's launcher, or as the launch cache has them): each ends well and prints the same. */
    private List<Result> fourAtOnce(boolean throughLauncher) {
        List<RunningStep> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(throughLauncher ? RunningStep.startThroughLauncher(project, SETUP) : RunningStep.start(project, SETUP));
        }
        List<Result> results = runs.stream().map(run -> run.finish().result()).toList();
        results.forEach(result -> Learner.assertExit(0, result));
        String expected = results.get(0).shown();
        assertTrue(expected.contains("declares the tables authors and books."), expected);
        results.forEach(result -> assertEquals(expected, result.shown(), "every run printed what the first did"));
        return results;
    }

    /** Where the wrapper compiles the models as they are in this copy: named, as JBang names their jar, by their sources' SHA-256, then the Java release. */
    private Path compiledModels() throws IOException {
        java.security.MessageDigest sha256;
        try {
            sha256 = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        sha256.update(Files.readAllBytes(project.path(Learner.MODELS)));
        sha256.update(Files.readAllBytes(project.path("steps/tutorial/database/Table.java")));
        String home = System.getenv().getOrDefault("JBANG_WRAPPER_HOME", System.getProperty("user.home") + "/.jbang-wrapper");
        return Path.of(home, "models", "Models.java." + java.util.HexFormat.of().formatHex(sha256.digest()) + ".release17");
    }

    /** The models' jar in JBang's cache, as they are in this copy: its folder is the newest of theirs. */
    private Path modelsJar() throws IOException {
        try (var folders = Files.list(jbangCache().resolve("jars"))) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("Models.java."))
                    .max(java.util.Comparator.comparing(folder -> folder.toFile().lastModified()))
                    .orElseThrow().resolve("Models.jar");
        }
    }

    @Test
    @Order(3)
    @DisplayName("a jar left without Main-Class, and a cache folder left without its jar: the next run builds the script again")
    void halfWrittenEntriesAreRebuilt() throws IOException {
        editHello();
        Learner.assertShows(project.jbang(HELLO), "Hello, world");
        Path jar = applicationJar(HELLO);
        assertTrue(Files.isRegularFile(jar), "hello was built: " + jar);
        withoutMainClass(jar);
        // Through JBang's launcher, as a run after the collision went: the wrapper's launch cache had no answer yet.
        Result afterCollision = project.jbangWith(Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), HELLO);
        Learner.assertExit(0, afterCollision);
        Learner.assertShows(afterCollision, "Hello, world");
        assertTrue(afterCollision.output().contains(REBUILT), afterCollision.output());
        assertTrue(Messages.pattern(Messages.REBUILDING).matcher(afterCollision.output()).find(), "in the words the troubleshooting page has");
        assertTrue(mainClass(jar) != null, "the rebuilt jar names its main class");

        Files.delete(jar);
        Result noJar = project.jbang(HELLO);
        Learner.assertExit(0, noJar);
        Learner.assertShows(noJar, "Hello, world");
        assertTrue(Files.isRegularFile(jar), "the jar is back");

        // Built and accepted: the next runs use it, with no rebuild.
        Result warm = project.jbangWith(Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), HELLO);
        Learner.assertShows(warm, "Hello, world");
        assertFalse(warm.output().contains("[jbang] Building"), warm.output());
    }

    @Test
    @Order(4)
    @DisplayName("a build killed half-way leaves its lock and its entry behind: the next run takes the lock over and builds again")
    void killedBuildIsRedone() throws IOException {
        editHello();
        Path jars = jbangCache().resolve("jars");
        Set<Path> before = entries(jars);
        RunningStep build = RunningStep.start(project, HELLO);
        // The kill lands once JBang has started writing the script's new entry.
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (entries(jars).stream().noneMatch(entry -> !before.contains(entry)) && build.isAlive() && System.nanoTime() < deadline) {
            sleep();
        }
        assertTrue(build.isAlive(), () -> "the build was still going when killed: " + build.finish().result().output());
        long holder = build.pid();
        build.killAll();
        assertEquals(Long.toString(holder), Files.readSymbolicLink(buildLock()).toString(), "the killed run held the build lock");

        Result next = project.jbang(HELLO);
        Learner.assertExit(0, next);
        Learner.assertShows(next, "Hello, world");
        assertTrue(next.output().contains(REBUILT), next.output());
        assertFalse(Files.exists(buildLock(), LinkOption.NOFOLLOW_LINKS), "the lock is let go");
        assertTrue(mainClass(applicationJar(HELLO)) != null, "the rebuilt jar names its main class");
    }

    @Test
    @Order(5)
    @DisplayName("a JBang cache folder no lock can be made in (root's after a sudo ./jbang, read-only): the run says so and what to do, exit 1, "
            + "where it waited for good, saying nothing")
    void unwritableCacheSaysSo() throws IOException {
        Path jbangDir = Files.createTempDirectory("jbang-dir-");
        Path cache = Files.createDirectories(jbangDir.resolve("cache"));
        try (ReadOnly locked = ReadOnly.make(cache)) {
            Result refused = project.jbangWith(Map.of("JBANG_DIR", jbangDir.toString(), "JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), HELLO);
            Learner.assertExit(1, refused);
            Learner.assertShows(refused, "Cannot write in JBang's cache folder, " + cache + " (");
            assertTrue(Messages.pattern(Messages.CACHE_UNWRITABLE).matcher(refused.output()).find(), "in the words the troubleshooting page has");
            Learner.assertShows(refused, "): nothing was run.\nMake it yours and writable (after a sudo ./jbang: sudo chown -R \"$USER\" " + cache
                    + "), or set JBANG_DIR to a folder of your own.");
            assertFalse(refused.output().contains("Hello, world"), refused.output());
        } finally {
            Files.delete(cache);
            Files.delete(jbangDir);
        }
    }

    @Test
    @Order(6)
    @DisplayName("a lock whose process id now belongs to a Java program JBang started (its command names .jbang/cache) is taken over, "
            + "where it was waited on for good; a folder in the lock's place is said, where ln put its link inside and held nothing")
    void lockOfAnotherProgram() throws Exception {
        editHello();
        // A killed wrapper's id, reused by a long-running Java program of JBang's (check --watch, say); killed after 30 s whatever
        // happens, so that a wrapper waiting on it goes on, and says it waited.
        Process impostor = new ProcessBuilder("bash", "-c", "exec -a 'java -cp " + jbangCache() + "/jars/x.jar Main' sleep 30").start();
        try {
            Files.createSymbolicLink(buildLock(), Path.of(Long.toString(impostor.pid())));
            Result taken = project.jbangWith(Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), HELLO);
            Learner.assertExit(0, taken);
            Learner.assertShows(taken, "Hello, world");
            assertFalse(taken.output().contains("Waiting for another build"), taken.output());
        } finally {
            impostor.destroyForcibly();
            Files.deleteIfExists(buildLock());
        }
        Files.createDirectory(buildLock());
        try {
            editHello();
            Result refused = project.jbangWith(Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), HELLO);
            Learner.assertExit(1, refused);
            Learner.assertShows(refused, "A folder that is no build lock sits in its place, " + buildLock() + ": nothing was run.\n"
                    + "Take it away (rm -r " + buildLock() + "), then run the command again.");
            try (Stream<Path> inside = Files.list(buildLock())) {
                assertEquals(List.of(), inside.toList(), "no link made inside it");
            }
        } finally {
            Files.delete(buildLock());
        }
    }

    /** A change to the smallest script that no run has seen: JBang builds it anew, in a second or two. */
    private void editHello() throws IOException {
        Files.writeString(project.path(HELLO), "\n// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
    }

    /** A change to the models that no run has seen: JBang builds the models anew (and nothing else). */
    private void editModels() throws IOException {
        Files.writeString(project.path(Learner.MODELS), "\n// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
    }

    static Path jbangCache() {
        String cache = System.getenv("JBANG_CACHE_DIR");
        if (cache != null) {
            return Path.of(cache);
        }
        String dir = System.getenv("JBANG_DIR");
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".jbang")).resolve("cache");
    }

    static Path buildLock() {
        return jbangCache().resolve(".wrapper-build.lock");
    }

    /** The jar JBang builds a script into for this copy's sources, as JBang itself says. */
    private Path applicationJar(String script) {
        Result info = project.jbang("info", "tools", script);
        Matcher jar = Pattern.compile("\"applicationJar\": \"([^\"]+)\"").matcher(info.output());
        assertTrue(jar.find(), info.output());
        return Path.of(jar.group(1));
    }

    private static Set<Path> entries(Path jars) throws IOException {
        if (!Files.isDirectory(jars)) {
            return Set.of();
        }
        try (Stream<Path> all = Files.list(jars)) {
            return all.filter(entry -> entry.getFileName().toString().startsWith("hello.java.")).collect(Collectors.toSet());
        }
    }

    private static String mainClass(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return in.getManifest() == null ? null : in.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        }
    }

    /** The jar as a collision left it: every class there, the manifest without its Main-Class. */
    private static void withoutMainClass(Path jar) throws IOException {
        Path broken = Files.createTempFile(jar.getParent(), "broken-", ".jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().remove(Attributes.Name.MAIN_CLASS);
            try (OutputStream file = Files.newOutputStream(broken); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(broken, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(null, mainClass(jar));
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
