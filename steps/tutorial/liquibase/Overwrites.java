package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.UpdateDataChange;

import tutorial.database.LibraryDatabase;

/**
 * What an update sets over values that are there: Liquibase's update change, or an sql UPDATE ...
 * SET c = value [WHERE ...]. alter-2 sets every genre to 'programming', which loses nothing while
 * the genres are empty, as the lesson has them, and overwrites a learner's own genres otherwise;
 * its rollback sets them to NULL, whatever they were before. Counted in library.db as it is now:
 * the rows whose value is not NULL and not the one set. 05_upgrade and 07_rollback say it before
 * they run (DataLoss), with a copy of library.db kept, and the lint says DS105.
 *
 * @param value the value set, as SQL ('programming', NULL, upper(genre))
 * @param where the condition it is limited to, as SQL, or null for every row
 */
public record Overwrites(String table, String column, String value, String where) {

    private static final Pattern UPDATE = Pattern.compile("(?is)^UPDATE\\s+(?:OR\\s+\\w+\\s+)?" + SqlText.NAME + "\\s+SET\\s+(.*)$");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?s)^\\s*" + SqlText.NAME + "\\s*=\\s*(.+?)\\s*$");

    /** The columns this change sets, each with its value (what a parameterised where cannot be read for is left out). */
    public static List<Overwrites> of(Change change) {
        List<Overwrites> sets = new ArrayList<>();
        if (change instanceof UpdateDataChange update) {
            if (update.getWhereParams().isEmpty()) {
                for (ColumnConfig column : update.getColumns()) {
                    sets.add(new Overwrites(update.getTableName(), column.getName(), sqlValue(column), update.getWhere()));
                }
            }
            return sets;
        }
        String sql = SqlText.of(change);
        if (sql != null) {
            for (String statement : SqlText.statements(sql)) {
                Matcher update = UPDATE.matcher(statement);
                if (!update.find()) {
                    continue;
                }
                // SET's assignments, then WHERE: the first WHERE outside parentheses and quotes (a subquery in a value has its own).
                String rest = update.group(2).replaceAll("(?is)\\s+RETURNING\\b[^']*$", ""); // what comes back, not what is set
                int where = SqlText.scan(rest, 0, (index, depth) -> depth == 0 && SqlText.keywordAt(rest, index, "WHERE"));
                for (String assignment : SqlText.splitTopLevel(where < 0 ? rest : rest.substring(0, where), ',')) {
                    Matcher set = ASSIGNMENT.matcher(assignment);
                    if (set.find()) {
                        sets.add(new Overwrites(SqlText.name(update.group(1)), SqlText.name(set.group(1)), set.group(2),
                                where < 0 ? null : rest.substring(where + " WHERE ".length()).strip()));
                    }
                }
            }
        }
        return sets;
    }

    /**
     * Whether this change's SQL writes rows of that column in a way not read here (an INSERT, a
     * REPLACE, an UPDATE ... SET (a, b) = ...): what replays the updates (check alter-2) cannot
     * follow it.
     */
    public static boolean writesUnread(Change change, String table, String column) {
        String sql = SqlText.of(change);
        return sql != null && SqlText.statements(sql).stream().filter(statement -> writesTable(statement, table) && SqlText.mentions(statement, column))
                .anyMatch(statement -> of(new liquibase.change.core.RawSQLChange(statement)).stream()
                        .noneMatch(set -> set.writes(table, column)));
    }

    private static final Pattern WRITES = Pattern.compile("(?is)^(?:WITH\\b.*?\\)\\s*)?(?:UPDATE(?:\\s+OR\\s+\\w+)?|INSERT(?:\\s+OR\\s+\\w+)?\\s+INTO"
            + "|REPLACE\\s+INTO|MERGE\\s+INTO|UPSERT\\s+INTO)\\s+" + SqlText.NAME);

    /** Whether the statement writes rows of this table (UPDATE t, INSERT INTO t, ...); one whose table cannot be read, if it names it. */
    private static boolean writesTable(String statement, String table) {
        Matcher writes = WRITES.matcher(statement);
        if (writes.find()) {
            return SqlText.name(writes.group(1)).equalsIgnoreCase(table);
        }
        return statement.matches("(?is)^(UPDATE|INSERT|REPLACE|WITH|MERGE|UPSERT)\\b.*") && SqlText.mentions(statement, table);
    }

    /** Whether it sets this column of this table (case aside, as SQLite matches names). */
    public boolean writes(String table, String column) {
        return this.table.equalsIgnoreCase(table) && this.column.equalsIgnoreCase(column);
    }

    /** Whether the update is limited to some rows (a WHERE). */
    public boolean limited() {
        return where != null && !where.isBlank();
    }

    /** What these changes set, in order, their SQL read statement by statement. */
    static List<Overwrites> ofAll(List<Change> changes) {
        return changes.stream().flatMap(change -> SqlText.pieces(change).stream()).flatMap(piece -> of(piece).stream()).toList();
    }

    /** The same update, said of the table and column as library.db names them now (earlier renames of the run). */
    Overwrites in(Renames renames) {
        return new Overwrites(renames.table(table), renames.column(table, column), value, where);
    }

    /** How many rows hold a value (not NULL) the update replaces by another; 0 where it cannot be read now (a column made by an earlier change). */
    long rows(LibraryDatabase library) {
        if (!library.hasColumn(table, column)) {
            return 0; // added by an earlier changeset of the run; and SQLite would read an unknown "name" as a string, set in every row
        }
        return library.countIfThere("SELECT count(*) FROM " + SqlText.quote(table) + " WHERE " + SqlText.quote(column) + " IS NOT NULL AND "
                + SqlText.quote(column) + " IS DISTINCT FROM (" + value + ")" + (where == null || where.isBlank() ? "" : " AND (" + where + ")"));
    }

    /** Whether the value is worked out from the column's own (REPLACE(isbn, '-', '')): a rewrite, not a value set over it. */
    boolean rewrites() {
        return SqlText.mentions(value, column);
    }

    /**
     * "Applying 0003-1 sets books.genre to 'programming' in 4 rows, overwriting the values they hold
     * now." (now: where library.db names it otherwise, Renames.said); a rewrite: "Applying 0004-1 rewrites books.isbn as REPLACE(isbn, '-', '') in 2 rows,
     * replacing the values they hold now."
     */
    String said(String doing, long rows, String now) {
        return doing + (rewrites() ? " rewrites " + table + "." + column + now + " as " : " sets " + table + "." + column + now + " to ") + value
                + " in " + rows + (rows == 1 ? " row, " : " rows, ") + (rewrites() ? "replacing" : "overwriting")
                + (rows == 1 ? " the value it holds now." : " the values they hold now.");
    }

    /** The value a column of an update change is set to, as SQL. */
    private static String sqlValue(ColumnConfig column) {
        if (column.getValueComputed() != null) {
            return column.getValueComputed().getValue();
        } else if (column.getValueNumeric() != null) {
            return column.getValueNumeric().toString();
        } else if (column.getValueBoolean() != null) {
            return column.getValueBoolean() ? "1" : "0";
        } else if (column.getValue() != null) {
            // value: "NULL", quoted (unquoted, YAML reads NULL as null: no value at all, lint's EM103), is written by Liquibase as SQL's
            // NULL, not as the text.
            return column.getValue().equalsIgnoreCase("NULL") ? "NULL" : "'" + column.getValue().replace("'", "''") + "'";
        }
        return "NULL";
    }
}
