package tutorial.liquibase;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.DiffCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.PreCompareCommandStep;
import liquibase.command.core.helpers.ReferenceDbUrlConnectionCommandStep;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.diff.DiffResult;
import liquibase.diff.Difference;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.DiffToChangeLog;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Relation;
import liquibase.structure.core.UniqueConstraint;

import tutorial.database.ServerConnection;
import tutorial.database.Table;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * The models compared with library.db: what autogenerate is made of.
 *
 * Alembic compares SQLAlchemy's metadata with the database directly. Liquibase can only
 * compare two databases, so the models are first built into a throw-away in-memory SQLite
 * database (the same CREATE TABLE statements 01_create ran), and Liquibase's diff compares
 * that reference with library.db. Liquibase's own DATABASECHANGELOG tables never take part.
 */
public final class ModelDiff implements AutoCloseable {

    private static final String LIQUIBASE_TABLES = "(?i)DATABASECHANGELOG.*";

    private final Connection modelsConnection;
    private final DiffResult result;

    private ModelDiff(Connection modelsConnection, DiffResult result) {
        this.modelsConnection = modelsConnection;
        this.result = result;
    }

    /**
     * Before connecting: the models are compared with a SQLite database only, so a server named in
     * liquibase.properties is said as that, not as the driver it would need.
     */
    public static void requireSqlite(Project project) {
        if (!project.url().startsWith("jdbc:sqlite:")) {
            throw onlySqlite(project.url());
        }
    }

    /** The reference is built in SQLite: against another kind of database every type would differ. */
    private static LessonError onlySqlite(String url) {
        return new LessonError("Comparing the models works on library.db (SQLite) only, and " + Project.SETTINGS_FILE
                + " names another database: " + ServerConnection.name(url) + ".",
                "Put url=jdbc:sqlite:library.db back in " + Project.SETTINGS_FILE + " for 03_change_model and 04_autogenerate. The changesets they "
                        + "write run unchanged on a server: pass it to 05_upgrade, 06_verify and 07_rollback with --url.");
    }

    /** Diffs the models (the reference) against the database Liquibase manages (the target). */
    public static ModelDiff compare(Migrations migrations, List<Table> models) {
        return compare(migrations, models, true);
    }

