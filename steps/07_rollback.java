///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 7: roll back the last changeset (alembic downgrade -1); a count, or --to ID|TAG|base, rolls back more

// Liquibase's rollback-count undoes the newest applied changesets, newest first, using each
// changeset's rollback: written by hand, or worked out by Liquibase for changes it knows
// how to invert (addColumn becomes dropColumn). The changeset stays in the changelog, so
// 05_upgrade can apply it again. With --url it rolls back another database (your own
// PostgreSQL, say).

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
import tutorial.lesson.Step;
import tutorial.liquibase.RollbackTarget;
import tutorial.steps.Rollback;

class RollbackStep {

    /**
     * The step's work, in Liquibase's own API: the body of a main method you can copy into
     * your own project (docs/your-project.md: the two settings the steps make around it). The
     * tutorial hands it, as args, library.db's URL (or --url's), the
     * project folder, a user, a password, and how many changesets to roll back (a target
     * given with --to is counted for it; a tag goes to Liquibase's rollback --tag instead).
     */
    static void rollBack(String[] args) throws Exception {
        // copy-paste: begin
        String url = args[0], user = args[2], password = args[3];
        Path projectFolder = Path.of(args[1]);
        int count = Integer.parseInt(args[4]);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // The changelog says how to undo each changeset (Liquibase inverts addColumn by itself),
            // so rollback reads it too, through the Scope's resource accessor, rooted at the project.
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(projectFolder), () -> {
                new CommandScope("rollbackCount") // the CLI's rollback-count
                        .addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", "changelog/db.changelog-master.yaml")
                        .addArgumentValue("count", count)
                        .execute();
            });
        }
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        String[] standsFor = RollbackTarget.standsFor(args);
        Step step = Step.named("07_rollback", "Step 7 of 7: " + RollbackTarget.heading(args))
                .changesTheProject()
                // A rollback that committed just before the stop is done: run again by its count, it would take one more back.
                .whenStoppedSay(stopped -> "A rollback that finished before the stop is done: read " + stopped.onSameDatabase("history")
                        + " first, and run it again only if "
                        + "what you meant to roll back is still applied.")
                .standsFor(standsFor[0], standsFor[1])
                .arguments("[COUNT]")
                .checksArguments(RollbackTarget::checkArguments)
                .option("--count N", "the same as COUNT, as liquibase rollback-count --count N writes it")
                .option("--to TARGET", "roll back to a changeset id or a tag (kept), or to base (everything)")
                .option("--sql", "show the SQL it would run, and change nothing (alembic downgrade --sql)")
                .databaseOptions()
                .option("--accept-loss", "on a server (--url), go ahead where values would be lost: no copy can be kept there")
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/Rollback.java.
        Rollback.around(step, RollbackStep::rollBack);
    }
}
