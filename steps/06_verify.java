///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/**.java
//SOURCES models/*.java
//DESCRIPTION Step 6: verify: the columns of books from PRAGMA table_info, and every book still there

// Trust, but check: ask SQLite itself which columns the books table has now, exactly as
// the lesson's one-liner does with PRAGMA table_info(books), and list the books to see
// that the migration kept every row. With --url it asks a database server (your own
// PostgreSQL, say) through JDBC metadata instead: PRAGMA is SQLite's alone.

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class VerifyStep {
    public static void main(String[] args) {
        Step step = Step.named("06_verify", "Step 6 of 7: verify the schema")
                .standsFor("(none: ask SQLite directly)", "python -c \"... PRAGMA table_info(books) ...\"")
                .databaseOptions()
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Console.say(library.columnsSource("books") + " lists these columns:");
            Console.say(Report.columnList(library.columnNames("books")));
            Console.blank();
            Report.books(library);
        }
    }
}
