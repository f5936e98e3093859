///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 5: upgrade library.db: apply every pending changeset (alembic upgrade head)

// Liquibase's update runs, in changelog order, every changeset that library.db has not
// recorded in its DATABASECHANGELOG table, and records each one as it goes. The rows stay:
// a migration changes the schema around the data, as the row counts at the end show.
// With --url it upgrades another database (your own PostgreSQL, say) from the same changelog.

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
import tutorial.steps.Upgrade;

class UpgradeStep {

    /**
     * The step's work, in Liquibase's own API: the body of a main method you can copy into
     * your own project, with liquibase-core and your JDBC driver on the class path (docs/your-project.md
     * has it as one, with the two settings the steps make around it). The tutorial
     * hands it, as args, library.db's URL (or --url's), the project folder, a user and a password.
     */
    static void upgrade(String[] args) throws Exception {
        // copy-paste: begin
        String url = args[0], user = args[2], password = args[3];
        Path projectFolder = Path.of(args[1]);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            // Liquibase picks its SQL dialect (SQLite, PostgreSQL, ...) from the connection.
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase reads files through the Scope's resource accessor: the changelog's path is
            // relative to its root (each changeset file names its own path, for DATABASECHANGELOG).
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(projectFolder), () -> {
                new CommandScope("update") // the CLI's update; the Java API names commands in camelCase
                        .addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", "changelog/db.changelog-master.yaml")
                        .execute();
            });
        }
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        Step step = Step.named("05_upgrade", "Step 5 of 7: upgrade the database")
                .changesTheProject()
                // A changeset recorded just before the stop is applied, whether or not its lines were printed.
                .whenStoppedSay(stopped -> "Run it again to finish: " + stopped.again() + " (what was applied before the stop stays applied: "
                        + stopped.onSameDatabase("history") + " lists it).")
                .standsFor("liquibase update", "alembic upgrade head")
                .option("--sql", "show the SQL it would run, and change nothing (alembic upgrade head --sql)")
                .option("--tag NAME", "tag the database once it is up to date, to roll back to later")
                .databaseOptions()
                .option("--accept-loss", "on a server (--url), go ahead where values would be lost: no copy can be kept there")
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/Upgrade.java.
        Upgrade.around(step, Models.ALL, UpgradeStep::upgrade);
    }
}
