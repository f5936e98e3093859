package journeys;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Another program at work on library.db, as learners have them: a database browser holding
 * a transaction open, a script that fills the tables, someone breaking things on purpose.
 * Plain JDBC, never the tutorial's own code.
 */
final class Outsider {

    private Outsider() {
    }

    /** Runs each statement in its own transaction. */
    static void execute(Path database, String... statements) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("Cannot change " + database + ": " + e.getMessage(), e);
        }
    }

    /** A browser with unsaved changes: a write transaction held open until closed, then rolled back. */
    static AutoCloseable holdingWriteLock(Path database) {
        return holdingWriteLock(database, false);
    }

    /** The same, then committed (a browser whose changes are written) where commit is true. */
    static AutoCloseable holdingWriteLock(Path database, boolean commit) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                statement.execute("UPDATE authors SET name = name WHERE id = 1");
            }
            return () -> {
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute(commit ? "COMMIT" : "ROLLBACK");
                }
            };
        } catch (SQLException e) {
            throw new AssertionError("Cannot lock " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * PRAGMA integrity_check on a read-write connection: after a killed run, opening the file
     * for writing is what lets SQLite roll back the unfinished transaction (its hot journal),
     * exactly as the next step would.
     */
    static List<String> integrityCheck(Path database) {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError("Cannot check " + database + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** Books 4 to COUNT, by the three authors in turn, in one statement: a large library in a second. */
    static void fillTo(Path database, int count) {
        execute(database, "WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < " + count + ") "
                + "INSERT INTO books (id, title, author_id) SELECT i, 'Book ' || i, 1 + i % 3 FROM n");
    }
}
