// Registered with Liquibase as services, the way its own extensions are: JBang puts these two
// files into every jar that pulls this file in, and Liquibase's service locator finds them, in
// the steps, the tests and the real CLI alike. The target path is spelled out: from a script in
// another folder (steps/tools/) JBang would otherwise put the files at the jar's root.
//FILES META-INF/services/liquibase.sqlgenerator.SqlGenerator=META-INF/services/liquibase.sqlgenerator.SqlGenerator
//FILES META-INF/services/liquibase.change.Change=META-INF/services/liquibase.change.Change
//FILES META-INF/services/liquibase.diff.output.changelog.ChangeGenerator=META-INF/services/liquibase.diff.output.changelog.ChangeGenerator
package tutorial.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.datatype.DataTypeFactory;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.NotNullConstraint;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.AddColumnStatement;
import liquibase.statement.core.RawSqlStatement;
import liquibase.structure.core.Column;
import liquibase.structure.core.Table;

/**
 * addColumn and dropColumn on SQLite as SQLite's own ALTER TABLE ... ADD / DROP COLUMN,
 * which is what Alembic emits.
 *
 * Liquibase's stock SQLite support rebuilds the whole table instead: it copies every row
 * (slow on a big table), renames the primary key, and loses what its snapshot does not carry:
 * UNIQUE and CHECK constraints (liquibase#3605), NOT NULL on the added column, and the foreign
 * keys of other tables, which end up pointing at the dropped copy. Where the native statement
 * does the job (a column with no key or UNIQUE, a literal default, NOT NULL: SQLite refuses
 * NOT NULL without a default itself) these plug into Liquibase's own extension points with a
 * higher priority. What is left to the stock rebuild runs only on a table that has nothing the
 * rebuild would lose; otherwise the change stops before it runs, naming what would be lost
 * (see RebuildGuard). Checksums do not change: a changeset is the same changeset, whichever
 * SQL runs it.
 *
 * Liquibase finds the three classes below through META-INF/services (see the //FILES lines
 * above), so each needs a public no-argument constructor.
 */
public final class NativeAlterTable {

    private NativeAlterTable() {
    }

    /** ADD COLUMN for a column SQLite can add itself; a key or UNIQUE goes down the chain to the rebuild. */
    public static final class AddColumnGenerator extends AbstractSqlGenerator<AddColumnStatement> {

        @Override
        public int getPriority() {
            return PRIORITY_DATABASE + 5;
        }

        @Override
        public boolean supports(AddColumnStatement statement, Database database) {
            return database instanceof SQLiteDatabase;
        }

        @Override
        public ValidationErrors validate(AddColumnStatement statement, Database database, SqlGeneratorChain<AddColumnStatement> chain) {
            return chain.validate(statement, database);
        }

        /** One column, no key, UNIQUE or position, and a constant default if any: what ALTER TABLE ... ADD COLUMN takes. */
        static boolean sqliteCanAdd(AddColumnStatement statement) {
            return !statement.isMultiple()
                    && statement.getConstraints().stream().allMatch(NotNullConstraint.class::isInstance)
                    && !(statement.getDefaultValue() instanceof DatabaseFunction)
                    && statement.getAddAfterColumn() == null
                    && statement.getAddBeforeColumn() == null
                    && statement.getAddAtPosition() == null;
        }

        @Override
        public Sql[] generateSql(AddColumnStatement statement, Database database, SqlGeneratorChain<AddColumnStatement> chain) {
            if (!sqliteCanAdd(statement)) {
                RebuildGuard.check(database, statement.getTableName(), "adding the column " + statement.getColumnName());
                return chain.generateSql(statement, database);
            }
            String type = DataTypeFactory.getInstance().fromDescription(statement.getColumnType(), database)
                    .toDatabaseDataType(database).toSql();
            Object value = statement.getDefaultValue();
            String defaultClause = value == null ? ""
                    : " DEFAULT " + DataTypeFactory.getInstance().fromDescription(statement.getColumnType(), database).objectToSql(value, database);
            // NOT NULL with no default: SQLite refuses it, as it should when rows exist (they would hold NULL).
            String notNull = statement.getConstraints().isEmpty() ? "" : " NOT NULL";
            String sql = "ALTER TABLE " + database.escapeTableName(null, null, statement.getTableName())
                    + " ADD COLUMN " + database.escapeColumnName(null, null, statement.getTableName(), statement.getColumnName())
                    + " " + type + defaultClause + notNull;
            Column column = new Column(Table.class, null, null, statement.getTableName(), statement.getColumnName());
            return new Sql[] {new UnparsedSql(sql, column)};
        }
    }

