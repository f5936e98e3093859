package tutorial.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.lesson.Failures;

/**
 * Everything a migration can change in a SQLite database, read at one moment: each table with
 * its columns (type, default, NOT NULL), primary key, indexes (unique or not, their columns),
 * UNIQUE and CHECK constraints, foreign keys, the views and triggers, and every row. Two
 * snapshots are compared with {@link SnapshotDiff}. Liquibase's own tables (DATABASECHANGELOG,
 * DATABASECHANGELOGLOCK) and SQLite's (sqlite_sequence, ...) are left out; so is the order of
 * the columns, which SQLite's ALTER TABLE cannot choose (a column it adds goes last).
 *
 * Schema.java reads the schema a step reports in a line a column; this reads all of it, rows
 * included, to prove that nothing changed where nothing should.
 */
public final class DatabaseSnapshot {

    /** One thing the schema holds, known by its key; what it is named when it differs. */
    public sealed interface Part permits TablePart, ColumnPart, PrimaryKeyPart, IndexPart, UniquePart, CheckPart, ForeignKeyPart, OtherPart {
        /** Identity across snapshots: the same key is the same thing, maybe changed. */
        String key();

        /** The table it belongs to (a table, a view or a trigger: its own name). */
        String table();

        /** How it is named on its own: "index ix_books_genre", "column books.genre". */
        String subject();

        /** What it is, said when a table lost it: "index ix_books_genre (genre)". */
        String described();

        /** What changed from was (the same key) to this, one phrase each: "type INTEGER, was VARCHAR(20)". */
        default List<String> changesFrom(Part was) {
            return List.of();
        }

        /** A table, view or trigger stands on its own: it is gone, rather than lost by a table. */
        default boolean standsAlone() {
            return false;
        }
    }

    public record TablePart(String name) implements Part {
        public String key() {
            return "table " + lower(name);
        }

        public String table() {
            return name;
        }

        public String subject() {
            return "table " + name;
        }

        public String described() {
            return subject();
        }

        public boolean standsAlone() {
            return true;
        }
    }

    public record ColumnPart(String table, String name, String type, boolean notNull, String defaultValue) implements Part {
        public String key() {
            return "column " + lower(table) + "." + lower(name);
        }

        public String subject() {
            return "column " + table + "." + name;
        }

        public String described() {
            return "column " + name + " " + type + (notNull ? " NOT NULL" : "") + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
        }

        public List<String> changesFrom(Part was) {
            ColumnPart before = (ColumnPart) was;
            List<String> changes = new ArrayList<>();
            if (!normal(type).equalsIgnoreCase(normal(before.type))) {
                changes.add("type " + shown(type) + ", was " + shown(before.type));
            }
            if (notNull != before.notNull) {
                changes.add(notNull ? "NOT NULL, was nullable" : "nullable, was NOT NULL");
            }
            if (!normal(defaultValue).equals(normal(before.defaultValue))) {
                changes.add("default " + (defaultValue == null ? "none" : defaultValue) + ", was "
                        + (before.defaultValue == null ? "none" : before.defaultValue));
            }
            return changes;
        }

        private static String shown(String type) {
            return type == null || type.isBlank() ? "(none)" : type;
        }
    }

    public record PrimaryKeyPart(String table, List<String> columns) implements Part {
        public String key() {
            return "primary key " + lower(table);
        }

        public String subject() {
            return "the primary key of " + table;
        }

        public String described() {
            return "its primary key (" + String.join(", ", columns) + ")";
        }

        public List<String> changesFrom(Part was) {
            List<String> before = ((PrimaryKeyPart) was).columns;
            return lower(columns).equals(lower(before)) ? List.of()
                    : List.of("(" + String.join(", ", columns) + "), was (" + String.join(", ", before) + ")");
        }
    }

    public record IndexPart(String table, String name, boolean unique, List<String> columns, String where) implements Part {
        public String key() {
            return "index " + lower(name);
        }

        public String subject() {
            return "index " + name;
        }

        public String described() {
            return (unique ? "unique index " : "index ") + name + " (" + String.join(", ", columns) + ")" + (where == null ? "" : " WHERE " + where);
        }

