package tutorial.exercises;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.project.*;

/**
 * What the exercise checks look at: library.db and the changelog as they are now. Every
 * question is answered from the database (PRAGMA, rows, DATABASECHANGELOG) or the files,
 * never from a note of what the learner did.
 */
public final class Evidence implements AutoCloseable {

    private final Project project;
    private final LibraryDatabase library;
    private final Migrations migrations;
    /** The models as the script that checks was built with them (the machinery never compiles them in). */
    private final List<Table> models;

    private Evidence(Project project, LibraryDatabase library, List<Table> models) {
        this.project = project;
        this.models = models;
        this.library = library;
        this.migrations = Migrations.on(project, library);
    }

    public static Evidence of(Project project, List<Table> models) {
        return new Evidence(project, LibraryDatabase.open(project), models);
    }

    public Migrations migrations() {
        return migrations;
    }

    public Optional<LibraryDatabase.ColumnInfo> column(String table, String name) {
        return library.columns(table).stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The column of that name in the models' table of that name, if they declare one. */
    public Optional<Table.Column> modelColumn(String table, String name) {
        return models.stream().filter(t -> t.name().equalsIgnoreCase(table)).flatMap(t -> t.columns().stream())
                .filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<String> rows(String sql) {
        return library.strings(sql);
    }

    /** The changelog's changesets that are applied, with their changes; empty when the changelog cannot be read. */
    public List<ChangeSet> appliedChangeSets() {
        try {
            List<RanChangeSet> applied = migrations.applied();
            return migrations.changelog().getChangeSets().stream()
                    .filter(changeSet -> applied.stream().anyMatch(ran -> ran.isSameAs(changeSet))).toList();
        } catch (LessonError unreadable) {
            return List.of();
        }
    }

    /** True when an applied changeset has a change of this kind (e.g. "addColumn") that mentions all these words. */
    public boolean appliedChange(String changeName, String... words) {
        return appliedChangeSets().stream().flatMap(changeSet -> changeSet.getChanges().stream())
                .anyMatch(change -> matches(change, changeName, words));
    }

    /** True when an applied changeset has such a change and a rollback block written by hand. */
    public boolean appliedChangeWithRollback(String changeName, String... words) {
        return appliedChangeSets().stream()
                .filter(changeSet -> !changeSet.getRollback().getChanges().isEmpty())
                .flatMap(changeSet -> changeSet.getChanges().stream())
                .anyMatch(change -> matches(change, changeName, words));
    }

    private static boolean matches(Change change, String changeName, String... words) {
        String name = liquibase.Scope.getCurrentScope().getSingleton(liquibase.change.ChangeFactory.class)
                .getChangeMetaData(change).getName();
        String text = new liquibase.serializer.core.yaml.YamlChangeLogSerializer().serialize(change, true).toLowerCase();
        return name.equals(changeName) && List.of(words).stream().allMatch(word -> text.contains(word.toLowerCase()));
    }

    /** Applied changesets whose file is no longer there: what deleting a changeset file leaves behind. */
    public List<String> appliedButFileMissing() {
        return migrations.applied().stream().map(RanChangeSet::getChangeLog).distinct()
                .filter(file -> !Files.exists(project.root().resolve(file))).toList();
    }

    @Override
    public void close() {
        library.close();
    }
}
