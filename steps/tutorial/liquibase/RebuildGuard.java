package tutorial.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;

import tutorial.lesson.LessonError;

/**
 * Stops a change before Liquibase rebuilds a SQLite table that holds something the rebuild
 * would lose. The stock rebuild (rename to TABLE_temporary, create anew from Liquibase's
 * snapshot, copy the rows, drop the copy) keeps columns, NOT NULL, defaults, indexes and the
 * table's own foreign keys, but not its UNIQUE and CHECK constraints (liquibase#3605), and it
 * leaves the foreign keys of other tables pointing at the dropped copy (liquibase#7197).
 * Measured on 4.33.0: see NativeAlterTableTest.
 */
final class RebuildGuard {

    private RebuildGuard() {
    }

    /** Throws, naming what would be lost, when rebuilding TABLE for this change would lose anything. */
    static void check(Database database, String table, String change, String... droppedColumns) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return; // update-sql on no live database: nothing to read, and nothing runs
        }
        List<String> lost;
        try {
            lost = wouldLose(jdbc.getUnderlyingConnection(), table, Set.of(droppedColumns));
        } catch (SQLException e) {
            return; // unreadable here means unreadable to the rebuild too: let Liquibase say what it says
        }
        if (!lost.isEmpty()) {
            throw new LessonError("SQLite's ALTER TABLE cannot do this (" + change + " on " + table + "), so Liquibase would rebuild "
                    + "the table, and its rebuild would lose: " + String.join("; ", lost) + ". The changeset was stopped "
                    + "before it ran: library.db is as it was before it.",
                    "Write the change by hand, the SQLite way: a new table with every constraint, the rows copied, the old "
                            + "table dropped, the new one renamed (sql changes with their rollback, as fix-2 does for a column's type).");
        }
    }

    static List<String> wouldLose(Connection connection, String table, Set<String> droppedColumns) throws SQLException {
        List<String> lost = new ArrayList<>();
        for (String unique : rows(connection, "SELECT l.name FROM pragma_index_list(?) l WHERE l.origin = 'u'", table)) {
            List<String> columns = rows(connection, "SELECT name FROM pragma_index_info(?)", unique);
            if (columns.stream().noneMatch(column -> droppedColumns.stream().anyMatch(column::equalsIgnoreCase))) {
                lost.add("UNIQUE (" + String.join(", ", columns) + ")");
            }
        }
        for (String sql : rows(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", table)) {
            lost.addAll(tutorial.safety.DatabaseSnapshot.checks(sql));
        }
        for (String key : rows(connection, "SELECT m.name || '(' || f.\"from\" || ')' FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                + "WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE AND m.name <> f.\"table\" COLLATE NOCASE", table)) {
            lost.add("the foreign key " + key + " -> " + table.toLowerCase(Locale.ROOT) + ", which would point at the dropped copy");
        }
        return lost;
    }

    private static List<String> rows(Connection connection, String sql, String parameter) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }
}
