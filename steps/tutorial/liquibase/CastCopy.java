package tutorial.liquibase;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.database.LibraryDatabase;

/**
 * A column's values copied through CAST(... AS type), fix-2's way to change a type on SQLite (the
 * column renamed aside, a new one added, the values copied across, the old one dropped). The copy
 * is whole only where every value comes through the CAST as it went in: CAST('978-0-13-468599-1'
 * AS INTEGER) is 978, CAST('0134685997' AS INTEGER) loses its 0, and the drop that follows takes
 * the originals away. What the CAST is given may be worked on first (REPLACE(isbn, '-', ''), say):
 * that is the learner's intent, so only what the CAST itself changes of it counts. It is counted in
 * library.db as it is now, where the values still sit under the column's old name: 05_upgrade's
 * warning before it drops data (DataLoss) and the lint (DS104) say it.
 *
 * @param column     the column as library.db has it now
 * @param expression what the CAST is given, written over that column (its name quoted where needed)
 * @param type       the type it casts to, as written
 * @param stored     no CAST: the copy is stored in a column of that type, whose affinity converts (library.db's changedByStoring)
 */
record CastCopy(String table, String column, String expression, String type, boolean stored) {

    private static final Pattern CAST = Pattern.compile("(?i)\\bcast\\s*\\(");
    /** A type as SQL writes it: words (UNSIGNED BIG INT), and a size or a precision. */
    private static final Pattern TYPE = Pattern.compile("(?i)[a-z]\\w*(?:\\s+[a-z]\\w*)*(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?");

