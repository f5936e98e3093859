package tutorial.liquibase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import liquibase.changelog.ChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.exercises.Exercise;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.lesson.Step;
import tutorial.project.Project;
import tutorial.project.SetAside;

/**
 * New changeset files: generated from the models (alembic revision --autogenerate) or
 * started empty for the learner to write (alembic revision -m). Either way the file gets
 * the next number, a name made from the message, and a place at the end of the chain.
 */
public final class Revisions {

    /** Who the changesets of this tutorial are by: Liquibase keys each changeset by path, id and author. */
    public static final String AUTHOR = "learner";

    private Revisions() {
    }

    /**
     * Like Alembic ("Target database is not up to date"), refuses to compare while changesets
     * are waiting: the diff would propose again what they already do.
     */
    public static void requireUpToDate(Project project, Migrations migrations, tutorial.database.LibraryDatabase library) {
        List<ChangeSet> pending = migrations.pending();
        if (!pending.isEmpty()) {
            boolean one = pending.size() == 1;
            // A pending changeset that would take values away (break-1's proposal, autogenerate run twice): applying it is not the
            // way on, and the way that was printed first dropped the notes the lesson keeps.
            List<String> losses = DataLoss.ofUpgrading(migrations, library, pending);
            throw new LessonError("library.db is not up to date: " + notAppliedYet(pending.size()) + " (" + pending.get(0).getFilePath() + "). "
                    + "Autogenerate compares the models with library.db as it is, so it would propose again what "
                    + (one ? "that changeset does." : "those changesets do.") + (losses.isEmpty() ? "" : "\n" + String.join("\n", losses)),
                    losses.isEmpty() ? "Apply " + (one ? "it" : "them") + " first with ./jbang steps/05_upgrade.java, then autogenerate again."
                            : "Read " + (one ? "it" : "them") + " before applying: if that loss is not what you mean, "
                                    + takeBack(project, pending.stream().filter(changeSet -> losses.get(0).startsWith("Applying " + changeSet.getId() + " "))
                                            .findFirst().orElse(pending.get(pending.size() - 1)).getFilePath())
                                    + ". If it is, apply " + (one ? "it" : "them") + " with ./jbang steps/05_upgrade.java (a copy of library.db is "
                                    + "kept first), then autogenerate again.");
        }
    }

    /** "1 changeset of the changelog is not applied yet", or "3 changesets of the changelog are ...": said alike wherever they wait. */
    public static String notAppliedYet(int count) {
        return (count == 1 ? "1 changeset of the changelog is" : count + " changesets of the changelog are") + " not applied yet";
    }

    /**
     * How to take back a changeset file not applied, said where it stops a command: revision
     * --discard takes back the newest alone, so another is taken out by hand (typing --discard
     * for it would take back a different file).
     */
    public static String takeBack(Project project, String file) {
        java.util.Optional<Path> newest;
        try {
            newest = new Changelog(project).newestFile();
        } catch (LessonError unreadable) {
            newest = java.util.Optional.empty();
        }
        if (newest.isPresent() && project.relative(newest.get()).equals(file)) {
            return "take it back with ./jbang revision --discard";
        }
        return "take it back by hand: delete its include from " + project.changelogFile() + " and move " + file + " out of the changelog's "
                + "folder (./jbang revision --discard takes back the newest alone" + newest.map(path -> ", " + project.relative(path)).orElse("") + ")";
    }

    /**
     * What the upgrade refuses before it runs, refused alike by whatever runs these changesets (the upgrade, its preview, the round
     * trip): a changeset with no changes, a file ./jbang revision started and nobody filled in yet (applied, it would be recorded
     * empty, and filling it in afterwards would break its checksum, so Liquibase would refuse every step), or one with no change
     * for this database. again: what to run once they are mended.
     */
    public static void requireRunnable(Project project, Migrations migrations, List<ChangeSet> changeSets, String databaseName, String again) {
        requireFilledIn(project, changeSets, "applied", again);
        NoChangeForThisDatabase.refuse(migrations.database(), changeSets, databaseName);
    }

