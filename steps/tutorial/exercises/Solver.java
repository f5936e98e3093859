package tutorial.exercises;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.changelog.ChangeSet;

import tutorial.exercises.Exercise.Action;
import tutorial.exercises.Exercise.EditModels;
import tutorial.exercises.Exercise.Move;
import tutorial.exercises.Exercise.Run;
import tutorial.exercises.Exercise.RunExpectingFailure;
import tutorial.exercises.Exercise.SqlByHand;
import tutorial.exercises.Exercise.WriteNewestChangeset;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.Console;
import tutorial.lesson.MissingChangelogFile;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.lesson.Step;
import tutorial.lesson.Walkthrough;
import tutorial.liquibase.Changelog;
import tutorial.liquibase.HistoryChain;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.Revisions;
import tutorial.project.Checkpoint;
import tutorial.project.Processes;
import tutorial.project.Project;
import tutorial.project.ScratchProject;
import tutorial.project.SetAside;
import tutorial.project.TextFiles;

/** Does an exercise's reference solution in the learner's project, showing each action as it is typed. */
public final class Solver {

    private final Project project;

    public Solver(Project project) {
        this.project = project;
    }

    /** Does the solution's actions in order, with no check after them (reset's replay of the exercises before one). */
    public void solve(Exercise exercise) {
        solve(exercise, () -> null);
    }


    /**
     * Does the solution's actions in order. One that fails (the project was not where the
     * exercise starts) puts back what those before it changed: the learner typed none of it.
     * Then check, which runs the check and returns what it said (null: none): where it says the
     * solution did not make the exercise done (something of the learner's own it does not
     * touch stands in its way, such as an applied changeset with a wrong rollback), what it did
     * is put back too, so that solving again never stacks a second copy of the reference
     * changeset on the first. A check that failed otherwise (a busy library.db), or was stopped,
     * leaves the solution as it is. Returns what check said.
     */
    public ScratchProject.Result solve(Exercise exercise, java.util.function.Supplier<ScratchProject.Result> check) {
        try (Checkpoint before = Checkpoint.take(project)) {
            try {
                List<Action> actions = exercise.solution();
                for (int i = 0; i < actions.size(); i++) {
                    if (i > 0 && isRun(actions.get(i), "steps/05_upgrade.java") && isRun(actions.get(i - 1), "steps/04_autogenerate.java")) {
                        refuseMoreThanTheSolution(exercise);
                    }
                    perform(actions.get(i));
                }
            } catch (LessonError stopped) {
                List<String> restored = before.restore();
                if (restored.isEmpty()) {
                    throw stopped;
                }
                boolean own = stopped instanceof MoreThanTheSolution;
                throw new LessonError(stopped.getMessage() + "\nsolve has put back what the solution changed before that: "
                        + String.join(", ", restored) + ". Nothing was changed" + (own ? "." : ", so the advice above about them does not apply."),
                        (own ? stopped.next() + "\n" : "") + "./jbang check " + exercise.id() + " says what the exercise lacks. To do it over from its start, ./jbang reset "
                                + exercise.id() + " (what you made is kept in " + SetAside.FOLDER + "/).", stopped.exitCode(), stopped);
            }
            ScratchProject.Result said = check.get();
            if (said != null && said.exitCode() == 1 && said.shown().contains(Progress.NOT_DONE) && !Step.stopping()) {
                List<String> restored = before.restore();
                throw new LessonError("The reference solution did not make " + exercise.id() + " done here: what the check above names is not "
                        + "what the solution changes. solve has put back what it changed" + (restored.isEmpty() ? "" : ": " + String.join(", ", restored))
                        + ". Nothing was changed.",
                        "Mend what the check names (./jbang hint " + exercise.id() + " shows the way), or start the exercise over with ./jbang reset "
                                + exercise.id() + " (what you made is kept in " + SetAside.FOLDER + "/); then solve " + exercise.id() + " again.");
            }
            return said;
        }
    }

    private static boolean isRun(Action action, String script) {
        return action instanceof Run run && run.arguments().length > 0 && run.arguments()[0].equals(script);
    }

