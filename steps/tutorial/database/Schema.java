package tutorial.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.database.LibraryDatabase.ColumnInfo;
import tutorial.lesson.Failures;

/**
 * library.db's schema as SQLite reports it (PRAGMA table_info, index_list, foreign_key_list),
 * with the row count of each table: what the diagram draws, and what the schema diff of
 * 05_upgrade and 07_rollback compares before and after. Liquibase's own tables are left out.
 */
public record Schema(Map<String, TableShape> tables, boolean available) {

    public record IndexShape(String name, List<String> columns, boolean unique) {
        public String line() {
            return (unique ? "unique index " : "index ") + name + " (" + String.join(", ", columns) + ")";
        }
    }

    public record ForeignKeyShape(String name, String column, String table, String targetColumn) {
        public String line() {
            return "foreign key " + name + ": " + column + " -> " + table + "(" + targetColumn + ")";
        }
    }

    public record TableShape(String name, List<ColumnInfo> columns, List<IndexShape> indexes,
                             List<ForeignKeyShape> foreignKeys, long rows) {
        /** Everything about the table that a schema change can add or remove, one line each. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            columns.forEach(c -> lines.add(c.line()));
            indexes.forEach(i -> lines.add(i.line()));
            foreignKeys.forEach(f -> lines.add(f.line()));
            return lines;
        }
    }

    private static final Pattern NAMED_FOREIGN_KEY = Pattern.compile(
            "CONSTRAINT\\s+[\"`\\[]?(\\w+)[\"`\\]]?\\s+FOREIGN\\s+KEY\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

    /**
     * The names a CREATE TABLE statement gives its foreign keys (CONSTRAINT name FOREIGN KEY
     * (columns)), by their columns in lower case: SQLite's pragma_foreign_key_list has no names.
     */
    public static Map<List<String>, String> foreignKeyNames(String createTable) {
        Map<List<String>, String> names = new LinkedHashMap<>();
        Matcher named = NAMED_FOREIGN_KEY.matcher(createTable == null ? "" : createTable);
        while (named.find()) {
            List<String> columns = java.util.Arrays.stream(named.group(2).split(","))
                    .map(name -> name.strip().replaceAll("^[\"`\\[]|[\"`\\]]$", "").toLowerCase(java.util.Locale.ROOT)).toList();
            names.put(columns, named.group(1));
        }
        return names;
    }

    /** The schema of library.db; on a database server (see --url), a schema marked not available. */
    public static Schema read(LibraryDatabase library) {
        return library.file() == null ? new Schema(Map.of(), false) : read(library.connection());
    }

    public static Schema read(Connection connection) {
        Map<String, TableShape> tables = new LinkedHashMap<>();
        try {
            for (String table : strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "AND upper(name) NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
                tables.put(table, readTable(connection, table));
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return new Schema(tables, true);
    }

    private static TableShape readTable(Connection connection, String table) throws SQLException {
        List<ColumnInfo> columns = LibraryDatabase.sqliteColumns(connection, table);
        List<IndexShape> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add(new IndexShape(rows.getString(1), indexColumns(connection, rows.getString(1)), rows.getBoolean(2)));
                }
            }
        }
        String sql = strings(connection, "SELECT sql FROM sqlite_master WHERE name = '" + table.replace("'", "''") + "'").get(0);
        Map<List<String>, String> keyNames = foreignKeyNames(sql);
        List<ForeignKeyShape> foreignKeys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    foreignKeys.add(new ForeignKeyShape(keyNames.getOrDefault(List.of(column.toLowerCase(java.util.Locale.ROOT)), "(unnamed)"),
                            column, rows.getString(2), rows.getString(3)));
                }
            }
        }
        long count = Long.parseLong(strings(connection, "SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"").get(0));
        return new TableShape(table, columns, indexes, foreignKeys, count);
    }

    private static List<String> indexColumns(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
            query.setString(1, index);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /**
     * The tables and columns the models declare that this schema lacks ("books.genre", "the
     * table reviews"): what no changeset has added yet. Names only; empty on a server, whose
     * schema is not read.
     */
    public List<String> missingFrom(List<Table> models) {
        List<String> missing = new ArrayList<>();
        if (!available) {
            return missing;
        }
        for (Table model : models) {
            TableShape table = tables.get(model.name());
            if (table == null) {
                missing.add("the table " + model.name());
                continue;
            }
            for (Table.Column column : model.columns()) {
                if (table.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(column.name()))) {
                    missing.add(model.name() + "." + column.name());
                }
            }
        }
        return missing;
    }

    /** Both: the tables and columns (missingFrom), then the indexes (indexesMissingFrom). */
    public List<String> missingWithIndexesFrom(List<Table> models) {
        List<String> missing = new ArrayList<>(missingFrom(models));
        missing.addAll(indexesMissingFrom(models));
        return missing;
    }

    /**
     * The indexes the models declare on tables this schema has, and it lacks ("the index
     * ix_books_genre"): kept apart from missingFrom, whose tables and columns are what autogenerate
     * is sent for. Empty on a server.
     */
    public List<String> indexesMissingFrom(List<Table> models) {
        List<String> missing = new ArrayList<>();
        if (!available) {
            return missing;
        }
        for (Table model : models) {
            TableShape table = tables.get(model.name());
            for (Table.Index index : table == null ? List.<Table.Index>of() : model.indexes()) {
                if (table.indexes().stream().noneMatch(shape -> shape.name().equalsIgnoreCase(index.name()))) {
                    missing.add("the index " + index.name());
                }
            }
        }
        return missing;
    }

    /**
     * What changed from before to this schema: per table, "+ line" for what appeared and
     * "- line" for what went, then the row counts before and after.
     */
    public List<String> changesSince(Schema before) {
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>(before.tables.keySet());
        tables.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        for (String name : names) {
            TableShape was = before.tables.get(name);
            TableShape now = tables.get(name);
            List<String> wasLines = was == null ? List.of() : was.lines();
            List<String> nowLines = now == null ? List.of() : now.lines();
            List<String> changes = new ArrayList<>();
            if (was == null) {
                changes.add("+ table " + name);
            }
            if (now == null) {
                changes.add("- table " + name);
            }
            wasLines.stream().filter(line -> !nowLines.contains(line)).forEach(line -> changes.add("- " + line));
            nowLines.stream().filter(line -> !wasLines.contains(line)).forEach(line -> changes.add("+ " + line));
            if (!changes.isEmpty()) {
                lines.add(name);
                changes.forEach(change -> lines.add("  " + change));
            }
        }
        return lines;
    }

    /** "authors 3 -> 3, books 3 -> 3": the rows of every table, before and after. */
    public String rowCountsSince(Schema before) {
        List<String> names = new ArrayList<>(tables.keySet());
        before.tables.keySet().stream().filter(name -> !tables.containsKey(name)).forEach(names::add);
        names.sort(null);
        List<String> counts = new ArrayList<>();
        for (String name : names) {
            TableShape was = before.tables.get(name);
            TableShape now = tables.get(name);
            // A table that came or went is named too: its rows are what a rollback may have dropped.
            counts.add(name + " " + (was == null ? "(new)" : was.rows()) + " -> " + (now == null ? "(dropped)" : now.rows()));
        }
        return String.join(", ", counts);
    }
}
