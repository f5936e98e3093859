package tutorial.liquibase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import liquibase.changelog.ChangeSet;

import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;

/**
 * Two changesets under one name: a path, an id and an author, which is how Liquibase knows a
 * changeset. A file copied to start a new one keeps its original's logicalFilePath and id, and
 * Liquibase takes the two for one: the copy never runs, history shows it as applied, and update
 * calls its changes an edit of the applied original (a checksum that no longer matches, which
 * clear-checksums only swaps round). Said as what it is when the changelog is read, before
 * anything runs; history says it before its chain, which would show the copy as the original.
 */
public final class RepeatedChangeSet extends LessonError {

    private RepeatedChangeSet(String what, String next) {
        super(what, next);
    }

    /** Stops at the first changeset whose name an earlier one of the changelog has. */
    static void refuseIn(List<ChangeSet> changeSets) {
        Map<String, ChangeSet> first = new HashMap<>();
        for (ChangeSet changeSet : changeSets) {
            ChangeSet original = first.putIfAbsent(changeSet.toString(false), changeSet);
            if (original == null) {
                continue;
            }
            String copy = physical(changeSet);
            String of = physical(original);
            if (copy.equals(of) && changeSet.getChangeLog() != original.getChangeLog()) {
                // The same file read twice: an include listed twice, not a changeset written twice.
                throw new RepeatedChangeSet("The changelog includes " + copy + " twice, so Liquibase reads its changeset " + changeSet.getId()
                        + " twice." + Failures.NOTHING_CHANGED, "Take the second include of it out of the master changelog.");
            }
            String named = "the path " + changeSet.getFilePath() + " (its logicalFilePath line), the id " + changeSet.getId()
                    + " and the author " + changeSet.getAuthor();
            throw new RepeatedChangeSet((copy.equals(of) ? copy + " has changeset " + changeSet.getId() + " twice: both name the id "
                    + changeSet.getId() + " and the author " + changeSet.getAuthor() + " in the one file"
                    : copy + " repeats changeset " + changeSet.getId() + " of " + of + ": both name " + named)
                    + ". Liquibase knows a changeset by these three, so it takes them for one: the second would never run, and its "
                    + "changes would look like an edit of the first." + Failures.NOTHING_CHANGED,
                    copy.equals(of) ? "Give the second its own id."
                            : "Give " + copy + " names of its own, if it was copied from " + of + ": its own logicalFilePath (" + copy
                            + ") and a new id. ./jbang revision -m MESSAGE starts a new changeset with both.");
        }
    }

    /** The file a changeset was read from, as the learner sees it (not its logicalFilePath). */
    static String physical(ChangeSet changeSet) {
        String path = changeSet.getChangeLog() == null ? changeSet.getFilePath() : changeSet.getChangeLog().getPhysicalFilePath();
        return path.replace('\\', '/').replaceFirst("^\\./", "");
    }
}
