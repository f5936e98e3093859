package tutorial.liquibase;

import java.util.List;
import java.util.stream.Collectors;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.lesson.Report;
import tutorial.lesson.Step;

/**
 * How far 07_rollback goes: a count of changesets (Alembic's downgrade -N), or --to a target:
 * a changeset id or a tag (rolled back to, kept), or base (everything, Alembic's downgrade base).
 */
public record RollbackTarget(int count, String tag, String describe) {

    /**
     * The Liquibase and Alembic commands the step stands for, as typed: a count, a target or
     * neither. Read from the raw arguments, because the step's heading is printed before they
     * are checked (a wrong one is refused right after it).
     */
    public static String[] standsFor(String[] args) {
        String target = typedTarget(args);
        if (target != null) {
            // The tutorial's changeset ids are NNNN-N (revision and autogenerate name them so): counted, not a tag.
            return target.equals("base")
                    ? new String[] {"liquibase rollback-count (every applied changeset)", "alembic downgrade base"}
                    : target.matches("\\d{4}-\\d+")
                    ? new String[] {"liquibase rollback-count (the changesets after " + target + ")", "alembic downgrade " + target}
                    : new String[] {"liquibase rollback --tag " + target, "alembic downgrade " + target};
        }
        String count = typedCount(args);
        return new String[] {"liquibase rollback-count --count " + count, "alembic downgrade -" + count};
    }

    /**
     * Why a tag of this name could not be rolled back to, or null where it can: 07_rollback --to reads base as before the first
     * changeset, and a changeset's id (of the changelog, or applied) before a tag, so --to it never came back to the tag. For
     * 05_upgrade --tag and the CLI's tag alike, each saying it in its own words around this. Base needs no migrations (null).
     */
    public static String tagReadOtherwise(String tag, Migrations migrations) {
        if (tag.equalsIgnoreCase("base")) {
            return "names no point to come back to: 07_rollback --to base means before the first changeset, everything rolled back.";
        }
        boolean anId = migrations.applied().stream().anyMatch(ran -> ran.getId().equalsIgnoreCase(tag)) || inTheChangelog(tag, migrations);
        return anId ? "is a changeset's id: 07_rollback --to " + tag + " would then come back to this tag, not to that changeset." : null;
    }

    /** Whether a row's tag is this name, as Liquibase's rollback --tag matches it: whatever the case (v1 and V1 are one tag). */
    public static boolean sameTag(String tag, String rowsTag) {
        return tag != null && tag.equalsIgnoreCase(rowsTag);
    }

    /**
     * Why a tag of this name, made now, would not be where 07_rollback --to it (and liquibase rollback) come back, or null: an
     * older row carries the name already, whatever its case, and a rollback to a tag comes back to the oldest row carrying it,
     * rolling back the newer ones, the rows just tagged among them. A tag goes on the rows of the newest second (Liquibase's
     * tag on SQLite), or, where an upgrade applies changesets first (05_upgrade --tag), on rows that are not there yet; tagging
     * those same rows again, in any case, is no reuse. For 05_upgrade --tag and the CLI's tag, before anything runs.
     */
    public static String tagUsedBefore(String tag, List<RanChangeSet> appliedNow, boolean appliesFirst) {
        List<RanChangeSet> landing = appliesFirst ? List.of() : newestSecond(appliedNow);
        return appliedNow.stream().filter(row -> sameTag(tag, row.getTag()) && !landing.contains(row)).findFirst()
                .map(older -> "is carried already by " + older.getId() + (older.getTag().equals(tag) ? "" : " (as " + older.getTag()
                        + ": tags match whatever their case)") + ", applied before: 07_rollback --to " + tag + " would come back there, "
                        + "the oldest row carrying it, rolling back what came after, not to the changesets tagged now.")
                .orElse(null);
    }

    /** The rows applied in the newest second, where Liquibase's tag lands on SQLite (its times are whole seconds there). */
    private static List<RanChangeSet> newestSecond(List<RanChangeSet> appliedNow) {
        if (appliedNow.isEmpty()) {
            return List.of();
        }
        java.util.Date newest = appliedNow.get(appliedNow.size() - 1).getDateExecuted();
        return appliedNow.stream().filter(row -> java.util.Objects.equals(row.getDateExecuted(), newest)).toList();
    }

