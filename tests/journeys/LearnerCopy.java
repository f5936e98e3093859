package journeys;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import tutorial.project.ScratchProject;

/**
 * One scratch copy of the project for a whole test class, starting at a lesson state, removed
 * when the class is done. Register it in a static field, and take the copy in a field:
 * <pre>
 * {@code @RegisterExtension static final LearnerCopy copy = LearnerCopy.at(LessonState.PENDING);}
 * final ScratchProject project = copy.project();
 * </pre>
 * A test goes back to any state with {@link #restore}.
 */
final class LearnerCopy implements BeforeAllCallback, AfterAllCallback {

    private final LessonState start;
    private ScratchProject project;

    private LearnerCopy(LessonState start) {
        this.start = start;
    }

    static LearnerCopy at(LessonState start) {
        return new LearnerCopy(start);
    }

    /** A copy as a fresh clone is: no library.db yet, the models and changelog at the lesson's start. */
    static LearnerCopy fresh() {
        return new LearnerCopy(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        project();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (project != null) {
            project.close();
            project = null;
        }
    }

    /** The copy, made at the first call (a field initializer of the test class may ask first). */
    synchronized ScratchProject project() {
        if (project == null) {
            project = Learner.freshCopy();
            if (start != null) {
                start.restoreInto(project);
            }
        }
        return project;
    }

    Path database() {
        return project().path("library.db");
    }

    /** Back to a lesson state: library.db, the changelog and the models as they were then. */
    void restore(LessonState state) {
        state.restoreInto(project());
    }

    /** Back to a moment this class saved itself. */
    void restore(Snapshot snapshot) {
        snapshot.restoreInto(project());
    }
}