    /**
     * The same for any command that records the pending changesets: done (applied, synced) now,
     * an empty one is recorded empty; the learner fills it in, then runs the command again.
     */
    public static void requireFilledIn(Project project, List<ChangeSet> pending, String done, String again) {
        for (ChangeSet changeSet : pending) {
            String placeholder = placeholderLeft(changeSet);
            if (placeholder != null) {
                throw new LessonError(placeholder + Failures.NOTHING_CHANGED, placeholderFix(changeSet) + ", then " + again + ".");
            }
            if (changeSet.getChanges().isEmpty()) {
                throw new LessonError(changeSet.getFilePath() + " (changeset " + changeSet.getId() + ") has no changes yet: " + done + " now, "
                        + "it would be recorded empty, and filling it in later would break its checksum." + Failures.NOTHING_CHANGED,
                        "Fill in its changes (and its rollback), then " + again + "; or " + takeBack(project, changeSet.getFilePath()) + ".");
            }
        }
    }

    /**
     * A changeset copied from an exercise's reference file (exercises/ID/solution/) with its
     * placeholder number, NNNN, left in: recorded so, its id would be NNNN-1 for good, and its
     * logicalFilePath names no file. Says so, or null when the changeset has no placeholder.
     */
    public static String placeholderLeft(ChangeSet changeSet) {
        String what = placeholderWhat(changeSet);
        return what == null ? null : fileOf(changeSet) + " (changeset " + changeSet.getId() + ") " + what;
    }

    /** The same without the file and changeset it is about (lint's EM102 names the changeset itself), or null. */
    public static String placeholderWhat(ChangeSet changeSet) {
        String shown = Exercise.WriteNewestChangeset.NUMBER_SHOWN;
        if (!changeSet.getId().contains(shown) && !changeSet.getFilePath().contains(shown)) {
            return null;
        }
        return "still has the reference file's placeholder " + shown + ": recorded so, it would stay " + changeSet.getId() + " for good.";
    }

    /** What to write in place of the placeholder: the number revision gave the file, where it has one, and the file's own path. */
    public static String placeholderFix(ChangeSet changeSet) {
        String name = Path.of(fileOf(changeSet)).getFileName().toString();
        String number = name.matches("\\d{4}_.*") ? name.substring(0, 4) : "the file's number";
        // The logicalFilePath its own path, not the reference file's with the number put in: a file named by its own message
        // (0005_set_genre_again.yaml) holding 0005_set_genre_to_programming.yaml would be recorded under a file that is not there.
        return "Write " + number + " in place of " + Exercise.WriteNewestChangeset.NUMBER_SHOWN + " in its id, and its own path, "
                + fileOf(changeSet) + ", as its logicalFilePath";
    }

    /** The file a changeset is in, as the learner sees it (not the logicalFilePath it may claim). */
    private static String fileOf(ChangeSet changeSet) {
        String physical = changeSet.getChangeLog() == null ? null : changeSet.getChangeLog().getPhysicalFilePath();
        return physical != null ? physical : changeSet.getFilePath();
    }

    /** Writes the changeset that makes library.db match the models; null, and no file, when Liquibase proposes no change. */
    public static Path autogenerate(Project project, LibraryDatabase library, ModelDiff diff, String typed) {
        // One line, whatever was typed: it heads the file as a YAML comment, where a line break would end the comment.
        String message = typed.strip().replaceAll("\\s+", " ");
        Changelog changelog = new Changelog(project);
        Path file = changelog.newChangesetFile(message);
        String number = file.getFileName().toString().substring(0, 4);
        List<ChangeSet> changeSets = diff.changeSets(number, AUTHOR, message);
        if (changeSets.isEmpty()) {
            // An empty changeset would only be a do-nothing link in the chain: never write one.
            Console.say("The models and library.db differ, but in nothing a changeset can change:");
            Console.indented(diff.lines());
            Console.say("No file written.");
            return null;
        }
        String header = "# " + message + "\n# Generated by 04_autogenerate (Liquibase diff-changelog, models vs library.db).\n"
                + "# Read it before you apply it: autogenerate proposes, you decide.\n";
        changelog.requireIncludesWritable(); // before the file: its include goes there next
        changelog.writeChangeSets(file, header, changeSets); // first: 'done' only once it is (a read-only folder refuses it)
        Console.say("Generating " + project.relative(file) + " ... done");
        boolean included;
        try {
            included = changelog.append(file);
        } catch (LessonError e) {
            changelog.delete(file); // a changeset file the master does not include would only confuse the next run
            throw e;
        }
        Console.say(included ? "Added it to the end of " + project.changelogFile() + "." : inTheFolder(project, changelog));
        Console.blank();
        Console.indented(changelog.read(file).strip().lines().toList());
        // What the proposal would do to the data, read back from the file as 05_upgrade will read it.
        List<Lint.Finding> findings = Lint.ofFile(project, library, file);
        if (!findings.isEmpty()) {
            Console.blank();
            findings.forEach(finding -> Console.say(finding.line()));
        }
        return file;
    }

