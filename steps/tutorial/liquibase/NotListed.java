package tutorial.liquibase;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;

/**
 * An applied changeset the changelog does not list where library.db recorded it: its include
 * taken out of the master changelog, or its file moved or renamed (Liquibase knows a changeset
 * by its path as well as its id and author, so a moved one is another changeset to it). Update
 * passes over it, and rollback has no rollback for it: 05_upgrade says so, 07_rollback stops.
 * includeFile: the include to put back, where that is the way.
 */
public record NotListed(String id, String said, String wayOut, String includeFile) {

    /** The first of these applied changesets the changelog does not list, a row that only carries a tag aside. */
    public static Optional<NotListed> first(Migrations migrations, List<RanChangeSet> applied, String changelogFile) {
        return migrations.notListed(applied).stream().findFirst().map(ran -> of(migrations, ran, changelogFile));
    }

    /** Every one of these applied changesets the changelog does not list, oldest first as given. */
    public static List<NotListed> all(Migrations migrations, List<RanChangeSet> applied, String changelogFile) {
        return migrations.notListed(applied).stream().map(ran -> of(migrations, ran, changelogFile)).toList();
    }

    /**
     * What 05_upgrade says where it passes over such changesets: each one, and the includes to put
     * back in the master changelog, ready to paste (a git checkout of it leaves nothing to copy from).
     * With nothing else to upgrade, or after it applied the rest (upgraded: a new database made
     * from this changelog would lack them).
     */
    public static void say(List<NotListed> notListed, String database, String changelogFile, boolean upgraded) {
        boolean one = notListed.size() == 1;
        String has = appliedNotListed(notListed, database);
        Console.say(upgraded
                ? database + " also has " + has + ": the upgrade passed over " + (one ? "it" : "them")
                        + ", and a new database made from this changelog would lack " + (one ? "it" : "them") + ":"
                : "Nothing to upgrade in the changelog, but " + database + " has " + has + ", so the upgrade passes over " + (one ? "it" : "them") + ":");
        Console.say(listed(notListed, changelogFile));
    }

    /** Each one, then the includes to paste back, then where the chain shows: lines a step prints or a refusal's way out. */
    public static String listed(List<NotListed> notListed, String changelogFile) {
        StringBuilder text = new StringBuilder();
        notListed.forEach(each -> text.append("  ").append(each.id()).append(", ").append(each.said())
                .append(each.includeFile() == null ? ": " + each.wayOut() : "").append("\n"));
        List<String> includes = notListed.stream().map(NotListed::includeFile).filter(Objects::nonNull).distinct().toList(); // a file, once
        if (!includes.isEmpty()) {
            text.append("Put ").append(includes.size() == 1 ? "its include" : "their includes").append(" back in ").append(changelogFile)
                    .append(", where " + (includes.size() == 1 ? "it was" : "they were") + ": after the includes of the changesets applied before, "
                    + "in the order applied (under databaseChangeLog:, in place of its [], if it has none left):\n");
            includes.forEach(file -> text.append("  - include:\n      file: ").append(file).append("\n      relativeToChangelogFile: true\n"));
        }
        return text.append("./jbang history shows the chain.").toString();
    }

    /** Autogenerate adds to a chain only when it is whole: an applied changeset left out would be a hole in every new database. */
    public static void refuseAutogenerate(Migrations migrations, String database, String changelogFile) {
        List<NotListed> notListed = all(migrations, migrations.applied(), changelogFile);
        if (!notListed.isEmpty()) {
            throw new tutorial.lesson.LessonError(database + " has " + appliedNotListed(notListed, database).replaceFirst("^changesets",
                    notListed.size() + " changesets") + ": mend the chain before autogenerate adds to it. Nothing was written.",
                    listed(notListed, changelogFile));
        }
    }

    /** "a changeset applied that the changelog does not list where library.db recorded it" (or changesets, them). */
    private static String appliedNotListed(List<NotListed> notListed, String database) {
        boolean one = notListed.size() == 1;
        return (one ? "a changeset" : "changesets") + " applied that the changelog does not list where " + database + " recorded "
                + (one ? "it" : "them");
    }

