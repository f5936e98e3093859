package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.database.Database;
import liquibase.listener.SqlListener;

/**
 * Listens while Liquibase works: which changeset starts and ends, and every statement it
 * writes in between. Liquibase's own bookkeeping (its DATABASECHANGELOG tables) is left out.
 * Handed to a command as its change-exec listener, and its sql listener put in the Scope the
 * command runs in (Migrations.watching for a step's block, Migrations.recorded for the tools).
 */
final class ChangeSetRecorder extends AbstractChangeExecListener implements ChangeExecListener {
    final boolean rollingBack;
    final List<Migrations.Run> runs = new ArrayList<>();
    private List<String> current;
    /** The changeset willRun named, for a precondition that skips it without a ran() (onFail: CONTINUE). */
    private ChangeSet running;

    final SqlListener sql = new SqlListener() {
        @Override
        public void writeSqlWillRun(String statement) {
            if (current != null && !statement.toUpperCase().contains("DATABASECHANGELOG")) {
                current.add(statement.strip());
            }
        }
    };

    ChangeSetRecorder(boolean rollingBack) {
        this.rollingBack = rollingBack;
    }

    private void starting() {
        current = new ArrayList<>();
    }

    private void finished(ChangeSet changeSet, Migrations.Skip skip) {
        // A skipped changeset ran only its precondition's queries: none of them is a change of it.
        runs.add(new Migrations.Run(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(), Migrations.describe(changeSet),
                skip != Migrations.Skip.NONE || current == null ? List.of() : List.copyOf(current), skip));
        current = null;
        running = null;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.RunStatus status) {
        if (!rollingBack) {
            starting();
            running = changeSet;
        }
    }

    @Override
    public void preconditionFailed(liquibase.exception.PreconditionFailedException error, liquibase.precondition.core.PreconditionContainer.FailOption onFail) {
        if (!rollingBack && running != null && onFail == liquibase.precondition.core.PreconditionContainer.FailOption.CONTINUE) {
            finished(running, Migrations.Skip.CONTINUE);
        }
    }

    @Override
    public void preconditionErrored(liquibase.exception.PreconditionErrorException error, liquibase.precondition.core.PreconditionContainer.ErrorOption onError) {
        if (!rollingBack && running != null && onError == liquibase.precondition.core.PreconditionContainer.ErrorOption.CONTINUE) {
            finished(running, Migrations.Skip.CONTINUE);
        }
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
        if (!rollingBack) {
            finished(changeSet, execType == ChangeSet.ExecType.MARK_RAN ? Migrations.Skip.MARK_RAN : Migrations.Skip.NONE);
        }
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        starting();
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        finished(changeSet, Migrations.Skip.NONE);
    }
}
