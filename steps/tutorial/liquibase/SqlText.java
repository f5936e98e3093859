package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.SQLFileChange;

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

    /**
     * The SQL a change runs as written: an sql change's, or an sqlFile's file (read as Liquibase
     * reads it); null for any other change, or a file that cannot be read now.
     */
    static String of(Change change) {
        if (change instanceof SQLFileChange file) {
            try {
                return file.getSql(); // inside a Liquibase scope that knows the project's files
            } catch (RuntimeException outsideOne) {
                return readFrom(file);
            }
        }
        return change instanceof RawSQLChange sql ? sql.getSql() : null;
    }

    /** An sqlFile's file found from the project's folder, as Liquibase finds it there; null when it cannot be read (the run will say why). */
    private static String readFrom(SQLFileChange file) {
        try {
            java.nio.file.Path root = tutorial.project.Project.find().root();
            java.nio.file.Path changelog = file.getChangeSet() == null ? null
                    : java.nio.file.Path.of(file.getChangeSet().getChangeLog().getPhysicalFilePath());
            java.nio.file.Path sql = Boolean.TRUE.equals(file.isRelativeToChangelogFile()) && changelog != null
                    ? root.resolve(changelog).resolveSibling(file.getPath()) : root.resolve(file.getPath());
            return java.nio.file.Files.readString(sql.normalize(),
                    file.getEncoding() == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(file.getEncoding()));
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Statements that change rows in ways the readers here do not count (SqlDrops, Overwrites): said as such, and a copy kept. */
    private static final Pattern UNREAD = Pattern.compile("(?is)^(?:WITH\\b|REPLACE\\s+INTO\\b|INSERT\\s+OR\\s+REPLACE\\b|MERGE\\b|UPSERT\\b"
            + "|CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TRIGGER\\b)|^INSERT\\b.*\\bON\\s+CONFLICT\\b.*\\bDO\\s+UPDATE\\b|^UPDATE\\b.*?\\bSET\\s*\\(");

    /**
     * The first statement of this change that changes rows in a way not counted here (a WITH
     * before a DELETE, REPLACE INTO, an upsert, UPDATE ... FROM or SET (a, b) = ..., a trigger
     * that will; Liquibase's mergeColumns, loadUpdateData, executeCommand), shortened; null if none.
     */
    static String uncounted(Change change) {
        if (change instanceof liquibase.change.core.MergeColumnChange merge) {
            return "mergeColumns " + merge.getTableName() + "." + merge.getColumn1Name() + " and " + merge.getColumn2Name();
        }
        if (change instanceof liquibase.change.core.LoadUpdateDataChange load) {
            return "loadUpdateData into " + load.getTableName() + " (rows with the same key replaced)";
        }
        if (change instanceof liquibase.change.core.ExecuteShellCommandChange command) {
            return "executeCommand " + command.getExecutable() + " (a program of its own, outside Liquibase)";
        }
        String sql = of(change);
        if (sql == null) {
            return null;
        }
        for (String statement : statements(sql)) {
            // UPDATE ... SET ... FROM other tables: its values come from rows Overwrites does not read.
            boolean updateFrom = statement.regionMatches(true, 0, "UPDATE", 0, 6)
                    && scan(statement, 0, (index, depth) -> depth == 0 && keywordAt(statement, index, "FROM")
                            && !statement.substring(0, index).stripTrailing().toUpperCase(java.util.Locale.ROOT).endsWith("DISTINCT")) >= 0;
            if (updateFrom || UNREAD.matcher(statement).find()) {
                String line = statement.replaceAll("\\s+", " ");
                return line.length() > 60 ? line.substring(0, 57) + "..." : line;
            }
        }
        return null;
    }

    /** What scan calls at each character outside quotes, with the parenthesis depth there (after it, for one); true stops the scan. */
    @FunctionalInterface
    interface AtCharacter {
        boolean stop(int index, int depth);
    }

    /**
     * Reads text from a position, past quoted text ('...', "...", `...`), keeping count of the
     * parentheses opened since: where the visitor stops, or -1. What CastCopy and Overwrites read
     * of a statement (a CAST's closing parenthesis and its AS, SET's commas, the WHERE after them)
     * is what a subquery or a string inside does not hide.
     */
    static int scan(String text, int from, AtCharacter visitor) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (visitor.stop(i, depth)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a keyword stands at index: whitespace there, the word, whitespace after it (" AS ", " WHERE "). */
    static boolean keywordAt(String text, int index, String word) {
        int after = index + 1 + word.length();
        return Character.isWhitespace(text.charAt(index)) && text.regionMatches(true, index + 1, word, 0, word.length())
                && after < text.length() && Character.isWhitespace(text.charAt(after));
    }

    /** The text split at this character where it stands outside quotes and parentheses. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int[] start = {0};
        scan(text, 0, (index, depth) -> {
            if (depth == 0 && text.charAt(index) == separator) {
                parts.add(text.substring(start[0], index));
                start[0] = index + 1;
            }
            return false;
        });
        parts.add(text.substring(start[0]));
        return parts;
    }

    /** The SQL with its comments (-- to the end of the line, and block ones) taken out where they stand outside quotes: '--' is a value. */
    static String withoutComments(String sql) {
        StringBuilder kept = new StringBuilder(sql.length());
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote == 0 && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = (end < 0 ? sql.length() : end) - 1; // the line break stays
                continue;
            }
            if (quote == 0 && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
                kept.append(' ');
                continue;
            }
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            }
            kept.append(c);
        }
        return kept.toString();
    }

    /**
     * A change to read statement by statement: an sql change (or sqlFile) as one sql change per
     * statement, in order, so that a rename is noted before the statement after it is read
     * (ALTER TABLE authors RENAME TO writers; UPDATE writers ...); any other change whole.
     */
    static List<Change> pieces(Change change) {
        String sql = of(change);
        if (sql == null) {
            return List.of(change);
        }
        return statements(sql).stream().<Change>map(RawSQLChange::new).toList();
    }

    /** The statements of an sql change: split at semicolons, comments (line and block ones) left out. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        // Split at the semicolons outside quotes: 'x; DELETE FROM books' is a value, not a statement.
        for (String statement : splitTopLevel(withoutComments(sql), ';')) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** Whether this SQL names the column as a whole word (case aside): a copy, an update, a cast of it. */
    static boolean mentions(String text, String column) {
        return Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(column.toLowerCase(java.util.Locale.ROOT)) + "(?![a-z0-9_])")
                .matcher(text.toLowerCase(java.util.Locale.ROOT)).find();
    }

    /** A name quoted as SQL quotes one ("books"), for the counting queries built here. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
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
