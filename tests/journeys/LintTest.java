package journeys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.liquibase.Lint;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * ./jbang lint: each rule with a changeset that triggers it, its code and the counts or values
 * read back from library.db, and a near miss beside it that does not. One copy, one changelog of
 * test changesets (ids name the rule: the trigger, and near-… for its near miss), one lint run.
 */
@Tag("tools")
class LintTest {

    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.APPLIED);

    static final String CHANGESETS = """
            databaseChangeLog:
            - changeSet: {id: ds101, author: test, changes: [{dropTable: {tableName: authors}}]}
            - changeSet:
                id: near-ds101
                author: test
                changes: [{dropIndex: {tableName: books, indexName: ix_absent}}]
                rollback: [{sql: {sql: SELECT 1}}]
            - changeSet: {id: ds102, author: test, changes: [{dropColumn: {tableName: books, columnName: notes}}]}
            - changeSet:
                id: 0900-1
                author: test
                changes: [{addColumn: {tableName: books, columns: [{column: {name: headline, type: VARCHAR(200)}}]}}]
            - changeSet:
                id: 0900-2
                author: test
                changes: [{dropColumn: {tableName: books, columnName: title}}]
                rollback: [{sql: {sql: SELECT 1}}]
            - changeSet:
                id: near-ds108
                author: test
                changes:
                - addColumn: {tableName: books, columns: [{column: {name: book_title, type: VARCHAR(200)}}]}
                - sql: {sql: UPDATE books SET book_title = title}
                - dropColumn: {tableName: books, columnName: title}
                rollback: [{sql: {sql: SELECT 1}}]
            - changeSet:
                id: rb102-mixed
                author: test
                changes:
                - addColumn: {tableName: books, columns: [{column: {name: pages, type: INTEGER}}]}
                - sql: {sql: UPDATE books SET pages = 100}
                rollback: []
            - changeSet:
                id: near-rb102-sql
                author: test
                changes:
                - addColumn: {tableName: books, columns: [{column: {name: tmp, type: INTEGER}}]}
                - sql: {sql: "UPDATE books SET tmp = 1; ALTER TABLE books DROP COLUMN tmp"}
                rollback: []
            - changeSet:
                id: near-rb102
                author: test
                changes:
                - createTable: {tableName: scratch, columns: [{column: {name: id, type: INTEGER}}]}
                - sql: {sql: INSERT INTO scratch SELECT id FROM books}
                - dropTable: {tableName: scratch}
                rollback: []
            - changeSet:
                id: ds108
                author: test
                changes:
                - addColumn: {tableName: books, columns: [{column: {name: book_title, type: VARCHAR(200), defaultValue: untitled}}]}
                - dropColumn: {tableName: books, columnName: title}
                rollback: [{sql: {sql: SELECT 1}}]
            - changeSet: {id: ds101-sql, author: test, changes: [{sql: {sql: DROP TABLE IF EXISTS "authors"}}], rollback: []}
            - changeSet: {id: ds102-sql, author: test, changes: [{sql: {sql: ALTER TABLE books DROP COLUMN notes}}], rollback: []}
            - changeSet: {id: ds103, author: test, changes: [{sql: {sql: "DELETE FROM books WHERE id > 1"}}], rollback: []}
            - changeSet:
                id: near-ds101-sql
                author: test
                changes:
                - sql: {sql: "CREATE TABLE authors_new (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO authors_new SELECT id, name FROM authors"}
                - sql: {sql: DROP TABLE authors}
                rollback: []
            - changeSet:
                id: ds102-sql-rebuilt
                author: test
                changes:
                - sql: {sql: "CREATE TABLE books_new (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO books_new SELECT id, title FROM main.books"}
                - sql: {sql: 'DROP TABLE "books"; ALTER TABLE books_new RENAME TO books'}
                rollback: []
            - changeSet:
                id: near-ds102-sql
                author: test
                changes: [{sql: {sql: "UPDATE books SET genre = notes; ALTER TABLE books DROP COLUMN notes"}}]
                rollback: []
            - changeSet:
                id: ds102-renamed
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_old, columnDataType: VARCHAR(50)}
                - dropColumn: {tableName: books, columnName: genre_old}
                rollback: []
            - changeSet:
                id: ds102-copied-elsewhere
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_old, columnDataType: VARCHAR(50)}
                - sql: {sql: CREATE INDEX ix_title ON books (title)}
                - renameColumn: {tableName: books, oldColumnName: genre_old, newColumnName: genre_older, columnDataType: VARCHAR(50)}
                - dropColumn: {tableName: books, columnName: genre_older}
                rollback: []
            - changeSet:
                id: near-ds102-added
                author: test
                changes:
                - addColumn: {tableName: books, columns: [{column: {name: scratch, type: TEXT}}]}
                - dropColumn: {tableName: books, columnName: scratch}
                rollback: []
            - changeSet:
                id: near-ds102
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_text, columnDataType: VARCHAR(50)}
                - addColumn: {tableName: books, columns: [{column: {name: genre, type: VARCHAR(80)}}]}
                - sql: {sql: UPDATE books SET genre = genre_text}
                - dropColumn: {tableName: books, columnName: genre_text}
                rollback: []
            - changeSet:
                id: ds104
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_text, columnDataType: VARCHAR(50)}
                - addColumn: {tableName: books, columns: [{column: {name: genre, type: INTEGER}}]}
                - sql: {sql: UPDATE books SET genre = CAST(genre_text AS INTEGER)}
                - dropColumn: {tableName: books, columnName: genre_text}
                rollback: []
            - changeSet:
                id: ds104-sql
                author: test
                changes:
                - sql: {sql: "ALTER TABLE books RENAME COLUMN genre TO genre_text; ALTER TABLE books ADD COLUMN genre INTEGER;
                    UPDATE books SET genre = CAST(genre_text AS INTEGER); ALTER TABLE books DROP COLUMN genre_text"}
                rollback: []
            - changeSet:
                id: ds104-inner
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_text, columnDataType: VARCHAR(50)}
                - addColumn: {tableName: books, columns: [{column: {name: genre, type: INTEGER}}]}
                - sql: {sql: "UPDATE books SET genre = CAST(REPLACE(genre_text, 'x', '01') AS INTEGER)"}
                - dropColumn: {tableName: books, columnName: genre_text}
                rollback: []
            - changeSet:
                id: near-ds104-inner
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_text, columnDataType: VARCHAR(50)}
                - addColumn: {tableName: books, columns: [{column: {name: genre, type: INTEGER}}]}
                - sql: {sql: "UPDATE books SET genre = CAST(REPLACE(genre_text, 'x', '1') AS INTEGER)"}
                - dropColumn: {tableName: books, columnName: genre_text}
                rollback: []
            - changeSet:
                id: near-ds104
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_text, columnDataType: VARCHAR(50)}
                - addColumn: {tableName: books, columns: [{column: {name: genre, type: VARCHAR(80)}}]}
                - sql: {sql: UPDATE books SET genre = CAST(genre_text AS VARCHAR(80))}
                - dropColumn: {tableName: books, columnName: genre_text}
                rollback: []
            - changeSet:
                id: mf101
                author: test
                changes: [{addColumn: {tableName: books, columns: [{column: {name: lang, type: VARCHAR(5), constraints: {nullable: false}}}]}}]
            - changeSet:
                id: near-mf101
                author: test
                changes: [{addColumn: {tableName: books, columns: [{column: {name: lang2, type: VARCHAR(5), defaultValue: en, constraints: {nullable: false}}}]}}]
            - changeSet: {id: mf102, author: test, changes: [{addNotNullConstraint: {tableName: books, columnName: author_id, columnDataType: INTEGER}}]}
            - changeSet: {id: near-mf102, author: test, changes: [{addNotNullConstraint: {tableName: books, columnName: title, columnDataType: VARCHAR(200)}}]}
            - changeSet:
                id: mf103
                author: test
                changes: [{createIndex: {tableName: books, indexName: ux_genre, unique: true, columns: [{column: {name: genre}}]}}]
            - changeSet:
                id: near-mf103
                author: test
                changes: [{createIndex: {tableName: books, indexName: ux_title, unique: true, columns: [{column: {name: title}}]}}]
            - changeSet: {id: bc101, author: test, changes: [{renameTable: {oldTableName: authors, newTableName: writers}}]}
            - changeSet:
                id: bc102
                author: test
                changes: [{renameColumn: {tableName: books, oldColumnName: title, newColumnName: name, columnDataType: VARCHAR(200)}}]
            - changeSet:
                id: lt101
                author: test
                changes: [{addColumn: {tableName: books, columns: [{column: {name: isbn, type: VARCHAR(20), constraints: {unique: true}}}]}}]
            - changeSet:
                id: lt101-loses
                author: test
                changes: [{addColumn: {tableName: authors, columns: [{column: {name: email, type: VARCHAR(80), constraints: {unique: true}}}]}}]
            - changeSet: {id: lt102, author: test, changes: [{modifyDataType: {tableName: books, columnName: genre, newDataType: INTEGER}}]}
            - changeSet:
                id: near-all
                author: test
                changes: [{addColumn: {tableName: books, columns: [{column: {name: isbn2, type: VARCHAR(20)}}]}}]
            - changeSet: {id: rb101, author: test, changes: [{update: {tableName: books, columns: [{column: {name: genre, value: y}}]}}]}
            - changeSet:
                id: rb102
                author: test
                changes: [{addColumn: {tableName: books, columns: [{column: {name: isbn3, type: VARCHAR(20)}}]}}]
                rollback: []
            - changeSet:
                id: ds105-sql
                author: test
                changes: [{sql: {sql: "UPDATE books SET title = upper(title), genre = 'z' WHERE id > 1"}}]
                rollback: []
            - changeSet:
                id: near-ds105
                author: test
                changes: [{update: {tableName: books, where: genre IS NULL, columns: [{column: {name: genre, value: y}}]}}]
                rollback: []
            - changeSet:
                id: em103
                author: test
                changes:
                  - update:
                      tableName: books
                      columns:
                        - column:
                            name: genre
                      value: programming
                rollback: []
            - changeSet:
                id: em103-insert
                author: test
                changes:
                  - insert:
                      tableName: authors
                      columns:
                        - column:
                            name: name
                      value: Ann
                rollback: []
            - changeSet:
                id: near-em103
                author: test
                changes: [{update: {tableName: books, where: genre = 'nobody', columns: [{column: {name: genre, valueComputed: "NULL"}}]}}]
                rollback: []
            - changeSet:
                id: ds106
                author: test
                changes: [{sql: {sql: "/* tidy */ REPLACE INTO books (id, title, author_id) VALUES (1, 'The Pragmatic Programmer', 1)"}}]
                rollback: []
            - changeSet:
                id: near-ds103-string
                author: test
                changes: [{sql: {sql: "INSERT INTO authors (name) VALUES ('x; DELETE FROM books')"}}]
                rollback: []
            - changeSet:
                id: ds103-returning
                author: test
                changes: [{sql: {sql: "DELETE FROM books WHERE id = 3 RETURNING *"}}]
                rollback: []
            - changeSet:
                id: near-ds103-dbms
                author: test
                changes: [{sql: {sql: "DELETE FROM books", dbms: postgresql}}]
                rollback: []
            - changeSet: {id: near-ds101-ignored, author: test, ignore: true, changes: [{dropTable: {tableName: authors}}], rollback: []}
            - changeSet:
                id: ds106-trigger
                author: test
                changes: [{sql: {splitStatements: false, sql: "CREATE TRIGGER books_added AFTER INSERT ON books BEGIN UPDATE books SET notes = 'new'; END"}}]
                rollback: []
            - changeSet:
                id: ds106-update-from
                author: test
                changes: [{sql: {sql: "UPDATE books SET title = authors.name FROM authors WHERE authors.id = books.author_id"}}]
                rollback: []
            - changeSet:
                id: ds103-after-dashes
                author: test
                changes:
                - sql:
                    sql: |
                      UPDATE books SET title = REPLACE(title, '--', '-')
                      WHERE id = 1;
                      DELETE FROM books WHERE id = 2;
                rollback: []
            - changeSet:
                id: ds105-renamed-table
                author: test
                changes: [{sql: {sql: "ALTER TABLE authors RENAME TO writers; UPDATE writers SET name = 'x'"}}]
                rollback: []
            - changeSet:
                id: ds104-stored-sql
                author: test
                changes:
                - sql: {sql: "ALTER TABLE books RENAME COLUMN code TO code_text; ALTER TABLE books ADD COLUMN code INTEGER;
                    UPDATE books SET code = code_text; ALTER TABLE books DROP COLUMN code_text"}
                rollback: []
            - changeSet:
                id: near-ds106-distinct
                author: test
                changes: [{sql: {sql: "UPDATE books SET genre = 'x' WHERE genre IS NOT DISTINCT FROM 'x'"}}]
                rollback: []
            - changeSet:
                id: ds104-stored
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: code, newColumnName: code_text, columnDataType: TEXT}
                - addColumn: {tableName: books, columns: [{column: {name: code, type: INTEGER}}]}
                - sql: {sql: UPDATE books SET code = code_text}
                - dropColumn: {tableName: books, columnName: code_text}
                rollback: []
            - changeSet:
                id: ds104-rebuilt
                author: test
                changes:
                - sql: {sql: "CREATE TABLE books_new (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER, genre INTEGER, notes TEXT);
                    INSERT INTO books_new SELECT id, title, author_id, CAST(genre AS INTEGER), notes FROM books;
                    DROP TABLE books; ALTER TABLE books_new RENAME TO books"}
                rollback: []
            - changeSet:
                id: ds107
                author: test
                changes:
                - sql: {sql: "CREATE TABLE books_new (id INTEGER PRIMARY KEY, title TEXT, genre TEXT, author_id INTEGER, notes TEXT, code TEXT);
                    INSERT INTO books_new SELECT * FROM books; DROP TABLE books; ALTER TABLE books_new RENAME TO books"}
                rollback: []
            - changeSet:
                id: ds107-renamed
                author: test
                changes:
                - sql: {sql: "CREATE TABLE books_new (id INTEGER PRIMARY KEY, name TEXT, genre TEXT, author_id INTEGER, notes TEXT, code TEXT);
                    INSERT INTO books_new SELECT * FROM books; DROP TABLE books; ALTER TABLE books_new RENAME TO books"}
                rollback: []
            - changeSet:
                id: ds107-ordered
                author: test
                changes:
                - sql: {sql: "CREATE TABLE books_new (id INTEGER PRIMARY KEY, title TEXT, genre TEXT, author_id INTEGER, notes TEXT, code TEXT);
                    INSERT INTO books_new SELECT * FROM books ORDER BY id"}
                - dropTable: {tableName: books}
                - renameTable: {oldTableName: books_new, newTableName: books}
                rollback: []
            - changeSet:
                id: near-ds107
                author: test
                changes:
                - sql: {sql: "CREATE TABLE IF NOT EXISTS books_new (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER, genre TEXT, notes TEXT,
                    code TEXT, CONSTRAINT uq_title UNIQUE (title), FOREIGN KEY (author_id) REFERENCES authors (id));
                    INSERT INTO books_new SELECT * FROM books; DROP TABLE books; ALTER TABLE books_new RENAME TO books"}
                rollback: []
            - changeSet:
                id: ds104-mixed
                author: test
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: genre_text, columnDataType: VARCHAR(50)}
                - addColumn: {tableName: books, columns: [{column: {name: genre, type: INTEGER}}]}
                - sql: {sql: UPDATE books SET genre = CAST(genre_text AS INTEGER)}
                - sql: {sql: ALTER TABLE books DROP COLUMN genre_text}
                rollback: []
            - changeSet:
                id: rename-genre
                author: test
                changes: [{renameColumn: {tableName: books, oldColumnName: genre, newColumnName: category, columnDataType: VARCHAR(50)}}]
            - changeSet: {id: ds102-after-rename, author: test, changes: [{dropColumn: {tableName: books, columnName: category}}], rollback: []}
            - changeSet: {id: ds101-after-rename, author: test, changes: [{dropTable: {tableName: writers}}], rollback: []}
            - changeSet:
                id: ds102-sql-renamed
                author: test
                changes: [{sql: {sql: "/* kept? */ ALTER TABLE books RENAME COLUMN notes TO old_notes; ALTER TABLE books DROP COLUMN old_notes"}}]
                rollback: []
            - changeSet:
                id: near-rb101
                author: test
                changes: [{update: {tableName: books, columns: [{column: {name: genre, value: y}}]}}]
                rollback: [{update: {tableName: books, columns: [{column: {name: genre, valueComputed: "NULL"}}]}}]
            """;

    static Result lint;
    static byte[] databaseBefore;

    final ScratchProject project = copy.project();

    /** The data the rules count: genres x, x and NULL; one book without an author; a notes column with one value; a code '0042'. */
    @BeforeAll
    static void changesetsAndData() throws IOException, SQLException {
        ScratchProject project = copy.project();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + project.path("library.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE books SET genre = 'x' WHERE id IN (1, 2)");
            statement.execute("UPDATE books SET author_id = NULL WHERE id = 3");
            statement.execute("ALTER TABLE books ADD COLUMN notes TEXT");
            statement.execute("UPDATE books SET notes = 'lent to Ann' WHERE id = 1");
            statement.execute("ALTER TABLE books ADD COLUMN code TEXT");
            statement.execute("UPDATE books SET code = '0042' WHERE id = 1");
        }
        Files.writeString(project.path("changelog/changes/0002_lint.yaml"), CHANGESETS);
        Path master = project.path("changelog/db.changelog-master.yaml");
        Files.writeString(master, Files.readString(master)
                + "  - include:\n      file: changes/0002_lint.yaml\n      relativeToChangelogFile: true\n");
        databaseBefore = Files.readAllBytes(project.path("library.db"));
        lint = project.jbang("lint");
    }

    /** The finding lines of one changeset. */
    static List<String> findingsOf(String id) {
        return lint.shown().lines().filter(line -> line.matches("[A-Z]{2}\\d{3} " + java.util.regex.Pattern.quote(id) + ": .*")).toList();
    }

    static void assertFinding(String id, String expected) {
        assertTrue(findingsOf(id).stream().anyMatch(line -> line.startsWith(expected)),
                "a finding of " + id + " starting " + expected + "\n" + lint.shown());
    }

    static void assertNoFinding(String id, String code) {
        assertTrue(findingsOf(id).stream().noneMatch(line -> line.startsWith(code)), id + " is a near miss of " + code + "\n" + lint.shown());
    }

    @Test
    @DisplayName("destructive: a dropped table and column, with the rows and values library.db holds (a column renamed aside: the old name's), "
            + "in Liquibase's changes or in SQL, and rows deleted; dropping an index is not, nor a column or table a change copies out first (but into "
            + "columns in another order by position)")
    void destructive() {
        Learner.assertExit(1, lint);
        assertFinding("ds101", "DS101 ds101: drops the table authors, and the 3 rows it holds.");
        assertFinding("ds102", "DS102 ds102: drops books.notes, and the 1 value it holds.");
        // A column renamed aside in the same changeset: its values are the old name's; copied out first (fix-2's way), no finding.
        assertFinding("ds102-renamed", "DS102 ds102-renamed: drops books.genre_old, which is books.genre renamed earlier in this changeset, "
                + "and the 2 values it holds.");
        assertNoFinding("near-ds102", "DS102");
        assertNoFinding("near-ds102-added", "DS102"); // added and dropped in the same changeset: it held nothing before it
        // Renamed twice, with an sql change between that does not name it: still the first name's values, and still lost.
        assertFinding("ds102-copied-elsewhere", "DS102 ds102-copied-elsewhere: drops books.genre_older, which is books.genre renamed earlier "
                + "in this changeset, and the 2 values it holds.");
        assertTrue(findingsOf("near-ds101").isEmpty(), lint.shown());
        // The same in SQL, read as Liquibase will run it; a table or column copied out earlier in the changeset, no finding.
        assertFinding("ds101-sql", "DS101 ds101-sql: drops the table authors, and the 3 rows it holds.");
        assertFinding("ds102-sql", "DS102 ds102-sql: drops books.notes, and the 1 value it holds.");
        assertFinding("ds103", "DS103 ds103: deletes 2 rows of the table books as library.db is now.");
        assertNoFinding("near-ds101-sql", "DS101");
        // A rebuild by hand that leaves out a column holding values: that column is dropped, not the table.
        assertFinding("ds102-sql-rebuilt", "DS102 ds102-sql-rebuilt: drops books.notes, and the 1 value it holds.");
        assertNoFinding("ds102-sql-rebuilt", "DS101");
        assertNoFinding("near-ds102-sql", "DS102");
        // Renamed by an earlier changeset (bc101 made authors writers), or earlier in the same SQL: counted under the name library.db has.
        assertFinding("ds102-after-rename", "DS102 ds102-after-rename: drops books.category (books.genre in library.db now), and the 2 values it holds.");
        assertFinding("ds101-after-rename", "DS101 ds101-after-rename: drops the table writers (authors in library.db now), and the 3 rows it holds.");
        assertFinding("ds102-sql-renamed", "DS102 ds102-sql-renamed: drops books.old_notes (books.notes in library.db now), and the 1 value it holds.");
        // Copied out first through a CAST that changes values ('x' is 0 as an INTEGER): those are lost with the drop. Through a
        // CAST that keeps every value, nothing is.
        assertFinding("ds104", "DS104 ds104: copies books.genre through CAST(genre AS INTEGER), which changes 2 of its values now "
                + "(the first: 'x' becomes 0), then drops the original.");
        assertFinding("ds104-sql", "DS104 ds104-sql: copies books.genre through CAST(genre AS INTEGER), which changes 2 of its values now "
                + "(the first: 'x' becomes 0), then drops the original.");
        assertNoFinding("ds104", "DS102");
        assertNoFinding("ds104-sql", "DS102");
        assertTrue(findingsOf("near-ds104").stream().noneMatch(line -> line.startsWith("DS")), lint.shown());
        // What the CAST is given may be worked on first (hyphens taken out of an ISBN, say): only what the CAST itself changes
        // counts, '01' losing its 0 here, where '1' comes through whole.
        assertFinding("ds104-inner", "DS104 ds104-inner: copies books.genre through CAST(REPLACE(genre, 'x', '01') AS INTEGER), which changes "
                + "2 of its values now (the first: 'x' becomes 1), then drops the original.");
        assertTrue(findingsOf("near-ds104-inner").stream().noneMatch(line -> line.startsWith("DS")), lint.shown());
        // SQL that changes rows in a way not counted (REPLACE INTO sets the columns it does not name to NULL), behind a comment.
        assertFinding("ds106", "DS106 ds106: runs REPLACE INTO books (id, title, author_id) VALUES (1, 'The..., which may "
                + "change or remove rows: what it does to them is not counted here.");
        // A semicolon inside a string ends no statement; RETURNING names no rows; SQL for another database, or an ignored
        // changeset, does not run here.
        assertTrue(findingsOf("near-ds103-string").isEmpty(), lint.shown());
        assertFinding("ds103-returning", "DS103 ds103-returning: deletes 1 row of the table books as library.db is now.");
        assertTrue(findingsOf("near-ds103-dbms").isEmpty(), lint.shown());
        assertNoFinding("near-ds101-ignored", "DS101");
        // A trigger that will change rows, and an UPDATE whose values come from another table: said, though not counted.
        assertFinding("ds106-trigger", "DS106 ds106-trigger: runs CREATE TRIGGER books_added AFTER INSERT ON books");
        assertFinding("ds106-update-from", "DS106 ds106-update-from: runs UPDATE books SET title = authors.name FROM authors");
        // '--' inside a string is no comment: the DELETE after it is read.
        assertFinding("ds103-after-dashes", "DS103 ds103-after-dashes: deletes 1 row of the table books as library.db is now.");
        // A rename, then an UPDATE of the new name, in one sql change: read statement by statement.
        assertFinding("ds105-renamed-table", "DS105 ds105-renamed-table: sets writers.name (authors.name in library.db now) to 'x' in 3 rows");
        // The same copy into an INTEGER column, in SQL alone; IS NOT DISTINCT FROM is no UPDATE ... FROM.
        assertFinding("ds104-stored-sql", "DS104 ds104-stored-sql: copies books.code into an INTEGER column (SQLite stores text that reads as a "
                + "number as one), which changes 1 of its values now ('0042' becomes 42), then drops the original.");
        assertNoFinding("near-ds106-distinct", "DS106");
        // No CAST, but a copy into an INTEGER column: SQLite stores text that reads as a number as one, and '0042' loses its zeros.
        assertFinding("ds104-stored", "DS104 ds104-stored: copies books.code into an INTEGER column (SQLite stores text that reads as a number "
                + "as one), which changes 1 of its values now ('0042' becomes 42), then drops the original.");
        // A rebuild by hand that copies a column through a CAST: what the CAST changes goes with the old table.
        assertFinding("ds104-rebuilt", "DS104 ds104-rebuilt: copies books.genre through CAST(genre AS INTEGER), which changes 2 of its values now "
                + "(the first: 'x' becomes 0), then drops the original.");
        assertNoFinding("ds104-rebuilt", "DS101");
        // A column renamed in the models, as autogenerate writes it: a drop and an add on one table. A drop alone is no rename.
        assertFinding("ds108", "DS108 ds108: drops books.title and adds books.book_title: if it is title renamed in the models, the 3 values of "
                + "title go, and book_title starts without them (autogenerate cannot tell a rename from a drop and an add). For a rename, write a "
                + "renameColumn in their place (tableName: books, oldColumnName: title, newColumnName: book_title, columnDataType: VARCHAR(200)): "
                + "the values stay.");
        assertNoFinding("ds102", "DS108");
        assertNoFinding("near-ds108", "DS108"); // the values copied into the new column first: a rename done by hand
        // As autogenerate writes a column renamed in the models: the add and the drop as two changesets of one number.
        assertFinding("0900-2", "DS108 0900-2: drops books.title and 0900-1 adds books.headline: if it is title renamed in the models, the 3 "
                + "values of title go, and headline starts without them");
        assertNoFinding("near-ds102", "DS108");
        // A rebuild by hand that copies by position (SELECT *) into the same columns in another order: values land in other columns.
        // Into the same order (constraints after the columns), nothing is lost.
        assertFinding("ds107", "DS107 ds107: copies the table books into books_new by position (SELECT *), into columns in another order "
                + "(books: id, title, author_id, genre, notes, code; books_new: id, title, genre, author_id, notes, code): in 3 rows, values land "
                + "in other columns, then books is dropped. Name the columns on both sides: INSERT INTO books_new (id, title, genre, author_id, "
                + "notes, code) SELECT id, title, genre, author_id, notes, code FROM books.");
        // A column of another name where the old one stands (title, name): filled from the column at its place.
        assertFinding("ds107-renamed", "DS107 ds107-renamed: copies the table books into books_new by position (SELECT *), into columns in "
                + "another order (books: id, title, author_id, genre, notes, code; books_new: id, name, genre, author_id, notes, code): in 3 rows, "
                + "values land in other columns, then books is dropped. Name the columns on both sides: INSERT INTO books_new (id, name, genre, "
                + "author_id, notes, code) SELECT id, title, genre, author_id, notes, code FROM books.");
        assertNoFinding("ds107", "DS101");
        assertTrue(findingsOf("near-ds107").isEmpty(), lint.shown());
        // The same with ORDER BY, and Liquibase's dropTable after the copy in SQL: no DS101 for rows copied first.
        assertFinding("ds107-ordered", "DS107 ds107-ordered: copies the table books into books_new by position (SELECT *), into columns in "
                + "another order");
        assertNoFinding("ds107-ordered", "DS101");
        // Renamed by Liquibase, then copied and dropped in SQL: the copy measured under the name library.db has.
        assertFinding("ds104-mixed", "DS104 ds104-mixed: copies books.genre through CAST(genre AS INTEGER), which changes 2 of its values now "
                + "(the first: 'x' becomes 0), then drops the original.");
    }

    @Test
    @DisplayName("a changeset with runAlways: true runs at every upgrade: 05_upgrade says what it deletes each time, with a copy kept; a "
            + "changeset that runs a program of its own (executeCommand) gets no preview, which would run it for real")
    void whatRunsAgainAndPrograms() throws IOException {
        try (ScratchProject applied = Learner.copyAt(LessonState.APPLIED)) {
            Path master = applied.path("changelog/db.changelog-master.yaml");
            Files.writeString(applied.path("changelog/changes/0002_tidy.yaml"), """
                    databaseChangeLog:
                    - changeSet:
                        id: tidy-1
                        author: me
                        runAlways: true
                        changes: [{sql: {sql: "DELETE FROM authors WHERE id NOT IN (SELECT author_id FROM books)"}}]
                        rollback: []
                    """);
            Files.writeString(master, Files.readString(master) + "  - include:\n      file: changes/0002_tidy.yaml\n      relativeToChangelogFile: true\n");
            Learner.assertExit(0, applied.jbang("steps/05_upgrade.java")); // every author has a book: nothing to delete
            ReadBack.execute(applied.path("library.db"), "INSERT INTO authors (name) VALUES ('someone without a book')");
            Result again = applied.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, again);
            Learner.assertShows(again, "Applying tidy-1 deletes 1 row of the table authors.\n\nA copy of library.db as it is now is kept in .reset/");

            Files.writeString(applied.path("changelog/changes/0003_shell.yaml"), """
                    databaseChangeLog:
                    - changeSet:
                        id: shell-1
                        author: me
                        changes:
                        - executeCommand: {executable: "true"}
                    """);
            Files.writeString(master, Files.readString(master) + "  - include:\n      file: changes/0003_shell.yaml\n      relativeToChangelogFile: true\n");
            byte[] before = Files.readAllBytes(applied.path("library.db"));
            Result preview = applied.jbang("steps/05_upgrade.java", "--sql");
            Learner.assertExit(1, preview);
            Learner.assertShows(preview, "shell-1 (changelog/changes/0003_shell.yaml) runs a program of its own (executeCommand): a preview would run "
                    + "it for real, on whatever files it names, so there is none. Nothing was changed.");
            assertArrayEquals(before, Files.readAllBytes(applied.path("library.db")));
            // Once applied, it runs no more: a preview of what comes after it is shown.
            Learner.assertExit(0, applied.jbang("steps/05_upgrade.java"));
            Files.writeString(applied.path("changelog/changes/0004_pages.yaml"), """
                    databaseChangeLog:
                    - changeSet:
                        id: pages-1
                        author: me
                        changes: [{addColumn: {tableName: books, columns: [{column: {name: pages, type: INTEGER}}]}}]
                    """);
            Files.writeString(master, Files.readString(master) + "  - include:\n      file: changes/0004_pages.yaml\n      relativeToChangelogFile: true\n");
            Result after = applied.jbang("steps/05_upgrade.java", "--sql");
            Learner.assertExit(0, after);
            Learner.assertShows(after, "ALTER TABLE books ADD COLUMN pages INTEGER;");
        }
    }

    @Test
    @DisplayName("data-dependent: NOT NULL without a default on rows, NOT NULL over NULLs, unique over duplicates named by value")
    void dataDependent() {
        assertFinding("mf101", "MF101 mf101: adds books.lang NOT NULL with no default to a table of 3 rows");
        // The way out that works on SQLite first: it has no addNotNullConstraint (LT102), so "fill it, then make it NOT NULL" is a server's.
        Learner.assertShows(lint, "Give it a defaultValue: on SQLite the one way Liquibase offers (it cannot make a column NOT NULL afterwards).");
        assertNoFinding("near-mf101", "MF101");
        assertFinding("mf102", "MF102 mf102: makes books.author_id NOT NULL while 1 row holds NULL there");
        assertNoFinding("near-mf102", "MF102");
        assertFinding("mf103", "MF103 mf103: the unique index ux_genre on books(genre) meets values that occur more than once: x (2 times)");
        assertTrue(findingsOf("near-mf103").isEmpty(), "titles are distinct\n" + lint.shown());
    }

    @Test
    @DisplayName("backward-incompatible: a renamed table and a renamed column; not a column renamed aside and added anew (fix-2's way)")
    void renames() {
        assertFinding("bc101", "BC101 bc101: renames the table authors to writers.");
        assertFinding("bc102", "BC102 bc102: renames books.title to name.");
        // Renamed aside and added anew under the old name in the same changeset (fix-2's way to change a type): code reads on.
        assertNoFinding("ds104-stored", "BC102");
    }

    @Test
    @DisplayName("SQLite: a change Liquibase can only do by rebuilding the table, with what the rebuild loses; one SQLite cannot do at all")
    void sqlite() {
        assertFinding("lt101", "LT101 lt101: addColumn on books is done by rebuilding the table: all 3 rows copied into a new one.");
        assertFinding("lt101-loses", "LT101 lt101-loses: addColumn on authors is done by rebuilding the table: all 3 rows copied into a new one; "
                + "the rebuild would lose the foreign key books(author_id) -> authors");
        assertFinding("lt102", "LT102 lt102: cannot run on SQLite: modifyDataType is not supported on sqlite.");
        assertFinding("lt102", "RB101 lt102: has no rollback, and Liquibase cannot derive one for modifyDataType: 07_rollback would stop here. "
                + "Write a rollback block that undoes it (for modifyDataType, the change back to the old type, on SQLite the way fix-2 does it), or an empty one");
        assertFinding("near-mf102", "LT102 near-mf102: cannot run on SQLite: addNotNullConstraint is not supported on sqlite.");
        assertTrue(findingsOf("near-all").isEmpty(), "a nullable column is added in place, and rolls back\n" + lint.shown());
    }

    @Test
    @DisplayName("rollback: an update with no rollback block is flagged, with the way to undo an update; with one, it is not; an empty one over "
            + "an addColumn is flagged, where none is not")
    void rollback() {
        assertFinding("rb101", "RB101 rb101: has no rollback, and Liquibase cannot derive one for update: 07_rollback would stop here. "
                + "Write a rollback block that undoes it (for an update, one that puts the old values back, as alter-2's does), or an empty one");
        assertNoFinding("near-rb101", "RB101");
        // revision's rollback: [] left over an addColumn: Liquibase would undo it by itself, and the empty block stops it.
        assertFinding("rb102", "RB102 rb102: has an empty rollback block (rollback: []), which tells Liquibase there is nothing to undo: "
                + "07_rollback would leave its addColumn in place while its record went. Take rollback: [] out of that changeset: Liquibase "
                + "undoes addColumn by itself.");
        // Beside an sql Liquibase cannot undo, the way out is to write the undo of what stays.
        assertFinding("rb102-mixed", "RB102 rb102-mixed: has an empty rollback block (rollback: []), which tells Liquibase there is nothing to "
                + "undo: 07_rollback would leave its addColumn in place while its record went. Write in rollback: [] the undo of what stays "
                + "(a dropColumn of books.pages), and of the rest if it needs undoing.");
        assertNoFinding("near-all", "RB102"); // the same change with no rollback block: Liquibase's own
        // Beside a change Liquibase cannot undo (a scratch table made, filled and dropped), an empty block may be meant.
        assertNoFinding("near-rb102", "RB102");
        assertNoFinding("near-rb102-sql", "RB102"); // the column added, used and dropped again in SQL: nothing stays
    }

    @Test
    @DisplayName("overwrites: an update or an sql UPDATE over values that are there, with the rows holding another value; one limited to empty rows is not")
    void overwrites() {
        assertFinding("rb101", "DS105 rb101: sets books.genre to 'y' in 2 rows that hold another value now.");
        assertFinding("near-rb101", "DS105 near-rb101: sets books.genre to 'y' in 2 rows that hold another value now.");
        assertFinding("ds105-sql", "DS105 ds105-sql: rewrites books.title as upper(title) in 2 rows, replacing the values they hold now.");
        assertFinding("ds105-sql", "DS105 ds105-sql: sets books.genre to 'z' in 1 row that holds another value now.");
        assertNoFinding("near-ds105", "DS105");
        // Its rollback: [] over an update: rolled back, the values it set stay (revision's template, left as it was in alter-2).
        assertFinding("near-ds105", "RB103 near-ds105: has an empty rollback block (rollback: []) over an update of books.genre: rolled back, "
                + "the values it set stay (Liquibase cannot undo an update by itself). Write in it the update that puts the old values back");
        assertNoFinding("near-rb101", "RB103"); // a rollback written: nothing to say
    }

    @Test
    @DisplayName("a value: one indent off in an update (read as the update's, ignored by Liquibase): EM103, it sets NULL; valueComputed: NULL is not")
    void valueLeftOut() {
        assertFinding("em103", "EM103 em103: sets books.genre with no value given: NULL in every row it reaches. A value: one indent off "
                + "(under update: rather than under column:) is ignored without a word, and value: null, ~ or NULL unquoted is YAML's null: "
                + "no value at all. Put the value under column:, beside name: (value: programming), or write valueComputed: 'NULL' (in quotes) "
                + "where NULL is meant.");
        assertFinding("em103-insert", "EM103 em103-insert: inserts authors.name with no value given: NULL. A value: one indent off "
                + "(under insert: rather than under column:) is ignored without a word");
        assertNoFinding("near-em103", "EM103");
    }

    @Test
    @DisplayName("exit codes: 1 with findings, 0 for a clean changeset or nothing pending, 2 for an unknown id or two arguments; library.db untouched")
    void exitCodesAndNoChange() throws IOException {
        Learner.assertShows(lint, "findings; what each code means: docs/tools.md#lint");
        Result clean = project.jbang("lint", "near-all");
        Learner.assertExit(0, clean);
        Learner.assertShows(clean, "No findings: nothing here drops or overwrites data, fails on the rows there are, or lacks a rollback.\n"
                + "What a rollback would take away is not read here: 07_rollback says it before it runs, and ./jbang roundtrip ID tries one on "
                + "a copy once applied.");
        Result byFile = project.jbang("lint", "changelog/changes/0002_lint.yaml");
        Learner.assertExit(1, byFile);
        assertEquals(lint.shown().lines().filter(line -> line.matches("[A-Z]{2}\\d{3} .*")).toList(),
                byFile.shown().lines().filter(line -> line.matches("[A-Z]{2}\\d{3} .*")).toList(), "the file holds every pending changeset");
        Result unknown = project.jbang("lint", "nope");
        Learner.assertExit(2, unknown);
        Learner.assertShows(unknown, "The changelog has no changeset with the id or file nope.");
        Learner.assertExit(2, project.jbang("lint", "ds101", "ds102"));
        assertArrayEquals(databaseBefore, Files.readAllBytes(project.path("library.db")), "lint reads library.db, never writes it");
    }

    @Test
    @DisplayName("an empty changeset from revision: lint says EM101, and 05_upgrade refuses it until it is filled in; filled in from a reference "
            + "file with its NNNN left in: history, lint (EM102) and 05_upgrade say so; nothing recorded")
    void emptyChangeset() throws IOException {
        try (ScratchProject applied = Learner.copyAt(LessonState.APPLIED)) {
            Learner.assertExit(0, applied.jbang("revision", "-m", "fill me in"));
            Result lintEmpty = applied.jbang("lint");
            Learner.assertExit(1, lintEmpty);
            Learner.assertShows(lintEmpty, "EM101 0002-1: has no changes yet");
            List<String> recorded = ReadBack.rows(applied.path("library.db"), "SELECT ID FROM DATABASECHANGELOG");
            Messages.assertRefused(applied.jbang("steps/05_upgrade.java"), 1, Messages.EMPTY_CHANGESET);
            assertEquals(recorded, ReadBack.rows(applied.path("library.db"), "SELECT ID FROM DATABASECHANGELOG"), "nothing recorded");
            // Its preview and its round trip refuse it as the upgrade does (a script gating on them got 0, and SQL that never runs).
            Result preview = applied.jbang("steps/05_upgrade.java", "--sql");
            Messages.assertRefused(preview, 1, Messages.EMPTY_CHANGESET);
            Learner.assertShows(preview, "Fill in its changes (and its rollback), then preview again; or take it back with ./jbang revision --discard.");
            assertFalse(preview.output().contains("Preview only"), preview.output());
            for (Result trip : List.of(applied.jbang("roundtrip"), applied.jbang("roundtrip", "0002-1"))) {
                Messages.assertRefused(trip, 1, Messages.EMPTY_CHANGESET);
                Learner.assertShows(trip, "Fill in its changes (and its rollback), then round-trip it; or take it back with ./jbang revision --discard.");
                assertFalse(trip.output().contains("Faithful"), trip.output());
            }

            // Filled in by copying fix-1's reference file whole, NNNN and all: history (fix-1 reads it before
            // changelog-sync), lint and 05_upgrade each say so, and nothing is recorded.
            Path file = applied.path("changelog/changes/0002_fill_me_in.yaml");
            Files.copy(Learner.projectRoot().resolve("exercises/fix-1/solution/changeset.yaml"), file, StandardCopyOption.REPLACE_EXISTING);
            Result history = applied.jbang("history");
            Messages.assertRefused(history, 1, Messages.PLACEHOLDER);
            Learner.assertShows(history, "Write 0002 in place of NNNN in its id, and its own path, changelog/changes/0002_fill_me_in.yaml, as its logicalFilePath, "
                    + "before you apply it or record it as applied (changelog-sync).");
            Learner.assertShows(history, "0001-1 -> NNNN-1 (head), notes column added by hand   [pending]");
            Result lintPlaceholder = applied.jbang("lint");
            Learner.assertExit(1, lintPlaceholder);
            Learner.assertShows(lintPlaceholder, "EM102 NNNN-1: still has the reference file's placeholder NNNN: recorded so, it would stay NNNN-1 for good. "
                    + "Write 0002 in place of NNNN in its id, and its own path, changelog/changes/0002_fill_me_in.yaml, as its logicalFilePath.");
            Messages.assertRefused(applied.jbang("steps/05_upgrade.java"), 1, Messages.PLACEHOLDER);
            assertEquals(recorded, ReadBack.rows(applied.path("library.db"), "SELECT ID FROM DATABASECHANGELOG"), "nothing recorded");
        }
    }

    @Test
    @DisplayName("with nothing pending, lint says so and exits 0; the docs list every rule's code and what it looks for")
    void nothingPendingAndTheDocs() throws IOException {
        try (ScratchProject applied = Learner.copyAt(LessonState.APPLIED)) {
            Result nothing = applied.jbang("lint");
            Learner.assertExit(0, nothing);
            Learner.assertShows(nothing, "Nothing to lint: library.db has every changeset of the changelog.");
            Result named = applied.jbang("lint", "0001-1");
            Learner.assertExit(0, named);
            Learner.assertShows(named, "0001-1 (changelog/changes/0001_add_genre_column_to_books.yaml)");
        }
        String tools = Files.readString(Learner.projectRoot().resolve("docs/tools.md"));
        for (String[] rule : Lint.RULES) {
            assertTrue(tools.contains("| `" + rule[0] + "` | " + rule[1] + " |"), "docs/tools.md lists " + rule[0] + ": " + rule[1]);
        }
    }
}
