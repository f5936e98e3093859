package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Two steps at once in one folder: they take turns (ProjectLock), so the second does what it
 * would do typed after the first: one applies the changeset, never twice; one autogenerates it,
 * never twice. Read back after each round.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Alone, not beside other test classes: its strength is a race, which a busy machine would blur (the two runs one after the other).
@org.junit.jupiter.api.parallel.Isolated
class FaultsRaceTest {

    /** Where the walkthrough reaches 05_upgrade: the genre changeset pending. */
    @RegisterExtension
    static final LearnerCopy pending = LearnerCopy.at(LessonState.PENDING);

    @Test
    @DisplayName("two 05_upgrade started at once, three times: one applies, the other then finds nothing to upgrade, never twice, "
            + "and never sends the learner to autogenerate what was just applied")
    void twoUpgradesAtOnce() {
        ScratchProject project = pending.project();
        Path database = pending.database();
        int waited = 0;
        for (int round = 0; round < 3; round++) {
            pending.restore(LessonState.PENDING);
            RunningStep first = RunningStep.start(project, "steps/05_upgrade.java");
            RunningStep second = RunningStep.start(project, "steps/05_upgrade.java");
            List<Result> results = new ArrayList<>(List.of(first.finish().result(), second.finish().result()));
            int appliedBy = 0;
            for (Result result : results) {
                Messages.assertNoStackTrace(result);
                if (result.output().contains("Waiting for ./jbang steps/05_upgrade.java")) {
                    waited++;
                    Messages.assertSays(result, Messages.WAITING_TURN); // the line docs/troubleshooting.md explains, whole
                }
                if (result.shown().contains("1 changeset applied.")) {
                    Learner.assertExit(0, result);
                    appliedBy++;
                } else {
                    // It took its turn after the other: library.db up to date, as if typed second.
                    Learner.assertExit(0, result);
                    Learner.assertShows(result, "Nothing to upgrade");
                    assertFalse(Messages.pattern(Messages.MODELS_AHEAD).matcher(result.shown()).find(), result::output);
                }
            }
            assertEquals(1, appliedBy, () -> "exactly one applies the changeset: " + results);
            assertEquals(FaultsLockTest.NEW, ReadBack.columnNames(database, "books"));
            assertEquals(List.of("0001-1"), ReadBack.rows(database, "SELECT id FROM DATABASECHANGELOG"));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
            assertEquals(List.of("0 | null"), ReadBack.rows(database, "SELECT LOCKED, LOCKEDBY FROM DATABASECHANGELOGLOCK"));
        }
        // They raced: in one round at least, one run found the other holding the project and waited for it.
        assertTrue(waited > 0, "no run waited for the other: the two never overlapped");
        Result again = project.jbang("steps/05_upgrade.java");
        Learner.assertExit(0, again);
        Learner.assertShows(again, "Nothing to upgrade");
    }

    @Test
    @DisplayName("two 04_autogenerate started at once: one writes the changeset, the other then refuses, as it would typed second; one file")
    void twoAutogeneratesAtOnce() throws IOException {
        ScratchProject project = pending.project();
        pending.restore(LessonState.EDITED);
        RunningStep first = RunningStep.start(project, "steps/04_autogenerate.java", "-m", "add genre column to books");
        RunningStep second = RunningStep.start(project, "steps/04_autogenerate.java", "-m", "add genre column to books");
        List<Result> results = List.of(first.finish().result(), second.finish().result());
        assertEquals(List.of(0, 1), results.stream().map(Result::exitCode).sorted().toList(), () -> "one writes, one refuses: " + results);
        for (Result result : results) {
            Messages.assertNoStackTrace(result);
            if (result.exitCode() == 1) {
                Learner.assertShows(result, "library.db is not up to date: 1 changeset of the changelog is not applied yet");
            }
        }
        assertEquals(List.of(".gitkeep", "0001_add_genre_column_to_books.yaml"), Learner.files(project, "changelog/changes"));
    }

