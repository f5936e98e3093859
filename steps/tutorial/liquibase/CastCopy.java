package tutorial.liquibase;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.database.*;

/**
 * A column's values copied through CAST(column AS type), fix-2's way to change a type on SQLite
 * (the column renamed aside, a new one added, the values copied across, the old one dropped).
 * The copy is whole only where every value comes through the CAST as it was: CAST('978-0-13-468599-1'
 * AS INTEGER) is 978, and the drop that follows takes the rest away. So what the CAST changes is
 * counted in library.db as it is now, where the values still sit under the column's old name:
 * 05_upgrade's warning before it drops data (DataLoss) and the lint (DS104) say it.
 */
record CastCopy(String table, String column, String cast) {

    /** The type a copy named column through, lower case as the text holds it, or empty when it copied it plain. */
    static Optional<String> typeIn(String text, String column) {
        Matcher cast = Pattern.compile("(?i)\\bcast\\s*\\(\\s*[\"`\\[]?" + Pattern.quote(column) + "[\"`\\]]?\\s+as\\s+"
                + "([a-z]\\w*(?:\\s+[a-z]\\w*)?(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?)\\s*\\)").matcher(text);
        return cast.find() ? Optional.of(cast.group(1)) : Optional.empty();
    }

    /** How many values of table.column (as library.db has it now) the CAST gives back changed. */
    long changed(LibraryDatabase library) {
        if (library.columnNames(table).stream().noneMatch(column::equalsIgnoreCase)) {
            return 0; // made by an earlier change: nothing in it yet
        }
        return library.countIfThere("SELECT count(*) FROM " + quote(table) + changedWhere());
    }

    /** "'978-0-13-468599-1' becomes 978": the first value the CAST changes, as a learner would read it. */
    String example(LibraryDatabase library) {
        List<String> before = library.stringsIfThere("SELECT quote(" + quote(column) + ") FROM " + quote(table) + changedWhere() + " LIMIT 1");
        List<String> after = library.stringsIfThere("SELECT quote(" + castOf() + ") FROM " + quote(table) + changedWhere() + " LIMIT 1");
        return before.isEmpty() || after.isEmpty() ? "" : before.get(0) + " becomes " + after.get(0);
    }

    /** "CAST(isbn AS INTEGER)", said with the column's old name, as library.db has it now. */
    String said() {
        return "CAST(" + column + " AS " + cast.toUpperCase(Locale.ROOT) + ")";
    }

    private String changedWhere() {
        // Compared as text: 978 is not '978-0-13-468599-1', 134685997 is not '0134685997', 1.5 is not '1.50'.
        return " WHERE " + quote(column) + " IS NOT NULL AND CAST(" + castOf() + " AS TEXT) IS NOT CAST(" + quote(column) + " AS TEXT)";
    }

    private String castOf() {
        return "CAST(" + quote(column) + " AS " + cast + ")";
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
