///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../tutorial/**.java
//SOURCES ../models/*.java
//DESCRIPTION Where you stand: every exercise done or not (./jbang check), one in detail (./jbang check alter-1), or the mastery check

// Judged from library.db and the changelog as they are now, never from a record of what you
// typed: if check says an exercise is done, the database and the files show it.

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class CheckTool {
    public static void main(String[] args) {
        Step step = Step.named("check", "Check your work").arguments("[ID | mastery]").start(args);
        Project project = step.project();
        var ids = step.positional();
        if (ids.size() > 1) {
            throw step.usageError("Check one exercise at a time, or all of them with no argument.");
        }
        if (ids.isEmpty()) {
            Progress.overview(project);
        } else if (ids.get(0).equals("mastery")) {
            System.exit(Mastery.check(project) ? 0 : 1);
        } else {
            Exercise exercise = Exercises.named(step, ids.get(0));
            System.exit(Progress.one(project, exercise) ? 0 : 1);
        }
    }
}