    /** The id of the newest applied changeset, or "<base>" when none is. */
    public static String current(Migrations migrations) {
        var applied = migrations.applied().stream().filter(ran -> !Migrations.tagOnly(ran)).toList();
        return applied.isEmpty() ? "<base>" : applied.get(applied.size() - 1).getId();
    }

    /** The COUNT argument of a rollback: a whole number of changesets, 1 when not given ("-2", as Alembic writes it, also works). */
    public static int count(Step step) {
        List<String> arguments = step.positional();
        // --count N, as Liquibase's rollback-count writes it (07's heading shows it): the same count.
        String option = step.value("--count");
        if (option != null) {
            if (!arguments.isEmpty()) {
                throw step.usageError("Give the count once: COUNT or --count N, not both.");
            }
            arguments = List.of(option);
        }
        if (arguments.isEmpty()) {
            return 1;
        }
        if (arguments.size() > 1 || !arguments.get(0).matches("-?\\d{1,4}") || Math.abs(Integer.parseInt(arguments.get(0))) < 1) {
            throw step.usageError("COUNT must be one whole number of changesets, 1 or more: got " + String.join(" ", arguments) + ".");
        }
        return Math.abs(Integer.parseInt(arguments.get(0)));
    }

    /**
     * A message as a YAML string: as typed where YAML reads it so (words, spaces, an apostrophe
     * inside), else in single quotes, a quote doubled. Bare, "fix: set genre" would be read as a
     * mapping, "[wip] ..." as a list, "update #3" cut at the #, and "yes" as true.
     */
    static String yamlString(String text) {
        boolean plain = text.matches("\\p{L}[^:#\\[\\]{}&*!|>%@`]*") && !text.matches("(?s).*\\s")
                && !text.matches("(?i)yes|no|on|off|true|false|null|y|n");
        return plain ? text : "'" + text.replace("'", "''") + "'";
    }

    /** A changeset file with empty changes and rollback sections, for the learner to fill in. */
    public static Path startEmpty(Project project, String typed) {
        // One line of printable text: a line break, a carriage return (a message from a file written on Windows), another control
        // character (C1's too, as mojibake makes them: a curly quote read as Latin-1) or a non-character would end the # comment
        // line, or YAML refuses it in a string.
        String message = typed.replaceAll("[\\p{Cc}\\p{Cn}\\p{Cs}\\p{Zl}\\p{Zp}]+", " ").strip();
        Changelog changelog = new Changelog(project);
        Path file = changelog.newChangesetFile(message);
        List<Path> stillEmpty = stillEmpty(file.getParent());
        String id = file.getFileName().toString().substring(0, 4) + "-1";
        String text = """
                # %1$s
                # Written by hand. Fill in changes (what to do) and rollback (how to undo it), then
                # run ./jbang steps/05_upgrade.java. Change types: https://docs.liquibase.com/change-types/home.html
                # For a change Liquibase undoes by itself (addColumn, createTable, createIndex), take the
                # rollback line out: rollback: [] tells it there is nothing to undo. For a data change
                # (an update), write in it the update that puts the old values back.
                databaseChangeLog:
                - changeSet:
                    id: %2$s
                    author: %3$s
                    comment: %4$s
                    changes: []
                    rollback: []
                """.formatted(message, id, AUTHOR, yamlString(message));
        changelog.requireIncludesWritable(); // before the file: its include goes there next
        changelog.writeChangeset(file, text);
        Console.say("Generating " + project.relative(file) + " ... done");
        Console.say((changelog.append(file) ? "Added it to the end of " + project.changelogFile() + "." : inTheFolder(project, changelog))
                + " Open it and write the changes and their rollback.");
        // revision -m run twice (the first file forgotten, or thought lost): two empty changesets, and 05_upgrade refuses both.
        for (Path other : stillEmpty) {
            Console.say(project.relative(other) + ", which revision started too, is still empty: if you meant to go on with that one, "
                    + "take this one back (./jbang revision --discard) and fill that one in. 05_upgrade applies nothing while a changeset is empty.");
        }
        return file;
    }

    /** revision's empty changes line, as it writes it: a file that still has it was not filled in. */
    public static final String EMPTY_CHANGES = "\n    changes: []\n";