    /**
     * addColumn whose automatic rollback is the native dropColumn below, not the stock one, and
     * without the stock drop-default before it: the column goes anyway, and SQLite has no way
     * to drop a default ("dropDefaultValue is not supported on sqlite").
     */
    @DatabaseChange(name = "addColumn", priority = ChangeMetaData.PRIORITY_DEFAULT + 1, appliesTo = "table",
            description = "Adds a new column to an existing table")
    public static final class AddColumn extends AddColumnChange {

        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        protected Change[] createInverses() {
            List<Change> inverses = new ArrayList<>();
            for (Change inverse : super.createInverses()) {
                if (inverse instanceof DropColumnChange stock) {
                    DropColumn drop = new DropColumn();
                    drop.setCatalogName(stock.getCatalogName());
                    drop.setSchemaName(stock.getSchemaName());
                    drop.setTableName(stock.getTableName());
                    drop.setColumnName(stock.getColumnName());
                    stock.getColumns().forEach(drop::addColumn);
                    inverses.add(drop);
                } else if (!(inverse instanceof DropDefaultValueChange)) {
                    inverses.add(inverse);
                }
            }
            return inverses.toArray(Change[]::new);
        }
    }

    /** DROP COLUMN (SQLite 3.35+) when no key or index uses the column; else the stock rebuild. */
    @DatabaseChange(name = "dropColumn", priority = ChangeMetaData.PRIORITY_DEFAULT + 1, appliesTo = "column",
            description = "Drop existing column(s).")
    public static final class DropColumn extends DropColumnChange {

        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        /**
         * RawSqlStatement is deprecated for RawParameterizedSqlStatement, but the latter runs
         * without telling Liquibase's SqlListeners, and the steps show the SQL they ran.
         */
        @Override
        @SuppressWarnings("deprecation")
        public SqlStatement[] generateStatements(Database database) {
            if (!(database instanceof SQLiteDatabase)) {
                return super.generateStatements(database);
            }
            List<String> names = asTheTableSpellsThem(database, columnNames(this)); // SQLite matches names in any case; the rebuild does not
            if (!canDropNatively(database, names)) {
                RebuildGuard.check(database, getTableName(), "dropping " + String.join(", ", names), names.toArray(String[]::new));
                // Liquibase 4.33's rebuild leaves out the columns of a columns list only: a dropColumn naming its one column
                // by columnName rebuilt the table with that column still in it, and was recorded as applied. So the stock
                // rebuild is asked by list, on a copy (this change's own fields make its checksum).
                DropColumnChange listed = new DropColumnChange();
                listed.setCatalogName(getCatalogName());
                listed.setSchemaName(getSchemaName());
                listed.setTableName(getTableName());
                listed.setColumns(names.stream().map(name -> {
                    ColumnConfig column = new ColumnConfig();
                    column.setName(name);
                    return column;
                }).collect(java.util.stream.Collectors.toList()));
                return listed.generateStatements(database);
            }
            return names.stream().map(name -> (SqlStatement) new RawSqlStatement(
                    "ALTER TABLE " + database.escapeTableName(null, null, getTableName())
                            + " DROP COLUMN " + database.escapeColumnName(null, null, getTableName(), name)))
                    .toArray(SqlStatement[]::new);
        }

        /** The names as the table spells them (SQLite takes Title for title; Liquibase's rebuild keeps a column it does not find). */
        private List<String> asTheTableSpellsThem(Database database, List<String> names) {
            try {
                Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
                List<String> spelt = new ArrayList<>();
                for (String name : names) {
                    try (PreparedStatement query = connection.prepareStatement("SELECT name FROM pragma_table_info(?) WHERE name = ? COLLATE NOCASE")) {
                        query.setString(1, getTableName());
                        query.setString(2, name);
                        try (ResultSet rows = query.executeQuery()) {
                            spelt.add(rows.next() ? rows.getString(1) : name);
                        }
                    }
                }
                return spelt;
            } catch (Exception e) {
                return names; // when in doubt, as written
            }
        }

        /** The columns a dropColumn names: its columns list or, without one, its columnName (as Liquibase reads it). */
        static List<String> columnNames(DropColumnChange drop) {
            List<String> names = new ArrayList<>();
            if (drop.getColumns() != null) {
                drop.getColumns().stream().map(ColumnConfig::getName).forEach(names::add);
            }
            if (names.isEmpty() && drop.getColumnName() != null) {
                names.add(drop.getColumnName());
            }
            return names;
        }

        private boolean canDropNatively(Database database, List<String> names) {
            try {
                if (database.getDatabaseMajorVersion() < 3
                        || database.getDatabaseMajorVersion() == 3 && database.getDatabaseMinorVersion() < 35) {
                    return false;
                }
                Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
                for (String name : names) {
                    if (count(connection, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ? AND pk > 0", name) > 0
                            || count(connection, "SELECT count(*) FROM pragma_index_list(?) l, pragma_index_info(l.name) i WHERE i.name = ?", name) > 0
                            || count(connection, "SELECT count(*) FROM pragma_foreign_key_list(?) WHERE \"from\" = ?", name) > 0
                            || referencedFromElsewhere(connection, name)) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false; // when in doubt, the stock rebuild: slower, never wrong about the schema
            }
        }

        private int count(Connection connection, String sql, String column) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, getTableName());
                query.setString(2, column);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getInt(1) : 0;
                }
            }
        }

        private boolean referencedFromElsewhere(Connection connection, String column) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT count(*) FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                            + "WHERE m.type = 'table' AND f.\"table\" = ? AND f.\"to\" = ?")) {
                query.setString(1, getTableName());
                query.setString(2, column);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() && rows.getInt(1) > 0;
                }
            }
        }
    }
}
