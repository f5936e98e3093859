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
    @DisplayName("a second copy of the project runs a step without JBang's launcher, with its own arguments; a changed script goes through it")
    void secondCopyHitsTheCache() throws IOException {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH, which has no launch cache");
        Path trace = Files.createTempFile("launch-trace-", ".txt");
        Map<String, String> traced = Map.of("JBANG_WRAPPER_TRACE", trace.toString());
        try (ScratchProject first = Learner.freshCopy(); ScratchProject second = Learner.freshCopy()) {
            Learner.assertExit(0, first.jbang("steps/01_create.java"));
            Learner.assertExit(1, first.jbang("check", "alter-1")); // not done yet: exit 1
            // The README's PostgreSQL commands put a --deps before the script: part of the key, and cached too.
            String driver = ReadmeTest.words(ReadmeTest.commandsAfter(PostgresStepsTest.OWN_POSTGRES).get(0)).get(2);
            Learner.assertExit(0, first.jbang("--deps", driver, "benchmark/hello.java"));
            Learner.assertExit(0, first.jbang("steps/02_setup.java"));
            Learner.assertExit(0, first.jbang("steps/06_verify.java"));

            Result create = second.jbangWith(traced, "steps/01_create.java");
            Learner.assertExit(0, create);
            Learner.assertShows(create, "Tables created. Sample data inserted.");
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(second.path("library.db")), "the step ran in the second copy");
            // Other arguments than the first copy gave: the answer is kept without them.
            Result check = second.jbangWith(traced, "check", "alter-2");
            Learner.assertShows(check, "alter-2 (Alter it)");
            Result withDriver = second.jbangWith(traced, "--deps", driver, "benchmark/hello.java");
            Learner.assertShows(withDriver, "Hello, world");
            assertEquals(List.of("cached steps/01_create.java", "cached check", "cached --deps " + driver + " benchmark/hello.java"),
                    runs(trace));

            // A model edit never seen before: a step that does not read the models keeps its answer; the first
            // that does goes through JBang, which builds them; the next one finds them built and skips JBang.
            Files.writeString(second.path("steps/models/Models.java"), "// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Learner.assertExit(0, second.jbangWith(traced, "steps/06_verify.java"));
            Result changeModel = second.jbangWith(traced, "steps/03_change_model.java");
            Learner.assertShows(changeModel, "The genre column is still commented out in the Book model.");
            Result setup = second.jbangWith(traced, "steps/02_setup.java");
            Learner.assertExit(0, setup);
            Learner.assertShows(setup, "declares the tables authors and books.");
            assertEquals(List.of("cached steps/06_verify.java", "launcher steps/03_change_model.java", "cached steps/02_setup.java"),
                    runs(trace).subList(3, 6), "after a model edit, only the first step that reads the models goes through JBang");
            List<String> lines = Files.readAllLines(trace);
            if (lines.stream().noneMatch(line -> line.startsWith("aot "))) { // Java 17 to 24: the archive follows the class path
                assertTrue(lines.contains("cds write steps/02_setup.java"), () -> "02_setup, on the new models' class path, writes an archive: " + lines);
                Learner.assertExit(0, second.jbangWith(traced, "steps/02_setup.java"));
                assertEquals("cds use steps/02_setup.java", Files.readAllLines(trace).get(lines.size() + 1), "and maps it the next time");
                // An archive written by a run that ended in an error holds little: the next run writes it again.
                Path aside = second.path("library.db.aside");
                Files.move(second.path("library.db"), aside);
                Learner.assertExit(1, second.jbangWith(traced, "steps/05_upgrade.java"));
                Files.move(aside, second.path("library.db"));
                Learner.assertExit(0, second.jbangWith(traced, "steps/05_upgrade.java"));
                Learner.assertExit(0, second.jbangWith(traced, "steps/05_upgrade.java"));
                List<String> archive = Files.readAllLines(trace).stream().filter(line -> line.endsWith(" steps/05_upgrade.java") && line.startsWith("cds ")).toList();
                assertEquals(List.of("cds write steps/05_upgrade.java", "cds write steps/05_upgrade.java", "cds use steps/05_upgrade.java"), archive,
                        "written by the failed run, written again by the next, then used");
            }

            // A change never seen before (the cache outlives the run), to the smallest script: JBang builds it anew.
            Files.writeString(second.path("benchmark/hello.java"), "\n// changed at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Result hello = second.jbangWith(traced, "benchmark/hello.java");
            Learner.assertExit(0, hello);
            Learner.assertShows(hello, "Hello, world");
            assertEquals("launcher benchmark/hello.java", last(runs(trace)), "a changed script goes through JBang");
            Result again = second.jbangWith(traced, "benchmark/hello.java");
            Learner.assertShows(again, "Hello, world");
            assertEquals("cached benchmark/hello.java", last(runs(trace)), "and is then cached in its new form");

            assertTrue(Files.notExists(second.path(".jbang-launch-cache")), "nothing of the cache lands in the project");
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /** The trace's lines that say how each run started: through the launch cache or JBang's launcher. */
    private static List<String> runs(Path trace) throws IOException {
        return Files.readAllLines(trace).stream().filter(line -> line.startsWith("cached ") || line.startsWith("launcher ")).toList();
    }
}