    /**
     * The tags that went with the rows rolled back, said after it, or null where none went: a tag is written on a row of
     * DATABASECHANGELOG, the row goes with its rollback, and applying the changeset again writes a row without it (fix-3's tag,
     * rolled back and applied again, was gone with no word, and --to it then failed). A name an older row still carries is not
     * gone. again is how to tag the newest name gone once all is applied ("./jbang steps/05_upgrade.java --tag repaired"); an
     * older one goes back on its own row by applying up to it first, with the liquibase alias (liquibase: a CLI command, as typed
     * on this database), where 05_upgrade --tag would tag the newest rows only.
     */
    public static String tagsGone(List<RanChangeSet> before, List<RanChangeSet> after, java.util.function.UnaryOperator<String> again,
            java.util.function.UnaryOperator<String> liquibase) {
        List<RanChangeSet> rolledBack = Migrations.notIn(before, after);
        List<RanChangeSet> gone = rolledBack.stream().filter(row -> row.getTag() != null && !row.getTag().isBlank()
                && after.stream().noneMatch(kept -> sameTag(row.getTag(), kept.getTag()))).toList();
        if (gone.isEmpty()) {
            return null;
        }
        List<String> names = gone.stream().map(RanChangeSet::getTag).distinct().toList();
        String newest = gone.get(gone.size() - 1).getTag();
        String said = (names.size() == 1 ? "The tag " + newest + " went with " : "The tags " + String.join(", ", names) + " went with ")
                + String.join(", ", gone.stream().map(RanChangeSet::getId).distinct().toList())
                + ", rolled back: a tag is written on its row of DATABASECHANGELOG, and applying the changeset again does not bring it back. ";
        if (names.size() == 1) {
            return said + (gone.size() == 1 ? "Once it is applied again, tag it again: " : "Once they are applied again, tag them again: ")
                    + again.apply(newest) + ".";
        }
        // Each older one on the row it was on: apply up to that row, tag, and so on; the newest once the rest is applied.
        List<String> steps = new java.util.ArrayList<>();
        int appliedSoFar = 0;
        for (String name : names.subList(0, names.size() - 1)) {
            int upTo = 0;
            for (int i = 0; i < rolledBack.size(); i++) {
                upTo = name.equals(rolledBack.get(i).getTag()) ? i + 1 : upTo;
            }
            steps.add(liquibase.apply("update-count --count " + (upTo - appliedSoFar)) + " && " + liquibase.apply("tag " + CommandLine.quoted(name)));
            appliedSoFar = upTo;
        }
        return said + "To put each back where it was, apply them in steps: " + String.join(", then ", steps) + ", then " + again.apply(newest) + ".";
    }

    /** Whether a changeset of the changelog has this id; false where the changelog cannot be read (what reads it next says why). */
    private static boolean inTheChangelog(String id, Migrations migrations) {
        try {
            return migrations.changelogAsLastRead().getChangeSets().stream().anyMatch(changeSet -> changeSet.getId().equalsIgnoreCase(id));
        } catch (RuntimeException unreadable) { // a LessonError too
            return false;
        }
    }

    /**
     * What a tag that took the place of an earlier one lost, said after it, or null where nothing was lost: a tag goes on the
     * changesets applied last, one tag a row, so the one they carried is gone unless an older row carries it too, and --to it
     * no longer finds it. The same for 05_upgrade --tag and the CLI's tag.
     */
    public static String tagReplaced(String before, String tag, List<RanChangeSet> appliedNow) {
        if (before == null || sameTag(before, tag) || appliedNow.stream().anyMatch(row -> sameTag(before, row.getTag()))) {
            return null;
        }
        return "It was tagged " + before + " before: a tag takes the place of the one the changesets applied last had, so --to " + before
                + " no longer finds it.";
    }

    /**
     * Where a tag just made landed, said after it: Liquibase marks every row of the newest second (its times are whole seconds
     * on SQLite), several where one upgrade applied more than one changeset within it (alter-1 to alter-3 applied again, say),
     * and --to then comes back to the oldest of them, rolling back the others. back is the 07_rollback --to line to type. The
     * same for 05_upgrade --tag and the CLI's tag.
     */
    public static String taggedWhere(String tag, List<RanChangeSet> appliedNow, String back) {
        return taggedWhere(tag, taggedLast(tag, appliedNow), back);
    }

