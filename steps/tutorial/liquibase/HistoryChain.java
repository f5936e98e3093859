package tutorial.liquibase;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * The history chain that 02_setup and ./jbang history show: the changelog's changesets in order,
 * each with what Liquibase's DATABASECHANGELOG says of it, then the applied ones the changelog no
 * longer has. Liquibase's own history command lists only what ran, and its status only what has
 * not; neither shows the two together, nor names a file that went missing.
 *
 * @param links      the chain, in order
 * @param unreadable why the changelog could not be read as a whole (an included file missing, or
 *                   not valid YAML), as every step that reads it says; null when it could
 */
public record HistoryChain(List<Link> links, LessonError unreadable) {

    /** Where a changeset stands: what Liquibase's history and the changelog say of it together. */
    public enum State {
        APPLIED, PENDING, APPLIED_EDITED, APPLIED_NOT_IN_CHANGELOG, APPLIED_FILE_MISSING;

        /** A changeset of the changelog as it is, applied or not. */
        public boolean inChangelog() {
            return this == APPLIED || this == PENDING || this == APPLIED_EDITED;
        }

        /** Applied, but the changelog no longer holds it as it ran: every step that reads the changelog stops. */
        public boolean broken() {
            return this != APPLIED && this != PENDING;
        }
    }

    /**
     * One link of the chain: a changeset of the changelog, or an applied one the changelog lacks.
     * markedRan: recorded by a precondition's onFail: MARK_RAN, none of its changes ran.
     */
    public record Link(String id, String author, String file, String description, State state, String tag, boolean markedRan) {
        public boolean applied() {
            return state != State.PENDING;
        }
    }

    /**
     * Reads the chain from what of the changelog can be read (Migrations.readable), each applied
     * changeset whose file is gone named from what library.db recorded.
     */
    public static HistoryChain read(Migrations migrations) {
        Project project = migrations.project();
        List<RanChangeSet> applied = migrations.applied();
        Migrations.Readable readable = migrations.readable();
        List<Link> chain = new ArrayList<>();
        for (ChangeSet changeSet : readable.changeSets()) {
            RanChangeSet ran = applied.stream().filter(r -> r.isSameAs(changeSet)).findFirst().orElse(null);
            // Applied, then edited: Liquibase's own check, the checksum it recorded against the file's now.
            State state = ran == null ? State.PENDING
                    : migrations.checkSumMatches(changeSet, ran) ? State.APPLIED : State.APPLIED_EDITED;
            chain.add(new Link(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(),
                    Migrations.describe(changeSet), state, ran == null ? null : ran.getTag(), Migrations.markedRan(ran)));
        }
        boolean anyMissing = false;
        for (RanChangeSet ran : applied) {
            if (Migrations.tagOnly(ran)) {
                continue; // as Liquibase's own check for unexpected changesets skips it
            }
            boolean listed = chain.stream().anyMatch(link -> link.id().equals(ran.getId())
                    && link.author().equals(ran.getAuthor()) && link.file().equals(ran.getChangeLog()));
            if (!listed) {
                boolean fileThere = Files.exists(project.root().resolve(ran.getChangeLog()));
                anyMissing |= !fileThere;
                if (!fileThere) {
                    MissingFileSeen.note(project, ran.getChangeLog(), applied);
                }
                // A changeset without a comment is described by what Liquibase recorded it did (addColumn tableName=books).
                String described = ran.getComments() != null && !ran.getComments().isBlank() ? ran.getComments()
                        : ran.getDescription() != null ? ran.getDescription() : "";
                chain.add(new Link(ran.getId(), ran.getAuthor(), ran.getChangeLog(), described,
                        fileThere ? State.APPLIED_NOT_IN_CHANGELOG : State.APPLIED_FILE_MISSING, ran.getTag(), Migrations.markedRan(ran)));
            }
        }
        if (anyMissing) {
            // A changeset whose file is gone goes back where it ran, not to the end of the chain:
            // applied ones in the order they ran, then what is pending.
            List<String> ranOrder = applied.stream().map(ran -> ran.getChangeLog() + "::" + ran.getId()).toList();
            chain.sort(java.util.Comparator.comparingInt(link -> {
                int at = ranOrder.indexOf(link.file() + "::" + link.id());
                return at >= 0 ? at : ranOrder.size();
            }));
        }
        return new HistoryChain(List.copyOf(chain), readable.unreadable());
    }
}