    /**
     * The first CAST in this SQL (as written: its string literals matter) whose expression names
     * the copied column, said over the column it came from (renamed aside earlier, or itself).
     */
    static Optional<CastCopy> in(String sql, String table, String copied, String original) {
        Matcher cast = CAST.matcher(sql);
        while (cast.find()) {
            int close = closing(sql, cast.end());
            if (close < 0) {
                return Optional.empty();
            }
            String inside = sql.substring(cast.end(), close);
            int as = lastTopLevelAs(inside);
            if (as >= 0) {
                String expression = inside.substring(0, as).strip();
                String type = inside.substring(as + 4).strip();
                if (TYPE.matcher(type).matches() && name(copied).matcher(expression).find()) {
                    return Optional.of(new CastCopy(table, original, over(expression, copied, original), type, false));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A plain copy (UPDATE books SET isbn = isbn_text) into a column added with this type: no CAST,
     * but SQLite stores the values by the column's type affinity, and '0134685997' comes out
     * 134685997 in an INTEGER column all the same.
     */
    static CastCopy byStoring(String value, String table, String copied, String original, String type) {
        return new CastCopy(table, original, over(value, copied, original), type, true);
    }

    /** The expression with the copied column's name put back as library.db names it now. */
    private static String over(String expression, String copied, String original) {
        return name(copied).matcher(expression).replaceAll(Matcher.quoteReplacement(said(original)));
    }

    /** How many values of table.column (as library.db has it now) the CAST gives back changed. */
    long changed(LibraryDatabase library) {
        if (!library.hasColumn(table, column)) {
            return 0; // made by an earlier change: nothing in it yet
        }
        if (stored) {
            return library.changedByStoring(table, expression, type).size();
        }
        return library.countIfThere("SELECT count(*) FROM " + SqlText.quote(table) + changedWhere());
    }

    /**
     * Each value the CAST gives back changed, as stored now and as it comes out ({"978-0-13-468599-1", "978"}), as text: what a
     * changeset that runs it takes away for good, and what stands in its place after.
     */
    List<String[]> cut(LibraryDatabase library) {
        if (!library.hasColumn(table, column)) {
            return List.of();
        }
        if (stored) {
            return library.changedByStoring(table, expression, type);
        }
        // The unit separator between the two (in no value a learner types); a NULL the expression turns into a value (COALESCE)
        // read as NULL, where it made the pair NULL.
        char apart = 31;
        return library.stringsIfThere("SELECT IFNULL(CAST(" + SqlText.quote(column) + " AS TEXT), 'NULL') || char(31) || IFNULL(CAST(" + castOf()
                + " AS TEXT), 'NULL') FROM " + SqlText.quote(table) + changedWhere()).stream().filter(java.util.Objects::nonNull)
                .map(both -> both.split(String.valueOf(apart), 2)).filter(both -> both.length == 2).toList();
    }

    /** "'978-0-13-468599-1' becomes '978'": the first value the CAST changes, as stored and as it comes out. */
    String example(LibraryDatabase library) {
        if (stored) {
            List<String[]> changed = library.changedByStoring(table, expression, type);
            return changed.isEmpty() ? "" : literal(changed.get(0)[0]) + " becomes " + literal(changed.get(0)[1]);
        }
        List<String> before = library.stringsIfThere("SELECT " + SqlText.quote(column) + " FROM " + SqlText.quote(table) + changedWhere() + " LIMIT 1");
        List<String> after = library.stringsIfThere("SELECT " + castOf() + " FROM " + SqlText.quote(table) + changedWhere() + " LIMIT 1");
        return before.isEmpty() || after.isEmpty() ? "" : literal(before.get(0)) + " becomes " + literal(after.get(0));
    }

    /** A value read as text, said as an SQL literal (SqlText.quote() is SQLite's alone): a number bare, anything else ('0134685997' too) quoted. */
    private static String literal(String value) {
        return value == null ? "NULL" : value.matches("-?(0|[1-9]\\d*)(\\.\\d+)?") ? value : "'" + value.replace("'", "''") + "'";
    }

    /**
     * How it copies: "through CAST(isbn AS INTEGER)", with the column's name as library.db has it
     * now; where no CAST, "into an INTEGER column (SQLite stores text that reads as a number as one)".
     */
    String how() {
        String typed = type.toUpperCase(Locale.ROOT);
        if (!stored) {
            return "through CAST(" + expression + " AS " + typed + ")";
        }
        return (expression.equalsIgnoreCase(said(column)) ? "" : "as " + expression + " ") + "into " + ("AEIOU".indexOf(typed.charAt(0)) >= 0 ? "an " : "a ")
                + typed + " column (SQLite stores text that reads as a number as one)";
    }

    private String changedWhere() {
        // Compared as text: 978 is not '978-0-13-468599-1', 132350882 is not '0132350882', 1.5 is not '1.50'.
        return " WHERE (" + expression + ") IS NOT NULL AND CAST(" + castOf() + " AS TEXT) IS DISTINCT FROM CAST((" + expression + ") AS TEXT)";
    }

    private String castOf() {
        return "CAST((" + expression + ") AS " + type + ")";
    }

    /** Where the parenthesis opened just before from ends, past quoted text and inner parentheses; -1 if it does not. */
    private static int closing(String sql, int from) {
        return SqlText.scan(sql, from, (index, depth) -> depth < 0);
    }

    /** Where the last " AS " outside quotes and inner parentheses begins (its leading space); -1 if none. */
    private static int lastTopLevelAs(String inside) {
        int[] last = {-1};
        SqlText.scan(inside, 0, (index, depth) -> {
            if (depth == 0 && SqlText.keywordAt(inside, index, "AS")) {
                last[0] = index;
            }
            return false;
        });
        return last[0];
    }

    /** A column's name in SQL, bare or quoted, as a whole word. */
    private static Pattern name(String column) {
        String quoted = Pattern.quote(column);
        // Bare, quoted, or qualified by its table (books.isbn_text): the name is the part matched, the table goes with it.
        return Pattern.compile("(?i)(?:[\\w$]+\\.|\"[^\"]+\"\\.)?(?:\"" + quoted + "\"|`" + quoted + "`|\\[" + quoted + "]|(?<![\\w$\"])" + quoted + "(?![\\w$\"]))");
    }

    /** A name as SQL needs it: bare where it is a plain word, quoted otherwise. */
    private static String said(String column) {
        return column.matches("[A-Za-z_]\\w*") ? column : SqlText.quote(column);
    }
}
