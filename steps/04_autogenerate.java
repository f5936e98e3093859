///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 4: autogenerate a changeset from the difference between the models and library.db

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
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

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
        // As in step 3: the models in an in-memory database, the reference that library.db is compared with.
        try (Connection models = DriverManager.getConnection("jdbc:sqlite::memory:");
             Connection library = DriverManager.getConnection(args[0]);
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
                    .addArgumentValue("author", args[1])
                    .addArgumentValue("changelogFile", args[2]) // .yaml, .xml or .sql: the format follows the name
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
        String message = step.value("-m");
        Project project = step.project();
        ModelDiff.requireSqlite(project); // before connecting: a server's URL would ask for its driver first
        ModelEdit.find(project).requireNamedGenre(project); // "gerne": autogenerate would add that column

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            NotListed.refuseAutogenerate(migrations, library.name(), project.changelogFile()); // a chain with a hole in it, first:
            Revisions.requireUpToDate(migrations); // an id edited leaves its new name pending, which 05 refuses
            Schema schema = Schema.read(library);
            AppliedButAbsent.refuseAutogenerate(migrations, library, schema, Models.ALL); // a record without its column
            Renames.refuseAutogenerate(migrations, library, schema, Models.ALL); // a column renamed by a changeset, the models not told
            // The block, watched: it writes Liquibase's changeset to a scratch file, and its comparison
            // comes back, from which the tutorial writes the numbered file the master changelog
            // includes, with the types as the models declare them (Revisions).
            java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("diff-changelog-");
            String written = scratch.resolve("changes.yaml").toString();
            try (ModelDiff diff = ModelDiff.fromBlock(migrations, Models.ALL, step.verbose(),
                    () -> autogenerate(new String[] {project.blockArguments()[0], Revisions.AUTHOR, written}))) {
                if (diff.inSync()) {
                    Console.say("No changes detected: the models and library.db agree. No file written.");
                    ModelEdit.find(project).sayIfNotDone(project); // step 3's edit skipped: the usual reason, at the walkthrough's start
                    EditBeforeCreate.sayIfSo(project, library); // or made before 01_create: library.db has genre already
                    return;
                }
                Revisions.autogenerate(project, library, diff, message);
            } finally {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(written));
                java.nio.file.Files.deleteIfExists(scratch);
            }
        }
    }
}
