package tutorial.liquibase;

import liquibase.changelog.ChangeSet;

import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;

/** What no copy of library.db can keep safe: a changeset that runs a program of its own, on whatever files it names. */
public final class ProgramsOnACopy {

    private ProgramsOnACopy() {
    }

    /**
     * Refuses work on a throw-away copy of library.db (a preview, a round trip) where a changeset
     * it runs, or rolls back, runs a program of its own (executeCommand): the program works on
     * whatever files it names, library.db itself included, whichever copy Liquibase was given
     * ("Preview only: library.db is not changed" was said over a real change).
     */
    public static void refuse(String work, java.util.Collection<ChangeSet> changeSets) {
        for (ChangeSet changeSet : changeSets) {
            boolean runsOne = java.util.stream.Stream.concat(changeSet.getChanges().stream(), changeSet.getRollback().getChanges().stream())
                    .anyMatch(liquibase.change.core.ExecuteShellCommandChange.class::isInstance);
            if (runsOne) {
                throw new LessonError(changeSet.getId() + " (" + changeSet.getFilePath() + ") runs a program of its own (executeCommand): "
                        + work + " would run it for real, on whatever files it names, so there is none." + Failures.NOTHING_CHANGED,
                        "Read that changeset instead. 05_upgrade says it runs one, and keeps a copy of library.db first.");
            }
        }
    }
}
