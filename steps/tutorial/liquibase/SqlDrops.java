package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.Change;
import liquibase.change.core.DeleteDataChange;

import tutorial.database.LibraryDatabase;

/**
 * What the SQL a changeset runs as written drops, read statement by statement: ALTER TABLE t DROP
 * [COLUMN] c, DROP TABLE [IF EXISTS] t, DELETE FROM t (and Liquibase's delete and dropTable changes). Liquibase
 * runs an sql change without knowing what it does, so 05_upgrade's warning (DataLoss) and the lint
 * read it here: the common forms only. What an earlier statement of the same changeset copied out
 * loses nothing when it goes: a table read by an INSERT ... SELECT (a rebuild written by hand),
 * but for the columns holding values that its SELECT does not name; a column named by an UPDATE of
 * its table (fix-2's copy, in SQL), unless the UPDATE copied it through a CAST that changes some of
 * its values (CastCopy: what the drop then loses). Read change by change, in the changeset's
 * order, as ColumnsMadeHere is.
 */
final class SqlDrops {

    /**
     * A column dropped (column set), a table dropped, or rows deleted (where: the DELETE's condition,
     * or ""); a column dropped once copied through a CAST that changes some of its values (via set).
     */
    record Drop(String table, String column, String where, CastCopy via, String tableNow, String columnNow, Reordered reordered) {
        /** A drop as the changeset names it, whatever library.db calls it now (what an applied changeset no longer adds). */
        Drop(String table, String column, String where) {
            this(table, column, where, null, table, column);
        }

        Drop(String table, String column, String where, CastCopy via, String tableNow, String columnNow) {
            this(table, column, where, via, tableNow, columnNow, null);
        }

        /** " (authors in library.db now)" where an earlier rename of the run gave it the name the drop uses, "" otherwise. */
        String now() {
            return Renames.said(table, column, tableNow, columnNow);
        }

        boolean isTable() {
            return column == null && where == null;
        }

        boolean isRows() {
            return where != null;
        }

        /** What it loses in library.db now: values of the column, rows of the table, or rows the DELETE matches (all, unreadable). */
        long lost(LibraryDatabase library) {
            if (via != null) {
                return via.changed(library);
            }
            if (column != null) {
                return library.valuesIn(tableNow, columnNow);
            }
            String count = "SELECT count(*) FROM " + SqlText.quote(tableNow);
            if (where != null && !where.isBlank()) {
                try {
                    return Long.parseLong(library.strings(count + " " + where).get(0));
                } catch (RuntimeException unreadable) {
                    // a condition this cannot run alone: every row counted
                }
            }
            return library.countIfThere(count);
        }
    }

