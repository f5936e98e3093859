package tutorial.liquibase;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;

import tutorial.lesson.CommandLine;
import tutorial.lesson.LessonError;

/**
 * What library.db calls now a table or a column that a run of changes names otherwise by the time
 * it gets there: renamed by an earlier change of the run, in the same changeset or an earlier one,
 * applied or rolled back (renameTable, renameColumn, or SQL's ALTER TABLE ... RENAME). A drop of
 * writers, after authors became writers, takes authors' rows; a rollback that drops notes, after
 * the rollback of a later changeset renamed remarks back to notes, takes what remarks holds. What
 * is about to be lost is counted in library.db under the name it has there (DataLoss, Lint).
 */
public final class Renames {

    private static final Pattern RENAME_TABLE = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+" + SqlText.NAME + "\\s+RENAME\\s+TO\\s+" + SqlText.NAME);
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "(?is)^ALTER\\s+TABLE\\s+" + SqlText.NAME + "\\s+RENAME\\s+(?:COLUMN\\s+)?(?!TO\\b)" + SqlText.NAME + "\\s+TO\\s+" + SqlText.NAME);

    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + SqlText.NAME);

    private final Map<String, String> tables = new HashMap<>(); // the name later on (lower case): the name in library.db
    private final Map<String, String> columns = new HashMap<>(); // "table.column" as named later on (lower case): the column in library.db
    /**
     * Tables the run makes, lower case: renamed, they hold nothing of library.db under a name of
     * its. A table rebuilt by hand (books_new made, filled from books, books dropped, books_new
     * renamed books) is books again, its values copied from books. (Columns are not followed so:
     * a column added anew under a name that comes back, fix-2's isbn, is the one library.db has.)
     */
    private final java.util.Set<String> made = new java.util.HashSet<>();

    /** The table's name in library.db. */
    String table(String later) {
        return tables.getOrDefault(lower(later), later);
    }

    /** The column's name in library.db (of the table table(later) names). */
    String column(String table, String later) {
        return columns.getOrDefault(lower(table) + "." + lower(later), later);
    }

    /** " (books.genre in library.db now)" where a table (column null) or a column is named otherwise there, "" otherwise. */
    static String said(String table, String column, String tableNow, String columnNow) {
        if (tableNow.equalsIgnoreCase(table) && (column == null || columnNow.equalsIgnoreCase(column))) {
            return "";
        }
        return " (" + tableNow + (column == null ? "" : "." + columnNow) + " in library.db now)";
    }

    /** One change as it runs: a rename of Liquibase's (SQL's is read statement by statement, noteSql). */
    void note(Change change) {
        if (change instanceof RenameTableChange rename) {
            renameTable(rename.getOldTableName(), rename.getNewTableName());
        } else if (change instanceof RenameColumnChange rename) {
            renameColumn(rename.getTableName(), rename.getOldColumnName(), rename.getNewColumnName());
        } else if (change instanceof CreateTableChange create) {
            made.add(lower(create.getTableName()));
        }
    }

    /** One change as Liquibase's own rollback of it runs: its rename the other way. */
    void undo(Change change) {
        if (change instanceof RenameTableChange rename) {
            renameTable(rename.getNewTableName(), rename.getOldTableName());
        } else if (change instanceof RenameColumnChange rename) {
            renameColumn(rename.getTableName(), rename.getNewColumnName(), rename.getOldColumnName());
        }
    }

    /** One SQL statement as it runs: ALTER TABLE t RENAME TO u, ALTER TABLE t RENAME [COLUMN] a TO b. */
    void noteSql(String statement) {
        Matcher m;
        if ((m = CREATE_TABLE.matcher(statement)).find()) {
            made.add(lower(SqlText.name(m.group(1))));
        } else if ((m = RENAME_TABLE.matcher(statement)).find()) {
            renameTable(SqlText.name(m.group(1)), SqlText.name(m.group(2)));
        } else if ((m = RENAME_COLUMN.matcher(statement)).find()) {
            renameColumn(SqlText.name(m.group(1)), SqlText.name(m.group(2)), SqlText.name(m.group(3)));
        }
    }

    /**
     * A column the models declare under a name an applied changeset renamed away.
     *
     * @param column "books.title", as the models name it
     * @param by     the changeset that renamed it last
     * @param to     its name in library.db now
     * @param before the changeset applied just before by ("<base>" for none): 07_rollback --to it undoes the rename
     * @param newest whether by is the newest applied: a plain 07_rollback undoes it
     */
    public record RenamedAway(String column, String by, String to, String before, boolean newest) {
    }

    /** These columns, but for the ones renamed away (said by Report.renamedAway instead of sent to autogenerate). */
    public static List<String> notRenamed(List<String> columns, List<RenamedAway> renamed) {
        return columns.stream().filter(column -> renamed.stream().noneMatch(rename -> rename.column().equals(column))).toList();
    }

    /**
     * Of these columns the models declare and library.db lacks ("books.title"), the ones applied
     * changesets renamed to a name library.db has: autogenerate would add them anew and drop what
     * they became, values and all, the models being behind. A name added anew after its rename
     * (fix-2's isbn, renamed aside and added again) starts the chain over.
     */
    public static List<RenamedAway> renamedAway(List<ChangeSet> applied, List<String> missing, tutorial.database.LibraryDatabase library) {
        List<RenamedAway> found = new java.util.ArrayList<>();
        for (String column : missing) {
            int dot = column.indexOf('.');
            if (dot < 0 || column.startsWith("the ")) {
                continue; // a table or an index
            }
            String table = column.substring(0, dot);
            String original = column.substring(dot + 1);
            String name = original;
            int by = -1;
            for (int i = 0; i < applied.size(); i++) { // in the order they ran: title to name, then name to label, is title to label
                for (Change change : applied.get(i).getChanges()) {
                    for (Change piece : SqlText.pieces(change)) {
                        String sql = SqlText.of(piece);
                        Matcher m;
                        if (piece instanceof RenameColumnChange rename && rename.getTableName().equalsIgnoreCase(table)
                                && rename.getOldColumnName().equalsIgnoreCase(name)) {
                            name = rename.getNewColumnName();
                            by = i;
                        } else if (sql != null && (m = RENAME_COLUMN.matcher(sql.strip())).find()
                                && SqlText.name(m.group(1)).equalsIgnoreCase(table) && SqlText.name(m.group(2)).equalsIgnoreCase(name)) {
                            name = SqlText.name(m.group(3));
                            by = i;
                        } else if (by >= 0 && addsAgain(piece, table, original)) {
                            name = original;
                            by = -1;
                        }
                    }
                }
            }
            if (by >= 0 && library.hasColumn(table, name)) {
                found.add(new RenamedAway(column, applied.get(by).getId(), name, by == 0 ? "<base>" : applied.get(by - 1).getId(),
                        by == applied.size() - 1));
            }
        }
        return found;
    }

    /**
     * Autogenerate refuses while the models still name a column an applied changeset renamed: the diff sees the old name
     * missing and the new one unexpected, and wrote a drop of the new name, values and all, and an add of the old, empty (its
     * own warning said as much, and it wrote it all the same). Said as 05_upgrade says it, with nothing written.
     */
    public static void refuseAutogenerate(Migrations migrations, tutorial.database.LibraryDatabase library, tutorial.database.Schema schema,
            List<tutorial.database.Table> models) {
        List<String> missing = schema.missingFrom(models);
        List<RenamedAway> renamed = missing.isEmpty() ? List.of() : renamedAway(migrations.changeSetsOf(migrations.applied()), missing, library);
        if (!renamed.isEmpty()) {
            RenamedAway rename = renamed.get(0);
            throw new LessonError("The models have " + rename.column() + ", which " + rename.by() + " renamed to " + rename.to() + ": "
                    + "autogenerate would drop " + rename.to() + ", values and all, and add " + rename.column() + " anew, empty. Nothing was written.",
                    "Rename it in " + tutorial.project.Project.MODELS_FILE + " too (then drift agrees, and autogenerate writes what else differs), "
                            + "or roll that changeset back: " + CommandLine.onSameDatabase(migrations.project(), "steps/07_rollback.java"
                            + (rename.newest() ? "" : " --to " + rename.before())));
        }
    }

    /** Whether this change adds the column under that name (an addColumn, or SQL's ADD COLUMN). */
    static boolean addsAgain(Change change, String table, String column) {
        if (change instanceof liquibase.change.core.AddColumnChange add) {
            return add.getTableName().equalsIgnoreCase(table) && add.getColumns().stream().anyMatch(added -> added.getName().equalsIgnoreCase(column));
        }
        return SqlAdds.of(change).stream().anyMatch(add -> !add.index() && add.name() != null
                && add.table().equalsIgnoreCase(table) && add.name().equalsIgnoreCase(column));
    }

    private void renameTable(String from, String to) {
        if (made.remove(lower(from))) { // made by the run: under its new name, what it holds was copied there, as from itself
            tables.remove(lower(to));
            return;
        }
        String now = table(from);
        tables.remove(lower(from));
        tables.put(lower(to), now);
        String prefix = lower(from) + ".";
        Map<String, String> moved = new HashMap<>(); // its columns' renames go with it
        for (var entries = columns.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, String> entry = entries.next();
            if (entry.getKey().startsWith(prefix)) {
                moved.put(lower(to) + "." + entry.getKey().substring(prefix.length()), entry.getValue());
                entries.remove();
            }
        }
        columns.putAll(moved);
    }

    private void renameColumn(String table, String from, String to) {
        String now = column(table, from);
        columns.remove(lower(table) + "." + lower(from));
        columns.put(lower(table) + "." + lower(to), now);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
