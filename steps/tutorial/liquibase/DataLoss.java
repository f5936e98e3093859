package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;

import tutorial.lesson.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

/**
 * What a rollback is about to throw away, said before it runs: Liquibase's automatic rollback
 * of an addColumn drops the column, and of a createTable drops the table, with whatever data
 * they hold by now; a hand-written rollback that updates a column overwrites the values it
 * holds now (alter-2's puts NULL back over every genre). The lesson's downgrade is deliberate,
 * so the step goes on; the learner should not find out afterwards.
 */
public final class DataLoss {

    private DataLoss() {
    }

    /** One line per column or table with data in it that rolling back these changesets (newest first) drops. */
    public static List<String> ofRollingBack(Migrations migrations, LibraryDatabase library, List<RanChangeSet> newestFirst) {
        List<String> lines = new ArrayList<>();
        if (!library.isSqlite()) {
            return lines;
        }
        DatabaseChangeLog changelog;
        try {
            changelog = migrations.changelog();
        } catch (LessonError unreadable) {
            return lines; // the rollback itself will say what is wrong with the changelog
        }
        for (RanChangeSet ran : newestFirst) {
            ChangeSet changeSet = changelog.getChangeSet(ran);
            if (changeSet == null) {
                continue;
            }
            if (changeSet.hasCustomRollbackChanges()) {
                lines.addAll(overwrites(library, ran.getId(), changeSet.getRollback().getChanges()));
                continue; // what else a hand-written rollback does, it says itself
            }
            for (Change change : changeSet.getChanges()) {
                if (change instanceof AddColumnChange add) {
                    for (ColumnConfig column : add.getColumns()) {
                        long values = library.countIfThere("SELECT count(\"" + column.getName() + "\") FROM \"" + add.getTableName() + "\"");
                        if (values > 0) {
                            lines.add("Rolling back " + ran.getId() + " drops " + add.getTableName() + "." + column.getName()
                                    + ", which holds " + values + (values == 1 ? " value." : " values."));
                        }
                    }
                } else if (change instanceof CreateTableChange create) {
                    long rows = library.countIfThere("SELECT count(*) FROM \"" + create.getTableName() + "\"");
                    if (rows > 0) {
                        lines.add("Rolling back " + ran.getId() + " drops the table " + create.getTableName() + ", which holds "
                                + rows + (rows == 1 ? " row." : " rows."));
                    }
                }
            }
        }
        return lines;
    }

    /** One line per column a rollback's update changes in rows that hold something else now, with that count. */
    private static List<String> overwrites(LibraryDatabase library, String id, List<Change> rollback) {
        List<String> lines = new ArrayList<>();
        for (Change change : rollback) {
            if (!(change instanceof UpdateDataChange update) || !update.getWhereParams().isEmpty()) {
                continue;
            }
            String where = update.getWhere() == null ? "" : " AND (" + update.getWhere() + ")";
            for (ColumnConfig column : update.getColumns()) {
                String value = sqlValue(column);
                long rows = library.countIfThere("SELECT count(*) FROM \"" + update.getTableName() + "\" WHERE \""
                        + column.getName() + "\" IS NOT (" + value + ")" + where);
                if (rows > 0) {
                    lines.add("Rolling back " + id + " sets " + update.getTableName() + "." + column.getName() + " to " + value + " in "
                            + rows + (rows == 1 ? " row, overwriting the value it holds now." : " rows, overwriting the values they hold now."));
                }
            }
        }
        return lines;
    }

    /** The value a column of an update is set to, as SQL. */
    private static String sqlValue(ColumnConfig column) {
        if (column.getValueComputed() != null) {
            return column.getValueComputed().getValue();
        } else if (column.getValueNumeric() != null) {
            return column.getValueNumeric().toString();
        } else if (column.getValueBoolean() != null) {
            return column.getValueBoolean() ? "1" : "0";
        } else if (column.getValue() != null) {
            return "'" + column.getValue().replace("'", "''") + "'";
        }
        return "NULL";
    }
}
