package tutorial.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

import tutorial.database.LessonBooks;
import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.database.Table;
import tutorial.lesson.Console;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * The tables a changelog starts from: what 01_create built in library.db before the first
 * migration. A new database (a PostgreSQL server, say) must start from exactly there, or the
 * changelog's first addColumn finds its column already made. Once you have done step 3 the
 * models already hold genre, so the starting tables are the models less the columns and
 * indexes that the changelog's own changesets add (in Liquibase's changes, or in SQL: SqlAdds).
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
        List<String> created = new ArrayList<>();
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
                } else if (change instanceof CreateTableChange create) {
                    created.add(create.getTableName().toLowerCase(Locale.ROOT));
                    left.add("table " + create.getTableName());
                } else {
                    for (SqlAdds.Add add : SqlAdds.of(change)) { // the same, written in SQL
                        if (add.index()) {
                            indexes.add(key(add.table(), add.name()));
                            left.add("index " + add.name());
                        } else if (add.name() != null) {
                            columns.add(key(add.table(), add.name()));
                            left.add("column " + add.table() + "." + add.name());
                        } else {
                            created.add(add.table().toLowerCase(Locale.ROOT));
                            left.add("table " + add.table());
                        }
                    }
                }
            }
        }
        List<Table> tables = models.stream().filter(table -> !created.contains(table.name().toLowerCase(Locale.ROOT)))
                .map(table -> table.without(names(columns, table.name()), names(indexes, table.name()))).toList();
        // A column added twice (fix-2 adds isbn anew after alter-1 did) is left to the changelog once.
        return new StartingSchema(tables, left.stream().distinct().toList());
    }

    /**
     * Builds the starting tables and the three sample books on a new database (the create_all()
     * of this lesson), and says what it ran and what it leaves to the changelog.
     */
    public static void create(Project project, LibraryDatabase library, List<Table> models) {
        StartingSchema start = of(models, Migrations.on(project, library).changelog());
        Unwritten unwritten = Unwritten.in(project, start.tables);
        List<Table> tables = start.tables.stream().filter(table -> !unwritten.tables().contains(table.name().toLowerCase(Locale.ROOT)))
                .map(table -> table.without(names(unwritten.columns(), table.name()), names(unwritten.indexes(), table.name()))).toList();
        LessonBooks.createAll(library, tables);
        Console.say("Tables created from the models, as 01_create made them in library.db before the first");
        Console.say("migration (this lesson's create_all()), and the three books inserted:");
        LessonBooks.createStatements(library, tables).forEach(sql -> Console.indented(sql.lines().toList()));
        if (!start.leftToTheChangelog.isEmpty()) {
            Console.say("Left to the changelog, which adds them: " + String.join(", ", start.leftToTheChangelog) + ".");
        }
        if (!unwritten.said().isEmpty()) {
            Console.say("Left out, as " + unwritten.database() + " does not have them yet: " + String.join(", ", unwritten.said())
                    + " (the changeset that adds them there, once written, adds them here too).");
        }
    }

    /**
     * What the models hold, less the changelog's own additions, and the project's library.db still
     * lacks: a model edit no changeset carries yet (step 3's genre before step 4, say), or one whose
     * changeset is still pending. A new database leaves it out, as library.db has it, or the changeset
     * that adds it would find it made already. Tables, columns ("books.genre") and indexes, keyed in
     * lower case; nothing when there is no library.db to compare with, or it cannot be read now
     * (busy, broken: the models as they are, as before).
     */
    record Unwritten(String database, List<String> tables, List<String> columns, List<String> indexes, List<String> said) {

        static Unwritten in(Project project, List<Table> models) {
            Project local = Project.at(project.root());
            Unwritten none = new Unwritten("library.db", List.of(), List.of(), List.of(), List.of());
            if (local.databaseFile() == null || !java.nio.file.Files.isRegularFile(local.databaseFile())) {
                return none;
            }
            try (LibraryDatabase library = LibraryDatabase.open(local)) {
                Schema schema = Schema.read(library);
                // Tables and columns as 05_upgrade and drift find them missing ("the table reviews", "books.genre"); then indexes.
                List<String> said = new ArrayList<>(schema.missingFrom(models));
                List<String> tables = said.stream().filter(name -> name.startsWith("the table "))
                        .map(name -> name.substring("the table ".length()).toLowerCase(Locale.ROOT)).toList();
                List<String> columns = said.stream().filter(name -> !name.startsWith("the table "))
                        .map(name -> name.toLowerCase(Locale.ROOT)).toList();
                List<String> indexes = new ArrayList<>();
                for (Table table : models) {
                    Schema.TableShape there = schema.tables().get(table.name());
                    for (Table.Index index : there == null ? List.<Table.Index>of() : table.indexes()) {
                        if (there.indexes().stream().noneMatch(shape -> shape.name().equalsIgnoreCase(index.name()))) {
                            indexes.add(key(table.name(), index.name()));
                            said.add("index " + index.name());
                        }
                    }
                }
                return new Unwritten(library.name(), tables, columns, indexes, said);
            } catch (LessonError unreadable) {
                return none;
            }
        }
    }

    /**
     * The same on library.db when the changelog already has changesets: the tables as they were
     * before the first one, so that 05_upgrade can run the whole changelog (a clone of a project
     * whose models already hold what its changesets add would otherwise fail on a duplicate column).
     */
    public static void createForTheChangelog(Project project, LibraryDatabase library, List<Table> models) {
        StartingSchema start = of(models, Migrations.on(project, library).changelog());
        LessonBooks.createAll(library, start.tables);
        Console.say("Tables created as they were before the changelog's first changeset (" + (start.leftToTheChangelog.isEmpty()
                ? "the models as they are: no changeset adds what they have" : "the models, less " + String.join(", ", start.leftToTheChangelog))
                + "). Sample data inserted.");
        Console.say("Next: " + tutorial.lesson.CommandLine.onSameDatabase(project, "steps/05_upgrade.java")
                + " runs the changelog from there, as on every database this project makes.");
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
