package tutorial.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.exercises.EarlyUpgrade;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.LessonError;
import tutorial.lesson.Report;
import tutorial.lesson.Step;
import tutorial.liquibase.Changelog;
import tutorial.liquibase.EditBeforeCreate;
import tutorial.liquibase.MissingFileSeen;
import tutorial.liquibase.StartingSchema;
import tutorial.liquibase.RanHere;
import tutorial.liquibase.ValuesLostNote;
import tutorial.project.Project;

/**
 * Step 1 around its block: an empty library.db made anew, a second run that adds nothing, a teammate's clone given the tables as they
 * were before the first changeset, a server given them through JDBC, the books listed after; a library.db this run made and could
 * not fill is removed (left empty, every step after would stop at it).
 */
public final class Create {

    private Create() {
    }

    public static void around(Step step, List<Table> models, Block block) throws Exception {
        Project project = step.project();

        // An empty file (0 bytes: a Liquibase or sqlite3 run before this step made it) holds nothing to lose: made anew.
        try {
            if (project.databaseFile() != null && Files.isRegularFile(project.databaseFile())
                    && Files.size(project.databaseFile()) == 0) {
                Files.delete(project.databaseFile());
            }
        } catch (IOException unreadable) {
            // left as it is: opening it says what is wrong with it
        }
        boolean made = project.databaseFile() != null && !Files.exists(project.databaseFile());
        try {
            createOrList(project, models, block);
            if (made) {
                EarlyUpgrade.forget(project); // a new library.db: nothing was upgraded on it yet
                MissingFileSeen.forget(project); // nor any file of its chain found missing
                ValuesLostNote.forget(project); // nor any value taken away
                RanHere.forget(project); // nor any changeset run
            }
        } catch (Exception | Error failure) {
            if (made) {
                LibraryDatabase.deleteUnfinished(project.databaseFile());
            }
            throw failure;
        }
    }

    /** Whether Liquibase has recorded no changeset here (a changeset applied before this step made its own tables: those are the lesson's). */
    private static boolean nothingApplied(LibraryDatabase library) {
        return !library.hasChangelogTable() || library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") == 0;
    }

    /** "move this one aside, then run it again: mv library.db library.db.bak && ./jbang steps/01_create.java" */
    private static String moveAsideAndRunAgain(Project project, LibraryDatabase library) {
        return "move this one aside, then run it again: " + CommandLine.moveAside(library.file(), library.name()) + " && "
                + CommandLine.onSameDatabase(project, "steps/01_create.java");
    }

    /** The tables it has that no model describes (Liquibase's own left out). */
    private static List<String> foreignTables(LibraryDatabase library, List<Table> models) {
        return library.tableNames().stream().filter(table -> models.stream().noneMatch(model -> model.name().equalsIgnoreCase(table))).toList();
    }

    /** Which of the models' tables it has already. */
    private static List<String> lessonsTables(LibraryDatabase library, List<Table> models) {
        return models.stream().map(Table::name).filter(table -> library.tableNames().stream().anyMatch(table::equalsIgnoreCase)).toList();
    }

    /** Which of the two tables the books are listed from (authors and books, as the models have them) it lacks. */
    private static List<String> listedTablesMissing(LibraryDatabase library, List<Table> models) {
        return models.stream().map(Table::name).filter(table -> table.equalsIgnoreCase("authors") || table.equalsIgnoreCase("books"))
                .filter(table -> library.tableNames().stream().noneMatch(table::equalsIgnoreCase)).toList();
    }

    /** One of the two tables the books are listed from missing: books (always), or authors where nothing is recorded. */
    private static boolean refusedAsChangedByHand(LibraryDatabase library, List<Table> models) {
        List<String> missing = listedTablesMissing(library, models);
        return missing.stream().anyMatch("books"::equalsIgnoreCase) || (!missing.isEmpty() && nothingApplied(library));
    }

    private static void createOrList(Project project, List<Table> models, Block block) throws Exception {
        try (LibraryDatabase library = LibraryDatabase.openOrCreate(project)) {
            if (library.isSqlite() && library.file() != null && !foreignTables(library, models).isEmpty() && nothingApplied(library)
                    && lessonsTables(library, models).size() < models.size()) {
                // Tables no model describes, not all of the lesson's, and no changeset recorded: another database (a file of other
                // data named library.db), which the lesson's tables and sample rows would be mixed into, or, where it has a books of
                // its own, which "the tables exist already" let 05_upgrade change (genre added to that books). (One whose
                // DATABASECHANGELOG has rows is read as the lesson's, changesets applied before this step: StartingSchema, below.)
                throw new LessonError(library.name() + " holds " + String.join(", ", library.tableNames()) + ", not the lesson's tables ("
                        + String.join(", ", models.stream().map(Table::name).toList()) + "): another database, not one 01_create made. "
                        + "Nothing was created.",
                        "01_create makes the lesson's tables in a database of their own: " + moveAsideAndRunAgain(project, library));
            } else if (library.isSqlite() && library.file() != null && !lessonsTables(library, models).isEmpty()
                    && refusedAsChangedByHand(library, models)) {
                // Some of the lesson's tables and not both that the books are listed from (authors left after books was dropped by
                // hand, or books without authors): not made again among them, where SQLite refused the one already there, or "the
                // tables exist already" was followed by SQLite's "no such table: authors". (A database with none of them and no tables
                // of its own gets them, as create_all() would; one with tables of its own is refused above. A table the learner added
                // to the models and not to library.db is a changeset's to add: "the tables exist already", below; so are authors where
                // a changeset is recorded (one may have dropped them), and the books are listed without them.)
                String missing = String.join(", ", listedTablesMissing(library, models));
                throw new LessonError(library.name() + " has " + String.join(", ", lessonsTables(library, models)) + " but no " + missing
                        + " table: changed by hand since 01_create made it (" + missing + " dropped?). Nothing was created.",
                        "01_create makes the lesson's tables in a new database: " + moveAsideAndRunAgain(project, library));
            } else if (library.tableNames().contains("books")) {
                Console.say("The tables exist already: no table created, no book added."); // the block's words, as the README shows them
            } else if (library.isSqlite() && !new Changelog(project).hasChangesets()) {
                try {
                    block.run(project.blockArguments());
                } catch (java.sql.SQLException refused) {
                    // The block's statements come from the models alone: an edit of them is what SQLite refused.
                    throw new LessonError("SQLite refused the tables the models describe: " + refused.getMessage()
                            + ". Nothing was created.",
                            "Mend steps/models/Models.java where your edit made that (a column declared twice, an index on a column\n"
                                    + "the table does not have), then run this step again.");
                }
            } else if (library.isSqlite()) {
                StartingSchema.createForTheChangelog(project, library, models);
            } else {
                StartingSchema.create(project, library, models);
                Console.blank();
            }
            Report.books(library);
            if (library.isSqlite()) {
                EditBeforeCreate.sayIfSo(project, library); // step 3's edit made first: genre is in already
            }
        }
    }
}
