///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../tutorial/**.java
//SOURCES ../models/*.java
//DESCRIPTION Start an empty changeset to write by hand (alembic revision -m MESSAGE); --discard removes the newest one if unapplied

// Autogenerate only sees what the models can say. Data migrations, type changes on SQLite
// and fixes are written by hand: this starts the file (changes and rollback sections), numbers
// it, and adds it to the end of the chain. --discard takes back the newest changeset while it
// is not applied (an autogenerate proposal you decided against); the file is moved aside, never deleted.

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class RevisionTool {
    public static void main(String[] args) {
        Step step = Step.named("revision", "A changeset written by hand")
                .standsFor("(none: write a changeset file)", "alembic revision -m MESSAGE")
                .option("-m MESSAGE", "what the changeset will do")
                .option("--discard", "take back the newest changeset, if it is not applied")
                .start(args);
        Project project = step.project();

        if (step.has("--discard")) {
            Revisions.discardNewest(project);
            return;
        }
        String message = step.value("-m");
        if (message == null || message.isBlank()) {
            throw step.usageError("Say what the changeset will do with -m, e.g. -m \"set genre to programming\".");
        }
        Revisions.startEmpty(project, message);
    }
}
