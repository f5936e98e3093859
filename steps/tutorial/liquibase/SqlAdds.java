package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.Change;

/**
 * What the SQL of an sql change adds: ALTER TABLE t ADD [COLUMN] c, CREATE TABLE t, CREATE [UNIQUE]
 * INDEX i ON t. A changeset written in SQL (a YAML sql change, or a formatted SQL changelog) adds
 * a column as surely as an addColumn does, and a new database must start without it
 * (StartingSchema), or the changeset finds it made already.
 */
public final class SqlAdds {

    /** A column (name set), a table (name null), or an index (index true, name its name). */
    record Add(String table, String name, boolean index) {
    }

    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+" + SqlText.NAME
            + "\\s+ADD\\s+(?:COLUMN\\s+)?(?!CONSTRAINT\\b|PRIMARY\\b|FOREIGN\\b|UNIQUE\\b|CHECK\\b)(?:IF\\s+NOT\\s+EXISTS\\s+)?" + SqlText.NAME);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + SqlText.NAME);
    private static final Pattern CREATE_INDEX = Pattern.compile("(?is)^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + SqlText.NAME + "\\s+ON\\s+" + SqlText.NAME);

    private SqlAdds() {
    }

    /** The indexes a changeset makes, by name: its createIndex changes, and CREATE INDEX in its SQL. */
    public static List<String> indexesMadeBy(liquibase.changelog.ChangeSet changeSet) {
        List<String> names = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            if (change instanceof liquibase.change.core.CreateIndexChange index && index.getIndexName() != null) {
                names.add(index.getIndexName());
            }
            of(change).stream().filter(Add::index).map(Add::name).forEach(names::add);
        }
        return names;
    }

    static List<Add> of(Change change) {
        List<Add> adds = new ArrayList<>();
        String sql = SqlText.of(change);
        if (sql == null) {
            return adds;
        }
        for (String statement : SqlText.statements(sql)) {
            Matcher m;
            if ((m = ADD_COLUMN.matcher(statement)).find()) {
                adds.add(new Add(SqlText.name(m.group(1)), SqlText.name(m.group(2)), false));
            } else if ((m = CREATE_TABLE.matcher(statement)).find()) {
                adds.add(new Add(SqlText.name(m.group(1)), null, false));
            } else if ((m = CREATE_INDEX.matcher(statement)).find()) {
                adds.add(new Add(SqlText.name(m.group(2)), SqlText.name(m.group(1)), true));
            }
        }
        return adds;
    }
}
