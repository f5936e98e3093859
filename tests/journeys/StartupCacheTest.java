package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.Processes;
import tutorial.project.Folders;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * On Java 25 and newer the wrapper gives each script the class-data archive it gives it on
 * Java 17, with its classes linked ahead of time (-XX:+AOTClassLinking, JEP 483): written after
 * a script's first run, in the background, kept outside the project, written anew when the
 * script changes, and kept through a model edit (the models are not in it). None of that may
 * show: a step prints the same on Java 17 as on 25, on the run after which the archive is
 * written as on those that map it. The test itself runs on Java 17; the steps get the 25 JDK
 * through JAVA_HOME, and a wrapper home of their own (JBANG_WRAPPER_HOME), so that the archives
 * are this test's alone. It waits for each archive, as a learner's next command comes seconds later.
 * The compile server that keeps javac warm after a session's first model compile is tested here
 * too, on the test's own Java, in a wrapper home of its own that it deletes: no server outlives it.
 */
@Tag("wrapper")
class StartupCacheTest {

    /** Where Debian puts a Temurin JDK; this machine's Java 25. */
    private static final Path JVM_FOLDER = Path.of("/usr/lib/jvm");
    private static final String UPGRADE = "steps/05_upgrade.java";
    private static final String VERIFY = "steps/06_verify.java";
    private static final String ROLLBACK = "steps/07_rollback.java";
    private static final String CHANGE_MODEL = "steps/03_change_model.java";

