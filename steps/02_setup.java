///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 2: examine the set-up: liquibase.properties, the changelog, the models, and where library.db stands

// In the Alembic lesson this step reads alembic.ini (where the database is) and env.py
// (how the models reach autogenerate). Here the same jobs are done by liquibase.properties,
// the master changelog, and Models.java; this step shows each, then asks Liquibase where
// library.db stands in the history chain.

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

// The tutorial's own, for what the step does around the block (the block needs only the imports above).
import models.Models;
import tutorial.lesson.Step;
import tutorial.steps.Setup;

class SetupStep {

    /**
     * Where the database stands, in Liquibase's own API: the body of a main method you can copy
     * (docs/your-project.md has one, with the two settings the steps make around it). The tutorial
     * hands it, as args, library.db's URL, the project folder, a user and a password.
     */
    static void history(String[] args) throws Exception {
        // copy-paste: begin
        String url = args[0], user = args[2], password = args[3];
        Path projectFolder = Path.of(args[1]);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // The changelog is read through the Scope's resource accessor, rooted at the project folder.
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(projectFolder), () -> {
                // What the database recorded in DATABASECHANGELOG, oldest first. (The status command
                // would also list what is pending, but it creates Liquibase's tables where there are none.)
                new CommandScope("history")
                        .addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", "changelog/db.changelog-master.yaml")
                        .execute();
            });
        }
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        Step step = Step.named("02_setup", "Step 2 of 7: examine the set-up")
                .standsFor("liquibase history", "alembic current")
                .databaseOptions()
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/Setup.java.
        Setup.around(step, Models.ALL, SetupStep::history);
    }
}
