package journeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import tutorial.project.ScratchProject;

/**
 * The states a learner passes through in the walkthrough, built once per test run by running
 * the real steps in one scratch copy, and then laid into any other copy in milliseconds.
 * WalkthroughTest, ReadmeTest and the journey walk the path itself; a test that only needs to
 * start from a point of it starts from here.
 */
enum LessonState {
    /** 01_create has run: authors and books, three books, no Liquibase table yet. */
    CREATED,
    /** ... and the genre line of the models uncommented. */
    EDITED,
    /** ... and 04_autogenerate has written the genre changeset: one changeset pending. */
    PENDING,
    /** ... and 05_upgrade has applied it. */
    APPLIED,
    /** ... and 07_rollback has rolled it back: where the walkthrough ends and the exercises start. */
    ROLLED_BACK;

    private static Map<LessonState, Snapshot> built;

    /** This state's files, built with the others the first time any is asked for. */
    Snapshot snapshot() {
        synchronized (LessonState.class) {
            if (built == null) {
                built = walk();
            }
            return built.get(this);
        }
    }

    /** Lays this state into the project: library.db, the changelog and the models as the learner had them then. */
    void restoreInto(ScratchProject project) {
        snapshot().restoreInto(project);
    }

    private static Map<LessonState, Snapshot> walk() {
        Map<LessonState, Snapshot> states = new EnumMap<>(LessonState.class);
        try (ScratchProject project = Learner.freshCopy()) {
            Learner.assertExit(0, project.jbang("steps/01_create.java"));
            states.put(CREATED, Snapshot.take(project));
            Learner.uncommentGenre(project);
            states.put(EDITED, Snapshot.take(project));
            Learner.assertExit(0, project.jbang("steps/04_autogenerate.java", "-m", "add genre column to books"));
            states.put(PENDING, Snapshot.take(project));
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            states.put(APPLIED, Snapshot.take(project));
            Learner.assertExit(0, project.jbang("steps/07_rollback.java"));
            states.put(ROLLED_BACK, Snapshot.take(project));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return states;
    }
}