    private static final Pattern DROP_COLUMN = Pattern.compile(
            "(?is)^ALTER\\s+TABLE\\s+" + SqlText.NAME + "\\s+DROP\\s+(?:COLUMN\\s+)?(?!CONSTRAINT\\b)(?:IF\\s+EXISTS\\s+)?" + SqlText.NAME);
    private static final Pattern DROP_TABLE = Pattern.compile("(?is)^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + SqlText.NAME);
    private static final Pattern DELETE = Pattern.compile("(?is)^DELETE\\s+FROM\\s+" + SqlText.NAME + "\\s*(.*)$");
    /** ALTER TABLE t ADD [COLUMN] c TYPE: the type a plain copy into c is stored by (CastCopy.byStoring). */
    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+" + SqlText.NAME + "\\s+ADD\\s+(?:COLUMN\\s+)?"
            + SqlText.NAME + "\\s+([A-Za-z]\\w*(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?)");
    private static final Pattern UPDATE = Pattern.compile("(?is)^UPDATE\\s+(?:OR\\s+\\w+\\s+)?" + SqlText.NAME + "\\s+SET\\s+(.*)$");
    /** INSERT INTO t SELECT * FROM s, with no column list on either side: a copy by position. */
    private static final Pattern INSERT_BY_POSITION = Pattern.compile("(?is)^INSERT\\s+INTO\\s+" + SqlText.NAME + "\\s+SELECT\\s+\\*\\s+FROM\\s+"
            + SqlText.NAME + "(?:\\s+(?:WHERE|ORDER|LIMIT|GROUP)\\b.*)?\\s*$");
    /** CREATE TABLE t (its definitions): the columns a rebuild by hand copies into, in their order. */
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + SqlText.NAME + "\\s*\\((.*)\\)[^)]*$");
    /** A table definition's part that is a constraint, not a column. */
    private static final Pattern CONSTRAINT = Pattern.compile("(?i)^(?:CONSTRAINT|PRIMARY\\s+KEY|UNIQUE|CHECK|FOREIGN\\s+KEY)\\b");
    private static final Pattern INSERT_SELECT = Pattern.compile("(?is)^INSERT\\s+INTO\\s+.*?\\bSELECT\\b(.*?)\\bFROM\\s+" + SqlText.NAME);

    private final LibraryDatabase library;
    /** Per table copied by an INSERT ... SELECT (lower case): what it selected, as written ("*" for every column). */
    private final java.util.Map<String, String> copiedTables = new java.util.HashMap<>();
    private final List<String> updates = new ArrayList<>(); // "table|what the UPDATE sets": the table lower case, the rest as written
    private final Renames renames;
    private final java.util.Map<String, String> addedTypes = new java.util.HashMap<>(); // "table.column" (lower case): its type
    /** Per table made by this change (lower case): its columns, in order. */
    private final java.util.Map<String, List<String>> createdColumns = new java.util.HashMap<>();
    /** Per table copied by position (lower case): the table it was copied into, as written. */
    private final java.util.Map<String, String> copiedByPosition = new java.util.HashMap<>();

    /**
     * A table copied by position (INSERT INTO books_new SELECT * FROM books) into one made with the
     * same columns in another order: each row's values land in the columns at their places, not in
     * those of their names (isbn into author_id), and dropping the original leaves only that copy.
     *
     * @param rows how many rows the original holds now
     */
    record Reordered(String into, List<String> from, List<String> to, long rows) {
        /**
         * The copy written by name: the new table's columns in their order, each filled from the
         * old one's column of that name, or, where it has none, from the column at its place.
         */
        String byName(String table) {
            List<String> into = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < to.size(); i++) {
                String column = to.get(i);
                String same = from.stream().filter(old -> old.equalsIgnoreCase(column)).findFirst().orElse(null);
                String there = i < from.size() ? from.get(i) : null;
                String atItsPlace = there != null && to.stream().noneMatch(there::equalsIgnoreCase) ? there : null;
                String source = same != null ? same : atItsPlace;
                if (source != null) {
                    into.add(column);
                    values.add(source);
                }
            }
            return "INSERT INTO " + this.into + " (" + String.join(", ", into) + ") SELECT " + String.join(", ", values) + " FROM " + table;
        }

        /** "books: id, title, author_id, isbn; books_new: id, title, isbn, author_id". */
        String orders(String table) {
            return table + ": " + String.join(", ", from) + "; " + into + ": " + String.join(", ", to);
        }
    }

    /** Reading library.db for the values a copy leaves out, under the names earlier renames of the run leave them (noted as read). */
    SqlDrops(LibraryDatabase library, Renames renames) {
        this.library = library;
        this.renames = renames;
    }

    /** What this change drops, read in the changeset's order (after the changes before it). */
    List<Drop> of(Change change) {
        List<Drop> drops = new ArrayList<>();
        if (change instanceof liquibase.change.core.DropTableChange drop) { // Liquibase's, read as SQL's DROP TABLE is (after a copy in SQL too)
            return droppedTable(drop.getTableName());
        }
        if (change instanceof DeleteDataChange delete) {
            if (!copiedTables.containsKey(delete.getTableName().toLowerCase(Locale.ROOT))) {
                drops.add(new Drop(delete.getTableName(), null, delete.getWhere() == null ? "" : "WHERE " + delete.getWhere(), null,
                        renames.table(delete.getTableName()), null));
            }
            return drops;
        }
        String sql = SqlText.of(change);
        if (sql == null) {
            return drops;
        }
        for (String statement : SqlText.statements(sql)) {
            Matcher m;
            renames.noteSql(statement); // a rename, as it runs: what the statements after it name
            if ((m = DROP_COLUMN.matcher(statement)).find()) {
                String table = SqlText.name(m.group(1));
                String column = SqlText.name(m.group(2));
                String tableNow = renames.table(table);
                String columnNow = renames.column(table, column);
                if (!copiedColumn(table, column)) {
                    drops.add(new Drop(table, column, null, null, tableNow, columnNow));
                } else {
                    changingCast(table, column).ifPresent(cast -> drops.add(new Drop(table, column, null, cast, tableNow, columnNow)));
                }
            } else if ((m = DROP_TABLE.matcher(statement)).find()) {
                drops.addAll(droppedTable(SqlText.name(m.group(1))));
            } else if ((m = DELETE.matcher(statement)).find()) {
                String table = SqlText.name(m.group(1));
                if (!copiedTables.containsKey(table.toLowerCase(Locale.ROOT))) {
                    // RETURNING says what comes back, not which rows go.
                    drops.add(new Drop(table, null, m.group(2).replaceAll("(?is)\\s*\\bRETURNING\\b.*$", "").strip(), null, renames.table(table), null));
                }
            } else if ((m = ADD_COLUMN.matcher(statement)).find()) {
                addedTypes.put((SqlText.name(m.group(1)) + "." + SqlText.name(m.group(2))).toLowerCase(Locale.ROOT), m.group(3));
            } else if ((m = UPDATE.matcher(statement)).find()) {
                updates.add(SqlText.name(m.group(1)).toLowerCase(Locale.ROOT) + "|" + m.group(2));
            } else if ((m = CREATE_TABLE.matcher(statement)).find()) {
                createdColumns.put(SqlText.name(m.group(1)).toLowerCase(Locale.ROOT), SqlText.splitTopLevel(m.group(2), ',').stream()
                        .map(String::strip).filter(part -> !CONSTRAINT.matcher(part).find())
                        .map(part -> SqlText.name(part.split("\\s+")[0])).toList());
            } else if ((m = INSERT_SELECT.matcher(statement)).find()) {
                Matcher byPosition = INSERT_BY_POSITION.matcher(statement);
                if (byPosition.find()) {
                    copiedByPosition.put(SqlText.name(byPosition.group(2)).toLowerCase(Locale.ROOT), SqlText.name(byPosition.group(1)));
                }
                copiedTables.put(SqlText.name(m.group(2)).toLowerCase(Locale.ROOT), m.group(1)); // as written: a CAST's literals matter
            }
        }
        return drops;
    }

    /** What dropping this table loses: the whole table, or, copied earlier in the changeset, what the copy left behind. */
    private List<Drop> droppedTable(String table) {
        return copied(table) ? copiedTableDropped(table) : List.of(new Drop(table, null, null, null, renames.table(table), null));
    }

    /** Whether an INSERT ... SELECT read so far in this changeset copied the table (as the changeset names it). */
    private boolean copied(String table) {
        return copiedTables.containsKey(table.toLowerCase(Locale.ROOT));
    }

    /**
     * What dropping a table copied earlier in the changeset loses: the columns holding values its
     * SELECT left out, the values a CAST of the copy changes, and, copied by position into columns
     * in another order, every row's place (Reordered).
     */
    private List<Drop> copiedTableDropped(String table) {
        List<Drop> drops = new ArrayList<>();
        String selected = copiedTables.get(table.toLowerCase(Locale.ROOT));
        String tableNow = renames.table(table);
        reordered(table).ifPresent(copy -> drops.add(new Drop(table, null, null, null, tableNow, null, copy)));
        leftOutOfCopy(tableNow, selected).forEach(column -> drops.add(new Drop(table, column, null, null, tableNow, column)));
        // A column the copy took through a CAST that changes some of its values (a type changed by a rebuild by hand).
        for (String column : library.columnNames(tableNow)) {
            CastCopy.in(selected, tableNow, column, column).filter(cast -> cast.changed(library) > 0)
                    .ifPresent(cast -> drops.add(new Drop(table, column, null, cast, tableNow, column)));
        }
        return drops;
    }

    /** What every drop in this change's SQL takes away, copies or not: what an applied changeset no longer adds. */
    static List<Drop> dropped(Change change) {
        List<Drop> drops = new ArrayList<>();
        String sql = SqlText.of(change);
        if (sql != null) {
            for (String statement : SqlText.statements(sql)) {
                Matcher m;
                if ((m = DROP_COLUMN.matcher(statement)).find()) {
                    drops.add(new Drop(SqlText.name(m.group(1)), SqlText.name(m.group(2)), null));
                } else if ((m = DROP_TABLE.matcher(statement)).find()) {
                    drops.add(new Drop(SqlText.name(m.group(1)), null, null));
                }
            }
        }
        return drops;
    }

    /**
     * The copy by position of this table (as the changeset names it) into a table this change made,
     * where a column both have stands at another place: only where the table holds rows now. (With
     * another number of columns SQLite refuses the INSERT, and nothing is lost.)
     */
    private java.util.Optional<Reordered> reordered(String table) {
        String into = copiedByPosition.get(table.toLowerCase(Locale.ROOT));
        List<String> to = into == null ? null : createdColumns.get(into.toLowerCase(Locale.ROOT));
        String tableNow = renames.table(table);
        List<String> from = library.columnNames(tableNow);
        if (to == null || to.size() != from.size()) {
            return java.util.Optional.empty();
        }
        List<String> fromLower = from.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        boolean moved = false;
        for (int i = 0; i < to.size(); i++) {
            int there = fromLower.indexOf(to.get(i).toLowerCase(Locale.ROOT));
            moved |= there >= 0 && there != i;
        }
        long rows = library.countIfThere("SELECT count(*) FROM " + SqlText.quote(tableNow));
        return moved && rows > 0 ? java.util.Optional.of(new Reordered(into, from, to, rows)) : java.util.Optional.empty();
    }

    /** Whether this change deletes rows: a delete change, or a DELETE in its SQL (what a rollback cannot bring back). */
    static boolean deletesRows(Change change) {
        String sql = SqlText.of(change);
        return change instanceof DeleteDataChange || sql != null && SqlText.statements(sql).stream().anyMatch(statement -> DELETE.matcher(statement).find());
    }

    /** The columns of a table a copy of it (what its SELECT named) leaves out, holding values now. */
    private List<String> leftOutOfCopy(String table, String selected) {
        if (selected.strip().equals("*")) {
            return List.of();
        }
        return library.columnNames(table).stream().filter(column -> !SqlText.mentions(selected, column))
                .filter(column -> library.valuesIn(table, column) > 0).toList();
    }

    private boolean copiedColumn(String table, String column) {
        String prefix = table.toLowerCase(Locale.ROOT) + "|";
        String selected = copiedTables.get(table.toLowerCase(Locale.ROOT));
        return selected != null && (selected.strip().equals("*") || SqlText.mentions(selected, column))
                || updates.stream().anyMatch(update -> update.startsWith(prefix) && SqlText.mentions(update.substring(prefix.length()), column));
    }

    /** An UPDATE's copy of the column through a CAST that changes some of its values now (read under its name in library.db). */
    private java.util.Optional<CastCopy> changingCast(String table, String column) {
        String prefix = table.toLowerCase(Locale.ROOT) + "|";
        String tableNow = renames.table(table);
        String columnNow = renames.column(table, column);
        return updates.stream().filter(update -> update.startsWith(prefix))
                .flatMap(update -> CastCopy.in(update.substring(prefix.length()), tableNow, column, columnNow)
                        .or(() -> storedInAddedColumn(table, update.substring(prefix.length()), column, tableNow, columnNow)).stream())
                .filter(cast -> cast.changed(library) > 0).findFirst();
    }

    /** A plain copy (SET isbn = isbn_text) into a column an ADD COLUMN of this change made with a type: stored by its affinity. */
    private java.util.Optional<CastCopy> storedInAddedColumn(String table, String sets, String column, String tableNow, String columnNow) {
        return Overwrites.of(new liquibase.change.core.RawSQLChange("UPDATE " + table + " SET " + sets)).stream()
                .filter(set -> addedTypes.containsKey((table + "." + set.column()).toLowerCase(Locale.ROOT)) && SqlText.mentions(set.value(), column))
                .findFirst()
                .map(set -> CastCopy.byStoring(set.value(), tableNow, column, columnNow, addedTypes.get((table + "." + set.column()).toLowerCase(Locale.ROOT))));
    }
}
