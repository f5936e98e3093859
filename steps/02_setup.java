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
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

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

    public static void main(String[] args) {
        Step step = Step.named("02_setup", "Step 2 of 7: examine the set-up")
                .standsFor("liquibase history", "alembic current")
                .databaseOptions()
                .start(args);
        Project project = step.project();

        Console.say(Project.SETTINGS_FILE + " (the alembic.ini of this project: which database, which changelog):");
        Setup.settingsLines(project).forEach(line -> Console.say("  " + line));
        if (step.has("--url")) { // the file says one database, this run works on another
            Console.say("  (this run: --url " + tutorial.database.ServerConnection.name(project.url()) + " in place of its url)");
        }
        Console.blank();

        Changelog changelog = new Changelog(project);
        Console.say(project.changelogFile() + " (the history chain: the files it includes, oldest first):");
        changelog.includes().forEach(file -> Console.say("  " + file));
        if (changelog.includes().isEmpty()) {
            Console.say("  (none yet: 04_autogenerate will add the first)");
        }
        Console.blank();

        Console.say("How the models reach the comparison (what env.py does for Alembic):");
        Console.say("  " + project.relative(project.models()) + " declares the tables " + Setup.tableNames(Models.ALL) + ".");
        Console.say("  04_autogenerate builds them into an in-memory SQLite database and has Liquibase");
        Console.say("  diff that database against library.db.");
        Console.blank();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Console.say("Where " + library.name() + " stands (alembic current):");
            Migrations migrations = Migrations.on(project, library);
            migrations.requireReadableChangelog();
            // The block, watched: Liquibase's own listing shows with --verbose; the tutorial draws
            // the chain from it and the changelog, with what is pending and what went missing.
            migrations.watching(false, step.verbose(), () -> history(project.blockArguments()));
            Report.history(HistoryChain.read(migrations).links());
        }
    }
}
