package tutorial.liquibase;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.ChangeGeneratorChain;
import liquibase.diff.output.changelog.UnexpectedObjectChangeGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.Index;

/**
 * Liquibase's diff-changelog drops an unexpected column before an unexpected index on it (its
 * generator for columns runs after keys and tables, and says nothing of indexes), and SQLite,
 * like PostgreSQL, drops the index with its column: the dropIndex after it then fails on an
 * index that is gone. This generator makes no change of its own (it hands each index to
 * Liquibase's, next in the chain); it only says that indexes are dropped before columns, which
 * Liquibase's ordering reads from every generator of a type. Found as a service
 * (META-INF/services, listed in NativeAlterTable's //FILES line).
 */
public final class IndexesDroppedFirst implements UnexpectedObjectChangeGenerator {

    @Override
    public int getPriority(Class<? extends DatabaseObject> objectType, Database database) {
        return Index.class.isAssignableFrom(objectType) ? PRIORITY_ADDITIONAL : PRIORITY_NONE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends DatabaseObject>[] runBeforeTypes() {
        return new Class[] {Column.class};
    }

    @Override
    public Class<? extends DatabaseObject>[] runAfterTypes() {
        return null;
    }

    @Override
    public Change[] fixUnexpected(DatabaseObject unexpectedObject, DiffOutputControl control, Database referenceDatabase,
            Database comparisonDatabase, ChangeGeneratorChain chain) {
        return chain.fixUnexpected(unexpectedObject, control, referenceDatabase, comparisonDatabase);
    }

    @Override
    public Change[] fixSchema(Change[] changes, liquibase.diff.compare.CompareControl.SchemaComparison[] schemaComparisons) {
        return changes;
    }

    @Override
    public Change[] fixOutputAsSchema(Change[] changes, liquibase.diff.compare.CompareControl.SchemaComparison[] schemaComparisons) {
        return changes;
    }
}