        public List<String> changesFrom(Part was) {
            IndexPart before = (IndexPart) was;
            List<String> changes = new ArrayList<>();
            if (!lower(table).equals(lower(before.table))) {
                changes.add("on " + table + ", was on " + before.table);
            }
            if (unique != before.unique) {
                changes.add(unique ? "unique, was not" : "not unique, was unique");
            }
            if (!lower(columns).equals(lower(before.columns))) {
                changes.add("columns (" + String.join(", ", columns) + "), was (" + String.join(", ", before.columns) + ")");
            }
            if (!normal(where).equalsIgnoreCase(normal(before.where))) {
                changes.add("WHERE " + (where == null ? "(none)" : where) + ", was " + (before.where == null ? "(none)" : before.where));
            }
            return changes;
        }
    }

    /** A UNIQUE constraint of the table itself (a column's UNIQUE, or UNIQUE (a, b)): SQLite keeps it as an automatic index. */
    public record UniquePart(String table, List<String> columns) implements Part {
        public String key() {
            return "unique " + lower(table) + lower(columns);
        }

        public String subject() {
            return described() + " on " + table;
        }

        public String described() {
            return "UNIQUE(" + String.join(", ", columns) + ")";
        }
    }

    public record CheckPart(String table, String check) implements Part {
        public String key() {
            return "check " + lower(table) + " " + normal(check).toLowerCase(Locale.ROOT);
        }

        public String subject() {
            return check + " on " + table;
        }

        public String described() {
            return check;
        }
    }

    public record ForeignKeyPart(String table, String name, List<String> columns, String target, List<String> targetColumns,
                                 String onUpdate, String onDelete) implements Part {
        public String key() {
            return "foreign key " + lower(table) + lower(columns) + " -> " + lower(target) + lower(targetColumns);
        }

        public String subject() {
            return "foreign key " + reference() + " of " + table;
        }

        public String described() {
            return "foreign key " + (name == null ? "" : name + " ") + reference();
        }

        private String reference() {
            return "(" + String.join(", ", columns) + ") -> " + target + "(" + String.join(", ", targetColumns) + ")";
        }

        public List<String> changesFrom(Part was) {
            ForeignKeyPart before = (ForeignKeyPart) was;
            List<String> changes = new ArrayList<>();
            if (!String.valueOf(name).equalsIgnoreCase(String.valueOf(before.name))) {
                changes.add("named " + (name == null ? "(no name)" : name) + ", was " + (before.name == null ? "(no name)" : before.name));
            }
            if (!onDelete.equalsIgnoreCase(before.onDelete)) {
                changes.add("ON DELETE " + onDelete + ", was " + before.onDelete);
            }
            if (!onUpdate.equalsIgnoreCase(before.onUpdate)) {
                changes.add("ON UPDATE " + onUpdate + ", was " + before.onUpdate);
            }
            return changes;
        }
    }

    /** A view or a trigger, known by its name, compared by its SQL. */
    public record OtherPart(String type, String name, String sql) implements Part {
        public String key() {
            return type + " " + lower(name);
        }

        public String table() {
            return name;
        }

        public String subject() {
            return type + " " + name;
        }

        public String described() {
            return subject();
        }

        public boolean standsAlone() {
            return true;
        }

        public List<String> changesFrom(Part was) {
            return normal(sql).equalsIgnoreCase(normal(((OtherPart) was).sql)) ? List.of() : List.of("its SQL differs");
        }
    }

    /**
     * The rows of one table, each as its values rendered as SQL literals ('Clean Code', 2, NULL),
     * keyed by its primary key; a table without one is a bag of rows, each keyed by all its values.
     */
    public record TableRows(String table, List<String> columns, List<String> keyColumns, Map<String, List<String>> rows) {
        public boolean keyed() {
            return !keyColumns.isEmpty();
        }
    }

