package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Both ways an addColumn or dropColumn reaches SQLite, each proven on a real library.db with
 * hand-written changesets run by 05_upgrade and 07_rollback: SQLite's own ALTER TABLE where it
 * does exactly what the changeset says (a plain nullable column; a column no key or index uses),
 * and Liquibase's table rebuild everywhere else. Either way the rows, the foreign keys and the
 * indexes must come through, read back with PRAGMA.
 */
@Tag("liquibase")
class NativeAlterTableTest {

    static final String INDEX_ON_TITLE = """
            databaseChangeLog:
            - changeSet:
                id: 0001-1
                author: test
                changes:
                - createIndex:
                    indexName: ix_books_title
                    tableName: books
                    columns:
                    - column:
                        name: title
            """;

    static String addColumn(String id, String table, String column, String type, String more) {
        return """
                databaseChangeLog:
                - changeSet:
                    id: %s
                    author: test
                    changes:
                    - addColumn:
                        tableName: %s
                        columns:
                        - column:
                            name: %s
                            type: %s
                %s""".formatted(id, table, column, type, more.indent(12));
    }

    /** That state, made by the real steps for the first test that asks, and laid into the copies of the others. */
    private static Snapshot withIndex;

    /** A copy at the lesson's start, library.db created, and the index on titles applied. */
    static synchronized ScratchProject libraryWithIndex() throws IOException {
        ScratchProject project = Learner.copyAt(LessonState.CREATED);
        if (withIndex != null) {
            withIndex.restoreInto(project);
            return project;
        }
        changesets(project, INDEX_ON_TITLE);
        succeeds(project, "steps/05_upgrade.java");
        assertEquals(List.of("ix_books_title(title)"), indexes(project));
        withIndex = Snapshot.take(project);
        return project;
    }

    /** Writes these changesets as 0001_..., 0002_..., and makes the master changelog include them, in order. */
    static void changesets(ScratchProject project, String... files) throws IOException {
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (int i = 0; i < files.length; i++) {
            String name = "changes/%04d_test.yaml".formatted(i + 1);
            Files.createDirectories(project.path("changelog/changes"));
            Files.writeString(project.path("changelog/" + name), files[i]);
            master.append("  - include:\n      file: ").append(name).append("\n      relativeToChangelogFile: true\n");
        }
        Files.writeString(project.path("changelog/db.changelog-master.yaml"), master.toString());
    }

    static Path database(ScratchProject project) {
        return project.path("library.db");
    }

    /** Each index of books with its columns, as SQLite lists them. */
    static List<String> indexes(ScratchProject project) {
        return ReadBack.rows(database(project), "SELECT l.name || '(' || group_concat(i.name) || ')' FROM pragma_index_list('books') l, "
                + "pragma_index_info(l.name) i GROUP BY l.name ORDER BY l.name");
    }

    static List<String> foreignKeys(ScratchProject project, String table) {
        return ReadBack.rows(database(project), "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('" + table + "')");
    }

    static final List<String> BOOKS_FOREIGN_KEY = List.of("author_id | authors | id");

