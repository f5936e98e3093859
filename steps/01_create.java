///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 1: create library.db from the models and add three books (create_all(), not a migration)

// Builds library.db straight from the models, as SQLAlchemy's create_all() does in the
// Alembic lesson. This is how a project starts, not how it changes: run it once. From
// here on, every change to the schema goes through a migration (steps 3 to 7).
// Once the changelog has changesets (a teammate's clone of your project, or a fresh
// database), it builds the tables as they were before the first one, and 05_upgrade brings
// them to head, the way every database of a project is made. With --url it does the same
// on a database server (your own PostgreSQL, say).

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

// The models the block reads: copy steps/models/Models.java and steps/tutorial/database/Table.java with it.
import models.Models;
import tutorial.database.Table;

// The tutorial's own, for what the step does around the block.
import tutorial.lesson.Step;
import tutorial.steps.Create;

class CreateStep {

    /**
     * The step's work, in plain JDBC: create_all() from the models, then the three books. The
     * body of a main method you can copy, with sqlite-jdbc and the models (steps/models/Models.java
     * and the Table class it builds on, their folders kept: docs/your-project.md says how) on the
     * class path. The tutorial hands it library.db's URL as args[0].
     */
    static void create(String[] args) throws Exception {
        // copy-paste: begin
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement()) {
            // Run twice, it adds nothing: when the models' tables are all there, it leaves them as they are.
            if (Models.ALL.stream().allMatch(table -> table.existsIn(connection))) {
                System.out.println("The tables exist already: no table created, no book added.");
                return;
            }
            connection.setAutoCommit(false); // all of it, or nothing
            for (Table table : Models.ALL) {
                for (String sql : table.createStatements()) { // CREATE TABLE (and CREATE INDEX) from the model
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO authors (name) VALUES ('David Thomas'), ('Robert C. Martin'), ('Luciano Ramalho')");
            statement.execute("INSERT INTO books (title, author_id) VALUES "
                    + "('The Pragmatic Programmer', 1), ('Clean Code', 2), ('Fluent Python', 3)");
            connection.commit();
        }
        System.out.println("Tables created. Sample data inserted.");
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        Step step = Step.named("01_create", "Step 1 of 7: create the database from the models")
                .changesTheProject()
                .standsFor("(none: create_all() is not a migration)", "python project.py")
                .databaseOptions()
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/Create.java.
        Create.around(step, Models.ALL, CreateStep::create);
    }
}
