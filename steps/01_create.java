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
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

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
        Project project = step.project();

        // What the tutorial adds: a second run adds nothing; a teammate's clone (the changelog
        // already has changesets) gets the tables as they were before the first changeset; a
        // server given with --url gets the same through JDBC; and the books are listed after.
        // A library.db this run made and could not fill is removed: left empty, every step
        // after would stop at it.
        // An empty file (0 bytes: a Liquibase or sqlite3 run before this step made it) holds nothing to lose: made anew.
        try {
            if (project.databaseFile() != null && java.nio.file.Files.isRegularFile(project.databaseFile())
                    && java.nio.file.Files.size(project.databaseFile()) == 0) {
                java.nio.file.Files.delete(project.databaseFile());
            }
        } catch (java.io.IOException unreadable) {
            // left as it is: opening it says what is wrong with it
        }
        boolean made = project.databaseFile() != null && !java.nio.file.Files.exists(project.databaseFile());
        try {
            createOrList(project);
            if (made) {
                EarlyUpgrade.forget(project); // a new library.db: nothing was upgraded on it yet
                tutorial.liquibase.MissingFileSeen.forget(project); // nor any file of its chain found missing
                tutorial.liquibase.ValuesLostNote.forget(project); // nor any value taken away
            }
        } catch (Exception | Error failure) {
            if (made) {
                LibraryDatabase.deleteUnfinished(project.databaseFile());
            }
            throw failure;
        }
    }

    /** Which of the models' tables it has already. */
    private static java.util.List<String> lessonsTables(LibraryDatabase library) {
        return Models.ALL.stream().map(Table::name).filter(table -> library.tableNames().stream().anyMatch(table::equalsIgnoreCase)).toList();
    }

    private static void createOrList(Project project) throws Exception {
        try (LibraryDatabase library = LibraryDatabase.openOrCreate(project)) {
            if (library.tableNames().contains("books")) {
                Console.say("The tables exist already: no table created, no book added."); // the block's words, as the README shows them
            } else if (library.isSqlite() && library.file() != null && !lessonsTables(library).isEmpty()) {
                // Some of the lesson's tables and no books (authors left after books was dropped by hand): not made again among
                // them, where SQLite refused the one already there and the step called it one a changeset adds. (A database with
                // none of them gets them, as create_all() would.)
                throw new LessonError(library.name() + " has " + String.join(", ", lessonsTables(library)) + " but no books table: "
                        + "changed by hand since 01_create made it (books dropped?). Nothing was created.",
                        "01_create makes the lesson's tables in a new database: move this one aside, then run it again: "
                                + CommandLine.moveAside(library.file(), library.name()) + " && " + CommandLine.onSameDatabase(project, "steps/01_create.java"));
            } else if (library.isSqlite() && !new Changelog(project).hasChangesets()) {
                try {
                    create(project.blockArguments());
                } catch (java.sql.SQLException refused) {
                    // The block's statements come from the models alone: an edit of them is what SQLite refused.
                    throw new LessonError("SQLite refused the tables the models describe: " + refused.getMessage()
                            + ". Nothing was created.",
                            "Mend steps/models/Models.java where your edit made that (a column declared twice, an index on a column\n"
                                    + "the table does not have), then run this step again.");
                }
            } else if (library.isSqlite()) {
                StartingSchema.createForTheChangelog(project, library, Models.ALL);
            } else {
                StartingSchema.create(project, library, Models.ALL);
                Console.blank();
            }
            Report.books(library);
            if (library.isSqlite()) {
                EditBeforeCreate.sayIfSo(project, library); // step 3's edit made first: genre is in already
            }
        }
    }
}
