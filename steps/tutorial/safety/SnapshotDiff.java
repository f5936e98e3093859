package tutorial.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tutorial.safety.DatabaseSnapshot.Part;
import tutorial.safety.DatabaseSnapshot.TableRows;

/**
 * What differs between two snapshots of a database, each difference named concretely, one line
 * each: "books lost UNIQUE(isbn)", "index ix_books_genre is still there (it was not before)",
 * "books row 2 title 'X' differs: was 'Y'". Empty when the two hold the same schema and rows.
 */
public final class SnapshotDiff {

    /** At most this many lines about the rows of one table; then how many more. */
    static final int ROWS_SHOWN = 5;

    private SnapshotDiff() {
    }

    /** Whether the two snapshots hold the same schema and the same rows. */
    public static boolean same(DatabaseSnapshot expected, DatabaseSnapshot actual) {
        return between(expected, actual, "", null).isEmpty();
    }

    /**
     * What actual has that expected did not, lacks that it had, or holds otherwise. "when" says
     * when expected was taken ("before", "after the first apply"); previous, when not null, is the
     * state actual was made from: what actual has too much and previous had already is "still there".
     */
    public static List<String> between(DatabaseSnapshot expected, DatabaseSnapshot actual, String when, DatabaseSnapshot previous) {
        List<String> lines = new ArrayList<>();
        Map<String, Part> was = expected.parts();
        Map<String, Part> now = actual.parts();
        for (Part part : was.values()) {
            Part same = now.get(part.key());
            if (same == null) {
                if (part.standsAlone()) {
                    lines.add(part.subject() + " is gone (it was there " + when + ")");
                } else if (tableThere(now, part)) { // a table that went is said once, not with every column
                    lines.add(part.table() + " lost " + part.described());
                }
            } else {
                same.changesFrom(part).forEach(change -> lines.add(same.subject() + ": " + change));
            }
        }
        for (Part part : now.values()) {
            if (!was.containsKey(part.key()) && (part.standsAlone() || tableThere(was, part))) {
                boolean still = previous != null && previous.parts().containsKey(part.key());
                lines.add(part.subject() + " is " + (still ? "still " : "") + "there (it was not " + when + ")");
            }
        }
        lines.addAll(rowsBetween(expected, actual, when, previous));
        return lines;
    }

    /**
     * The rows' lines of between alone, for the tables both snapshots have: where the schema of the two may differ for a reason
     * that is not the change under test (a start read from the changelog, ReplayedBefore), the values still say what it did.
     */
    public static List<String> rowsBetween(DatabaseSnapshot expected, DatabaseSnapshot actual, String when, DatabaseSnapshot previous) {
        List<String> lines = new ArrayList<>();
        for (TableRows before : expected.rows().values()) {
            TableRows after = actual.rows().get(DatabaseSnapshot.lower(before.table()));
            if (after != null) {
                lines.addAll(rows(before, after, when, previous == null ? null : previous.rows().get(DatabaseSnapshot.lower(before.table()))));
            }
        }
        return lines;
    }

    private static boolean tableThere(Map<String, Part> parts, Part part) {
        return parts.containsKey(new DatabaseSnapshot.TablePart(part.table()).key());
    }

    /** The rows of one table, compared on the columns both snapshots have (a column that came or went is a schema line). */
    private static List<String> rows(TableRows before, TableRows after, String when, TableRows previous) {
        List<String> lines = new ArrayList<>();
        String table = before.table();
        boolean keyed = before.keyed() && DatabaseSnapshot.lower(before.keyColumns()).equals(DatabaseSnapshot.lower(after.keyColumns()));
        List<String> common = before.columns().stream()
                .filter(column -> indexOf(after.columns(), column) >= 0).toList();
        Map<String, List<String>> wasRows = keyed ? before.rows() : byAllValues(before, common);
        Map<String, List<String>> nowRows = keyed ? after.rows() : byAllValues(after, common);
        for (Map.Entry<String, List<String>> row : wasRows.entrySet()) {
            List<String> now = nowRows.get(row.getKey());
            if (now == null) {
                lines.add(keyed ? table + " lost row " + row.getKey() + ": " + values(before, row.getValue())
                        : table + " lost a row: " + row.getKey().replaceFirst(" #\\d+$", ""));
                continue;
            }
            if (keyed) {
                for (String column : common) {
                    String value = now.get(indexOf(after.columns(), column));
                    String old = row.getValue().get(indexOf(before.columns(), column));
                    if (!value.equals(old)) {
                        lines.add(table + " row " + row.getKey() + " " + column + " " + value + " differs: was " + old);
                    }
                }
            }
        }
        Map<String, List<String>> previousRows = previous == null ? Map.of()
                : keyed && previous.keyed() ? previous.rows() : byAllValues(previous, common);
        for (Map.Entry<String, List<String>> row : nowRows.entrySet()) {
            if (!wasRows.containsKey(row.getKey())) {
                String still = previousRows.containsKey(row.getKey()) ? "still " : "";
                lines.add(keyed ? table + " row " + row.getKey() + " is " + still + "there (it was not " + when + "): " + values(after, row.getValue())
                        : table + " has a row it did not have " + when + ": " + row.getKey().replaceFirst(" #\\d+$", ""));
            }
        }
        if (lines.size() > ROWS_SHOWN) {
            int more = lines.size() - ROWS_SHOWN;
            lines = new ArrayList<>(lines.subList(0, ROWS_SHOWN));
            lines.add(table + ": " + more + " more " + (more == 1 ? "row difference" : "row differences") + " like these");
        }
        return lines;
    }

    /** A table's rows as a bag: each keyed by its values in the common columns. */
    private static Map<String, List<String>> byAllValues(TableRows table, List<String> columns) {
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        for (List<String> row : table.rows().values()) {
            List<String> values = columns.stream().map(column -> row.get(indexOf(table.columns(), column))).toList();
            String all = "(" + String.join(", ", values) + ")";
            String id = all;
            for (int copy = 2; rows.containsKey(id); copy++) {
                id = all + " #" + copy;
            }
            rows.put(id, values);
        }
        return rows;
    }

    private static String values(TableRows table, List<String> row) {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            named.add(table.columns().get(i) + " " + row.get(i));
        }
        return String.join(", ", named);
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
