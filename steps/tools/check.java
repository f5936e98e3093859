///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java ../models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Where you stand: every exercise done or not (./jbang check), one in detail (./jbang check alter-1), or ./jbang check mastery; --watch checks again at every change

// Judged from library.db and the changelog as they are now, never from a record of what you
// typed: if check says an exercise is done, the database and the files show it. --watch is
// Rustlings' watch mode: leave it running in a second terminal while you work in the first.

import models.Models;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class CheckTool {
    public static void main(String[] args) {
        Step step = Step.named("check", Progress.CHECK_TITLE).arguments("[ID | mastery]")
                .option("--watch", "check again whenever the models, the changelog or library.db change; q and Enter stops")
                .option("--brief", "a progress bar and the exercise you are on, with what to do next (what --watch shows)")
                .checksArguments(CheckTool::exercise) // typed wrong: refused before the heading, as an option typed wrong is
                .start(args);
        Project project = step.project();
        step.requireSqliteFile();
        var ids = step.positional();
        boolean mastery = !ids.isEmpty() && ids.get(0).equals("mastery");
        Exercise exercise = exercise(step);
        if (step.has("--watch")) {
            Watch.of(step, project, Models.ALL, exercise).run();
        } else if (mastery) {
            Step.exitDone(Mastery.check(project, Models.ALL) ? 0 : 1);
        } else if (exercise != null) {
            Step.exitDone(Progress.one(project, Models.ALL, exercise) ? 0 : 1);
        } else if (step.has("--brief")) {
            Progress.brief(project, Models.ALL);
        } else {
            Progress.overview(project, Models.ALL);
        }
    }

    /** The exercise named (null for all of them, or mastery), the arguments judged as typed. */
    private static Exercise exercise(Step step) {
        var ids = step.positional();
        if (ids.size() > 1) {
            throw step.usageError("Check one exercise at a time, or all of them with no argument.");
        }
        boolean mastery = !ids.isEmpty() && ids.get(0).equals("mastery");
        Exercise exercise = ids.isEmpty() || mastery ? null : Exercises.named(step, ids.get(0));
        if (mastery && (step.has("--watch") || step.has("--brief"))) {
            throw step.usageError("The mastery check runs steps on a throw-away copy of your project, too slow to repeat "
                    + "at every save: run it once, ./jbang check mastery, rather than watch it.");
        }
        if (exercise != null && step.has("--brief")) {
            throw step.usageError("--brief sums up all the exercises: ./jbang check --brief, or ./jbang check " + exercise.id() + " for this one.");
        }
        return exercise;
    }
}
