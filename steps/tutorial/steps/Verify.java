package tutorial.steps;

import tutorial.database.LessonBooks;
import tutorial.database.LibraryDatabase;
import tutorial.lesson.Console;
import tutorial.lesson.LessonError;
import tutorial.lesson.Report;
import tutorial.lesson.Step;
import tutorial.project.Project;

/**
 * Step 6 around its block: library.db checked before the block opens it (there, a SQLite database, not damaged), and, for a server
 * given with --url, where PRAGMA does not exist, or a library.db without authors, the same report from the tutorial's own reads.
 */
public final class Verify {

    private Verify() {
    }

    public static void around(Step step, Block block) throws Exception {
        Project project = step.project();

        // What the tutorial adds: library.db checked before the block opens it (there, a SQLite
        // database, not damaged), and, for a server given with --url, where PRAGMA does not
        // exist, or a library.db without authors, where the block's join cannot run, the same
        // report from the tutorial's own reads.
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            // Without an authors table (dropped by a migration or by hand) the block's join cannot run: the tutorial's own report
            // below lists the books without their authors, and says why.
            if (library.isSqlite() && LessonBooks.authorsTableIn(library)) {
                try {
                    LessonBooks.requireColumns(library); // the block's query names them
                } catch (LessonError lacking) {
                    // The step's first answer still stands: the columns, as the block's PRAGMA lists them.
                    Console.say("PRAGMA table_info(books) lists these columns:");
                    Console.say(Report.columnList(library.columnNames("books")));
                    Console.blank();
                    throw lacking;
                }
                block.run(project.blockArguments());
                return;
            }
            Console.say(library.columnsSource("books") + " lists these columns:");
            Console.say(Report.columnList(library.columnNames("books")));
            Console.blank();
            Report.books(library);
        }
    }

}
