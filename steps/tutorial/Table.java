package tutorial;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A table as the models declare it: the few words Models.java is written in, and the
 * CREATE TABLE statements they stand for (what SQLAlchemy's create_all() would emit).
 */
public final class Table {

    /** Column types, spelled as SQL so the models read like the schema they make. */
    public static final String INTEGER = "INTEGER";
    public static final String TEXT = "TEXT";

    public static String string(int length) {
        return "VARCHAR(" + length + ")";
    }

    /** Something said about a column beyond its name and type. */
    public sealed interface Option permits Flag, ForeignKey {
    }

    public enum Flag implements Option { PRIMARY_KEY, NOT_NULL }

    public static final Flag PRIMARY_KEY = Flag.PRIMARY_KEY;
    public static final Flag NOT_NULL = Flag.NOT_NULL;

    /** A named foreign key: Liquibase's SQLite support can only rebuild tables whose keys have names. */
    public record ForeignKey(String name, String table, String column) implements Option {
    }

    public static ForeignKey foreignKey(String name, String table, String column) {
        return new ForeignKey(name, table, column);
    }

    public record Column(String name, String type, List<Option> options) {
        public boolean primaryKey() {
            return options.contains(PRIMARY_KEY);
        }

        public boolean nullable() {
            return !primaryKey() && !options.contains(NOT_NULL);
        }

        String definition() {
            return name + " " + type + (nullable() ? "" : " NOT NULL");
        }
    }

    public record Index(String name, List<String> columns) {
    }

    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();

    private Table(String name) {
        this.name = name;
    }

    public static Table table(String name) {
        return new Table(name);
    }

    public Table column(String columnName, String type, Option... options) {
        columns.add(new Column(columnName, type, List.of(options)));
        return this;
    }

    public Table index(String indexName, String... columnNames) {
        indexes.add(new Index(indexName, List.of(columnNames)));
        return this;
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return List.copyOf(columns);
    }

    public List<Index> indexes() {
        return List.copyOf(indexes);
    }

    /** CREATE TABLE, then CREATE INDEX for each index: the statements that build this table. */
    public List<String> createStatements() {
        Stream<String> columnLines = columns.stream().map(Column::definition);
        Stream<String> primaryKey = columns.stream().filter(Column::primaryKey).map(Column::name)
                .collect(Collectors.collectingAndThen(Collectors.joining(", "),
                        keys -> keys.isEmpty() ? Stream.<String>empty() : Stream.of("PRIMARY KEY (" + keys + ")")));
        Stream<String> foreignKeys = columns.stream().flatMap(column -> column.options().stream()
                .filter(ForeignKey.class::isInstance).map(ForeignKey.class::cast)
                .map(key -> "CONSTRAINT " + key.name() + " FOREIGN KEY (" + column.name() + ") REFERENCES "
                        + key.table() + " (" + key.column() + ")"));
        String body = Stream.of(columnLines, primaryKey, foreignKeys).flatMap(s -> s)
                .collect(Collectors.joining(",\n    ", "(\n    ", "\n)"));
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + name + " " + body);
        for (Index index : indexes) {
            statements.add("CREATE INDEX " + index.name() + " ON " + name + " (" + String.join(", ", index.columns()) + ")");
        }
        return statements;
    }
}
