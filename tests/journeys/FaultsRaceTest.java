package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
 * Two steps at once on one library.db: one applies the changeset, the other waits or fails
 * cleanly, and it is never applied twice. Read back after each round.
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
    @DisplayName("two 05_upgrade started at once, three times: one applies, the other waits or fails cleanly, never twice")
    void twoUpgradesAtOnce() {
        ScratchProject project = pending.project();
        Path database = pending.database();
        for (int round = 0; round < 3; round++) {
            pending.restore(LessonState.PENDING);
            RunningStep first = RunningStep.start(project, "steps/05_upgrade.java");
            RunningStep second = RunningStep.start(project, "steps/05_upgrade.java");
            List<Result> results = new ArrayList<>(List.of(first.finish().result(), second.finish().result()));
            int appliedBy = 0;
            for (Result result : results) {
                Messages.assertNoStackTrace(result);
                if (result.shown().contains("1 changeset applied.")) {
                    Learner.assertExit(0, result);
                    appliedBy++;
                } else if (result.exitCode() == 0) {
                    Learner.assertShows(result, "Nothing to upgrade");
                } else {
                    Learner.assertExit(1, result);
                    assertTrue(Messages.pattern(Messages.BUSY).matcher(result.shown()).find()
                            || Messages.pattern(Messages.LOCKED).matcher(result.shown()).find(), result::output);
                }
            }
            assertEquals(1, appliedBy, () -> "exactly one applies the changeset: " + results);
            assertEquals(FaultsLockTest.NEW, ReadBack.columnNames(database, "books"));
            assertEquals(List.of("0001-1"), ReadBack.rows(database, "SELECT id FROM DATABASECHANGELOG"));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
            assertEquals(List.of("0 | null"), ReadBack.rows(database, "SELECT LOCKED, LOCKEDBY FROM DATABASECHANGELOGLOCK"));
        }
        Result again = project.jbang("steps/05_upgrade.java");
        Learner.assertExit(0, again);
        Learner.assertShows(again, "Nothing to upgrade");
    }
}
