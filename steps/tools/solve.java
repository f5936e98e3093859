///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java ../models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Do an exercise's reference solution in your project, showing each command and each file as you would type them

// For when you are stuck, or want to compare: the same commands and edits a learner would
// make, made in your own project, each shown before it runs.

import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class SolveTool {
    public static void main(String[] args) {
        Step step = Step.named("solve", "The reference solution").changesTheProject().arguments("ID")
                // Ctrl-C partway through: the commands run so far stay done (it said nothing, and the copy it had kept of library.db
                // stayed in .tutorial/ unnamed).
                .whenStoppedSay(SolveTool::stopped)
                .checksArguments(typed -> Exercises.fromArguments(typed)) // an id typed wrong: refused before the heading
                .start(args);
        Project project = step.project();
        step.requireSqliteFile();
        Exercise exercise = Exercises.fromArguments(step);

        Console.say(exercise.id() + ": " + exercise.task());
        Console.blank();
        Solver solver = new Solver(project);
        if (!solver.isTurnOf(exercise, Models.ALL)) {
            return;
        }
        var check = solver.solve(exercise, () -> {
            solved = true;
            // A new process, so that the check sees the models as the solution just edited them.
            var said = Processes.jbang(project.root(), project.root(), "", "check", exercise.id());
            Console.print(said.shown());
            Step.stopIfChildStopped(said.exitCode()); // the Ctrl-C that stopped the check reached solve too: said as a stop
            return said;
        });
        step.exit(check.exitCode()); // ended, not stopped: System.exit alone read as a Ctrl-C to the stop's message
    }

    /** The whole solution done: a stop after it stops only the check that follows. */
    private static volatile boolean solved;

    /** What a stop (Ctrl-C) leaves, and the ways on: the copy of library.db from before solve, moved under .reset/ to stay. */
    private static String stopped(Step step) {
        String id = step.positional().isEmpty() ? "ID" : step.positional().get(0);
        // First, whatever was stopped: from here on nothing is put back (the check's verdict may be on its way to solve's main thread).
        java.util.Optional<java.nio.file.Path> copy = Checkpoint.stop(step.project());
        String on = "./jbang check " + id + " says where that leaves the exercise; ./jbang reset " + id + " starts it over, keeping what "
                + "you made in .reset/.";
        if (Checkpoint.restoredAlready()) {
            return "solve had put back what the solution changed before the stop. " + on;
        }
        String database = CommandLine.databaseName(step.project());
        String kept = copy.map(copied -> database + " as it was before solve is kept in " + step.project().relative(copied) + " (to go back: "
                + CommandLine.fromProjectFolder(step.project(), "cp " + CommandLine.quoted(step.project().relative(copied)) + " "
                        + CommandLine.quoted(database)) + "). ").orElse("");
        if (solved) {
            return ("solve had done the whole solution; only the check after it was stopped: ./jbang check " + id + " says where it stands. "
                    + kept).strip();
        }
        return "solve stopped partway through the solution: what its commands did so far stays. " + kept + on;
    }
}
