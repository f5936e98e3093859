package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * ./jbang check --watch, as a learner leaves it running in a second terminal: it checks at
 * once, checks again when the files change, and stops cleanly. Every wait is bounded, and
 * generous: a re-check after the models changed compiles them, on two busy cores.
 */
@Tag("tools")
// Beside the other classes: every wait here is for what the watcher prints, bounded and generous, so a busy machine only slows it.
class CheckWatchTest {

    /** Long enough for JBang to build the tool, or the models, on a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String FIRST_CHECK = "[---------] 0/9 exercises done\n";

    /** Where the exercises start: the walkthrough done and rolled back, no exercise done. */
    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.ROLLED_BACK);
    final ScratchProject project = copy.project();

    @Test
    @DisplayName("checks at once, as the tools page shows; checks again when solve does alter-1 (the models compiled anew), then names alter-2; Ctrl-C stops it with one line")
    void checksAgainAtEveryChange() throws IOException {
        copy.restore(LessonState.ROLLED_BACK);
        RunningStep watch = RunningStep.startAtKeyboard(project, "check", "--watch").awaitOutput(FIRST_CHECK, PATIENCE);
        String shown = ReadmeTest.blockAfter("<!-- test: check --watch -->");
        watch.awaitOutput(shown, PATIENCE); // the first check is whole on the page, line for line

        Learner.assertExit(0, project.jbang("solve", "alter-1")); // edits the models, writes a changeset, upgrades
        watch.awaitOutput("[#--------] 1/9 exercises done\nNext: alter-2 (Alter it): ", PATIENCE);
        String printed = watch.printed();
        assertTrue(printed.contains("  A hint: ./jbang hint alter-2   The reference solution: ./jbang solve alter-2\n"), printed);
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("== ") && line.contains(Learner.MODELS)),
                () -> "a heading names the models as changed:\n" + printed);
        assertTrue(printed.contains(": compiling the models and checking again =="), () -> "the changed models were compiled:\n" + printed);
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("== ") && line.contains("changelog/changes/0002_add_isbn_column_to_books.yaml")),
                () -> "a heading names the new changeset:\n" + printed);

        String signal = FaultsKillTest.ignoresInterrupt(watch.pid()) ? "TERM" : "INT"; // TERM where INT is ignored: a background job
        watch.signal(signal); // Ctrl-C, as a terminal sends it
        Result result = watch.finish().result();
        Learner.assertExit(signal.equals("INT") ? 130 : 143, result);
        assertEndsCleanly(result.output());
    }

    @Test
    @DisplayName("Enter checks again, another line says what keys do, q and Enter stops it: exit 0, one line")
    void keyboard() {
        copy.restore(LessonState.ROLLED_BACK);
        RunningStep watch = RunningStep.startAtKeyboard(project, "check", "--watch").awaitOutput(FIRST_CHECK, PATIENCE);
        watch.type("");
        watch.awaitOutput("== Enter pressed: checking again ==\n" + FIRST_CHECK, PATIENCE);
        watch.type("help");
        watch.awaitOutput("Enter checks again; q and Enter stops.\n", PATIENCE);
        watch.type("q");
        Result result = watch.finish().result();
        Learner.assertExit(0, result);
        assertEndsCleanly(result.output());
    }

    @Test
    @DisplayName("with no one at the keyboard (its input at its end, as in a script) it checks once and stops: exit 0")
    void noKeyboard() {
        copy.restore(LessonState.ROLLED_BACK);
        Result result = project.jbang("check", "--watch");
        Learner.assertExit(0, result);
        assertEquals(1, result.shown().split("exercises done", -1).length - 1, result.output());
        Learner.assertShows(result, FIRST_CHECK);
        assertEndsCleanly(result.output());
    }

    @Test
    @DisplayName("models that do not compile show javac's message and the watch goes on; put right, they are checked again")
    void modelsThatDoNotCompile() throws IOException {
        copy.restore(LessonState.ROLLED_BACK);
        Path models = project.path(Learner.MODELS);
        String good = Files.readString(models);
        RunningStep watch = RunningStep.startAtKeyboard(project, "check", "--watch").awaitOutput(FIRST_CHECK, PATIENCE);
        Files.writeString(models, good + "\nhalf an edit\n");
        watch.awaitOutput(Learner.MODELS + " does not compile:\n  " + Learner.MODELS + ":", PATIENCE);
        watch.awaitOutput("Put it right and save: it is checked again then.\n", PATIENCE);
        assertTrue(watch.isAlive(), "still watching");
        Files.writeString(models, good);
        // As they were when the watch started: checked in the watch's own process again, at once.
        watch.awaitOutput("it is checked again then.\n\n== " + Learner.MODELS + " changed: checking again ==\n" + FIRST_CHECK, PATIENCE);
        watch.type("q");
        Result result = watch.finish().result();
        Learner.assertExit(0, result);
        String watched = result.output().substring(result.output().indexOf("Check your work"));
        assertFalse(watched.contains("[jbang]"), () -> "JBang's own lines of the check it started are left out:\n" + result.output());
        assertEndsCleanly(result.output());
    }

    @Test
    @DisplayName("before the walkthrough is done, the brief form sends the learner to its next step, not to an exercise")
    void walkthroughFirst() {
        copy.restore(LessonState.CREATED);
        Result brief = project.jbang("check", "--brief");
        Learner.assertExit(0, brief);
        Learner.assertShows(brief, FIRST_CHECK
                + "Next: the walkthrough first (genre uncommented in the models: not yet): ./jbang steps/03_change_model.java\n");
    }

    @Test
    @DisplayName("--watch ID watches one exercise as check ID shows it; mastery cannot be watched, --brief is for all: exit 2, data as it was")
    void oneExerciseAndRefusals() throws IOException {
        copy.restore(LessonState.ROLLED_BACK);
        byte[] database = Files.readAllBytes(copy.database());
        RunningStep one = RunningStep.startAtKeyboard(project, "check", "--watch", "alter-3");
        one.awaitOutput("alter-3 (Alter it): Add an index on books.genre through a migration that can be rolled back.\n"
                + "Not done yet: library.db has no index on books.genre yet.\n", PATIENCE);
        one.type("q");
        Learner.assertExit(0, one.finish().result());

        Result mastery = project.jbang("check", "--watch", "mastery");
        Learner.assertExit(2, mastery);
        Learner.assertShows(mastery, "run it once, ./jbang check mastery, rather than watch it.");
        Result brief = project.jbang("check", "--brief", "alter-3");
        Learner.assertExit(2, brief);
        Learner.assertShows(brief, "--brief sums up all the exercises: ./jbang check --brief, or ./jbang check alter-3 for this one.");
        for (Result refused : List.of(mastery, brief)) {
            assertFalse(refused.output().contains("Stopped watching."), refused::output);
            assertFalse(refused.output().contains("Exception"), refused::output);
        }
        assertTrue(java.util.Arrays.equals(database, Files.readAllBytes(copy.database())), "library.db as it was");
    }

    static void assertEndsCleanly(String output) {
        List<String> lines = output.lines().toList();
        assertEquals("Stopped watching.", lines.get(lines.size() - 1), output);
        assertFalse(output.contains("Exception"), () -> "no stack trace:\n" + output);
    }
}