    /** The changeset files in this folder that still have revision's empty changes: [] line, as it writes them. */
    private static List<Path> stillEmpty(Path folder) {
        try (var files = java.nio.file.Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().filter(path -> {
                try {
                    String text = java.nio.file.Files.readString(path);
                    return text.contains("\n# Written by hand.") && text.contains(EMPTY_CHANGES);
                } catch (java.io.IOException | java.io.UncheckedIOException unreadable) {
                    return false;
                }
            }).toList();
        } catch (java.io.IOException unreadable) {
            return List.of();
        }
    }

    /** Takes the newest changeset back out of the chain, if it is not applied; its file is moved aside. */
    public static void discardNewest(Project project) {
        Changelog changelog = new Changelog(project);
        Path file = changelog.newestFile()
                .orElseThrow(() -> new LessonError("The changelog has no changeset to discard.", "Nothing to do."));
        String path = project.relative(file);
        // No library.db yet (before 01_create, or moved aside): nothing is applied, so any changeset can go back.
        boolean noDatabase = project.databaseFile() != null && !Files.exists(project.databaseFile());
        try (LibraryDatabase library = noDatabase ? null : LibraryDatabase.open(project)) {
            Migrations migrations = library == null ? null : Migrations.on(project, library);
            var ran = library == null ? List.<liquibase.changelog.RanChangeSet>of() : migrations.applied();
            if (ran.stream().anyMatch(changeSet -> changeSet.getChangeLog().equals(path)) || appliedUnderAnotherPath(migrations, path, ran)) {
                // 07_rollback reads the whole chain: while an applied changeset's file is missing (break-2), it stops there.
                String missing = MissingFileSeen.look(project, migrations).stream().findFirst().orElse(null);
                // Typed twice, the second names the learner's last applied work: said as that, not as a chore to do first.
                throw new LessonError(path + " is the newest changeset file, and it is applied to library.db: discard takes back a changeset "
                        + "not applied yet (the one you meant may be gone already: ./jbang history shows the chain). Discarding this one would "
                        + "leave library.db ahead of the changelog.",
                        missing == null ? "Only if you mean to take back its work too: roll it back first (./jbang steps/07_rollback.java), then discard it."
                                : "Only if you mean to take back its work too: roll it back first, then discard it. 07_rollback needs every applied changeset's file, and " + missing
                                        + " is missing: put it back first (fix-3; ./jbang history shows the chain).");
            }
        }
        changelog.requireIncludesWritable(); // before the file moves: its include is taken out next
        // Deleted by hand already: only its include is left to take out, and nothing to keep.
        Path keptAt = Files.exists(file) ? SetAside.move(project, file) : null;
        String kept = keptAt != null ? ", file kept in " + project.relative(keptAt) : " (the file itself was gone already)";
        if (changelog.includes().isEmpty() && changelog.readsFolder()) {
            Console.say("Discarded " + path + ": moved out of the folder " + project.changelogFile() + " reads by includeAll" + kept + ".");
            return;
        }
        changelog.removeNewest();
        Console.say("Discarded " + path + ": removed from " + project.changelogFile() + kept + ".");
        if (keptAt == null) {
            return;
        }
        // The way back takes both: the file moved back alone is read by nothing (history and 05_upgrade then say so).
        Console.say("To have it back: " + CommandLine.fromProjectFolder(project, "mv " + CommandLine.quoted(project.relative(keptAt)) + " "
                + CommandLine.quoted(project.relative(file.getParent())) + "/") + ", and paste its include back " + changelog.whereToPaste() + ":");
        Console.say(changelog.include(file));
    }

    /**
     * Whether a changeset of this file is applied under the path its logicalFilePath gives (another file's: lint's EM104), which
     * the file's own path does not find in DATABASECHANGELOG: discard took such an applied changeset back as one not applied.
     */
    private static boolean appliedUnderAnotherPath(Migrations migrations, String path, List<liquibase.changelog.RanChangeSet> ran) {
        if (migrations == null || ran.isEmpty()) {
            return false;
        }
        try {
            return migrations.parse(path).getChangeSets().stream().anyMatch(changeSet -> ran.stream().anyMatch(row -> row.isSameAs(changeSet)));
        } catch (RuntimeException unreadable) { // a LessonError too: a file that does not parse was never applied as it is
            return false;
        }
    }

    /** Said where the master reads the changes folder by includeAll: a new file there is in the chain as it is. */
    private static String inTheFolder(Project project, Changelog changelog) {
        return project.changelogFile() + " reads " + project.relative(changelog.changesFolder()) + "/ by includeAll: the file is in the chain as it is.";
    }
}
