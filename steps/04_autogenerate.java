///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 4: autogenerate a changeset from the difference between the models and library.db (-m MESSAGE)

// Alembic compares the models with the database and writes a revision file. Liquibase's
// diff-changelog does the same from two databases: the models built in memory, and
// library.db. The changes it proposes become a new, numbered changeset file under
// changelog/changes/, added to the end of the master changelog. Read it before you apply
// it: autogenerate proposes, you decide.

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
import tutorial.steps.Autogenerate;

class AutogenerateStep {

    /**
     * The changeset, in Liquibase's own API: the body of a main method you can copy, with
     * liquibase-core, sqlite-jdbc and the models on the class path (docs/your-project.md: their
     * folders kept, and the two settings the steps make around it). The tutorial hands it
     * library.db's URL as args[0], the author as args[1] and the file to write as args[2]
     * (a new file: Liquibase appends to one that exists).
     */
    static void autogenerate(String[] args) throws Exception {
        // copy-paste: begin
        String url = args[0], author = args[1], changelogFile = args[2];
        // As in step 3: the models in an in-memory database, the reference that library.db is compared with.
        try (Connection models = DriverManager.getConnection("jdbc:sqlite::memory:");
             Connection library = DriverManager.getConnection(url);
             Statement statement = models.createStatement()) {
            for (Table table : Models.ALL) {
                for (String sql : table.createStatements()) {
                    statement.execute(sql);
                }
            }
            DatabaseFactory databases = DatabaseFactory.getInstance();
            // Column order left out, as in step 3: no changeset can move a column on SQLite.
            Scope.child(GlobalConfiguration.DIFF_COLUMN_ORDER.getKey(), false, () -> new CommandScope("diffChangelog") // the CLI's diff-changelog
                    .addArgumentValue("referenceDatabase", databases.findCorrectDatabaseImplementation(new JdbcConnection(models)))
                    .addArgumentValue("database", databases.findCorrectDatabaseImplementation(new JdbcConnection(library)))
                    .addArgumentValue("excludeObjects", "(?i)DATABASECHANGELOG.*")
                    .addArgumentValue("author", author)
                    .addArgumentValue("changelogFile", changelogFile) // .yaml, .xml or .sql: the format follows the name
                    .execute());
        }
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        Step step = Step.named("04_autogenerate", "Step 4 of 7: autogenerate a changeset")
                .changesTheProject()
                .comparesTheModels()
                .standsFor("liquibase diff-changelog", "alembic revision --autogenerate -m MESSAGE")
                .requiredOption("-m MESSAGE", "what the changeset does, e.g. \"add genre column to books\"",
                        "Say what the changeset does with -m, e.g. -m \"add genre column to books\".")
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/Autogenerate.java.
        Autogenerate.around(step, Models.ALL, AutogenerateStep::autogenerate);
    }
}
