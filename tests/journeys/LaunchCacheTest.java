package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * The wrapper's launch cache is keyed by content, not by folder: a second copy of the project
 * (a teammate's clone, the tour's scratch copy, a test's) starts its steps without JBang's
 * launcher JVM, and any change to what JBang builds from sends the step through the launcher.
 * The wrapper says which way each run went in the file named by JBANG_WRAPPER_TRACE.
 */
@Tag("wrapper")
class LaunchCacheTest {

    @Test
    @DisplayName("a second copy of the project runs a step without JBang's launcher, with its own arguments or a HOME of its own; a changed script goes through it")
    void secondCopyHitsTheCache() throws IOException {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH, which has no launch cache");
        Path trace = Files.createTempFile("launch-trace-", ".txt");
        Path firstTrace = Files.createTempFile("launch-trace-first-", ".txt");
        Map<String, String> traced = Map.of("JBANG_WRAPPER_TRACE", trace.toString());
        Map<String, String> firstTraced = Map.of("JBANG_WRAPPER_TRACE", firstTrace.toString());
        try (ScratchProject first = Learner.freshCopy(); ScratchProject second = Learner.freshCopy()) {
            Learner.assertExit(0, first.jbangWith(firstTraced, "steps/01_create.java"));
            Learner.assertExit(1, first.jbangWith(firstTraced, "check", "alter-1")); // not done yet: exit 1
            // The README's PostgreSQL commands put a --deps before the script: part of the key, and cached too.
            String driver = ReadmeTest.words(ReadmeTest.commandsAfter(PostgresStepsTest.OWN_POSTGRES).get(0)).get(2);
            Learner.assertExit(0, first.jbangWith(firstTraced, "--deps", driver, "benchmark/hello.java"));
            Learner.assertExit(0, first.jbangWith(firstTraced, "steps/02_setup.java"));
            Learner.assertExit(0, first.jbangWith(firstTraced, "steps/06_verify.java"));
            Learner.assertExit(0, first.jbangWith(firstTraced, "steps/05_upgrade.java"));
            Learner.assertShows(first.jbangWith(firstTraced, "steps/03_change_model.java"), "genre"); // says which line to edit: its answer is cached
            // The archives these first runs write (in a cold wrapper home, as in a clean clone's CI) are written in the
            // background once each run has ended, at low priority: a learner's next command comes seconds later.
            awaitArchives(firstTrace);

            Result create = second.jbangWith(traced, "steps/01_create.java");
            Learner.assertExit(0, create);
            Learner.assertShows(create, "Tables created. Sample data inserted.");
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(second.path("library.db")), "the step ran in the second copy");
            // Other arguments than the first copy gave: the answer is kept without them. And a HOME of its own
            // that names JBang's folder and Maven repository where JBang would find them anyway (a fresh machine
            // as the journey makes it): the same answer, still cached.
            Map<String, String> ownHome = new java.util.HashMap<>(Learner.freshMachine(second));
            ownHome.putAll(traced);
            Result check = second.jbangWith(ownHome, "check", "alter-2");
            Learner.assertShows(check, "alter-2 (Alter it)");
            Result withDriver = second.jbangWith(traced, "--deps", driver, "benchmark/hello.java");
            Learner.assertShows(withDriver, "Hello, world");
            assertEquals(List.of("cached steps/01_create.java", "cached check", "cached --deps " + driver + " benchmark/hello.java"),
                    runs(trace));

            // A step's JVM asks for huge pages where Linux offers them to a program that asks: the JVM's own flags say so.
            Path offered = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
            boolean hugePages = Files.isReadable(offered) && Files.readString(offered).matches("(?s).*\\[(always|madvise)\\].*");
            Result flags = second.jbangWith(Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal"), "steps/06_verify.java");
            Learner.assertExit(0, flags);
            java.util.regex.Matcher flag = java.util.regex.Pattern.compile("UseTransparentHugePages\\s+= (true|false)").matcher(flags.output());
            assertTrue(flag.find(), () -> "no UseTransparentHugePages among the JVM's flags:\n" + flags.output());
            assertEquals(Boolean.toString(hugePages), flag.group(1), "huge pages asked for exactly where " + offered + " offers them");

            // The suite's other classes run the same scripts meanwhile, on the same class paths, so one may be writing an
            // archive these runs map (a run then goes without one: "cds skip"): the edit waits until no run writes one.
            awaitNoArchiveWriter();

            // A model edit never seen before: a step that does not read the models keeps its answer; the first
            // that does has the wrapper compile them (javac, beside the step's start), not JBang's launcher; the
            // next ones find them compiled.
            Learner.uncommentGenre(second);
            Files.writeString(second.path("steps/models/Models.java"), "// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Learner.assertExit(0, second.jbangWith(traced, "steps/06_verify.java"));
            Result changeModel = second.jbangWith(traced, "steps/03_change_model.java");
            Learner.assertShows(changeModel, "./jbang steps/04_autogenerate.java -m \"add genre column to books\"");
            Result setup = second.jbangWith(traced, "steps/02_setup.java");
            Learner.assertExit(0, setup);
            Learner.assertShows(setup, "declares the tables authors and books.");
            Result upgrade = second.jbangWith(traced, "steps/05_upgrade.java");
            Learner.assertShows(upgrade, "The models have books.genre, which library.db does not");
            List<String> lines = started(trace);
            assertEquals(List.of("cached steps/06_verify.java", "cached steps/03_change_model.java",
                    "cached steps/02_setup.java", "cached steps/05_upgrade.java"), runs(trace).subList(3, 7),
                    "after a model edit, only the first step that reads the models does more: it compiles them");
            assertEquals(List.of("models compile steps/03_change_model.java"),
                    lines.stream().filter(line -> line.startsWith("models compile ")).toList(), "compiled once, by the wrapper");
            // The class-data archive, the same on Java 25 (StartupCacheTest).
            // The archive leaves the models out, so a model edit keeps it: 05_upgrade mapped the one written before
            // the edit, and read the edited models (the genre line) from their new jar.
            assertEquals("cds use steps/05_upgrade.java", last(lines), "05_upgrade maps its archive after a model edit");
            assertTrue(lines.contains("cds use steps/02_setup.java"), () -> "so does 02_setup: " + lines);
            // An archive written by a run that ended in an error holds little: the next run writes it again.
            // An edit of the step makes JBang build it anew: a class path no archive has been written for.
            Files.writeString(second.path("steps/05_upgrade.java"), "\n// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Path aside = second.path("library.db.aside");
            Files.move(second.path("library.db"), aside);
            // Each archive is written in the background once its run has ended: a learner's next command comes
            // seconds later; the test waits for it.
            Result failed = second.jbangWith(traced, "steps/05_upgrade.java");
            Learner.assertExit(1, failed);
            // Run again at once, while that archive is being written: it runs without one, the same, and writes no second.
            Result meanwhile = second.jbangWith(traced, "steps/05_upgrade.java");
            assertEquals(failed.shown(), meanwhile.shown());
            awaitArchives(trace);
            Files.move(aside, second.path("library.db"));
            Learner.assertExit(0, second.jbangWith(traced, "steps/04_autogenerate.java", "-m", "add genre column to books"));
            Learner.assertExit(0, second.jbangWith(traced, "steps/05_upgrade.java"));
            awaitArchives(trace);
            Learner.assertExit(0, second.jbangWith(traced, "steps/05_upgrade.java"));
            List<String> since = started(trace);
            List<String> archive = since.subList(lines.size(), since.size()).stream()
                    .filter(line -> line.endsWith(" steps/05_upgrade.java") && line.startsWith("cds ")).toList();
            assertEquals(List.of("cds write steps/05_upgrade.java", "cds skip steps/05_upgrade.java", "cds write steps/05_upgrade.java",
                    "cds use steps/05_upgrade.java"), archive,
                    "written by the failed run, not by a run while it was written, written again by the next, then used");
            assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(second.path("library.db"), "books"),
                    "the upgrade ran, with the archive");
            // The same class path under another launch key (a JBANG_ variable of the environment, as a test or
            // a second terminal may have): JBang's launcher answers again, but the archive is shared, not written.
            Map<String, String> otherKey = Map.of("JBANG_WRAPPER_TRACE", trace.toString(), "JBANG_TUTORIAL_OTHER", Long.toString(System.nanoTime()));
            Learner.assertExit(0, second.jbangWith(otherKey, "steps/05_upgrade.java"));
            List<String> all = started(trace);
            assertEquals(List.of("launcher steps/05_upgrade.java", "cds use steps/05_upgrade.java"), all.subList(all.size() - 2, all.size()),
                    "another launch key maps the archive of the same class path");

            // A change never seen before (the cache outlives the run), to the smallest script: JBang builds it anew.
            Files.writeString(second.path("benchmark/hello.java"), "\n// changed at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Result hello = second.jbangWith(traced, "benchmark/hello.java");
            Learner.assertExit(0, hello);
            Learner.assertShows(hello, "Hello, world");
            assertEquals("launcher benchmark/hello.java", last(runs(trace)), "a changed script goes through JBang");
            Result again = second.jbangWith(traced, "benchmark/hello.java");
            Learner.assertShows(again, "Hello, world");
            assertEquals("cached benchmark/hello.java", last(runs(trace)), "and is then cached in its new form");
            // Rewritten to the same size with its old modification time kept (as cp -p does): the wrapper's
            // fingerprint of the files (sizes and inode change times) still sees the change.
            Path helloFile = second.path("benchmark/hello.java");
            java.nio.file.attribute.FileTime kept = Files.getLastModifiedTime(helloFile);
            String text = Files.readString(helloFile);
            int digit = text.lastIndexOf("changed at ") + "changed at ".length();
            Files.writeString(helloFile, text.substring(0, digit) + (text.charAt(digit) == '1' ? '2' : '1') + text.substring(digit + 1));
            Files.setLastModifiedTime(helloFile, kept);
            Learner.assertShows(second.jbangWith(traced, "benchmark/hello.java"), "Hello, world");
            assertEquals("launcher benchmark/hello.java", last(runs(trace)), "a file rewritten with its old time is seen as changed");

            assertTrue(Files.notExists(second.path(".jbang-launch-cache")), "nothing of the cache lands in the project");
        } finally {
            Files.deleteIfExists(trace);
            Files.deleteIfExists(firstTrace);
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /**
     * The trace's lines written as runs start, without those the wrapper writes later from the
     * background (an archive or javac's cache written, a compile the compile server did, the
     * server ready or polling), which land between them whenever they are done.
     */
    static List<String> started(Path trace) throws IOException {
        return Files.readAllLines(trace).stream().filter(line -> !line.startsWith("cds written ") && !line.startsWith("javac aot written ")
                && !line.startsWith("models served ") && !line.startsWith("models server ")).toList();
    }

    /** The trace's lines that say how each run started: through the launch cache or JBang's launcher. */
    private static List<String> runs(Path trace) throws IOException {
        return Files.readAllLines(trace).stream().filter(line -> line.startsWith("cached ") || line.startsWith("launcher ")).toList();
    }

    /** Waits until every archive a run started to write is written (the wrapper writes them in the background). */
    static void awaitArchives(Path trace) {
        awaitTrace(trace, "an archive was not written", lines -> count(lines, "cds written ") >= count(lines, "cds write "));
    }

    /**
     * Waits, five minutes at most, until no run writes a class-data archive in the wrapper's home:
     * each writer names itself in a .writing file beside the archive, its pid, while it lists the
     * classes and writes it, whichever copy of the project (or test class) it runs in.
     */
    static void awaitNoArchiveWriter() {
        Path cds = Path.of(System.getenv().getOrDefault("JBANG_WRAPPER_HOME", System.getProperty("user.home") + "/.jbang-wrapper"), "cds");
        assertTrue(Files.isDirectory(cds), () -> "the wrapper keeps its archives in " + cds + ", where the runs before wrote them");
        java.util.function.Supplier<List<Path>> writing = () -> {
            try (java.util.stream.Stream<Path> files = java.util.stream.Stream.concat(list(cds), list(cds.resolve("shared")))) {
                return files.filter(file -> file.getFileName().toString().endsWith(".writing")).filter(LaunchCacheTest::writerAlive).toList();
            }
        };
        await(() -> "an archive was still being written after five minutes: " + writing.get(), () -> writing.get().isEmpty());
    }

    private static java.util.stream.Stream<Path> list(Path folder) {
        try {
            return Files.isDirectory(folder) ? Files.list(folder) : java.util.stream.Stream.empty();
        } catch (IOException e) {
            return java.util.stream.Stream.empty();
        }
    }

    /**
     * As the wrapper judges a marker: its writer's pid still running, and the marker written in
     * the last ten minutes (a killed writer's number may be reused); an empty one is a writer
     * between the wrapper's truncating it and writing its pid.
     */
    private static boolean writerAlive(Path writing) {
        try {
            if (Files.getLastModifiedTime(writing).toMillis() < System.currentTimeMillis() - java.util.concurrent.TimeUnit.MINUTES.toMillis(10)) {
                return false;
            }
            String pid = Files.readString(writing).strip();
            return pid.isEmpty() || ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException gone) {
            return false;
        }
    }

    /** Waits, five minutes at most, until the trace's lines say that what the wrapper does in the background is done. */
    static void awaitTrace(Path trace, String otherwise, java.util.function.Predicate<List<String>> done) {
        java.util.function.Supplier<List<String>> lines = () -> {
            try {
                return Files.readAllLines(trace);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        await(() -> otherwise + " within five minutes: " + lines.get(), () -> done.test(lines.get()));
    }

    /** Waits, five minutes at most, until done says so, looking every 100 ms; then fails, saying otherwise. */
    private static void await(java.util.function.Supplier<String> otherwise, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(otherwise.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long count(List<String> lines, String start) {
        return lines.stream().filter(line -> line.startsWith(start)).count();
    }
}
