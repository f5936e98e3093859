///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/**.java
//SOURCES models/*.java
//DESCRIPTION Step 1: create library.db from the models and add three books (create_all(), not a migration)

// Builds library.db straight from the models, as SQLAlchemy's create_all() does in the
// Alembic lesson. This is how a project starts, not how it changes: run it once. From
// here on, every change to the schema goes through a migration (steps 3 to 7).
// Once the changelog has changesets (a teammate's clone of your project, or a fresh
// database), it builds the tables as they were before the first one, and 05_upgrade brings
// them to head, the way every database of a project is made. With --url it does the same
// on a database server (your own PostgreSQL, say).

import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class CreateStep {
    public static void main(String[] args) {
        Step step = Step.named("01_create", "Step 1 of 7: create the database from the models")
                .standsFor("(none: create_all() is not a migration)", "python project.py")
                .databaseOptions()
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.openOrCreate(project)) {
            if (library.tableNames().contains("books")) {
                Console.say(library.name() + " already exists: no table created, no book added.");
            } else if (library.isSqlite() && !project.hasChangesets()) {
                library.createFromModels(Models.ALL);
                Console.say("Tables created. Sample data inserted.");
            } else if (library.isSqlite()) {
                StartingSchema.createForTheChangelog(project, library, Models.ALL);
            } else {
                StartingSchema.create(project, library, Models.ALL);
                Console.blank();
            }
            Report.books(library);
        }
    }
}
