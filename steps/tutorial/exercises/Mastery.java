package tutorial.exercises;

import java.nio.file.Files;
import java.util.List;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.ModelDiff;
import tutorial.liquibase.Revisions;
import tutorial.project.Processes;
import tutorial.project.Project;
import tutorial.project.ScratchProject;
import tutorial.project.TextFiles;
import tutorial.safety.RoundTrip;

/**
 * The lesson's mastery check, run against the learner's own project. What a program can
 * judge, it judges: the set-up works, the models and library.db agree (drift), a generated addColumn changeset is applied, the newest
 * applied changeset really rolls back and re-applies, schema and rows alike (the round trip of
 * ./jbang roundtrip, tried in a scratch copy of the project as it is, library.db included, so
 * the learner's own files stay as they are), and a teammate's
 * clone gets the same database from the changelog. The last item is a question for the learner.
 */
public final class Mastery {

    private Mastery() {
    }

    public static boolean check(Project project, List<Table> models) {
        Console.say("Mastery check, on your project as it is now:");
        boolean setUp = item("Liquibase is set up on a project with existing models", () -> setUp(project));
        boolean agree = setUp && item("the models and library.db agree (./jbang drift)", () -> noDrift(project, models));
        boolean added = item("a generated migration that adds a column is applied", () -> generatedAddColumn(project));
        boolean rolledBack = added && item("your newest changeset rolls back and applies again, keeping every row", () -> roundTrip(project, models));
        boolean teammate = setUp && item("a teammate's clone of your project (01_create, then 05_upgrade) gets your schema and history",
                () -> teammate(project));
        List<String> changed = uncommitted(project);
        // A file deleted here and not in a commit yet: git still has it, so a real clone gets it back (it read as one git lacked).
        // Deleted here, and in a commit (not one added to the index, then deleted: "AD", which no commit has).
        java.util.function.Predicate<String> committedThenDeleted = line -> line.substring(0, 2).contains("D") && line.charAt(0) != 'A';
        List<String> deleted = changed.stream().filter(committedThenDeleted).map(line -> line.substring(3)).toList();
        List<String> uncommitted = changed.stream().filter(committedThenDeleted.negate()).filter(line -> !line.startsWith("AD"))
                .map(line -> line.substring(3)).toList();
        if (!uncommitted.isEmpty()) {
            // The clone above is a copy of the folder as it is: a real one gets only what is committed.
            Console.say("  [!] a real clone gets only what you commit, and git has not got these yet: " + String.join(", ", uncommitted)
                    + " (Explain it 4 commits them)");
        }
        if (!deleted.isEmpty()) {
            String paths = String.join(" ", deleted.stream().map(CommandLine::quoted).toList());
            Console.say("  [!] deleted here but not in a commit, so a real clone still gets " + (deleted.size() == 1 ? "it" : "them") + ": "
                    + String.join(", ", deleted) + " (git rm " + paths + ", then commit; or git checkout HEAD -- " + paths + " to have "
                    + (deleted.size() == 1 ? "it" : "them") + " back)");
        }
        Console.say("  [?] you can tell a colleague why create_all() cannot look after a production database: see Explain it in README.md");
        Console.blank();
        boolean passed = setUp && agree && added && rolledBack && teammate;
        Console.say(passed ? "Mastery check passed. Answer the last question for yourself, and you can move on."
                : "Not yet: the items without [x] say what is missing.");
        return passed;
    }

    interface Item {
        String missing() throws Exception;
    }

    private static boolean item(String name, Item item) {
        String missing;
        try {
            missing = item.missing();
        } catch (LessonError e) {
            missing = e.getMessage();
        } catch (Exception e) {
            missing = Failures.explain(e).getMessage();
        }
        Console.say("  " + (missing == null ? Console.green("[x] ") : "[ ] ") + name + (missing == null ? "" : ": " + missing));
        return missing == null;
    }

    private static String setUp(Project project) {
        if (!Files.exists(project.databaseFile())) {
            return "library.db does not exist (./jbang steps/01_create.java)";
        }
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations.on(project, library).changelog();
            return null;
        }
    }

    /** As ./jbang drift judges it: the README's mastery section runs drift next, and says it exits 0. */
    private static String noDrift(Project project, List<Table> models) {
        try (LibraryDatabase library = LibraryDatabase.open(project); ModelDiff diff = ModelDiff.compare(Migrations.on(project, library), models)) {
            return diff.inSync() ? null : "they differ (./jbang drift says how to mend it):\n      " + String.join("\n      ", diff.lines());
        }
    }

    private static String generatedAddColumn(Project project) {
        try (Evidence evidence = Evidence.of(project, List.of())) { // library.db and the changelog only
            return evidence.appliedChangeSets().stream()
                    .filter(changeSet -> TextFiles.read(project, project.root().resolve(changeSet.getFilePath()))
                            .contains("Generated by 04_autogenerate"))
                    .flatMap(changeSet -> changeSet.getChanges().stream())
                    .anyMatch(change -> change instanceof liquibase.change.core.AddColumnChange)
                    ? null : "no applied changeset generated by 04_autogenerate adds a column (walkthrough steps 3 to 5)";
        }
    }

    /** The same round trip as ./jbang roundtrip ID, on the newest applied changeset: the two cannot disagree. */
    private static String roundTrip(Project project, List<Table> models) {
        RoundTrip.Result trip = RoundTrip.ofNewestApplied(project, models);
        if (trip.faithful() && trip.applyChangedNothing()) { // roundtrip's "Not proven"
            return "on a copy of your project, applying " + trip.changesets() + " again after its rollback changed nothing, so nothing shows "
                    + "that its rollback undoes it (./jbang roundtrip " + trip.changesets() + " shows it all): the check asks for a newest "
                    + "changeset that changes the schema or the rows, as the exercises' do";
        }
        return trip.faithful() ? null : "on a copy of your project, " + trip.changesets() + " does not round-trip (./jbang roundtrip "
                + trip.changesets() + " shows it all):\n      " + String.join("\n      ", trip.differences());
    }

    /** The models' and the changelog's files git has not committed as they are, as git status --porcelain lines (none without git). */
    private static List<String> uncommitted(Project project) {
        ScratchProject.Result status = Processes.run(project.root(), List.of("git", "status", "--porcelain", "--", "changelog",
                Project.MODELS_FILE), "");
        if (status.exitCode() != 0) {
            return List.of();
        }
        return status.output().lines().filter(line -> line.length() > 3).map(String::stripTrailing).toList();
    }

    private static String teammate(Project project) {
        // A clone applies every changeset of the changelog: one not applied here makes the two differ by design.
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            List<liquibase.changelog.ChangeSet> pending = Migrations.on(project, library).notApplied();
            if (!pending.isEmpty()) {
                return Revisions.notAppliedYet(pending.size()) + " (" + pending.get(0).getFilePath() + (pending.size() == 1 ? "" : ", ...")
                        + "): a clone applies " + (pending.size() == 1 ? "it" : "them") + ", so it would differ from your library.db. Apply "
                        + (pending.size() == 1 ? "it" : "them") + " first (./jbang steps/05_upgrade.java), or take back one you do not want "
                        + "(./jbang revision --discard, the newest)";
            }
        }
        List<String> differences = TeammateClone.differences(project);
        return differences.isEmpty() ? null : "the clone's library.db differs from yours (a change made by hand and never "
                + "described in a changeset?):\n      " + String.join("\n      ", differences);
    }
}