    /** The same, of the ids taggedLast found. */
    public static String taggedWhere(String tag, java.util.Collection<String> taggedLast, String back) {
        List<String> tagged = List.copyOf(taggedLast);
        return tagged.size() <= 1 ? "Tagged " + tag + " on the changesets applied last: " + back + " comes back here."
                : "Tagged " + tag + ": Liquibase put it on the " + tagged.size() + " changesets applied last, in the same second ("
                        + String.join(", ", tagged) + "): " + back + " comes back to the first of them, " + tagged.get(0) + ", rolling back "
                        + String.join(", ", tagged.subList(1, tagged.size())) + ".";
    }

    /**
     * The ids of the rows applied last that carry this tag, oldest first: where a tag just made landed, the rows of the newest
     * second. Not an older row that carries the same name from before (a name used again, applied seconds earlier), which is
     * no part of where it landed now.
     */
    public static List<String> taggedLast(String tag, List<RanChangeSet> appliedNow) {
        return newestSecond(appliedNow).stream().filter(row -> sameTag(tag, row.getTag())).map(RanChangeSet::getId).toList();
    }

    /** The step's heading for what was typed: "roll back the last changeset", "... the last 2 changesets", "roll back to base". */
    public static String heading(String[] args) {
        String target = typedTarget(args);
        if (target != null) {
            return "roll back to " + target;
        }
        String count = typedCount(args);
        return count.equals("1") ? "roll back the last changeset" : "roll back the last " + count + " changesets";
    }

    /** What follows --to, if anything does. */
    private static String typedTarget(String[] args) {
        List<String> words = List.of(args);
        int to = words.indexOf("--to");
        if (to < 0) { // --to=TARGET, which the step reads as --to TARGET
            return words.stream().filter(word -> word.startsWith("--to=")).map(word -> word.substring("--to=".length())).findFirst().orElse(null);
        }
        return to + 1 < words.size() ? words.get(to + 1) : null;
    }

    /**
     * The first whole number typed, 1 or more, without its minus (-2 as Alembic writes it); 1 when none
     * (a 0 is refused after the heading, which then does not read "the last 0 changesets").
     */
    private static String typedCount(String[] args) {
        return List.of(args).stream().map(word -> word.startsWith("--count=") ? word.substring("--count=".length()) : word)
                .filter(word -> word.matches("-?0*[1-9]\\d*")).findFirst()
                .map(word -> word.replaceFirst("^-?0*", "")).orElse("1");
    }

    /** A COUNT that is not a number, or both a COUNT and --to, is a typing error before anything else. */
    public static void checkArguments(Step step) {
        if (step.value("--to") == null) {
            Revisions.count(step);
        } else if (!step.positional().isEmpty() || step.value("--count") != null) {
            throw step.usageError("Give either a COUNT or --to TARGET, not both.");
        } else if (step.value("--to").isBlank()) {
            throw step.usageError("--to needs a target: a changeset id, a tag, or base.");
        }
    }

    /** With nothing applied, a --to naming a changeset or tag is a slip all the same, said as with some applied. */
    public static void refuseUnknownWhenNoneApplied(Step step, String database) {
        String to = step.value("--to");
        if (to != null && !to.equals("base")) {
            throw step.usageError("No applied changeset or tag is called " + to + ": none is applied to " + database + " yet.");
        }
    }

