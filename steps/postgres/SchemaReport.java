package postgres;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tutorial.lesson.Console;
import tutorial.lesson.LessonError;
import tutorial.database.LibraryDatabase;
import tutorial.database.LibraryDatabase.ColumnInfo;

/**
 * The schema of a database server as its JDBC metadata describes it (PRAGMA is SQLite's
 * alone): each table's columns, its named foreign keys and its indexes, and where Liquibase
 * keeps its own tables there.
 */
public final class SchemaReport {

    private SchemaReport() {
    }

    public static void show(LibraryDatabase library) {
        try {
            DatabaseMetaData metadata = library.connection().getMetaData();
            String schema = library.connection().getSchema();
            for (String table : library.tableNames()) {
                Console.say("  " + schema + "." + table);
                for (ColumnInfo column : library.columns(table)) {
                    String notes = (column.notNull() ? "NOT NULL  " : "") + (column.numbered() ? "identity  " : "")
                            + (column.primaryKey() ? "(primary key)" : "");
                    Console.say(String.format("    %-10s %-13s %s", column.name(), column.type(), notes).stripTrailing());
                }
                foreignKeys(metadata, schema, table).forEach(line -> Console.say("    " + line));
                indexes(metadata, schema, table).forEach(line -> Console.say("    " + line));
            }
            Console.say("  Liquibase's own tables: " + String.join(", ", trackingTables(metadata, schema)));
        } catch (SQLException e) {
            throw new LessonError("Cannot read the schema back: " + e.getMessage(), "Run again with --verbose to see the details.");
        }
    }

    /** "foreign key fk_books_author_id (author_id) -> authors (id)". */
    private static List<String> foreignKeys(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        Map<String, String[]> keys = new LinkedHashMap<>();
        try (ResultSet rows = metadata.getImportedKeys(null, schema, table)) {
            while (rows.next()) {
                String target = rows.getString("PKTABLE_NAME");
                String[] key = keys.computeIfAbsent(rows.getString("FK_NAME"), name -> new String[] {"", target, ""});
                key[0] = join(key[0], rows.getString("FKCOLUMN_NAME"));
                key[2] = join(key[2], rows.getString("PKCOLUMN_NAME"));
            }
        }
        List<String> lines = new ArrayList<>();
        keys.forEach((name, key) -> lines.add("foreign key " + name + " (" + key[0] + ") -> " + key[1] + " (" + key[2] + ")"));
        return lines;
    }

    /** "index ix_books_genre (genre)": every index but the one behind the primary key. */
    private static List<String> indexes(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        String primaryKey = "";
        try (ResultSet rows = metadata.getPrimaryKeys(null, schema, table)) {
            if (rows.next()) {
                primaryKey = rows.getString("PK_NAME");
            }
        }
        Map<String, String> indexes = new LinkedHashMap<>();
        try (ResultSet rows = metadata.getIndexInfo(null, schema, table, false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                if (name != null && !name.equals(primaryKey)) {
                    indexes.merge(name, rows.getString("COLUMN_NAME"), SchemaReport::join);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        indexes.forEach((name, columns) -> lines.add("index " + name + " (" + columns + ")"));
        return lines;
    }

    private static List<String> trackingTables(DatabaseMetaData metadata, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = metadata.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (name.toLowerCase().startsWith("databasechangelog")) {
                    tables.add(schema + "." + name);
                }
            }
        }
        tables.sort(null);
        return tables;
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + ", " + second;
    }
}
