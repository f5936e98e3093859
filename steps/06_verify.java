///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 6: verify: the columns of books from PRAGMA table_info, and every book still there

// Trust, but check: ask SQLite itself which columns the books table has now, exactly as
// the lesson's one-liner does with PRAGMA table_info(books), and list the books to see
// that the migration kept every row. With --url it asks a database server (your own
// PostgreSQL, say) through JDBC metadata instead: PRAGMA is SQLite's alone.

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

// The tutorial's own, for what the step does around the block (the block needs only the imports above).
import tutorial.lesson.Step;
import tutorial.steps.Verify;

class VerifyStep {

    /**
     * The step's work, in plain JDBC: the body of a main method you can copy into your own
     * project, with sqlite-jdbc on the class path (and, on Java 24 and newer, the JVM option
     * --enable-native-access=ALL-UNNAMED: docs/your-project.md). The tutorial hands it library.db's URL as args[0].
     */
    static void verify(String[] args) throws Exception {
        // copy-paste: begin
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("PRAGMA table_info(books)")) { // one row per column
                while (rows.next()) {
                    columns.add(rows.getString("name"));
                }
            }
            System.out.println("PRAGMA table_info(books) lists these columns:");
            System.out.println(columns);
            System.out.println();
            System.out.println("Books in database:");
            try (ResultSet rows = statement.executeQuery("SELECT b.id, b.title, a.name FROM books b "
                    + "LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id")) {
                while (rows.next()) {
                    System.out.printf("  %d | %-28s | %s%n", rows.getInt(1), rows.getString(2), rows.getString(3));
                }
            }
        }
        // copy-paste: end
    }

    public static void main(String[] args) throws Exception {
        Step step = Step.named("06_verify", "Step 6 of 7: verify the schema")
                .standsFor("(none: ask the database itself)", "python -c \"... PRAGMA table_info(books) ...\"")
                .databaseOptions()
                .start(args);
        // What the tutorial adds around the block (checks before it, the report after): tutorial/steps/Verify.java.
        Verify.around(step, VerifyStep::verify);
    }
}
