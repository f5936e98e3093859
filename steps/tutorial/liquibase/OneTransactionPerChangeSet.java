package tutorial.liquibase;

import java.util.List;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.SQLiteDatabase;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;

/**
 * SQLite as Liquibase sees it, except that a changeset and its row in DATABASECHANGELOG are
 * committed together, in one transaction.
 *
 * Stock Liquibase commits a changeset's changes first and records it in DATABASECHANGELOG in a
 * second transaction (for a rollback: drops the column, commits, then deletes the row). A run
 * killed between the two leaves a schema that no longer matches the record: the column is
 * there but the changeset counts as pending, and the next upgrade fails on a duplicate column.
 * SQLite can hold DDL and the record in one transaction, so this holds back the commits made
 * while a changeset runs until its record is written: a killed run leaves either the old
 * schema and record or the new ones, never a mix. A changeset with runInTransaction: false
 * runs in autocommit mode and gets no such guarantee (none is possible).
 */
public class OneTransactionPerChangeSet extends SQLiteDatabase {

    private static boolean registered;

    /** True from a changeset's first statement until its DATABASECHANGELOG row is written or removed. */
    private boolean changeSetUnrecorded;

    /** Makes Liquibase pick this over the stock SQLite support for every SQLite connection; idempotent. */
    public static synchronized void register() {
        if (!registered) {
            DatabaseFactory.getInstance().register(new OneTransactionPerChangeSet());
            registered = true;
        }
    }

    @Override
    public int getPriority() {
        return super.getPriority() + 1;
    }

    @Override
    public void executeStatements(Change change, DatabaseChangeLog changeLog, List<SqlVisitor> sqlVisitors) throws LiquibaseException {
        changeSetUnrecorded = true;
        super.executeStatements(change, changeLog, sqlVisitors);
    }

    @Override
    public void executeRollbackStatements(SqlStatement[] statements, List<SqlVisitor> sqlVisitors) throws LiquibaseException {
        changeSetUnrecorded = true;
        super.executeRollbackStatements(statements, sqlVisitors);
    }

    /** Held back while a changeset's record is not written yet; the record's own commit then commits both. */
    @Override
    public void commit() throws DatabaseException {
        if (!changeSetUnrecorded) {
            super.commit();
        }
    }

    @Override
    public void rollback() throws DatabaseException {
        changeSetUnrecorded = false;
        super.rollback();
    }

    @Override
    public void markChangeSetExecStatus(ChangeSet changeSet, ChangeSet.ExecType execType) throws DatabaseException {
        recordThenCommit(() -> super.markChangeSetExecStatus(changeSet, execType));
    }

    @Override
    public void removeRanStatus(ChangeSet changeSet) throws DatabaseException {
        recordThenCommit(() -> super.removeRanStatus(changeSet));
    }

    private interface Record {
        void write() throws DatabaseException;
    }

    /** Writes the record; then commits the changeset with it, or, when the record fails, rolls both back. */
    private void recordThenCommit(Record record) throws DatabaseException {
        try {
            record.write();
        } catch (DatabaseException | RuntimeException e) {
            rollback();
            throw e;
        }
        changeSetUnrecorded = false;
        commit();
    }
}