    @Test
    @DisplayName("steps print the same on Java 17 and on Java 25, where an archive is written after a script's first run, mapped on the next, and kept through model edits compiled by javac with an AOT cache of its own")
    void sameOutputOnJava17AndJava25() throws IOException {
        Path jdk25 = assumeJava25();
        // With a space in its path, as a HOME such as "/Users/Ada Lovelace" gives it: every archive and compile in it.
        Path wrapperHome = Files.createTempDirectory("wrapper home ");
        Path trace = wrapperHome.resolve("trace.txt");
        Map<String, String> java17 = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Map<String, String> java25 = new HashMap<>(java25(jdk25, wrapperHome, trace));
        // Every compile by javac itself, with its AOT cache, not by the compile server (compileServer, below).
        java25.put("JBANG_WRAPPER_NO_COMPILE_SERVER", "1");
        List<List<String>> commands = List.of(List.of(UPGRADE), List.of(UPGRADE), List.of(VERIFY), List.of(ROLLBACK), List.of(VERIFY));
        try (ScratchProject on17 = Learner.copyAt(LessonState.PENDING); ScratchProject on25 = Learner.copyAt(LessonState.PENDING)) {
            List<String> before = files(on25);
            for (List<String> command : commands) {
                Result expected = on17.jbangWith(java17, command.toArray(String[]::new));
                Result actual = on25.jbangWith(java25, command.toArray(String[]::new));
                if (command == commands.get(0)) {
                    // The first run came back with its output before its archive was written (a JVM of seconds).
                    assertEquals(List.of("cds write " + UPGRADE), cdsLines(trace));
                    assertEquals(List.of(), archives(wrapperHome), "the first run did not wait for its archive to be written");
                }
                LaunchCacheTest.awaitArchives(trace);
                Learner.assertExit(0, expected);
                Learner.assertExit(0, actual);
                assertEquals(expected.shown(), actual.shown(), () -> String.join(" ", command) + " on Java 25 (trace: " + lines(trace) + ")");
            }
            assertEquals(ReadBack.everything(on17.path("library.db")), ReadBack.everything(on25.path("library.db")));
            assertEquals(List.of("cds write " + UPGRADE, "cds use " + UPGRADE, "cds write " + VERIFY, "cds write " + ROLLBACK, "cds use " + VERIFY),
                    cdsLines(trace), "an archive written after each script's first run, mapped on the next");
            assertEquals(List.of("05_upgrade", "06_verify", "07_rollback"), archives(wrapperHome).stream()
                    .map(archive -> archive.getFileName().toString().split("\\.")[0]).sorted().toList(), "one archive per script, in the wrapper's home");

            // Java 17 in the same wrapper home, with a trace of its own: its launch cache made now, before the models change, so that
            // once Java 25's javac has compiled them, Java 17 takes the wrapper's way to them (a cached command, the compiled folder).
            Map<String, String> back17 = new HashMap<>(java25);
            back17.put("JAVA_HOME", System.getProperty("java.home"));
            Path trace17 = wrapperHome.resolve("trace-17.txt");
            back17.put("JBANG_WRAPPER_TRACE", trace17.toString());
            Learner.assertExit(0, on25.jbangWith(back17, UPGRADE, "--sql"));
            assertEquals(List.of(), linesStarting(trace17, "cached "), "JBang's launcher, the first time");

            // A model edit: 05_upgrade (again, after the rollback) reads the models, compiled by javac, not JBang's
            // launcher, and maps the archive it had before the edit. Its output is the same as Java 17's.
            for (ScratchProject project : List.of(on17, on25)) {
                Files.writeString(project.path(Learner.MODELS), "// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            }
            Result expected = on17.jbangWith(java17, UPGRADE);
            Result actual = on25.jbangWith(java25, UPGRADE);
            Learner.assertExit(0, actual);
            assertEquals(expected.shown(), actual.shown(), "05_upgrade after a model edit, on Java 25");
            List<String> all = LaunchCacheTest.started(trace);
            assertEquals(List.of("models compile " + UPGRADE, "cached " + UPGRADE, "cds use " + UPGRADE),
                    all.subList(all.size() - 3, all.size()), "after a model edit: no launcher, the models compiled, the archive kept");

            // javac's AOT cache, written in the background after that first compile, is one this JDK maps
            // (with AOTMode=on the JVM stops when it cannot), and the next model edit compiles with it.
            LaunchCacheTest.awaitTrace(trace, "javac's AOT cache was not written", lines -> lines.contains("javac aot written " + UPGRADE));
            Path javacCache = only(javacCaches(wrapperHome));
            Learner.assertExit(0, Processes.run(wrapperHome, List.of(jdk25.resolve("bin/javac").toString(), "-J-XX:AOTMode=on",
                    "-J-XX:AOTCache=" + javacCache, "-version"), ""));
            for (ScratchProject project : List.of(on17, on25)) {
                Files.writeString(project.path(Learner.MODELS), "// edited again at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            }
            expected = on17.jbangWith(java17, UPGRADE);
            actual = on25.jbangWith(java25, UPGRADE);
            Learner.assertExit(0, actual);
            assertEquals(expected.shown(), actual.shown(), "05_upgrade after a second model edit, on Java 25");
            List<String> again = lines(trace);
            assertEquals("models compile " + UPGRADE, again.get(again.lastIndexOf("cached " + UPGRADE) - 1), () -> "compiled by javac: " + again);
            // The same folder and wrapper home then on Java 17 (a learner with two JDKs: check --watch on 25, the steps on 17): what
            // Java 25's javac compiled is for Java 17, as JBang compiles it (class files of 69 stopped every step there with "has been
            // compiled by a more recent version of the Java Runtime", until the next model edit).
            try (Stream<Path> compiled = Files.list(wrapperHome.resolve("models"))) {
                for (Path folder : compiled.filter(file -> file.getFileName().toString().startsWith("Models.java.")).toList()) {
                    byte[] header = Files.readAllBytes(folder.resolve("models/Models.class"));
                    assertEquals(61, ((header[6] & 0xff) << 8) | (header[7] & 0xff), "class file version of " + folder);
                }
            }
            Result onJava17 = on25.jbangWith(back17, UPGRADE);
            Learner.assertExit(0, onJava17);
            assertEquals(expected.shown(), onJava17.shown(), "05_upgrade on Java 17 after Java 25 compiled the models");
            assertEquals(List.of("cached " + UPGRADE), linesStarting(trace17, "cached "), () -> "the classes javac wrote: " + lines(trace17));
            assertEquals(before, files(on25), "nothing of the archives lands in the learner's folder");
        } finally {
            Folders.deleteTree(wrapperHome);
        }
    }

    @Test
    @DisplayName("a corrupt archive is passed over without a word; a changed script gets a new archive, and the least recently written goes")
    void corruptOrStaleArchive() throws IOException {
        Path jdk25 = assumeJava25();
        Path wrapperHome = Files.createTempDirectory("wrapper-home-");
        Path trace = wrapperHome.resolve("trace.txt");
        Map<String, String> java25 = new HashMap<>(java25(jdk25, wrapperHome, trace));
        java25.put("JBANG_WRAPPER_CDS_KEEP", "1"); // two archives kept, counted as files: the stale one goes after two new
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            List<String> before = files(project);
            Result written = project.jbangWith(java25, VERIFY);
            Learner.assertExit(0, written);
            LaunchCacheTest.awaitArchives(trace);
            Path archive = only(archives(wrapperHome));

            // Corrupt: the JVM passes it over and runs without it, saying nothing on the step's output.
            Files.write(archive, "not an archive".repeat(1000).getBytes());
            Result corrupt = project.jbangWith(java25, VERIFY);
            Learner.assertExit(0, corrupt);
            assertEquals(written.shown(), corrupt.shown(), "the same output with the corrupt archive");

            // Stale: the script changed, so JBang built a new jar; a new archive is written, and the old one,
            // written least recently, goes once there are more than the wrapper keeps.
            for (int change = 0; change < 2; change++) {
                Files.writeString(project.path(VERIFY), "\n// changed at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
                int archivesWritten = linesStarting(trace, "cds written ").size();
                // The second into a pipe, handed to the run as fd 3 too, as a test harness (bats) hands its own:
                // the archive written in the background once the run has ended must not hold it, or the reader
                // at the pipe's other end would wait for the archive, seconds, before it saw the output end.
                Result changed = change == 0 ? project.jbangWith(java25, VERIFY)
                        : project.runWith(java25, project.root(), List.of("bash", "-c", "set -o pipefail; ./jbang " + VERIFY + " 3>&1 | cat"));
                Learner.assertExit(0, changed);
                assertEquals(written.shown(), changed.shown());
                if (change == 1) {
                    assertEquals(archivesWritten, linesStarting(trace, "cds written ").size(), "the run's output ended before its archive was written");
                }
                LaunchCacheTest.awaitArchives(trace);
            }
            assertEquals(List.of("cds write " + VERIFY, "cds use " + VERIFY, "cds write " + VERIFY, "cds write " + VERIFY), cdsLines(trace));
            assertFalse(Files.exists(archive), "the stale archive went");
            List<Path> kept = archives(wrapperHome);
            assertEquals(2, kept.size(), () -> "the two newest kept: " + kept);
            assertEquals(before, files(project), "nothing of the archives lands in the learner's folder");
        } finally {
            Folders.deleteTree(wrapperHome);
        }
    }

    @Test
    @DisplayName("a step that reads the models (03_change_model, asking for the genre edit) starts a compile server that keeps javac warm: it compiles "
            + "that first edit and the next, a compile error shows javac's message alone; killed (its id taken), javac compiles instead and starts a new one; "
            + "the next, polling as where the kernel cannot tell it (macOS), compiles the next edit and ends once its folder is gone; "
            + "runs of the steps keep a server, and it ends once none comes for its idle time")
    void compileServer() throws Exception {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH, which compiles the models itself");
        Path wrapperHome = Files.createTempDirectory("wrapper-home-");
        Path trace = wrapperHome.resolve("trace.txt");
        Map<String, String> environment = Map.of("JBANG_WRAPPER_HOME", wrapperHome.toString(), "JBANG_WRAPPER_TRACE", trace.toString());
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            // Before the edit, the step asks for it (exit 1), and ./jbang starts the server once it has ended: it warms up while the learner edits.
            Result asks = project.jbangWith(environment, CHANGE_MODEL);
            Learner.assertExit(1, asks);
            Learner.assertShows(asks, "The genre column is still commented out in the Book model.");
            LaunchCacheTest.awaitTrace(trace, "the compile server did not start", lines -> lines.contains("models server ready"));
            ProcessHandle server = server(wrapperHome);

            // The edit: compiled by the server, not by a new javac. (A comment of its own makes models no run has built.)
            Learner.uncommentGenre(project);
            Files.writeString(project.path(Learner.MODELS), "// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Result expected = project.jbangWith(environment, CHANGE_MODEL);
            Learner.assertExit(0, expected);
            Learner.assertShows(expected, "+ column books.genre VARCHAR(50)");
            assertEquals(List.of("models compile " + CHANGE_MODEL), linesStarting(trace, "models compile "));
            assertEquals(List.of("models served " + CHANGE_MODEL), linesStarting(trace, "models served "));

            // The next edit too, and the step prints what it printed before.
            String models = Files.readString(project.path(Learner.MODELS));
            Files.writeString(project.path(Learner.MODELS), models + "// a second edit\n");
            assertEquals(expected.shown(), project.jbangWith(environment, CHANGE_MODEL).shown());
            assertEquals(2, linesStarting(trace, "models served ").size(), () -> "served: " + lines(trace));

            // A compile error through the server: javac's messages, as JBang shows them, exit 1, and nothing of the step.
            Files.writeString(project.path(Learner.MODELS), models.replace("PRIMARY_KEY)", "PRIMARY_KEY) oops"));
            Result broken = project.jbangWith(environment, CHANGE_MODEL);
            Learner.assertExit(1, broken);
            assertTrue(broken.output().contains(Learner.MODELS + ":") && broken.output().contains("error: ';' expected"), broken.output());
            assertTrue(broken.output().contains("[jbang] [ERROR] Error during compile"), broken.output());
            Messages.assertSays(broken, Messages.MODELS_DO_NOT_COMPILE);
            assertFalse(broken.output().contains("Step 3 of 7") || broken.output().contains("Stopped before"), broken.output());
            assertEquals(3, linesStarting(trace, "models served ").size(), "the server compiled it");

            // The server killed, and its id taken by a process that is no server: the request, not taken, is
            // taken back after a second, javac compiles the next edit, and a new server starts after it. That
            // one looks for requests as it does where the kernel cannot tell it (macOS): every few milliseconds.
            server.destroyForcibly();
            server.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            Map<String, String> polling = new HashMap<>(environment);
            polling.put("JBANG_WRAPPER_COMPILE_SERVER_POLL", "1");
            Process stranger = new ProcessBuilder("sleep", "60").start();
            try {
                Path pid = serverFolder(wrapperHome).resolve("pid");
                Files.deleteIfExists(pid);
                Files.createSymbolicLink(pid, Path.of(Long.toString(stranger.pid())));
                Files.writeString(project.path(Learner.MODELS), models + "// a third edit\n");
                assertEquals(expected.shown(), project.jbangWith(polling, CHANGE_MODEL).shown(), "compiled by javac once the server is gone");
            } finally {
                stranger.destroy();
            }
            assertEquals(3, linesStarting(trace, "models served ").size(), () -> "not served: " + lines(trace));
            ProcessHandle next = awaitNewServer(wrapperHome, server);
            Files.writeString(project.path(Learner.MODELS), models + "// a fourth edit\n");
            assertEquals(expected.shown(), project.jbangWith(polling, CHANGE_MODEL).shown(), "compiled by the polling server");
            assertEquals(4, linesStarting(trace, "models served ").size(), () -> "served by polling: " + lines(trace));
            assertEquals(List.of("models server polling"), linesStarting(trace, "models server polling"), "one server polled, the one asked to");

            // It ends once its folder is gone (moved away at once here, as a wrapper home deleted takes it).
            Path folder = serverFolder(wrapperHome);
            Files.move(folder, folder.resolveSibling("gone"));
            assertFalse(next.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive(), "the server ended");

            // Any step that reads the models starts one when none runs, once it has ended (no compile here: the
            // models are compiled); each run of such a step keeps it (the file alive touched), and it ends once
            // none has come for its idle time (here 5 s, where a learner's is ten minutes). A run every two
            // seconds, as a learner's next command comes, for eight: longer than the idle time, with a run
            // inside each stretch of it.
            Map<String, String> briefIdle = new HashMap<>(environment);
            briefIdle.put("JBANG_WRAPPER_COMPILE_SERVER_IDLE", "5");
            int compiles = linesStarting(trace, "models compile ").size();
            Learner.assertExit(0, project.jbangWith(briefIdle, "steps/02_setup.java"));
            ProcessHandle started = awaitNewServer(wrapperHome, next);
            long startedAt = System.nanoTime();
            int runs = 0;
            for (long at = 2; at <= 8; at += 2) {
                long wait = startedAt + java.util.concurrent.TimeUnit.SECONDS.toNanos(at) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(wait));
                }
                Learner.assertExit(0, project.jbangWith(briefIdle, "steps/02_setup.java"));
                runs++;
            }
            assertTrue(started.isAlive(), "8 s of runs (" + runs + ", one every 2 s) kept a server whose idle time is 5 s");
            assertEquals(started.pid(), server(wrapperHome).pid(), "the same server, no second one");
            assertTrue(Files.exists(serverFolder(wrapperHome).resolve("alive")), "the runs touched alive");
            assertEquals(compiles, linesStarting(trace, "models compile ").size(), "no compile started it: the runs did");
            assertFalse(started.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS).isAlive(), "it ended once no run came");
            assertFalse(Files.exists(serverFolder(wrapperHome).resolve("pid")), "and let go of its folder");
        } finally {
            Folders.deleteTree(wrapperHome);
        }
    }

    /** The compile server running for the wrapper home (its folder's pid link names it). */
    private static ProcessHandle server(Path wrapperHome) throws IOException {
        long pid = Long.parseLong(Files.readSymbolicLink(serverFolder(wrapperHome).resolve("pid")).toString());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElseThrow(() -> new AssertionError("no compile server " + pid));
    }

    /** The server started after the one given (its pid link written as it starts, before its warm-up), waited for a minute at most. */
    private static ProcessHandle awaitNewServer(Path wrapperHome, ProcessHandle old) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        Object seen = "none";
        while (System.nanoTime() < deadline) {
            try {
                ProcessHandle next = server(wrapperHome);
                if (next.pid() != old.pid()) {
                    return next;
                }
                seen = next.pid();
            } catch (IOException | AssertionError notYet) {
                seen = notYet;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new compile server after " + old.pid() + ": " + seen);
    }

    private static Path serverFolder(Path wrapperHome) throws IOException {
        try (Stream<Path> files = Files.list(wrapperHome.resolve("models"))) {
            return only(files.filter(file -> file.getFileName().toString().startsWith(".compile-server-")).toList());
        }
    }

    private static List<String> linesStarting(Path trace, String start) {
        return lines(trace).stream().filter(line -> line.startsWith(start)).toList();
    }

    /** The 25 JDK's folder, or the test is skipped: the archive's classes are linked ahead of time on Java 25 and newer only. */
    private static Path assumeJava25() throws IOException {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH, which has no AOT cache");
        Optional<Path> jdk = java25();
        Assumptions.assumeTrue(jdk.isPresent(), "no Java 25 JDK in /usr/lib/jvm/temurin-25*: linking classes ahead of time needs Java 25 and the steps run on Java 17 here");
        return jdk.get();
    }

    /** This machine's Java 25 JDK, where Debian puts Temurin's. */
    static Optional<Path> java25() {
        if (!Files.isDirectory(JVM_FOLDER)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(JVM_FOLDER)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("temurin-25"))
                    .filter(folder -> Files.isExecutable(folder.resolve("bin/java"))).sorted().findFirst();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> java25(Path jdk, Path wrapperHome, Path trace) {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", jdk.toString());
        environment.put("JBANG_WRAPPER_HOME", wrapperHome.toString());
        environment.put("JBANG_WRAPPER_TRACE", trace.toString());
        return environment;
    }

    /** javac's AOT caches in the wrapper's home (one a JDK). */
    private static List<Path> javacCaches(Path wrapperHome) throws IOException {
        try (Stream<Path> files = Files.list(wrapperHome.resolve("models"))) {
            return files.filter(file -> file.getFileName().toString().matches("\\.javac-.*\\.aot")).toList();
        }
    }

    /** The archives in place in the wrapper's home (not one being written, .part-PID.jsa, nor the links in shared/). */
    private static List<Path> archives(Path wrapperHome) throws IOException {
        Path folder = wrapperHome.resolve("cds");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa") && !file.getFileName().toString().startsWith(".part-"))
                    .sorted().toList();
        }
    }

    private static Path only(List<Path> archives) {
        assertEquals(1, archives.size(), () -> "one archive, not " + archives);
        return archives.get(0);
    }

    /** What the runs did with their archive: wrote it after the run, or mapped it (the writes' ends left out). */
    private static List<String> cdsLines(Path trace) {
        return lines(trace).stream().filter(line -> line.startsWith("cds ") && !line.startsWith("cds written ")).toList();
    }

    private static List<String> lines(Path trace) {
        try {
            return Files.exists(trace) ? Files.readAllLines(trace) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every file of the project, by its path within it, but for .tutorial/: the tools' notes and the
     * lock of the commands that change the project (ProjectLock), which git ignores and no archive goes to.
     */
    private static List<String> files(ScratchProject project) throws IOException {
        try (Stream<Path> paths = Files.walk(project.root())) {
            return paths.filter(Files::isRegularFile).map(path -> project.root().relativize(path).toString())
                    .filter(path -> !path.startsWith(".tutorial/")).sorted().toList();
        }
    }
}