    /**
     * Before the solution applies what its autogenerate wrote (alter-1, alter-3): the model edit adds one column or index, so
     * autogenerate writes that one addColumn or createIndex, unless library.db and the models differed already. Then it writes
     * the difference too, or alone (a column made by hand, which the models lack, as its drop), and applied, it took the column
     * and its values with it, left a changeset with no rollback, and solve said done (a tester's). Stopped here: the checkpoint
     * puts back the models' edit and the file.
     */
    private void refuseMoreThanTheSolution(Exercise exercise) {
        List<Change> changes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            // What 05_upgrade would run, read without Liquibase's validation, which stops at a change SQLite cannot run
            // (dropNotNullConstraint) before it is counted here.
            for (ChangeSet changeSet : Migrations.on(project, library).willRun()) {
                ids.add(changeSet.getId());
                changes.addAll(changeSet.getChanges());
            }
        }
        // None at all (what the solution adds there already, made by hand): nothing to apply, and check then says what is missing.
        if (changes.size() > 1 || changes.size() == 1 && !(changes.get(0) instanceof AddColumnChange || changes.get(0) instanceof CreateIndexChange)) {
            throw new MoreThanTheSolution("What 04_autogenerate wrote is not " + exercise.id() + "'s one change, as library.db and the models "
                    + "differed already: " + String.join("; ", changes.stream().map(Change::getDescription).toList()) + " ("
                    + String.join(", ", ids) + "). solve applies the reference solution only, so it stops before 05_upgrade.",
                    "./jbang drift shows what else differs. Describe in the models what library.db has and you keep (as fix-1 does for "
                            + "notes), or change library.db with a changeset of its own; then solve " + exercise.id() + " again.");
        }
    }

    /** refuseMoreThanTheSolution's stop, whose advice stands once the checkpoint is put back (a child step's is about the files put back). */
    private static final class MoreThanTheSolution extends LessonError {
        MoreThanTheSolution(String what, String next) {
            super(what, next);
        }
    }

    /**
     * Whether the reference solution of this exercise should run now. The exercises are one chain,
     * each starting where the one before it ends: solved out of turn, a solution lands on the wrong
     * state (fix-2 before break-3 changes isbn while the models still say VARCHAR(20), and solving
     * it again stacks a second changeset), so that stops, saying which to do first. False, having
     * said so, when this one is done already: nothing to do. True, having said what it lacks, as
     * ./jbang check ID says it, when the solution should run.
     */
    public boolean isTurnOf(Exercise exercise, List<Table> models) {
        Exercise.Verdict verdict = Progress.judge(project, models, exercise);
        if (verdict.done()) {
            Console.say("Done already: " + verdict.detail() + " Nothing to do (./jbang reset " + exercise.id() + " starts it over).");
            return false;
        }
        int at = Exercises.ALL.indexOf(exercise);
        // Past alter-1, the exercise before says what is missing, but for a library.db not made yet: that is the walkthrough's start.
        Progress.Milestone walkthrough = at > 0 && Files.exists(project.databaseFile()) ? null
                : Progress.walkthrough(project).stream().filter(m -> !m.reached()).findFirst().orElse(null);
        if (walkthrough != null) {
            // Without it, alter-1 would add isbn alone, and alter-2's solution would fail on a genre column never made.
            String starts = at == 0 ? "where the walkthrough ends" : "where " + Exercises.ALL.get(at - 1).id() + " ends, after the walkthrough";
            throw new LessonError(exercise.id() + " starts " + starts + ", and the walkthrough is not done yet ("
                    + walkthrough.name() + ": not yet)." + Failures.NOTHING_CHANGED,
                    "Walk through it first, from " + walkthrough.command() + " on, as the README has it; then "
                            + (at == 0 ? "solve " + exercise.id() : "the exercises, in order") + ".");
        }
        if (at > 0) {
            Exercise before = Exercises.ALL.get(at - 1);
            Exercise.Verdict previous = Progress.judge(project, models, before);
            if (!previous.done()) {
                throw new LessonError(exercise.id() + " starts where " + before.id() + " ends, and " + before.id() + " is not done yet: "
                        + previous.detail() + " Nothing was changed.",
                        "Do " + before.id() + " first (./jbang check " + before.id() + " says what it lacks; ./jbang solve " + before.id()
                                + " does it), then solve " + exercise.id() + ".");
            }
        }
        // A changeset of the learner's own, not applied yet (an attempt left half done): the solution's
        // 05_upgrade would apply it too, and stop halfway on it. The walkthrough's genre changeset, left
        // pending by step 7, is alter-1's to apply.
        List<HistoryChain.Link> pending = pendingOfTheLearner(project);
        if (!pending.isEmpty()) {
            HistoryChain.Link first = pending.get(0);
            throw new LessonError(first.file() + " (changeset " + first.id() + ") is in the changelog and not applied yet: the solution of "
                    + exercise.id() + " would apply it along with its own." + Failures.NOTHING_CHANGED,
                    "Finish it and apply it (./jbang steps/05_upgrade.java), or " + Revisions.takeBack(project, first.file())
                            + ",\nthen solve " + exercise.id() + ".");
        }
        // What the solution is about to mend, in check's words: the commands below then read as the answer to it.
        Console.say(Console.yellow(Progress.NOT_DONE) + verdict.detail());
        Console.blank();
        return true;
    }

    /** The changesets in the changelog not applied yet, but the walkthrough's (pending at the exercises' start: alter-1 applies it). */
    static List<HistoryChain.Link> pendingOfTheLearner(Project project) {
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            return HistoryChain.read(Migrations.on(project, library)).links().stream()
                    .filter(link -> link.state() == HistoryChain.State.PENDING && !link.file().equals(Exercises.GENRE_FILE)).toList();
        }
    }

    /** Shows one action as the learner would type it, then does it. */
    public void perform(Action given) {
        Action action = given.in(project.root());
        Console.say(Console.bold("$ " + action.shown().replace("\n", "\n  ")));
        if (action instanceof Run run) {
            expectExit(run.arguments(), true);
        } else if (action instanceof RunExpectingFailure run) {
            expectExit(run.arguments(), false);
        } else if (action instanceof EditModels edit) {
            editModels(edit);
        } else if (action instanceof SqlByHand sql) {
            runByHand(sql.sql());
        } else if (action instanceof WriteNewestChangeset write) {
            writeNewest(write.text(project.root()));
        } else if (action instanceof Move move) {
            move(move.from(), move.to());
        }
        Console.blank();
    }

    private void expectExit(String[] arguments, boolean success) {
        ScratchProject.Result result = Processes.jbang(project.root(), project.root(), "", arguments);
        Console.print(result.shown());
        Step.stopIfChildStopped(result.exitCode()); // a Ctrl-C that reached solve or reset too
        if (success != (result.exitCode() == 0)) {
            throw new LessonError("The reference solution stopped at " + Walkthrough.typed(arguments) + " (exit code "
                    + result.exitCode() + "): its output above says why.",
                    "./jbang check shows what is done; ./jbang reset puts the lesson back to its start.");
        }
    }

    private void editModels(EditModels edit) {
        Path models = project.models();
        String text = TextFiles.read(project, models);
        String updated;
        if (edit.find() == null) {
            if (text.contains(edit.replacement().strip())) {
                Console.say("(already there)");
                return;
            }
            List<String> lines = new ArrayList<>(text.lines().toList());
            int books = indexOf(lines, "table(\"books\")", 0);
            int end = indexOf(lines, ";", books);
            lines.add(end, edit.replacement());
            updated = String.join("\n", lines) + "\n";
        } else {
            if (!text.contains(edit.find())) {
                throw new LessonError(project.relative(models) + " has no " + edit.find() + " to change.",
                        "Do the exercises in the README's order, or compare your Models.java with the README.");
            }
            updated = text.replace(edit.find(), edit.replacement());
        }
        TextFiles.write(project, models, updated);
        Console.say("(edited " + project.relative(models) + ")");
    }

    private static int indexOf(List<String> lines, String content, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (content.equals(";") ? lines.get(i).strip().equals(";") : lines.get(i).contains(content)) {
                return i;
            }
        }
        throw new LessonError("Models.java no longer has its " + content + " line where the lesson put it.",
                "Restore it with: git checkout HEAD -- " + Project.MODELS_FILE);
    }

    private void runByHand(String sql) {
        try (LibraryDatabase library = LibraryDatabase.open(project); Statement statement = library.connection().createStatement()) {
            statement.execute(sql);
            Console.say("(ran on library.db, with no migration)");
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }

    private void writeNewest(String yaml) {
        Changelog changelog = new Changelog(project);
        Path file = changelog.newestFile().orElseThrow(() -> new LessonError("The changelog has no changeset file to fill in.",
                "Create one first: ./jbang revision -m MESSAGE"));
        String content = yaml.replace(WriteNewestChangeset.NUMBER_SHOWN, file.getFileName().toString().substring(0, 4));
        changelog.writeChangeset(file, content);
        Console.say("(" + project.relative(file) + ")");
        Console.indented(TextFiles.read(project, file).strip().lines().toList());
    }

    private void move(String from, String to) {
        if (from.endsWith(".bak") && !Files.exists(project.root().resolve(from))) {
            // break-2 done with a copy kept under another name (or none): no .bak to put back, where it said it could not move the
            // README's, and sent to the README's order. The file missing named, and a copy of it where there is one.
            String missing = to;
            try (LibraryDatabase library = LibraryDatabase.open(project)) {
                missing = tutorial.liquibase.MissingFileSeen.look(project, Migrations.on(project, library)).stream().findFirst().orElse(to);
            } catch (RuntimeException unread) {
                // the README's file, as the solution names it
            }
            String file = missing;
            throw new LessonError("No copy of " + file + " to put back: break-2 keeps the file it moves away beside it, as " + file
                    + ".bak, and there is none.",
                    MissingChangelogFile.copyOf(file).map(way -> "Here " + way + ", then run ./jbang solve fix-3 again.")
                            .orElse("Put " + file + " back yourself, from where you moved it (or git checkout HEAD -- " + file
                                    + ", if it was committed), then run ./jbang solve fix-3 again."));
        }
        try {
            Files.move(project.root().resolve(from), project.root().resolve(to));
        } catch (IOException e) {
            throw new LessonError("Cannot move " + from + ": " + e.getMessage(),
                    "Do the exercises in the README's order: ./jbang check shows where you stand.");
        }
    }
}
