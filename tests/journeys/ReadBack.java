package journeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests believe: the database read back with plain JDBC and PRAGMA, never through
 * the tutorial's own code, so a step cannot pass by agreeing with itself.
 */
final class ReadBack {

    private ReadBack() {
    }

    /** Each row as one string, columns joined by " | ". */
    static List<String> rows(Path database, String sql) {
        if (!Files.exists(database)) {
            throw new AssertionError("No database at " + database);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database + "?open_mode=1")) {
            return rows(connection, sql);
        } catch (SQLException e) {
            throw new AssertionError("Cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    /** Each row of a query on this connection as one string, columns joined by " | ". */
    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join(" | ", values));
            }
        }
        return rows;
    }

    /** Changes the database behind every tool's back, as another program (or a learner with sqlite3) would. */
    static void execute(Path database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("Cannot change " + database + ": " + e.getMessage(), e);
        }
    }

    /** The first row of a query, a field a line, "NAME = value" (null for NULL, as explore prints it). */
    static List<String> record(Path database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            List<String> fields = new ArrayList<>();
            if (row.next()) {
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    // NULL as explore's sql(...) prints it, where docs/tools.md sends the learner to see the row.
                    fields.add(row.getMetaData().getColumnName(i) + " = " + row.getString(i));
                }
            }
            return fields;
        } catch (SQLException e) {
            throw new AssertionError("Cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    /** PRAGMA table_info: "name type notnull pk" per column. */
    static List<String> columns(Path database, String table) {
        return rows(database, "SELECT name, type, \"notnull\", pk FROM pragma_table_info('" + table + "')");
    }

    static List<String> columnNames(Path database, String table) {
        return rows(database, "SELECT name FROM pragma_table_info('" + table + "')");
    }

    static List<String> books(Path database) {
        return rows(database, "SELECT b.id, b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id ORDER BY b.id");
    }

    /** Everything in the database: schema and every row of the application's tables, to compare before and after. */
    static List<String> everything(Path database) {
        List<String> all = new ArrayList<>(rows(database, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"));
        for (String table : rows(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            all.addAll(rows(database, "SELECT * FROM \"" + table + "\"").stream().map(row -> table + ": " + row).toList());
        }
        return all;
    }

    static final List<String> THREE_BOOKS = List.of(
            "1 | The Pragmatic Programmer | David Thomas",
            "2 | Clean Code | Robert C. Martin",
            "3 | Fluent Python | Luciano Ramalho");
}