    private static final Pattern CHECK = Pattern.compile("\\bCHECK\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Map<String, Part> parts;
    private final Map<String, TableRows> rows;

    private DatabaseSnapshot(Map<String, Part> parts, Map<String, TableRows> rows) {
        this.parts = parts;
        this.rows = rows;
    }

    /** The schema and rows of a SQLite database, read on this connection (nothing is written). */
    public static DatabaseSnapshot of(LibraryDatabase library) {
        if (!library.isSqlite()) {
            throw new IllegalArgumentException("A snapshot reads SQLite's own catalogue: " + library.name() + " is not SQLite");
        }
        return of(library.connection());
    }

    public static DatabaseSnapshot of(Connection connection) {
        Map<String, Part> parts = new LinkedHashMap<>();
        Map<String, TableRows> rows = new LinkedHashMap<>();
        try {
            for (List<String> table : query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "AND upper(name) NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
                readTable(connection, table.get(0), table.get(1) == null ? "" : table.get(1), parts, rows);
            }
            for (List<String> other : query(connection, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') "
                    + "AND upper(tbl_name) NOT LIKE 'DATABASECHANGELOG%' ORDER BY type, name")) {
                add(parts, new OtherPart(other.get(0), other.get(1), other.get(2)));
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return new DatabaseSnapshot(parts, rows);
    }

    private static void readTable(Connection connection, String table, String sql, Map<String, Part> parts, Map<String, TableRows> rows)
            throws SQLException {
        add(parts, new TablePart(table));
        List<String> columns = new ArrayList<>();
        Map<Integer, String> keyByPosition = new java.util.TreeMap<>();
        List<List<String>> described = query(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", table);
        described.stream().filter(column -> !"0".equals(column.get(4)))
                .forEach(column -> keyByPosition.put(Integer.parseInt(column.get(4)), column.get(0)));
        for (List<String> column : described) {
            columns.add(column.get(0));
            // An INTEGER PRIMARY KEY of its own is the rowid: never NULL, whether or not it says NOT NULL.
            boolean rowid = keyByPosition.size() == 1 && !"0".equals(column.get(4)) && "INTEGER".equalsIgnoreCase(column.get(1))
                    && !sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").contains("WITHOUT ROWID");
            add(parts, new ColumnPart(table, column.get(0), column.get(1), rowid || "1".equals(column.get(2)), column.get(3)));
        }
        List<String> key = List.copyOf(keyByPosition.values());
        if (!key.isEmpty()) {
            add(parts, new PrimaryKeyPart(table, key));
        }
        for (List<String> index : query(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) ORDER BY name", table)) {
            List<String> indexed = query(connection, "SELECT coalesce(name, '(an expression)') FROM pragma_index_info(?) ORDER BY seqno", index.get(0))
                    .stream().map(row -> row.get(0)).toList();
            switch (index.get(2)) {
                case "c" -> add(parts, new IndexPart(table, index.get(0), "1".equals(index.get(1)), indexed,
                        "1".equals(index.get(3)) ? whereOf(connection, index.get(0)) : null));
                case "u" -> add(parts, new UniquePart(table, indexed));
                default -> { } // "pk": the primary key, already there
            }
        }
        for (String check : checks(sql)) {
            add(parts, new CheckPart(table, check));
        }
        Map<List<String>, String> keyNames = Schema.foreignKeyNames(sql);
        Map<String, List<List<String>>> foreignKeys = new LinkedHashMap<>();
        for (List<String> reference : query(connection, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                + "FROM pragma_foreign_key_list(?) ORDER BY id, seq", table)) {
            foreignKeys.computeIfAbsent(reference.get(0), id -> new ArrayList<>()).add(reference);
        }
        for (List<List<String>> reference : foreignKeys.values()) {
            List<String> from = reference.stream().map(row -> row.get(2)).toList();
            List<String> to = reference.stream().map(row -> row.get(3) == null ? "(its primary key)" : row.get(3)).toList();
            add(parts, new ForeignKeyPart(table, keyNames.get(lower(from)), from, reference.get(0).get(1), to,
                    reference.get(0).get(4), reference.get(0).get(5)));
        }
        rows.put(lower(table), readRows(connection, table, columns, key));
    }

    private static TableRows readRows(Connection connection, String table, List<String> columns, List<String> key) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String order = key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key.stream().map(DatabaseSnapshot::quoted).toList());
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + quoted(table) + order)) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    values.add(literal(result.getObject(i)));
                }
                String id;
                if (key.isEmpty()) {
                    String all = "(" + String.join(", ", values) + ")";
                    id = all;
                    for (int copy = 2; rows.containsKey(id); copy++) {
                        id = all + " #" + copy; // the same row twice is two rows
                    }
                } else {
                    List<String> keyValues = key.stream().map(column -> values.get(columns.indexOf(column))).toList();
                    id = keyValues.size() == 1 ? keyValues.get(0) : "(" + String.join(", ", keyValues) + ")";
                }
                rows.put(id, values);
            }
        }
        return new TableRows(table, List.copyOf(columns), key, rows);
    }

    /** A value as SQL would write it: NULL, 2, 1.5, 'Clean Code', X'00ff'; so 2 and '2' differ, as they do in SQLite. */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private static String whereOf(Connection connection, String index) throws SQLException {
        List<List<String>> sql = query(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", index);
        Matcher where = WHERE.matcher(sql.isEmpty() || sql.get(0).get(0) == null ? "" : sql.get(0).get(0));
        return where.find() ? normal(where.group(1)) : null;
    }

    /** Each CHECK (...) of a CREATE TABLE statement, parentheses balanced, as it is written there. */
    public static List<String> checks(String createTable) {
        List<String> checks = new ArrayList<>();
        Matcher check = CHECK.matcher(createTable);
        while (check.find()) {
            int depth = 0;
            for (int i = check.end() - 1; i < createTable.length(); i++) {
                char c = createTable.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    checks.add("CHECK " + normal(createTable.substring(check.end() - 1, i + 1)));
                    break;
                }
            }
        }
        return checks;
    }

    /** Every part of the schema, by key. */
    public Map<String, Part> parts() {
        return parts;
    }

    /** Every table's rows, by the table's name in lower case. */
    public Map<String, TableRows> rows() {
        return rows;
    }

    /**
     * The same snapshot with the values of these columns ("books.notes") left out of its rows; its
     * schema keeps them. A round trip compares the rest where those cannot come back.
     */
    public DatabaseSnapshot withoutValuesOf(List<String> columns) {
        Map<String, TableRows> kept = new LinkedHashMap<>();
        rows.forEach((name, table) -> {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                if (columns.stream().anyMatch((table.table() + "." + table.columns().get(i))::equalsIgnoreCase)) {
                    out.add(i);
                }
            }
            if (out.isEmpty()) {
                kept.put(name, table);
                return;
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            table.rows().forEach((key, row) -> values.put(key, without(row, out)));
            kept.put(name, new TableRows(table.table(), without(table.columns(), out), table.keyColumns(), values));
        });
        return new DatabaseSnapshot(parts, kept);
    }

    private static List<String> without(List<String> values, List<Integer> positions) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!positions.contains(i)) {
                kept.add(values.get(i));
            }
        }
        return kept;
    }

    /** How many of this table's rows hold another value in this column here than in the other snapshot (rows matched by key). */
    public long rowsDifferingIn(DatabaseSnapshot other, String table, String column) {
        TableRows here = rows.get(lower(table));
        TableRows there = other.rows.get(lower(table));
        if (here == null || there == null || !here.keyed()) {
            return 0;
        }
        int at = lower(here.columns()).indexOf(lower(column));
        int atThere = lower(there.columns()).indexOf(lower(column));
        if (at < 0 || atThere < 0) {
            return 0;
        }
        return here.rows().entrySet().stream().filter(row -> there.rows().containsKey(row.getKey())
                && !row.getValue().get(at).equals(there.rows().get(row.getKey()).get(atThere))).count();
    }

    /** "authors 3, books 3": how many rows each table holds. */
    public String rowCounts() {
        List<String> counts = new ArrayList<>();
        rows.values().forEach(table -> counts.add(table.table() + " " + table.rows().size()));
        return counts.isEmpty() ? "no table" : String.join(", ", counts);
    }

    private static void add(Map<String, Part> parts, Part part) {
        parts.put(part.key(), part);
    }

    private static List<List<String>> query(Connection connection, String sql, String... parameters) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= count; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String lower(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    static List<String> lower(List<String> names) {
        return names.stream().map(DatabaseSnapshot::lower).toList();
    }

    /** Whitespace made single spaces, so a rebuilt statement's layout is no difference. */
    static String normal(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
