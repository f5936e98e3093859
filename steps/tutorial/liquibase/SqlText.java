package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL as an sql change holds it, read as far as the tutorial needs to (what it adds, SqlAdds; what
 * it drops, SqlDrops): its statements, and the names in them as SQL may quote them. The common
 * forms only: Liquibase itself runs the SQL without reading it.
 */
final class SqlText {

    /** One part of a name, as SQL may quote it. */
    static final String PART = "(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)";
    /** A name, with its schema or not ("main"."books", main.books, books): one group. */
    static final String NAME = "(" + PART + "(?:\\s*\\.\\s*" + PART + ")?)";

    private SqlText() {
    }

    /** The statements of an sql change: split at semicolons, line comments left out. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        for (String statement : sql.replaceAll("(?m)--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** A name as SQL may quote it, without its quotes or its schema ("main"."books" and books alike). */
    static String name(String qualified) {
        Matcher parts = Pattern.compile(PART).matcher(qualified);
        String last = qualified;
        while (parts.find()) {
            last = parts.group();
        }
        return last.replaceAll("^[\"`\\[]|[\"`\\]]$", "");
    }
}
