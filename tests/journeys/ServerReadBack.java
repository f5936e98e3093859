package journeys;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import postgres.ThrowAwayPostgres;

/**
 * What the PostgreSQL tests believe: the server read back with plain JDBC (metadata and SQL),
 * never through the tutorial's own code, so a step cannot pass by agreeing with itself.
 */
final class ServerReadBack {

    private ServerReadBack() {
    }

    interface Reading<T> {
        T read(Connection connection) throws SQLException;
    }

    static <T> T on(ThrowAwayPostgres server, Reading<T> reading) {
        try (Connection connection = server.connect()) {
            return reading.read(connection);
        } catch (SQLException e) {
            throw new AssertionError("Cannot read PostgreSQL back: " + e.getMessage(), e);
        }
    }

    /** Each row as one string, columns joined by " | ". */
    static List<String> rows(ThrowAwayPostgres server, String sql) {
        return on(server, connection -> ReadBack.rows(connection, sql));
    }

    /** "genre varchar 50 nullable" per column, in order, from DatabaseMetaData.getColumns. */
    static List<String> columns(ThrowAwayPostgres server, String table) {
        return on(server, connection -> {
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getColumns(null, "public", table, "%")) {
                while (rows.next()) {
                    columns.add(rows.getString("COLUMN_NAME") + " " + rows.getString("TYPE_NAME") + " "
                            + rows.getInt("COLUMN_SIZE") + " "
                            + (rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? "not-null" : "nullable"));
                }
            }
            return columns;
        });
    }

    static List<String> columnNames(ThrowAwayPostgres server, String table) {
        return columns(server, table).stream().map(column -> column.split(" ")[0]).toList();
    }

    /** "ix_books_genre (genre)" per index that is not the primary key's, from DatabaseMetaData.getIndexInfo. */
    static List<String> indexes(ThrowAwayPostgres server, String table) {
        return on(server, connection -> {
            List<String> indexes = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getIndexInfo(null, "public", table, false, false)) {
                while (rows.next()) {
                    String name = rows.getString("INDEX_NAME");
                    if (name != null && !name.endsWith("_pkey")) {
                        indexes.add(name + " (" + rows.getString("COLUMN_NAME") + ")");
                    }
                }
            }
            return indexes;
        });
    }

    /** "fk_books_author_id: author_id -> authors.id" per foreign key, from DatabaseMetaData.getImportedKeys. */
    static List<String> foreignKeys(ThrowAwayPostgres server, String table) {
        return on(server, connection -> {
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getImportedKeys(null, "public", table)) {
                while (rows.next()) {
                    keys.add(rows.getString("FK_NAME") + ": " + rows.getString("FKCOLUMN_NAME") + " -> "
                            + rows.getString("PKTABLE_NAME") + "." + rows.getString("PKCOLUMN_NAME"));
                }
            }
            return keys;
        });
    }

    static List<String> books(ThrowAwayPostgres server) {
        return rows(server, "SELECT b.id, b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id ORDER BY b.id");
    }

    /** The changesets PostgreSQL has recorded: "id | author | filename | md5sum", in the order they ran. */
    static List<String> applied(ThrowAwayPostgres server) {
        return rows(server, "SELECT id, author, filename, md5sum FROM databasechangelog ORDER BY orderexecuted");
    }
}
