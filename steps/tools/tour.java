///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Run the seven steps in order in a scratch copy (never your library.db) and print the whole transcript

// The lesson's "Expected output" section, for real: the walkthrough in a throw-away copy of
// the project, each step a real ./jbang process, the model edit made the way a learner
// makes it. Your own library.db, models and changelog are not touched.

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class Tour {
    public static void main(String[] args) {
        // A Ctrl-C stops the tour, not only the step it was running: said as the tour's, whose copy goes with it.
        Step step = Step.named("tour", "The walkthrough, start to finish, in a scratch copy of the project")
                .whenStoppedSayOnly(stopped -> "The tour worked in a scratch copy, removed with it: your library.db, models and changelog are as "
                        + "they were. ./jbang tour runs it again from the start.")
                .start(args);
        Project project = step.project();

        try (ScratchProject scratch = ScratchProject.copyOf(project.root())) {
            Console.say(Console.dim("(working in " + scratch.root() + ")"));
            Console.blank();
            for (Walkthrough.Command command : Walkthrough.COMMANDS) {
                if (Step.stopping()) {
                    return; // the copy is going with the JVM: no next command in it (they failed on a folder no longer there)
                }
                Console.say(Console.bold("$ " + command.typed()));
                if (command.isModelEdit()) {
                    ModelEdit edit = ModelEdit.find(new Project(scratch.root(), project.settings()));
                    Console.say("(in your editor: delete the leading // on line " + edit.lineNumber() + " of " + Walkthrough.MODELS + ")");
                    edit.apply(new Project(scratch.root(), project.settings()));
                } else {
                    ScratchProject.Result result = scratch.jbang(command.arguments());
                    if (result.exitCode() == 130 || (result.exitCode() == 143 && Step.stopping())) {
                        // The Ctrl-C (or kill) reached the step the tour ran: its own "run it again to finish" names a step of the
                        // copy, which typed here would run on your library.db. What it did before is shown where the tour's JVM is
                        // still there to show it (its own stop, said by its shutdown hook, may end it first); the tour says the rest.
                        Console.print(result.shown().lines().takeWhile(line -> !line.startsWith("Stopped before "))
                                .map(line -> line + System.lineSeparator()).collect(java.util.stream.Collectors.joining()));
                        Step.stopIfChildStopped(result.exitCode());
                        return;
                    }
                    Console.print(result.shown());
                    if (result.exitCode() != 0) {
                        Console.say(Console.dim("(exit code " + result.exitCode() + ")"));
                    }
                }
                Console.blank();
            }
        }
    }
}
