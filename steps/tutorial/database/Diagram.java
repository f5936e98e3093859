package tutorial.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tutorial.database.LibraryDatabase.ColumnInfo;
import tutorial.database.Schema.ForeignKeyShape;
import tutorial.database.Schema.TableShape;

/**
 * The schema as pictures: boxes drawn with plain characters for the terminal (so they copy
 * and paste anywhere), and a Mermaid erDiagram, which GitHub and most Markdown viewers draw.
 */
public final class Diagram {

    private Diagram() {
    }

    /** Each table a box: its columns with type, nullability and keys; its indexes; its foreign keys as arrows. */
    public static List<String> boxes(Schema schema) {
        Set<String> tables = schema.tables().keySet();
        List<String> lines = new ArrayList<>();
        for (TableShape table : schema.tables().values()) {
            List<String> body = new ArrayList<>();
            int nameWidth = table.columns().stream().mapToInt(c -> c.name().length()).max().orElse(0);
            int typeWidth = table.columns().stream().mapToInt(c -> c.type().length()).max().orElse(0);
            for (ColumnInfo column : table.columns()) {
                String keys = column.primaryKey() ? "PK" : column.notNull() ? "NOT NULL" : "NULL";
                String arrow = table.foreignKeys().stream().filter(f -> f.column().equals(column.name())).findFirst()
                        .map(f -> "  FK " + f.name() + " --> " + f.table() + "." + f.targetColumn()
                                + (tables.contains(f.table()) ? "" : "  BROKEN: no table " + f.table()))
                        .orElse("");
                body.add(String.format("%-" + nameWidth + "s  %-" + typeWidth + "s  %s%s", column.name(), column.type(), keys, arrow));
            }
            table.indexes().forEach(index -> body.add(index.line()));
            String title = " " + table.name() + " (" + table.rows() + (table.rows() == 1 ? " row" : " rows") + ") ";
            int width = Math.max(title.length() + 2, body.stream().mapToInt(String::length).max().orElse(0) + 2);
            lines.add("+-" + title + "-".repeat(width - title.length() - 1) + "+");
            body.forEach(line -> lines.add("| " + line + " ".repeat(width - line.length() - 1) + "|"));
            lines.add("+" + "-".repeat(width) + "+");
            lines.add("");
        }
        if (!lines.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A Mermaid erDiagram: entities with their attributes, one relationship per foreign key. */
    public static List<String> mermaid(Schema schema) {
        List<String> lines = new ArrayList<>(List.of("erDiagram"));
        for (TableShape table : schema.tables().values()) {
            lines.add("    " + table.name() + " {");
            for (ColumnInfo column : table.columns()) {
                boolean foreign = table.foreignKeys().stream().anyMatch(f -> f.column().equals(column.name()));
                String keys = column.primaryKey() ? " PK" : foreign ? " FK" : "";
                // Mermaid's attribute type cannot hold "(50)", so the full type goes in the comment.
                String baseType = column.type().replaceAll("\\(.*", "").replaceAll("\\W", "_");
                // An erDiagram has no indexes of its own: each is said in the comment of the columns it is on.
                String indexes = table.indexes().stream().filter(index -> index.columns().stream().anyMatch(column.name()::equalsIgnoreCase))
                        .map(index -> (index.unique() ? ", unique index " : ", index ") + index.name()
                                + (index.columns().size() > 1 ? " (" + String.join(", ", index.columns()) + ")" : ""))
                        .collect(java.util.stream.Collectors.joining());
                // A comment ends at a double quote, and Mermaid has no escape for one inside it: a quoted name keeps single ones.
                lines.add("        " + baseType + " " + column.name() + keys + " \"" + (column.type()
                        + (column.primaryKey() ? "" : column.notNull() ? " NOT NULL" : " NULL") + indexes).replace('"', '\'') + "\"");
            }
            lines.add("    }");
        }
        for (TableShape table : schema.tables().values()) {
            for (ForeignKeyShape key : table.foreignKeys()) {
                lines.add("    " + key.table() + " ||--o{ " + table.name() + " : \"" + key.name() + " (" + key.column() + ")\"");
            }
        }
        return lines;
    }
}