    /**
     * Stops an upgrade that would apply a changeset whose file library.db recorded another one
     * from, applied and no longer there: an id (or author) edited after it was applied. Liquibase
     * would take it for a new changeset and make what it makes a second time, where SQLite then
     * says it exists already, as if library.db had been made with it.
     */
    public static void refuseEditedIds(Migrations migrations, List<ChangeSet> pending, String database, String changelogFile) {
        if (pending.isEmpty()) {
            return;
        }
        for (RanChangeSet ran : migrations.notListed(migrations.applied())) {
            for (ChangeSet changeSet : pending) {
                if (changeSet.getFilePath().equals(ran.getChangeLog())) {
                    String recorded = ran.getId() + " by " + ran.getAuthor();
                    throw new tutorial.lesson.LessonError(changeSet.getFilePath() + " holds " + changeSet.getId() + " by " + changeSet.getAuthor()
                            + ", not applied yet, where " + database + " recorded " + recorded + " as applied from that file, and no changeset "
                            + recorded + " is in it now: an id or author edited after it was applied. Applied under its new name, it would "
                            + "make what it makes a second time." + tutorial.lesson.Failures.NOTHING_CHANGED,
                            "Put its id and author back as " + database + " recorded them, id: " + ran.getId() + " and author: " + ran.getAuthor()
                                    + ", then upgrade (./jbang history shows the chain). A new change goes in a changeset of its own.");
                }
            }
        }
    }

    private static NotListed of(Migrations migrations, RanChangeSet ran, String changelogFile) {
        {
            String recorded = ran.getChangeLog();
            List<ChangeSet> listed = migrations.changelogAsLastRead().getChangeSets();
            Optional<ChangeSet> moved = listed.stream()
                    .filter(changeSet -> changeSet.getId().equals(ran.getId()) && changeSet.getAuthor().equals(ran.getAuthor())).findFirst();
            if (moved.isPresent()) {
                String now = moved.get().getFilePath();
                return new NotListed(ran.getId(), "recorded from " + recorded + ", which the changelog has at " + now
                        + " now (moved or renamed: Liquibase knows a changeset by its path too)",
                        "put the file back at " + recorded + ", or give it the line - logicalFilePath: " + recorded, null);
            }
            if (listed.stream().anyMatch(changeSet -> recorded.equals(changeSet.getFilePath()))) {
                return new NotListed(ran.getId(), "recorded from " + recorded + ", which the changelog still includes, but with no changeset "
                        + ran.getId() + " by " + ran.getAuthor() + " in it now (an id or author edited after it was applied: Liquibase "
                        + "knows a changeset by both)", "put its id and author back as library.db recorded them, id: " + ran.getId()
                        + " and author: " + ran.getAuthor(), null);
            }
            // The include names the file from the master changelog's folder (relativeToChangelogFile), as 04_autogenerate writes it.
            String folder = changelogFile.contains("/") ? changelogFile.substring(0, changelogFile.lastIndexOf('/') + 1) : "";
            if (!java.nio.file.Files.exists(migrations.project().root().resolve(recorded))) {
                // Its file went too (git stash -u takes both): an include pasted back alone would name a file that is not there.
                return new NotListed(ran.getId(), "which the master changelog no longer includes (" + recorded + "), and whose file is gone too",
                        "bring the file back first (if you stashed it: git stash pop, which brings the include back too; if you "
                                + "committed it: " + CommandLine.fromProjectFolder(migrations.project(), "git checkout HEAD -- " + recorded)
                                + "), then its include", null);
            }
            return new NotListed(ran.getId(), "which the master changelog no longer includes (" + recorded + ")",
                    "put its include back in " + changelogFile + ", where it was (./jbang history shows the chain)",
                    recorded.startsWith(folder) ? recorded.substring(folder.length()) : recorded);
        }
    }
}
