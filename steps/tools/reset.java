///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Start over: the models, the changelog and library.db back to the lesson's start (reset ID: back to where that exercise starts); nothing is deleted

// Starting over should not mean re-cloning, and should never cost a learner their work:
// reset lists what it will change and asks first, and moves whatever it takes away into a
// dated folder under .reset/ (ignored by git) instead of deleting it.

import java.nio.file.Files;
import java.nio.file.Path;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class ResetTool {
    /** The command that brings the learner's work back, once it is moved: said too if Ctrl-C stops the replay after. */
    private static volatile String wayBack;

    public static void main(String[] args) {
        Step step = Step.named("reset", "Start over")
                .arguments("[ID]")
                .option("--yes", "do not ask first (for scripts)")
                .whenStoppedSay(stopped -> wayBack == null ? "Nothing of yours was moved yet."
                        : "Your work is kept; to go back to it as it was: " + wayBack)
                .checksArguments(typed -> { // refused before the heading, as an option typed wrong is
                    if (typed.positional().size() > 1) {
                        throw typed.usageError("Reset everything, or name one exercise.");
                    }
                    typed.positional().forEach(id -> Exercises.named(typed, id));
                })
                .start(args);
        Project project = step.project();
        Exercise exercise = step.positional().isEmpty() ? null : Exercises.named(step, step.positional().get(0));
        if (project.databaseFile() == null || !project.contains(project.databaseFile())) {
            // A server's database, or a file outside the project, is not the project's to move aside: reset would put the
            // changelog back at the start while that database kept every changeset applied, and reset ID would replay the
            // walkthrough there.
            boolean server = !CommandLine.onSqlite(project);
            throw new LessonError("liquibase.properties names " + CommandLine.databaseName(project) + ", " + (server ? "a database on a server"
                    : project.databaseFile() == null ? "a database that is no file" : "a file outside the project") + ": reset starts over by "
                    + "moving library.db aside, and cannot set that one aside." + Failures.NOTHING_CHANGED,
                    (server || project.databaseFile() != null ? "To take it back to before the first changeset too, first: "
                            + CommandLine.onSameDatabase(project, "steps/07_rollback.java --to base") + "\n" : "")
                            + "To start over on library.db: put url=jdbc:sqlite:library.db back in liquibase.properties (or git checkout HEAD -- "
                            + "liquibase.properties), then run ./jbang reset " + (exercise == null ? "" : exercise.id() + " ") + "again.");
        }

        Reset reset = Reset.plan(project);
        if (reset.isEmpty() && exercise == null) {
            Hints.startOver(project, null); // the lesson's start: its hints too
            Console.say("Nothing to reset: the project is already at the lesson's start.");
            return;
        }
        Console.say("This moves into " + project.relative(SetAside.folder(project)) + "/ (nothing is deleted):");
        reset.describe().forEach(line -> Console.say("  " + line));
        if (exercise != null) {
            Console.say("then redoes the walkthrough and the reference solution of every exercise before " + exercise.id() + ".");
        }
        if (!step.has("--yes") && !Reset.confirmed()) {
            throw new LessonError("Nothing was changed.", "Answer y to go ahead, or run ./jbang reset "
                    + (exercise == null ? "" : exercise.id() + " ") + "--yes.");
        }
        step.takeTurn(); // once answered: a question left open does not hold up the steps
        // Listed before its turn came: a step that ran meanwhile (its changeset written while reset waited) changed what there is.
        Reset now = Reset.plan(project);
        if (!now.describe().equals(reset.describe())) {
            if (now.isEmpty() && exercise == null) { // put back meanwhile (a reset in another terminal)
                Console.say("While reset waited its turn, the project came back to the lesson's start: nothing to reset.");
                return;
            }
            // Set aside, as all it moves, never deleted: what was listed changed, and the list said last is what it does.
            Console.say("While reset waited its turn, the project changed. It moves now (nothing is deleted):");
            now.describe().forEach(line -> Console.say("  " + line));
            reset = now;
        }
        reset.apply();
        Hints.startOver(project, exercise); // the first hint again, for the exercises started over (their whole solution came first)
        String kept = project.relative(SetAside.folder(project));
        if (!reset.isEmpty()) {
            wayBack = CommandLine.fromProjectFolder(project, (exercise == null ? "" : "./jbang reset --yes && ") + "cp -R " + CommandLine.quoted(kept) + "/. .");
        }
        Console.say("The project is back at the lesson's start. What was moved is in " + kept + "/.");
        Path lessons = project.root().resolve(Project.DEFAULT_DATABASE).normalize();
        if (!project.databaseFile().equals(lessons)) {
            Console.say("liquibase.properties still names " + CommandLine.databaseName(project) + " (reset leaves it as you edited it): "
                    + "the steps work there." + (Files.exists(lessons) ? " " + Project.DEFAULT_DATABASE + ", which it does not name, is left "
                    + "as it was: put url=jdbc:sqlite:" + Project.DEFAULT_DATABASE + " back and run ./jbang reset again to start over on it too." : ""));
        }
        if (exercise != null && !reset.isEmpty()) {
            // Said before the replay too: stopped midway (Ctrl-C), it leaves the way back on the screen.
            Console.say("To go back to your work as it was, even if the replay below is stopped midway: " + wayBack);
        }
        if (exercise != null) {
            try {
                Reset.replayUpTo(project, exercise); // its own runs keep what they discard in folders of their own
            } catch (LessonError stopped) {
                // A step of the replay failed or was stopped (Ctrl-C reaches it first): where the learner's work went, said last.
                throw wayBack == null ? stopped : new LessonError(stopped.getMessage(), stopped.next()
                        + "\nYour work is kept; to go back to it as it was: " + wayBack, stopped.exitCode(), stopped);
            }
            Console.say("Ready for " + exercise.id() + ": " + exercise.task());
        }
        if (!reset.isEmpty()) {
            // What was moved is what differed from the start: copied back over the start, it is the project as it was.
            Console.say("To go back to your work as it was before this reset: " + wayBack);
        }
    }
}
