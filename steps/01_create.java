///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/*.java
//DESCRIPTION Step 1: create library.db from the models and add three books (create_all(), not a migration)

// Builds library.db straight from the models, as SQLAlchemy's create_all() does in the
// Alembic lesson. This is how a project starts, not how it changes: run it once. From
// here on, every change to the schema goes through a migration (steps 3 to 7).

import tutorial.*;

class CreateStep {
    public static void main(String[] args) {
        Step step = Step.named("01_create", "Step 1 of 7: create the database from the models")
                .standsFor("(none: create_all() is not a migration)", "python project.py")
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.openOrCreate(project)) {
            if (library.tableNames().contains("books")) {
                Console.say(project.relative(library.file()) + " already exists: no table created, no book added.");
            } else {
                library.createFromModels(Models.ALL);
                Console.say("Tables created. Sample data inserted.");
            }
            Report.books(library);
        }
    }
}