    /** With compareThem false, only the checks: the database is SQLite and the models build; nothing is compared. */
    private static ModelDiff compare(Migrations migrations, List<Table> models, boolean compareThem) {
        if (!(migrations.database() instanceof SQLiteDatabase)) {
            throw onlySqlite(migrations.database().getConnection().getURL());
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            try (Statement statement = connection.createStatement()) {
                for (Table table : models) {
                    for (String sql : table.createStatements()) {
                        statement.execute(sql);
                    }
                }
            }
            if (!compareThem) {
                return new ModelDiff(connection, null);
            }
            Database reference = Migrations.wrap(connection);
            CommandScope diff = Migrations.command(DiffCommandStep.COMMAND_NAME)
                    .addArgumentValue(ReferenceDbUrlConnectionCommandStep.REFERENCE_DATABASE_ARG, reference)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, migrations.database())
                    .addArgumentValue(PreCompareCommandStep.EXCLUDE_OBJECTS_ARG, LIQUIBASE_TABLES)
                    .setOutput(OutputStream.nullOutputStream());
            // Column order is no difference a migration can or should fix on SQLite (Alembic ignores
            // it too): a column added later always comes last, whatever line the models give it.
            Scope.ScopedRunnerWithReturn<DiffResult> compare = () -> diff.execute().getResult(DiffCommandStep.DIFF_RESULT);
            DiffResult result = migrations.inScope(() -> Scope.child(Map.of(GlobalConfiguration.DIFF_COLUMN_ORDER.getKey(), false), compare));
            return new ModelDiff(connection, result);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new LessonError("The models in " + Project.MODELS_FILE + " do not make a valid schema: " + e.getMessage(),
                    "Check the line you edited last in " + Project.MODELS_FILE + ".");
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * The models compared with library.db by a step's block (03's diff, 04's diffChangelog), which
     * builds the models' database and runs the command itself: the block runs watched, with a
     * receiver for the comparison in the Scope (DiffCapture hands it over from Liquibase's
     * pipeline) and column order left out of the comparison, as compare() does. The models are
     * built once beforehand too, so that a model SQLite refuses is named as such.
     */
    public static ModelDiff fromBlock(Migrations migrations, List<Table> models, boolean verbose, Migrations.Block block) {
        compare(migrations, models, false).close();
        java.util.concurrent.atomic.AtomicReference<DiffResult> compared = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Consumer<DiffResult> receiver = compared::set;
        try {
            Scope.child(Map.of(DiffCapture.RECEIVER, receiver, GlobalConfiguration.DIFF_COLUMN_ORDER.getKey(), false), () -> {
                migrations.watching(false, verbose, block);
            });
        } catch (LessonError failure) {
            throw failure;
        } catch (Exception e) {
            throw Failures.explain(e);
        }
        if (compared.get() == null) {
            throw new IllegalStateException("The step's block ran no diff for DiffCapture to hand over");
        }
        return new ModelDiff(null, compared.get());
    }

    public boolean inSync() {
        return lines().isEmpty();
    }

    /** A -m message for 04_autogenerate: "add genre column to books" when one column is all that is new, else a prompt. */
    public String suggestedMessage() {
        List<? extends DatabaseObject> missing = result.getMissingObjects().stream().filter(ModelDiff::shown).toList();
        if (missing.size() == 1 && missing.get(0) instanceof Column column && lines().size() == 1) {
            return addColumnMessage(column.getRelation().getName(), column.getName());
        }
        return NO_SUGGESTION;
    }

    /** The -m message for a changeset that adds one column: "add genre column to books". */
    public static String addColumnMessage(String table, String column) {
        return "add " + column + " column to " + table;
    }

    /** The -m placeholder where no message says it better. */
    public static final String NO_SUGGESTION = "say what it does";

    /**
     * What differs, one line each: "+" for what the models have and the database lacks,
     * "-" for what the database has and the models lack, "~" for what both have, differently.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        result.getMissingObjects().stream().filter(ModelDiff::shown).sorted(ORDER)
                .forEach(o -> lines.add("+ " + describe(o) + "   (in the models, not in the database)"));
        result.getUnexpectedObjects().stream().filter(ModelDiff::shown).sorted(ORDER)
                .forEach(o -> lines.add("- " + describe(o) + "   (in the database, not in the models)"));
        result.getChangedObjects().entrySet().stream().filter(e -> shown(e.getKey()))
                .sorted((a, b) -> ORDER.compare(a.getKey(), b.getKey()))
                .forEach(e -> lines.add("~ " + name(e.getKey()) + ": " + differences(e.getValue())));
        return lines;
    }

    /** The changesets that make the database match the models, as diff-changelog writes them. */
    public List<ChangeSet> changeSets(String idRoot, String author, String comment) {
        try {
            DiffToChangeLog writer = new DiffToChangeLog(result, new DiffOutputControl(false, false, false, null));
            writer.setIdRoot(idRoot);
            writer.setChangeSetAuthor(author);
            List<ChangeSet> changeSets = writer.generateChangeSets();
            changeSets.forEach(changeSet -> changeSet.setComments(comment));
            changeSets.forEach(changeSet -> changeSet.getChanges().forEach(this::typeAsTheModelsSayIt));
            return changeSets;
        } catch (Exception e) {
            throw Failures.explain(e);
        }
    }

    /**
     * A type change proposes the type the models declare (INTEGER), as the diff's own line says
     * it, where Liquibase would write SQLite's report of it: every type with a size of
     * 2000000000 (int(2000000000)).
     */
    private void typeAsTheModelsSayIt(liquibase.change.Change change) {
        if (change instanceof liquibase.change.core.ModifyDataTypeChange modify) {
            result.getChangedObjects().keySet().stream()
                    .filter(object -> object instanceof Column column && column.getType() != null
                            && column.getRelation().getName().equalsIgnoreCase(modify.getTableName())
                            && column.getName().equalsIgnoreCase(modify.getColumnName()))
                    .findFirst().ifPresent(column -> modify.setNewDataType(typeName(((Column) column).getType())));
        }
    }

    private static final Comparator<DatabaseObject> ORDER = Comparator
            .comparing((DatabaseObject o) -> o.getClass().getSimpleName()).thenComparing(ModelDiff::describe);

    /** Tables, columns, keys and indexes: the parts of a schema the models can declare. */
    private static boolean shown(DatabaseObject object) {
        return object instanceof Relation || object instanceof Column || object instanceof ForeignKey
                || object instanceof Index || object instanceof PrimaryKey || object instanceof UniqueConstraint;
    }

    /** "column books.isbn": what an object is, without the details that may be what changed. */
    static String name(DatabaseObject object) {
        if (object instanceof Column column) {
            return "column " + column.getRelation().getName() + "." + column.getName();
        }
        return describe(object);
    }

    static String describe(DatabaseObject object) {
        if (object instanceof Column column) {
            String type = column.getType() == null ? "" : " " + typeName(column.getType());
            String nullable = Boolean.FALSE.equals(column.isNullable()) ? " NOT NULL" : "";
            return "column " + column.getRelation().getName() + "." + column.getName() + type + nullable;
        }
        if (object instanceof Index index) {
            return "index " + index.getName() + " on " + index.getRelation().getName() + " ("
                    + index.getColumns().stream().map(Column::getName).collect(Collectors.joining(", ")) + ")";
        }
        if (object instanceof ForeignKey key) {
            return "foreign key " + key.getName() + " " + key.getForeignKeyTable().getName() + "("
                    + key.getForeignKeyColumns().stream().map(Column::getName).collect(Collectors.joining(", ")) + ") -> "
                    + key.getPrimaryKeyTable().getName() + "("
                    + key.getPrimaryKeyColumns().stream().map(Column::getName).collect(Collectors.joining(", ")) + ")";
        }
        if (object instanceof PrimaryKey key) {
            return "primary key of " + key.getTable().getName();
        }
        return object.getObjectTypeName() + " " + object.getName();
    }

    /** VARCHAR(50), as the models write it (Liquibase's own toString says VARCHAR(50 BYTE)). */
    static String typeName(liquibase.structure.core.DataType type) {
        // SQLite reports a size for every type (2000000000 for TEXT); only some types declare one.
        if (type.getColumnSize() == null || !type.getTypeName().toUpperCase().matches("N?VARCHAR|N?CHAR|CHARACTER|DECIMAL|NUMERIC")) {
            return type.getTypeName();
        }
        return type.getTypeName() + "(" + type.getColumnSize()
                + (type.getDecimalDigits() == null ? "" : ", " + type.getDecimalDigits()) + ")";
    }

    private static String differences(ObjectDifferences differences) {
        return differences.getDifferences().stream().map(ModelDiff::difference).collect(Collectors.joining("; "));
    }

    private static String difference(Difference difference) {
        return difference.getField() + " is " + value(difference.getReferenceValue()) + " in the models, "
                + value(difference.getComparedValue()) + " in the database";
    }

    private static Object value(Object value) {
        return value instanceof liquibase.structure.core.DataType type ? typeName(type) : value;
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // Nothing to save in a throw-away in-memory database.
        }
    }

    @Override
    public void close() {
        closeQuietly(modelsConnection);
    }
}
