///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 3: add the genre column to the Book model, and see how the models now differ from library.db

// A migration starts with a change to the models. Here: uncomment the genre column of the
// Book model (Project.MODELS_FILE). Until then this step says which line to edit and stops;
// after it, it shows what now differs between the models and library.db, which is
// exactly what 04_autogenerate will turn into a changeset.

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

// The models the block reads: copy steps/models/Models.java and steps/tutorial/database/Table.java with it.
import models.Models;
import tutorial.database.Table;

// The tutorial's own, for what the step does around the block.
import tutorial.lesson.Step;
import tutorial.steps.ChangeModel;

class ChangeModelStep {

    /**
     * The comparison, in Liquibase's own API: the body of a main method you can copy, with
     * liquibase-core, sqlite-jdbc and the models on the class path (docs/your-project.md: their
     * folders kept, and the two settings the steps make around it). The tutorial hands it
     * library.db's URL as args[0]. Liquibase's diff prints its report; the tutorial draws its own
     * from the same comparison, handed over by a command step it adds to Liquibase's pipeline.
     */
    static void diff(String[] args) throws Exception {
        // copy-paste: begin
        // Liquibase compares two databases, not code with a database: the models are built into
        // an in-memory SQLite database first: the reference that library.db is compared with.
        try (Connection models = DriverManager.getConnection("jdbc:sqlite::memory:");
             Connection library = DriverManager.getConnection(args[0]);
             Statement statement = models.createStatement()) {
            for (Table table : Models.ALL) {
                for (String sql : table.createStatements()) {
                    statement.execute(sql);
                }
            }
            DatabaseFactory databases = DatabaseFactory.getInstance();
            // Column order left out: SQLite puts a column added later last, whatever line the models give it.
            Scope.child(GlobalConfiguration.DIFF_COLUMN_ORDER.getKey(), false, () -> new CommandScope("diff")
                    .addArgumentValue("referenceDatabase", databases.findCorrectDatabaseImplementation(new JdbcConnection(models)))
                    .addArgumentValue("database", databases.findCorrectDatabaseImplementation(new JdbcConnection(library)))
                    .addArgumentValue("excludeObjects", "(?i)DATABASECHANGELOG.*") // Liquibase's own tables
                    .execute()); // prints what is missing (in the models only), unexpected and changed
        }
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        Step step = Step.named("03_change_model", "Step 3 of 7: change the model")
                .changesTheProject()
                .comparesTheModels()
                .standsFor("liquibase diff (models vs library.db)", "edit project.py, then compare")
                .option("--apply", "make the edit for you (for scripted runs)")
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/ChangeModel.java.
        ChangeModel.around(step, Models.ALL, ChangeModelStep::diff);
    }
}
