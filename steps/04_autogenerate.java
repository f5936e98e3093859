///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/**.java
//SOURCES models/*.java
//DESCRIPTION Step 4: autogenerate a changeset from the difference between the models and library.db

// Alembic compares the models with the database and writes a revision file. Liquibase's
// diff-changelog does the same from two databases: the models built in memory, and
// library.db. The changes it proposes become a new, numbered changeset file under
// changelog/changes/, added to the end of the master changelog. Read it before you apply
// it: autogenerate proposes, you decide.

import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class AutogenerateStep {
    public static void main(String[] args) {
        Step step = Step.named("04_autogenerate", "Step 4 of 7: autogenerate a changeset")
                .standsFor("liquibase diff-changelog", "alembic revision --autogenerate -m MESSAGE")
                .requiredOption("-m MESSAGE", "what the changeset does, e.g. \"add genre column to books\"")
                .start(args);
        String message = step.value("-m");
        if (message == null || message.isBlank()) {
            throw step.usageError("Say what the changeset does with -m, e.g. -m \"add genre column to books\".");
        }
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            Revisions.requireUpToDate(migrations);
            try (ModelDiff diff = ModelDiff.compare(migrations, Models.ALL)) {
                if (diff.inSync()) {
                    Console.say("No changes detected: the models and library.db agree. No file written.");
                    return;
                }
                Revisions.autogenerate(project, library, diff, message);
            }
        }
    }
}
