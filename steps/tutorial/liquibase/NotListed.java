package tutorial.liquibase;

import java.util.Optional;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

/**
 * An applied changeset the changelog does not list where library.db recorded it: its include
 * taken out of the master changelog, or its file moved or renamed (Liquibase knows a changeset
 * by its path as well as its id and author, so a moved one is another changeset to it). Update
 * passes over it, and rollback has no rollback for it: 05_upgrade says so, 07_rollback stops.
 */
public record NotListed(String id, String said, String wayOut) {

    /** The first of these applied changesets the changelog does not list, a row that only carries a tag aside. */
    public static Optional<NotListed> first(Migrations migrations, java.util.List<RanChangeSet> applied, String changelogFile) {
        return migrations.firstNotListed(applied).map(ran -> {
            String recorded = ran.getChangeLog();
            Optional<ChangeSet> moved = migrations.changelog().getChangeSets().stream()
                    .filter(changeSet -> changeSet.getId().equals(ran.getId()) && changeSet.getAuthor().equals(ran.getAuthor())).findFirst();
            if (moved.isPresent()) {
                String now = moved.get().getFilePath();
                return new NotListed(ran.getId(), "recorded from " + recorded + ", which the changelog has at " + now
                        + " now (moved or renamed: Liquibase knows a changeset by its path too)",
                        "put the file back at " + recorded + ", or give it the line - logicalFilePath: " + recorded);
            }
            return new NotListed(ran.getId(), "which the master changelog no longer includes (" + recorded + ")",
                    "put its include back in " + changelogFile + ", where it was (./jbang history shows the chain)");
        });
    }
}
