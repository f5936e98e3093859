package tutorial.liquibase;

import java.util.List;

import liquibase.change.DbmsTargetedChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseList;

import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;

/**
 * A changeset whose every change names another database (an sql with dbms: postgresql): Liquibase 4.33 runs it here without
 * recording it, so it would stay pending for good. Refused before it runs, with the line that makes Liquibase pass over it.
 */
final class NoChangeForThisDatabase {

    private NoChangeForThisDatabase() {
    }

    /**
     * Refuses changesets, about to run, with no change for this database: their one change an sql (or another change) whose
     * dbms is another's, the changeset's own dbms left open, no precondition. Liquibase 4.33 runs such a changeset without
     * recording it (liquibase#7153: with two such changes, or a precondition, it records it), so it stays pending for good, and
     * autogenerate refuses while it does; a dbms on the changeset itself makes Liquibase pass over it on this database.
     */
    static void refuse(Database database, List<ChangeSet> changeSets, String databaseName) {
        for (ChangeSet changeSet : changeSets) {
            boolean changeSetFits = changeSet.getDbmsSet() == null || changeSet.getDbmsSet().isEmpty()
                    || DatabaseList.definitionMatches(changeSet.getDbmsSet(), database, true);
            // Liquibase leaves it unrecorded only so: its one change skipped, no precondition to mark it ran, not ignored on purpose.
            boolean one = changeSet.getChanges().size() == 1 && changeSet.getPreconditions() == null && !changeSet.isIgnore();
            boolean noneFits = one && changeSet.getChanges().stream().allMatch(change ->
                    change instanceof DbmsTargetedChange targeted && targeted.getDbms() != null && !targeted.getDbms().isBlank()
                            && !DatabaseList.definitionMatches(targeted.getDbms(), database, true));
            if (changeSetFits && noneFits) {
                String dbms = changeSet.getChanges().stream().map(change -> ((DbmsTargetedChange) change).getDbms().strip()).distinct()
                        .collect(java.util.stream.Collectors.joining(", "));
                throw new LessonError(changeSet.getFilePath() + " (changeset " + changeSet.getId() + ") has no change for " + databaseName
                        + ": each of its changes names another database (dbms: " + dbms + "). Liquibase 4.33 runs such a changeset without "
                        + "recording it, so it would stay pending for good." + Failures.NOTHING_CHANGED,
                        "Give the changeset itself the dbms it is for (a line dbms: " + (dbms.matches("[\\w, ]+") ? dbms : "\"" + dbms + "\"")
                                + " under changeSet:, beside its id): "
                                + databaseName + " then passes over it, and the other database runs it. Or add a change for "
                                + database.getShortName() + ", then run this step again.");
            }
        }
    }
}
