package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

import tutorial.lesson.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

/**
 * The tables a changelog starts from: what 01_create built in library.db before the first
 * migration. A new database (a PostgreSQL server, say) must start from exactly there, or the
 * changelog's first addColumn finds its column already made. Once you have done step 3 the
 * models already hold genre, so the starting tables are the models less the columns and
 * indexes that the changelog's own changesets add.
 */
public final class StartingSchema {

    private final List<Table> tables;
    private final List<String> leftToTheChangelog;

    private StartingSchema(List<Table> tables, List<String> leftToTheChangelog) {
        this.tables = tables;
        this.leftToTheChangelog = leftToTheChangelog;
    }

    public static StartingSchema of(List<Table> models, DatabaseChangeLog changelog) {
        List<String> columns = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof AddColumnChange add) {
                    for (ColumnConfig column : add.getColumns()) {
                        columns.add(key(add.getTableName(), column.getName()));
                        left.add("column " + add.getTableName() + "." + column.getName());
                    }
                } else if (change instanceof CreateIndexChange index) {
                    indexes.add(key(index.getTableName(), index.getIndexName()));
                    left.add("index " + index.getIndexName());
                }
            }
        }
        List<Table> tables = models.stream().map(table -> table.without(
                names(columns, table.name()), names(indexes, table.name()))).toList();
        // A column added twice (fix-2 adds isbn anew after alter-1 did) is left to the changelog once.
        return new StartingSchema(tables, left.stream().distinct().toList());
    }

    /**
     * Builds the starting tables and the three sample books on a new database (the create_all()
     * of this lesson), and says what it ran and what it leaves to the changelog.
     */
    public static void create(Project project, LibraryDatabase library, List<Table> models) {
        StartingSchema start = of(models, Migrations.on(project, library).changelog());
        List<String> unwritten = notYetInAChangeset(project, start.tables);
        List<Table> tables = start.tables.stream().filter(table -> !unwritten.contains("the table " + table.name()))
                .map(table -> table.without(names(unwritten.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList(), table.name()), List.of()))
                .toList();
        library.createFromModels(tables);
        Console.say("Tables created from the models, as 01_create made them in library.db before the first");
        Console.say("migration (this lesson's create_all()), and the three books inserted:");
        library.createStatements(tables).forEach(sql -> Console.indented(sql.lines().toList()));
        if (!start.leftToTheChangelog.isEmpty()) {
            Console.say("Left to the changelog, which adds them: " + String.join(", ", start.leftToTheChangelog) + ".");
        }
        if (!unwritten.isEmpty()) {
            Console.say("Left out, as library.db has none and no changeset adds it yet: " + String.join(", ", unwritten)
                    + " (04_autogenerate writes the changeset that adds it, here too).");
        }
    }

    /**
     * What these tables hold and the project's library.db lacks, now that the changelog's own
     * additions are taken out: a model edit no changeset carries yet (step 3's genre before step
     * 4, say). A new database leaves it out, as library.db has it, or the changeset autogenerate
     * writes next would find it made already. Nothing when there is no library.db to compare with.
     */
    private static List<String> notYetInAChangeset(Project project, List<Table> tables) {
        Project local = Project.at(project.root());
        if (local.databaseFile() == null || !java.nio.file.Files.isRegularFile(local.databaseFile())) {
            return List.of();
        }
        try (LibraryDatabase library = LibraryDatabase.open(local)) {
            List<String> missing = Schema.read(library).missingFrom(tables);
            // A library.db with none of the tables is no reference: the models as they are.
            return missing.stream().filter(name -> name.startsWith("the table ")).count() == tables.size() ? List.of() : missing;
        } catch (LessonError unreadable) {
            return List.of(); // library.db broken or empty: the models as they are
        }
    }

    /**
     * The same on library.db when the changelog already has changesets: the tables as they were
     * before the first one, so that 05_upgrade can run the whole changelog (a clone of a project
     * whose models already hold what its changesets add would otherwise fail on a duplicate column).
     */
    public static void createForTheChangelog(Project project, LibraryDatabase library, List<Table> models) {
        StartingSchema start = of(models, Migrations.on(project, library).changelog());
        library.createFromModels(start.tables);
        Console.say("Tables created as they were before the changelog's first changeset (the models, less "
                + (start.leftToTheChangelog.isEmpty() ? "nothing" : String.join(", ", start.leftToTheChangelog)) + "). Sample data inserted.");
        Console.say("Next: ./jbang steps/05_upgrade.java runs the changelog from there, as on every database this project makes.");
    }

    public List<Table> tables() {
        return tables;
    }

    private static String key(String table, String name) {
        return table.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT);
    }

    private static List<String> names(List<String> keys, String table) {
        String prefix = table.toLowerCase(Locale.ROOT) + ".";
        return keys.stream().filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length())).toList();
    }
}