    public static RollbackTarget from(Step step, List<RanChangeSet> applied) {
        String to = step.value("--to");
        if (to == null) {
            int count = Revisions.count(step);
            // -1, as Alembic writes it, typed as COUNT or as --count's value: read as 1, and said (--count -1 went by in silence).
            String typed = step.value("--count") != null ? step.value("--count") : step.positional().isEmpty() ? null : step.positional().get(0);
            if (typed != null && typed.startsWith("-")) {
                Console.say("(" + typed + " read as " + count + ": COUNT is how many changesets back, as in alembic downgrade " + typed + ".)");
            }
            // A row Liquibase wrote only to carry a tag (its tag on an empty history) is no changeset: rollback-count passes it by.
            int changesets = (int) applied.stream().filter(row -> !Migrations.tagOnly(row)).count();
            if (count > changesets) {
                // As Alembic refuses ("Relative revision -5 didn't produce 5 migrations"): a count past
                // the start is a slip, and rolling back everything is too much to do on a slip.
                String database = CommandLine.databaseName(step.project());
                throw new LessonError("Cannot roll back " + count + " changesets: only " + Report.changesets(changesets)
                        + (changesets == 1 ? " is" : " are") + " applied to " + database + ". Nothing was changed.",
                        "Roll back what there is with " + step.onSameDatabase("steps/07_rollback.java " + changesets)
                                + ",\nor everything on purpose with " + step.onSameDatabase("steps/07_rollback.java --to base") + ".");
            }
            return new RollbackTarget(count, null, "the last " + count);
        }
        if (to.equals("base")) {
            return new RollbackTarget(applied.size(), null, "<base>");
        }
        // The oldest row carrying the tag, as Liquibase's rollback --tag takes it (its tag version OLDEST): its tag command marks
        // every row of the newest second, so one upgrade's changesets can share a tag, and counted from the newest of them, what
        // was said and kept before the rollback left out the changesets it undid past that one.
        // A tag is matched whatever its case, as Liquibase matches it (V1 finds v1): an id typed exactly comes first, unless a tag
        // is named so exactly too.
        int oldestCarrier = java.util.stream.IntStream.range(0, applied.size()).filter(i -> sameTag(to, applied.get(i).getTag()))
                .findFirst().orElse(-1);
        if (oldestCarrier >= 0 && applied.stream().anyMatch(row -> to.equals(row.getTag()))) {
            return new RollbackTarget(applied.size() - 1 - oldestCarrier, to, "tag " + to);
        }
        for (int i = applied.size() - 1; i >= 0; i--) {
            if (to.equals(applied.get(i).getId())) {
                return new RollbackTarget(applied.size() - 1 - i, null, to);
            }
        }
        if (oldestCarrier >= 0) {
            return new RollbackTarget(applied.size() - 1 - oldestCarrier, to, "tag " + to);
        }
        String known = applied.stream().map(ran -> ran.getId() + (ran.getTag() == null ? "" : " (tag " + ran.getTag() + ")"))
                .collect(Collectors.joining(", "));
        throw step.usageError("No applied changeset or tag is called " + to + ". Applied: " + known + "; or base for all of them.");
    }

    /** The applied changesets this rolls back, newest first, as Liquibase undoes them. */
    public List<RanChangeSet> changeSets(List<RanChangeSet> applied) {
        List<RanChangeSet> undone = new java.util.ArrayList<>(applied.subList(applied.size() - count, applied.size()));
        java.util.Collections.reverse(undone);
        return undone;
    }

    /**
     * Rolls back on these migrations: Liquibase's rollback --tag for a tag, rollback-count otherwise.
     * A changeset among them that Liquibase cannot roll back stops it before any is rolled back.
     */
    public List<Migrations.Run> rollBack(Migrations migrations) {
        requireRollbacks(migrations);
        return tag != null ? migrations.rollbackToTag(tag) : migrations.rollbackCount(count);
    }

    /** Stops before anything is rolled back when one of the changesets could not be. */
    public void requireRollbacks(Migrations migrations) {
        List<ChangeSet> undone;
        try {
            undone = migrations.changeSetsOf(changeSets(migrations.applied()));
        } catch (LessonError unreadable) {
            undone = List.of(); // the rollback itself says what is wrong with the changelog
        }
        RollbackBlocks.require(migrations, undone);
    }

    /**
     * Stops where a changeset to roll back is not in the changelog where library.db recorded it
     * (its include taken out, its file moved): Liquibase would roll back nothing and say so as if
     * that were all.
     */
    public void requireListed(Migrations migrations, LibraryDatabase library, String changelogFile, List<RanChangeSet> applied) {
        NotListed.first(migrations, changeSets(applied), changelogFile).ifPresent(notListed -> {
            throw new LessonError("Cannot roll back " + notListed.id() + ": " + library.name() + " has it applied, " + notListed.said()
                    + ", so Liquibase has no rollback for it." + Failures.NOTHING_CHANGED,
                    Character.toUpperCase(notListed.wayOut().charAt(0)) + notListed.wayOut().substring(1) + ", then roll back.");
        });
    }

    /**
     * Stops before anything is rolled back when the newest changeset to undo adds what library.db
     * does not have (recorded by changelog-sync without running, or undone by hand): its rollback
     * would fail on it, and the way out is to take back the record, not to roll back.
     */
    public void requireThere(Migrations migrations, LibraryDatabase library, List<RanChangeSet> applied) {
        List<AppliedButAbsent> absent = AppliedButAbsent.of(migrations, library, changeSets(applied).subList(0, 1));
        if (!absent.isEmpty()) {
            AppliedButAbsent first = absent.get(0);
            throw new LessonError("Cannot roll back " + first.id() + ": it " + first.recordDisagrees(library.name()) + "."
                    + Failures.NOTHING_CHANGED, AppliedButAbsent.takeBackRecord(migrations.project(), first.id()));
        }
    }
}