    /** What must come through every change: the rows of both tables, books' foreign key, its index, no orphans. */
    static void assertIntact(ScratchProject project) {
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database(project)), "every book and its author");
        assertEquals(BOOKS_FOREIGN_KEY, foreignKeys(project, "books"), "books' foreign key to authors");
        assertEquals(List.of(), ReadBack.rows(database(project), "SELECT * FROM pragma_foreign_key_check"), "no row points nowhere");
        assertTrue(indexes(project).contains("ix_books_title(title)"), () -> "the index on titles: " + indexes(project));
        assertEquals(List.of("ok"), ReadBack.rows(database(project), "PRAGMA integrity_check"));
    }

    static String createSql(ScratchProject project, String table) {
        return ReadBack.rows(database(project), "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'").get(0);
    }

    /** Runs ./jbang in the copy and expects it to succeed. */
    static Result succeeds(ScratchProject project, String... command) {
        Result result = project.jbang(command);
        Learner.assertExit(0, result);
        return result;
    }

    static void assertRebuilt(Result result, String table) {
        Learner.assertShows(result, "ALTER TABLE " + table + " RENAME TO " + table + "_temporary");
        Learner.assertShows(result, "INSERT INTO " + table + " (");
    }

    @Test
    @DisplayName("A plain nullable column is added and dropped with SQLite's own ALTER TABLE, rows, key and index kept")
    void plainColumnIsNative() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            String before = createSql(project, "books");
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "books", "genre", "VARCHAR(50)", ""));

            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            Learner.assertShows(upgrade, "  ALTER TABLE books ADD COLUMN genre VARCHAR(50)\n\n1 changeset applied.");
            assertFalse(upgrade.output().contains("books_temporary"), upgrade.output());
            assertEquals(List.of("id | INTEGER | 1 | 1", "title | VARCHAR(200) | 1 | 0", "author_id | INTEGER | 0 | 0", "genre | VARCHAR(50) | 0 | 0"),
                    ReadBack.columns(database(project), "books"));
            assertEquals(List.of("null", "null", "null"), ReadBack.rows(database(project), "SELECT genre FROM books ORDER BY id"));
            assertIntact(project);
            assertEquals(List.of("ix_books_title(title)"), indexes(project));

            Result rollback = succeeds(project, "steps/07_rollback.java");
            Learner.assertShows(rollback, "  ALTER TABLE books DROP COLUMN genre\n");
            assertIntact(project);
            assertEquals(before, createSql(project, "books"), "the table is as 01_create made it, to the letter");
        }
    }

    @Test
    @DisplayName("A column added to a table others point at leaves their foreign keys pointing at it")
    void referencedTableKeepsForeignKeys() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            String books = createSql(project, "books");
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "authors", "born", "INTEGER", ""));

            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            Learner.assertShows(upgrade, "  ALTER TABLE authors ADD COLUMN born INTEGER\n");
            assertEquals(List.of("id", "name", "born"), ReadBack.columnNames(database(project), "authors"));
            assertIntact(project);
            assertEquals(books, createSql(project, "books"), "books, and its REFERENCES authors, untouched");

            Result rollback = succeeds(project, "steps/07_rollback.java");
            Learner.assertShows(rollback, "  ALTER TABLE authors DROP COLUMN born\n");
            assertEquals(List.of("id", "name"), ReadBack.columnNames(database(project), "authors"));
            assertIntact(project);
        }
    }

    @Test
    @DisplayName("A UNIQUE column goes through Liquibase's rebuild, and so does dropping it (it is indexed): rows, keys, indexes kept")
    void uniqueColumnIsRebuilt() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "books", "isbn", "VARCHAR(20)", """
                    constraints:
                      unique: true"""));

            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            assertRebuilt(upgrade, "books");
            assertEquals(List.of("id", "title", "author_id", "isbn"), ReadBack.columnNames(database(project), "books"));
            assertIntact(project);
            assertTrue(indexes(project).contains("sqlite_autoindex_books_1(isbn)"), () -> "isbn is unique: " + indexes(project));

            Result rollback = succeeds(project, "steps/07_rollback.java");
            assertRebuilt(rollback, "books");
            assertFalse(rollback.output().contains("DROP COLUMN"), "SQLite cannot drop an indexed column: " + rollback.output());
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database(project), "books"));
            assertIntact(project);
            assertEquals(List.of("ix_books_title(title)"), indexes(project));
        }
    }

    @Test
    @DisplayName("A dropColumn naming its one indexed column (in another case: SQLite's names are) goes through Liquibase's rebuild and the "
            + "column is gone (Liquibase 4.33's rebuild kept it and recorded the change as applied); its index goes with it, the checksum as written")
    void indexedColumnDroppedByRebuild() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            changesets(project, INDEX_ON_TITLE, """
                    databaseChangeLog:
                    - changeSet:
                        id: 0002-1
                        author: test
                        changes:
                        - dropColumn:
                            tableName: books
                            columnName: Title
                        rollback:
                        - addColumn:
                            tableName: books
                            columns:
                            - column:
                                name: title
                                type: VARCHAR(200)
                    """);
            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            assertRebuilt(upgrade, "books");
            assertFalse(createSql(project, "books").contains("title"), createSql(project, "books"));
            assertEquals(List.of("id", "author_id"), ReadBack.columnNames(database(project), "books"));
            assertEquals(List.of(), indexes(project), "the index on titles went with its column");
            assertEquals(List.of("3"), ReadBack.rows(database(project), "SELECT count(*) FROM books"));
            assertEquals(BOOKS_FOREIGN_KEY, foreignKeys(project, "books"));
            // Run again: nothing to do, and no checksum complaint (the change was not rewritten to be rebuilt).
            Learner.assertShows(succeeds(project, "steps/05_upgrade.java"), "Nothing to upgrade: library.db already has every changeset of the changelog.");
        }
    }

    @Test
    @DisplayName("Autogenerate drops an index before the column it is on (Liquibase's order is the other way, and the dropIndex then failed on "
            + "an index gone with its column); the upgrade runs both")
    void indexDroppedBeforeItsColumn() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            Path models = project.path(Learner.MODELS);
            Files.writeString(models, Files.readString(models).replace(".column(\"title\", string(200), NOT_NULL)", ""));
            Learner.assertExit(0, project.jbang("steps/04_autogenerate.java", "-m", "drop title"));
            String written = Files.readString(project.path("changelog/changes/0002_drop_title.yaml"));
            assertTrue(written.indexOf("- dropIndex:") >= 0 && written.indexOf("- dropIndex:") < written.indexOf("- dropColumn:"), written);
            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            int dropIndex = upgrade.output().indexOf("DROP INDEX ix_books_title");
            assertTrue(dropIndex >= 0 && dropIndex < upgrade.output().indexOf("ALTER TABLE books DROP COLUMN title"), upgrade.output());
            assertEquals(List.of("id", "author_id"), ReadBack.columnNames(database(project), "books"));
            assertEquals(List.of(), indexes(project));
        }
    }

    @Test
    @DisplayName("A NOT NULL column with a default is added natively: NOT NULL, its default on every row; it rolls back (no drop-default)")
    void columnWithDefaultIsNative() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            String before = createSql(project, "books");
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "books", "lang", "VARCHAR(5)", """
                    defaultValue: en
                    constraints:
                      nullable: false"""));

            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            Learner.assertShows(upgrade, "  ALTER TABLE books ADD COLUMN lang VARCHAR(5) DEFAULT 'en' NOT NULL\n");
            Learner.assertShows(upgrade, "  + lang VARCHAR(5) NOT NULL DEFAULT 'en'\n"); // what changed names the default too
            assertFalse(upgrade.output().contains("books_temporary"), upgrade.output());
            assertTrue(ReadBack.columns(database(project), "books").contains("lang | VARCHAR(5) | 1 | 0"),
                    () -> "lang is NOT NULL: " + ReadBack.columns(database(project), "books"));
            assertEquals(List.of("'en'"), ReadBack.rows(database(project), "SELECT dflt_value FROM pragma_table_info('books') WHERE name = 'lang'"));
            assertEquals(List.of("en", "en", "en"), ReadBack.rows(database(project), "SELECT lang FROM books ORDER BY id"));
            assertIntact(project);

            Result rollback = succeeds(project, "steps/07_rollback.java");
            Learner.assertShows(rollback, "  ALTER TABLE books DROP COLUMN lang\n");
            assertFalse(rollback.output().contains("dropDefaultValue"), rollback.output());
            assertEquals(before, createSql(project, "books"), "the table is as before, to the letter");
            assertIntact(project);
        }
    }

    @Test
    @DisplayName("A NOT NULL column without a default, on a table with rows: stopped with SQLite's reason, nothing changed")
    void notNullWithoutDefaultStops() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            List<String> before = ReadBack.everything(database(project));
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "books", "lang", "VARCHAR(5)", """
                    constraints:
                      nullable: false"""));

            Result refused = project.jbang("steps/05_upgrade.java");
            Messages.assertRefused(refused, 1, Messages.NOT_NULL_NO_DEFAULT);
            // alter-1 autogenerated from an isbn declared NOT_NULL: the way out goes through the models, where the NOT NULL came from.
            Learner.assertShows(refused, "Give the column a defaultValue in the changeset (every row gets it), or add it without nullable: false. "
                    + "If 04_autogenerate wrote it, the models say NOT_NULL too (and cannot declare a default): take NOT_NULL out of the column's "
                    + "line in Models.java, then ./jbang revision --discard and autogenerate again.");
            assertEquals(before, ReadBack.everything(database(project)), "library.db as it was");
        }
    }

    @Test
    @DisplayName("Rolling back a createTable that holds rows says so before it runs, and the row counts name the table that went")
    void droppedTableIsNamed() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            changesets(project, INDEX_ON_TITLE, """
                    databaseChangeLog:
                    - changeSet:
                        id: 0002-1
                        author: test
                        changes:
                        - createTable:
                            tableName: shelves
                            columns:
                            - column: {name: id, type: INTEGER, constraints: {primaryKey: true}}
                            - column: {name: label, type: VARCHAR(20)}
                    """);
            succeeds(project, "steps/05_upgrade.java");
            Outsider.execute(database(project), "INSERT INTO shelves VALUES (1, 'a'), (2, 'b')");

            Result rollback = succeeds(project, "steps/07_rollback.java");
            Learner.assertShows(rollback, "Rolling back 0002-1 drops the table shelves, which holds 2 rows.");
            Learner.assertShows(rollback, "Rows: authors 3 -> 3, books 3 -> 3, shelves 2 -> (dropped)");
            assertIntact(project);
        }
    }

    @Test
    @DisplayName("05_upgrade --sql of a pending dropColumn names the column and the values it would take, and changes nothing; the same drop "
            + "in an sql change is named too, before it runs, with a copy kept")
    void previewNamesADrop() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            Outsider.execute(database(project), "ALTER TABLE books ADD COLUMN notes TEXT", "UPDATE books SET notes = 'signed' WHERE id = 1");
            changesets(project, INDEX_ON_TITLE, """
                    databaseChangeLog:
                    - changeSet:
                        id: 0002-1
                        author: test
                        changes:
                        - dropColumn: {tableName: books, columnName: notes}
                    """);
            byte[] before = Files.readAllBytes(database(project));
            Result preview = succeeds(project, "steps/05_upgrade.java", "--sql");
            Learner.assertShows(preview, "DS102 0002-1: drops books.notes, and the 1 value it holds.");
            Learner.assertShows(preview, "ALTER TABLE books DROP COLUMN notes;");
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(database(project))), "--sql changed nothing");

            // The same drop in SQL, in a changeset that then fails: nothing changed, and run again it keeps no second copy of the
            // same library.db (each run kept one more, 91 MB a time on a big database).
            changesets(project, INDEX_ON_TITLE, """
                    databaseChangeLog:
                    - changeSet:
                        id: 0002-1
                        author: test
                        changes:
                        - sql: ALTER TABLE books DROP COLUMN notes
                        - sql: SELECT * FROM nowhere
                    """);
            List<String> copies = new java.util.ArrayList<>();
            java.util.regex.Pattern keptIn = java.util.regex.Pattern.compile("is kept in (\\.reset/\\S+\\.db): copy it back");
            for (int run = 0; run < 3; run++) {
                if (run == 2) { // a value changed since: this library.db is not the one kept, so it is kept anew
                    Outsider.execute(database(project), "UPDATE books SET notes = 'signed twice' WHERE id = 1");
                }
                List<String> everything = ReadBack.everything(database(project));
                Result failing = project.jbang("steps/05_upgrade.java");
                Learner.assertExit(1, failing);
                java.util.regex.Matcher copy = keptIn.matcher(failing.shown());
                assertTrue(copy.find(), failing.shown());
                copies.add(copy.group(1));
                assertEquals(everything, ReadBack.everything(database(project)), "the failed upgrade changed nothing");
                assertEquals(everything, ReadBack.everything(project.path(copy.group(1))), "the copy named is the database as it was");
            }
            assertEquals(copies.get(0), copies.get(1), "the second run names the copy the first kept");
            assertFalse(copies.get(2).equals(copies.get(1)), "a changed library.db is kept anew");
            try (var folders = Files.list(project.path(".reset"))) {
                assertEquals(2, folders.count(), "two runs' folders, the second run's gone with its copy");
            }
            Outsider.execute(database(project), "UPDATE books SET notes = 'signed' WHERE id = 1");
            // A database outside the project (--url with an absolute path) is kept under outside/FOLDER-HASH/, where its copy went over
            // itself.
            Path elsewhere = Files.createTempDirectory("elsewhere-").resolve("shelf.db");
            Files.copy(database(project), elsewhere);
            try {
                Result outside = project.jbang("steps/05_upgrade.java", "--url", "jdbc:sqlite:" + elsewhere);
                Learner.assertExit(1, outside);
                java.util.regex.Matcher copy = keptIn.matcher(outside.shown());
                assertTrue(copy.find() && copy.group(1).matches("\\.reset/[^/]+/outside/[0-9a-f]+/shelf\\.db"), outside.shown());
                assertEquals(ReadBack.everything(elsewhere), ReadBack.everything(project.path(copy.group(1))));
                try (var beside = Files.list(elsewhere.getParent())) {
                    assertEquals(List.of("shelf.db"), beside.map(file -> file.getFileName().toString()).toList(), "nothing written beside it");
                }
            } finally {
                Files.delete(elsewhere);
                Files.delete(elsewhere.getParent());
            }
            // The same drop written in SQL: Liquibase runs it as written, and 05_upgrade reads it all the same, says what goes
            // and keeps a copy first (it ran with neither).
            changesets(project, INDEX_ON_TITLE, """
                    databaseChangeLog:
                    - changeSet:
                        id: 0002-1
                        author: test
                        changes:
                        - sql: ALTER TABLE books DROP COLUMN notes
                        rollback:
                        - sql: ALTER TABLE books ADD COLUMN notes TEXT
                    """);
            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            Learner.assertShows(upgrade, "Applying 0002-1 drops books.notes, which holds 1 value.\n\nA copy of library.db as it is now is kept in .reset/");
            assertFalse(ReadBack.columnNames(database(project), "books").contains("notes"));
            java.util.regex.Matcher kept = java.util.regex.Pattern.compile("cp (\\.reset/\\S+/library\\.db) library\\.db").matcher(upgrade.shown());
            assertTrue(kept.find(), upgrade.shown());
            assertEquals(List.of("signed"), ReadBack.rows(project.path(kept.group(1)), "SELECT notes FROM books WHERE notes IS NOT NULL"));
        }
    }

    /** A table with everything a table can hold: UNIQUE (one column and two), CHECK, a default, NOT NULL, an index, a foreign key out and one in. */
    static final String[] RICH_TABLE = {
            "CREATE TABLE shelves (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL DEFAULT 'new', code VARCHAR(10) UNIQUE, "
                    + "pos INTEGER CHECK (pos >= 0), author_id INTEGER, CONSTRAINT fk_shelves_author FOREIGN KEY (author_id) REFERENCES authors(id), "
                    + "CONSTRAINT uq_label_pos UNIQUE (label, pos))",
            "CREATE INDEX ix_shelves_pos ON shelves(pos)",
            "CREATE TABLE placements (id INTEGER PRIMARY KEY, shelf_id INTEGER, CONSTRAINT fk_placements_shelf FOREIGN KEY (shelf_id) REFERENCES shelves(id))",
            "INSERT INTO shelves VALUES (1, 'a', 'c1', 1, 1), (2, 'b', 'c2', 2, 2)",
            "INSERT INTO placements VALUES (1, 1)"};

    static List<String> schemaText(ScratchProject project) {
        return ReadBack.rows(database(project), "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL "
                + "AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name");
    }

    @Test
    @DisplayName("On a table with UNIQUE, CHECK, a default, NOT NULL, an index and keys in and out: a native add and drop keep all of it")
    void richTableKeepsEverything() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            Outsider.execute(database(project), RICH_TABLE);
            List<String> before = ReadBack.everything(database(project));
            List<String> schema = schemaText(project);
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "shelves", "colour", "VARCHAR(10)", "defaultValue: oak"));

            Result upgrade = succeeds(project, "steps/05_upgrade.java");
            Learner.assertShows(upgrade, "  ALTER TABLE shelves ADD COLUMN colour VARCHAR(10) DEFAULT 'oak'\n");
            String shelves = createSql(project, "shelves");
            for (String kept : List.of("code VARCHAR(10) UNIQUE", "CHECK (pos >= 0)", "CONSTRAINT uq_label_pos UNIQUE (label, pos)",
                    "label VARCHAR(20) NOT NULL DEFAULT 'new'", "REFERENCES authors(id)")) {
                assertTrue(shelves.contains(kept), () -> kept + " kept: " + shelves);
            }
            assertTrue(createSql(project, "placements").contains("REFERENCES shelves(id)"), createSql(project, "placements"));

            succeeds(project, "steps/07_rollback.java");
            assertEquals(schema, schemaText(project), "every table and index as it was, to the letter");
            assertEquals(before, ReadBack.everything(database(project)));
        }
    }

    @Test
    @DisplayName("A change Liquibase can only do by rebuilding a table whose rebuild would lose constraints stops first, naming each")
    void lossyRebuildStops() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            Outsider.execute(database(project), RICH_TABLE);
            List<String> before = ReadBack.everything(database(project));
            List<String> schema = schemaText(project);
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "shelves", "serial", "VARCHAR(20)", """
                    constraints:
                      unique: true"""));

            Result upgrade = project.jbang("steps/05_upgrade.java");
            Messages.assertRefused(upgrade, 1, Messages.LOSSY_REBUILD);
            Learner.assertShows(upgrade, "SQLite's ALTER TABLE cannot do this (adding the column serial on shelves)");
            for (String named : List.of("UNIQUE (code)", "UNIQUE (label, pos)", "CHECK (pos >= 0)",
                    "the foreign key placements(shelf_id) -> shelves, which would point at the dropped copy")) {
                Learner.assertShows(upgrade, named);
            }
            assertEquals(schema, schemaText(project), "no table rebuilt");
            assertEquals(before, ReadBack.everything(database(project)), "library.db as it was");
            assertEquals(List.of(), ReadBack.rows(database(project), "SELECT id FROM DATABASECHANGELOG WHERE id = '0002-1'"));
        }
    }

    @Test
    @DisplayName("The real Liquibase CLI finds the native ALTER TABLE as a service and runs it too")
    void cliRunsNativeSql() throws IOException {
        try (ScratchProject project = libraryWithIndex()) {
            String before = createSql(project, "books");
            changesets(project, INDEX_ON_TITLE, addColumn("0002-1", "books", "genre", "VARCHAR(50)", ""));

            succeeds(project, "liquibase", "update");
            // SQLite's ADD COLUMN writes the new column into the table's CREATE TABLE text as it
            // stands; Liquibase's rebuild would write a new CREATE TABLE of its own (PK_BOOKS).
            String after = createSql(project, "books");
            assertTrue(after.contains("author_id INTEGER, genre VARCHAR(50),"), after);
            assertFalse(after.contains("PK_BOOKS"), after);
            assertIntact(project);

            succeeds(project, "liquibase", "rollback-count", "--count", "1");
            assertEquals(before, createSql(project, "books"));
            assertIntact(project);
        }
    }
}