    @Test
    @DisplayName("a step started while another command changes the project waits for it, naming it, then runs")
    void waitsItsTurn() throws IOException {
        ScratchProject project = pending.project();
        pending.restore(LessonState.PENDING);
        // Named as its holder wrote itself: a live process (this test's, which holds the lock here).
        long holder = ProcessHandle.current().pid();
        namedHolder(project, "./jbang steps/07_rollback.java", holder);
        RunningStep upgrade = whileLocked(project, "Waiting for ./jbang steps/07_rollback.java (process " + holder + ") to finish: commands that change "
                + "library.db, the changelog or the models take turns.", () -> assertEquals(List.of("id", "title", "author_id"),
                        ReadBack.columnNames(pending.database(), "books"), "nothing done while it waits"), "steps/05_upgrade.java");
        Result result = upgrade.finish().result();
        Learner.assertExit(0, result);
        Learner.assertShows(result, "1 changeset applied.");
        assertEquals(FaultsLockTest.NEW, ReadBack.columnNames(pending.database(), "books"));
    }

    @Test
    @DisplayName("a step that waited its turn while the command before it changed the models says so, and changes nothing: its models are the old ones")
    void modelsChangedWhileWaiting() throws IOException {
        ScratchProject project = pending.project();
        pending.restore(LessonState.CREATED);
        // The holder's file still names a command that has ended (the new holder had not written itself yet): not named.
        long ended = Learner.pidNotRunning();
        namedHolder(project, "./jbang steps/04_autogenerate.java", ended);
        // Meanwhile, what 03_change_model --apply, solve or reset would do.
        RunningStep generate = whileLocked(project, "Waiting for another command to finish: commands that change library.db, the changelog or the models take turns.",
                () -> Learner.uncommentGenre(project), "steps/04_autogenerate.java", "-m", "add genre column to books");
        Result result = generate.finish().result();
        Messages.assertRefused(result, 1, Messages.MODELS_CHANGED_WAITING);
        Learner.assertShows(result, "Run the same command again: ./jbang steps/04_autogenerate.java -m 'add genre column to books'");
        assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));
        Result again = project.jbang("steps/04_autogenerate.java", "-m", "add genre column to books");
        Learner.assertExit(0, again);
        assertEquals(List.of(".gitkeep", "0001_add_genre_column_to_books.yaml"), Learner.files(project, "changelog/changes"));
    }

    @Test
    @DisplayName("a read-only step that finds library.db empty while 01_create makes it waits for it, then reads it, where it said to run 01_create")
    void readsWhatIsBeingMade() throws IOException {
        ScratchProject project = pending.project();
        pending.restore(LessonState.PENDING);
        Path database = pending.database();
        byte[] made = Files.readAllBytes(database);
        Files.write(database, new byte[0]); // as SQLite leaves it between 01_create's connection and its first table (a tester's script)
        long holder = ProcessHandle.current().pid();
        namedHolder(project, "./jbang steps/01_create.java", holder);
        RunningStep verify = whileLocked(project, "Waiting for ./jbang steps/01_create.java (process " + holder + ") to finish: library.db is empty "
                + "(0 bytes) while it runs.", () -> Files.write(database, made), "steps/06_verify.java");
        Result result = verify.finish().result();
        Learner.assertExit(0, result);
        Learner.assertShows(result, "[id, title, author_id]");
        Learner.assertShows(result, "  3 | Fluent Python                | Luciano Ramalho");
        // Empty with no command running: said as before, with the way (01_create), at once.
        Files.write(database, new byte[0]);
        Result empty = project.jbang("steps/06_verify.java");
        Learner.assertExit(1, empty);
        Learner.assertShows(empty, "library.db is an empty file (0 bytes), not a SQLite database.");
        assertFalse(empty.output().contains("Waiting"), empty.output());
        pending.restore(LessonState.PENDING);
    }

    /** The lock's holder as a command writes itself there, by its command line and process. */
    static void namedHolder(ScratchProject project, String command, long process) throws IOException {
        Files.writeString(Files.createDirectories(project.path(".tutorial")).resolve("project.holder"), command + " (process " + process + ")");
    }

    interface Meanwhile {
        void run() throws IOException;
    }

    /** The step started while this test holds the project's lock, as another command would: once it says it waits, meanwhile, then the lock let go. */
    static RunningStep whileLocked(ScratchProject project, String waiting, Meanwhile meanwhile, String... step) throws IOException {
        Path folder = Files.createDirectories(project.path(".tutorial"));
        try (FileChannel channel = FileChannel.open(folder.resolve("project.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            RunningStep running = RunningStep.start(project, step).awaitOutput(waiting, java.time.Duration.ofSeconds(60));
            meanwhile.run();
            return running;
        }
    }
}
