package tutorial.liquibase;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.UpdateDataChange;

/**
 * The columns earlier changes of one changeset made, read change by change: added, or renamed
 * from another, and whether a data change naming one (sql, update) came after. fix-2's way to
 * change a type renames the column aside, adds it anew, copies the values across and drops the
 * renamed one: a drop of values already copied. So a drop of a column made here loses nothing
 * the database held before the changeset (added here), nothing (renamed aside and copied since),
 * or the values of the column it was renamed from. A column renamed twice keeps where it first
 * came from. A copy through CAST(column AS type) is whole only where every value fits the type:
 * castBeforeDropping says which copy to measure (CastCopy). The lint (DS102) and 05_upgrade's warning before it drops data read it alike.
 */
final class ColumnsMadeHere {

    /**
     * Where a column made here came from (renamedFrom), or the type it was added with (addedAs);
     * whether a data change copied it out since, and that change.
     */
    private record Origin(String renamedFrom, String addedAs, boolean copiedSince, Change copiedBy) {
    }

    private final Map<String, Origin> made = new HashMap<>();

    /** Reads one change, in the changeset's order. */
    void note(Change change) {
        if (change instanceof RenameColumnChange rename) {
            Origin before = made.remove(key(rename.getTableName(), rename.getOldColumnName()));
            made.put(key(rename.getTableName(), rename.getNewColumnName()),
                    before != null ? before : new Origin(rename.getOldColumnName(), null, false, null));
        } else if (change instanceof AddColumnChange add) {
            add.getColumns().forEach(column -> made.put(key(add.getTableName(), column.getName()), new Origin(null, column.getType(), false, null)));
        } else {
            String data = dataChangeText(change);
            if (data != null) {
                made.replaceAll((key, origin) -> {
                    String column = key.substring(key.indexOf('.') + 1);
                    return origin.renamedFrom() != null && (data.isEmpty() || SqlText.mentions(data, column))
                            ? new Origin(origin.renamedFrom(), null, true, change) : origin;
                });
            }
        }
    }

    /**
     * The column whose values dropping table.column now loses: the column itself where no change
     * of this changeset made it, the one it was renamed from where no data change named it since,
     * null where it loses none of what the database held (added here, or copied out since).
     */
    String valuesLostByDropping(String table, String column) {
        Origin origin = made.get(key(table, column));
        if (origin == null) {
            return column;
        }
        return origin.renamedFrom() == null || origin.copiedSince() ? null : origin.renamedFrom();
    }

    /** Whether an earlier change of this changeset made table.column (added it, or renamed another to it): what it holds is not the database's yet. */
    boolean made(String table, String column) {
        return made.containsKey(key(table, column));
    }

    /**
     * The copy through a CAST of a column renamed aside here, when dropping it now loses what the
     * CAST changed (CastCopy counts it), said of the column library.db holds it in (renames); or
     * its plain copy into a column added here with a type, which converts as it stores; empty otherwise.
     */
    Optional<CastCopy> castBeforeDropping(String table, String column, Renames renames) {
        Origin origin = made.get(key(table, column));
        if (origin == null || !origin.copiedSince()) {
            return Optional.empty();
        }
        String tableNow = renames.table(table);
        String columnNow = renames.column(table, column);
        Optional<CastCopy> cast = CastCopy.in(dataChangeText(origin.copiedBy()), tableNow, column, columnNow);
        if (cast.isPresent()) {
            return cast;
        }
        // No CAST: copied into a column added here with a type, whose affinity converts as it stores (fix-2 without its CAST).
        for (Overwrites set : Overwrites.of(origin.copiedBy())) {
            Origin target = made.get(key(set.table(), set.column()));
            if (target != null && target.addedAs() != null && SqlText.mentions(set.value(), column)) {
                return Optional.of(CastCopy.byStoring(set.value(), tableNow, column, columnNow, target.addedAs()));
            }
        }
        return Optional.empty();
    }

    private static String key(String table, String column) {
        return (table + "." + column).toLowerCase(Locale.ROOT);
    }

    /** What a data change says, as written; "" for SQL that cannot be read now (taken as a copy); null for no data change. */
    private static String dataChangeText(Change change) {
        if (change instanceof RawSQLChange || change instanceof SQLFileChange) {
            String sql = SqlText.of(change);
            return sql == null ? "" : sql;
        }
        if (change instanceof UpdateDataChange update) {
            return update.getColumns().stream().map(column -> column.getValueComputed() + " " + column.getValue())
                    .collect(Collectors.joining(" "));
        }
        return null;
    }
}
