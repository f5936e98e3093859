///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION A hint for an exercise, one level at a time: ask again for a stronger one; the last is the solution's command list

// Hints come in levels so that you can take only as much help as you need. Which level you
// have seen is kept in .tutorial/hints.properties (ignored by git); --again repeats the last.
// With no ID, the hint is for the exercise you are on: the first not done, as check judges it.

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class HintTool {
    public static void main(String[] args) {
        Step step = Step.named("hint", "A hint").arguments("[ID]")
                .option("--again", "show the last hint again instead of the next one")
                .checksArguments(typed -> { // an id typed wrong: refused before the heading, as an option typed wrong is
                    if (!typed.positional().isEmpty()) {
                        Exercises.fromArguments(typed);
                    }
                })
                .start(args);
        Project project = step.project();
        step.requireSqliteFile();
        if (step.positional().isEmpty()) {
            // The exercise you are on, as check names it; none once every one is done.
            Hints.exerciseYouAreOn(project).ifPresent(on -> Hints.next(project, on, step.has("--again")));
        } else {
            Hints.next(project, Exercises.fromArguments(step), step.has("--again"));
        }
    }
}
