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
        Step step = Step.named("tour", "The walkthrough, start to finish, in a scratch copy of the project").start(args);
        Project project = step.project();

        try (ScratchProject scratch = ScratchProject.copyOf(project.root())) {
            Console.say(Console.dim("(working in " + scratch.root() + ")"));
            Console.blank();
            for (Walkthrough.Command command : Walkthrough.COMMANDS) {
                Console.say(Console.bold("$ " + command.typed()));
                if (command.isModelEdit()) {
                    ModelEdit edit = ModelEdit.find(new Project(scratch.root(), project.settings()));
                    Console.say("(in your editor: delete the leading // on line " + edit.lineNumber() + " of " + Walkthrough.MODELS + ")");
                    edit.apply(new Project(scratch.root(), project.settings()));
                } else {
                    ScratchProject.Result result = scratch.jbang(command.arguments());
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
