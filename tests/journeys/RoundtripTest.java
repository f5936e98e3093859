package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.liquibase.Changelog;
import tutorial.project.Project;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * ./jbang roundtrip: apply, roll back, apply again on a throw-away copy, comparing schema and
 * rows each time. A faithful changeset passes; hand-written changesets that forget an index,
 * leave rows changed or drop constraints fail, each difference named; and the learner's
 * library.db, models and changelog keep their bytes, whatever happens on the copy.
 */
@Tag("tools")
class RoundtripTest {

    /** A createIndex whose hand-written rollback forgets the index. */
    static final String FORGOTTEN_INDEX = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: index books by genre
                changes:
                - createIndex:
                    indexName: ix_books_genre
                    tableName: books
                    columns:
                    - column:
                        name: genre
                rollback:
                - sql: SELECT 1
            """;

    /** An update whose rollback does not put the titles back as they were. */
    static final String TITLES_NOT_RESTORED = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: titles in capitals
                changes:
                - update:
                    tableName: books
                    columns:
                    - column:
                        name: title
                        valueComputed: upper(title)
                rollback:
                - update:
                    tableName: books
                    columns:
                    - column:
                        name: title
                        valueComputed: lower(title)
            """;

    /** A table with a UNIQUE and a CHECK constraint, and two rows. */
    static final String SHELVES = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: shelves
                changes:
                - sql: CREATE TABLE shelves (id INTEGER PRIMARY KEY, code VARCHAR(10) UNIQUE, pos INTEGER CHECK (pos >= 0))
                - sql: INSERT INTO shelves VALUES (1, 'a', 1), (2, 'b', 2)
                rollback:
                - sql: DROP TABLE shelves
            """;

    /** A column added the SQLite way, whose rollback rebuilds the table without its constraints. */
    static final String LOSSY_REBUILD = """
            databaseChangeLog:
            - changeSet:
                id: 0003-1
                author: learner
                comment: colour of shelves
                changes:
                - sql: ALTER TABLE shelves ADD COLUMN colour VARCHAR(10)
                rollback:
                - sql: CREATE TABLE shelves_new (id INTEGER PRIMARY KEY, code VARCHAR(10), pos INTEGER)
                - sql: INSERT INTO shelves_new SELECT id, code, pos FROM shelves
                - sql: DROP TABLE shelves
                - sql: ALTER TABLE shelves_new RENAME TO shelves
            """;

    /** books' columns after the walkthrough's upgrade, and its foreign key, as a table rebuilt the SQLite way declares them. */
    static final String BOOK_COLUMNS = "id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL, author_id INTEGER, genre VARCHAR(50)";
    static final String BOOK_AUTHOR_KEY = "CONSTRAINT fk_books_author_id FOREIGN KEY (author_id) REFERENCES authors (id)";

    /** books rebuilt the SQLite way, as the list items of a changeset's changes or rollback: made anew with these columns, rows copied. */
    static String booksRebuilt(String columns, String copy) {
        return """
                    - sql: CREATE TABLE books_new (%s)
                    - sql: INSERT INTO books_new %s FROM books
                    - sql: DROP TABLE books
                    - sql: ALTER TABLE books_new RENAME TO books
                """.formatted(columns, copy);
    }

    /** A column added the SQLite way, whose rollback rebuilds books without its foreign key, a NOT NULL, and author_id as TEXT. */
    static final String BOOKS_REBUILT_LOOSELY = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: language of books
                changes:
                - sql: ALTER TABLE books ADD COLUMN lang VARCHAR(5) NOT NULL DEFAULT 'en'
                rollback:
            """ + booksRebuilt("id INTEGER PRIMARY KEY, title VARCHAR(200), author_id TEXT, genre VARCHAR(50)", "SELECT id, title, author_id, genre");

    /**
     * books rebuilt both ways, its rollback leaving out the foreign key its changes make again: applied, a round trip that starts
     * from its own rollback compared the rollback with itself (fix-2's way of changing a type, a tester's rollback).
     */
    static final String REBUILT_BOTH_WAYS = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: books rebuilt with lang
                changes:
            """ + booksRebuilt(BOOK_COLUMNS + ", lang VARCHAR(5), " + BOOK_AUTHOR_KEY, "(id, title, author_id, genre) SELECT id, title, author_id, genre")
            + "    rollback:\n" + booksRebuilt(BOOK_COLUMNS, "SELECT id, title, author_id, genre");

    /** lang added by rebuilding books, each way keeping its foreign key: a faithful rollback (the models declare lang). */
    static final String LANG_BY_REBUILD = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: lang by rebuild
                changes:
            """ + booksRebuilt(BOOK_COLUMNS + ", lang VARCHAR(5), " + BOOK_AUTHOR_KEY, "(id, title, author_id, genre) SELECT id, title, author_id, genre")
            + "    rollback:\n" + booksRebuilt(BOOK_COLUMNS + ", " + BOOK_AUTHOR_KEY, "SELECT id, title, author_id, genre");

    /** The same index with the rollback Liquibase works out itself, made so that the next changeset can drop it. */
    static final String GENRE_INDEX = FORGOTTEN_INDEX.substring(0, FORGOTTEN_INDEX.indexOf("    rollback:"));

    /** books rebuilt without that index, and rebuilt again without it by the rollback: the index is lost for good. */
    static final String INDEX_DROPPED_FOR_GOOD = """
            databaseChangeLog:
            - changeSet:
                id: 0003-1
                author: learner
                comment: books rebuilt
                changes:
            """ + booksRebuilt(BOOK_COLUMNS + ", " + BOOK_AUTHOR_KEY, "SELECT id, title, author_id, genre")
            + "    rollback:\n" + booksRebuilt(BOOK_COLUMNS + ", " + BOOK_AUTHOR_KEY, "SELECT id, title, author_id, genre");

    /** genre renamed, the models saying category: Liquibase's own inverse renames it back. */
    static final String GENRE_RENAMED = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: genre renamed
                changes:
                - renameColumn: {tableName: books, oldColumnName: genre, newColumnName: category, columnDataType: VARCHAR(50)}
            """;

    /** A changeset that changes nothing, nor does its rollback. */
    static final String CHANGES_NOTHING = """
            databaseChangeLog:
            - changeSet:
                id: 0003-1
                author: learner
                comment: nothing at all
                changes:
                - sql: SELECT 1
                rollback:
                - sql: SELECT 1
            """;

    /** An update with no rollback block: Liquibase cannot work one out. */
    static final String NO_ROLLBACK = """
            databaseChangeLog:
            - changeSet:
                id: 0002-1
                author: learner
                comment: retitle a book
                changes:
                - update:
                    tableName: books
                    columns:
                    - column: {name: title, value: Clean Code (2nd edition)}
                    where: id = 2
            """;

    /** Writes a changeset file into the copy's changelog/changes and appends it to the master changelog, as the tutorial appends. */
    static void append(ScratchProject project, String name, String text) throws IOException {
        Path file = project.path("changelog/changes/" + name);
        Files.writeString(file, text);
        new Changelog(new Project(project.root(), new Properties())).append(file);
    }

    /** Changeset files (name, text, name, text...) appended and applied, then the round trip of one by id: from its own rollback. */
    static Result appliedThenTripped(ScratchProject project, String id, String... namesAndTexts) throws IOException {
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            append(project, namesAndTexts[i], namesAndTexts[i + 1]);
        }
        Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
        return roundtrip(project, id);
    }

    /** The bytes of every file the learner owns in the copy: library.db, the models, the changelog. */
    static Map<String, String> learnerFiles(ScratchProject project) {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> changelog = Files.walk(project.path("changelog"))) {
            for (Path file : Stream.concat(Stream.of(project.path("library.db"), project.path(Learner.MODELS)), changelog)
                    .filter(Files::isRegularFile).sorted().toList()) {
                files.put(project.root().relativize(file).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Runs ./jbang roundtrip ARGS and checks the learner's files kept their bytes, and that it printed no stack trace. */
    static Result roundtrip(ScratchProject project, String... arguments) {
        Map<String, String> before = learnerFiles(project);
        String[] command = Stream.concat(Stream.of("roundtrip"), Stream.of(arguments)).toArray(String[]::new);
        Result result = project.jbang(command);
        assertEquals(before, learnerFiles(project), () -> "library.db, the models and the changelog keep their bytes:\n" + result.output());
        Messages.assertNoStackTrace(result);
        return result;
    }

    /** The console block of docs/tools.md after this marker, without its "$ " command line. */
    static String documented(String marker) throws IOException {
        String block = ReadmeTest.blockAfter(marker);
        return block.substring(block.indexOf('\n') + 1);
    }

    @Test
    @DisplayName("the genre changeset, pending: applied, rolled back, applied again, faithful (exit 0), as docs/tools.md shows it; library.db untouched")
    void faithfulPending() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.PENDING)) {
            Result trip = roundtrip(project);
            Learner.assertExit(0, trip);
            Learner.assertShows(trip, """
                    Applied 0001-1, add genre column to books
                      ALTER TABLE books ADD COLUMN genre VARCHAR(50)
                    Rolled back 0001-1, add genre column to books
                      ALTER TABLE books DROP COLUMN genre
                    Applied again 0001-1, add genre column to books
                      ALTER TABLE books ADD COLUMN genre VARCHAR(50)
                    """);
            Learner.assertShows(trip, "Faithful: 0001-1 rolls back to what was there before, and applies again to the same result.");
            assertEquals(documented("<!-- test: roundtrip faithful -->"), trip.shown(), "docs/tools.md shows the tool's very output");
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(project.path("library.db"), "books"), "still pending here");
        }
    }

    @Test
    @DisplayName("after the upgrade: nothing pending says so (exit 0); ID rolls back first on the copy; an unknown ID exits 2 with the ids")
    void appliedAndById() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Result nothing = roundtrip(project);
            Learner.assertExit(0, nothing);
            Learner.assertShows(nothing, "Nothing to round-trip: no changeset is pending, every one is applied to library.db.");
            Learner.assertShows(nothing, "./jbang roundtrip 0001-1");

            Result applied = roundtrip(project, "0001-1");
            Learner.assertExit(0, applied);
            Learner.assertShows(applied, "0001-1 is applied to library.db, so on the copy it was rolled back first, to start from just before it:\n"
                    + "Rolled back first 0001-1, add genre column to books\n  ALTER TABLE books DROP COLUMN genre\n");
            Learner.assertShows(applied, "  after its rollback and apply: as your library.db has it\n");
            Learner.assertShows(applied, "Faithful: 0001-1 rolls back");

            Result unknown = roundtrip(project, "nowhere");
            Learner.assertExit(2, unknown);
            Learner.assertShows(unknown, "No changeset of the changelog is called nowhere. The changesets: 0001-1.");
            Learner.assertShows(unknown, "Usage: ./jbang roundtrip [ID]");

            // The exercises' kinds of change, pending after the genre one: one of them alone, from just before it, then all together.
            ExerciseFixtures.append(project);
            Result middle = roundtrip(project, "0003-1");
            Learner.assertExit(0, middle);
            Learner.assertShows(middle, "Applied first on the copy, to start from just before 0003-1:\nApplied first 0002-1, add isbn column to books\n");
            Learner.assertShows(middle, "Applied 0003-1, set genre to programming\n");
            Learner.assertShows(middle, "Faithful: 0003-1 rolls back");
            Result all = roundtrip(project);
            Learner.assertExit(0, all);
            Learner.assertShows(all, "Rolled back 0004-1, add index on genre\n");
            Learner.assertShows(all, "Faithful: 0002-1, 0003-1, 0004-1 roll back to what was there before, and apply again to the same result.");
        }
    }

    @Test
    @DisplayName("a rollback that forgets an index: exit 1, the index still there after the rollback and the second apply failing, as docs/tools.md shows")
    void forgottenIndex() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0002_index_books_by_genre.yaml", FORGOTTEN_INDEX);
            Result trip = roundtrip(project);
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, "  after rollback: index ix_books_genre is still there (it was not before)\n");
            Learner.assertShows(trip, "  applying 0002-1 again failed on the copy: the copy of library.db already has index ix_books_genre, "
                    + "which changeset 0002-1 (changelog/changes/0002_index_books_by_genre.yaml) adds.\n");
            Learner.assertShows(trip, "Not faithful: 2 differences.");
            assertEquals(documented("<!-- test: roundtrip unfaithful -->"), trip.shown(), "docs/tools.md shows the tool's very output");
            assertEquals(List.of(), ReadBack.rows(project.path("library.db"), "SELECT name FROM pragma_index_list('books')"));
        }
    }

    @Test
    @DisplayName("an update whose rollback does not restore the rows: exit 1, each changed value named with what it was; applied, the same "
            + "from the changelog's own build with the sample books; a column's type changed without its values: exit 1, the values lost named")
    void rowsNotRestored() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0002_titles_in_capitals.yaml", TITLES_NOT_RESTORED);
            Result trip = roundtrip(project);
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, """
                      after rollback: books row 1 title 'the pragmatic programmer' differs: was 'The Pragmatic Programmer'
                      after rollback: books row 2 title 'clean code' differs: was 'Clean Code'
                      after rollback: books row 3 title 'fluent python' differs: was 'Fluent Python'
                    Not faithful: 3 differences.""");
            assertTrue(ReadmeTest.page("tools").contains("`after rollback: books row 2 title 'clean code' differs: was\n'Clean Code'`"),
                    "docs/tools.md quotes the line");
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(project.path("library.db")));
            // Applied, the trip on the copy starts from its rollback, from the titles it left, and applied again matches library.db:
            // where it said Faithful, the changelog's own build, with the sample books as they were before it, shows the change kept.
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            Result applied = roundtrip(project, "0002-1");
            Learner.assertExit(1, applied);
            Learner.assertShows(applied, "  on a fresh database the changelog builds, with the sample books: after its rollback, books row 1 title "
                    + "'the pragmatic programmer' differs: was 'The Pragmatic Programmer'\n");
            // isbn made INTEGER by dropping it and adding it again: every value goes, which the copy's empty isbn cannot show; the
            // build fills it with digits first (as fix-2's books would hold ISBNs) and names what the changeset and its rollback lose.
            append(project, "0003_isbn.yaml", ISBN_ADDED);
            append(project, "0004_isbn_integer.sql", ISBN_RETYPED_WITHOUT_VALUES);
            Result lossy = appliedThenTripped(project, "0004-1");
            Learner.assertExit(1, lossy);
            Learner.assertShows(lossy, "  on a fresh database the changelog builds, with the sample books: with it applied, books.isbn lost 3 of "
                    + "the values it held in every row before it (digits, put there as ISBNs): it does not copy them into the column's new type\n"
                    + "  on a fresh database the changelog builds, with the sample books: after its rollback, with those digits in, books row 1 isbn "
                    + "NULL differs: was '9780000000001'\n");
            // fix-2's reference solution keeps them both ways: ExercisesTest's fix-2, done by solve and checked.
        }
    }

    /** isbn added as alter-1 adds it. */
    static final String ISBN_ADDED = """
            databaseChangeLog:
            - changeSet:
                id: 0003-1
                author: learner
                changes:
                - addColumn: {tableName: books, columns: [{column: {name: isbn, type: VARCHAR(20)}}]}
            """;

    /** isbn made INTEGER the short way: dropped and added again, its values gone; the rollback the same, back to VARCHAR(20). */
    static final String ISBN_RETYPED_WITHOUT_VALUES = """
            --liquibase formatted sql
            --changeset learner:0004-1
            ALTER TABLE books DROP COLUMN isbn;
            ALTER TABLE books ADD COLUMN isbn INTEGER;
            --rollback ALTER TABLE books DROP COLUMN isbn;
            --rollback ALTER TABLE books ADD COLUMN isbn VARCHAR(20);
            """;

    @Test
    @DisplayName("a rollback that rebuilds a table without its UNIQUE and CHECK: exit 1, each lost constraint named after the rollback and after applying again")
    void constraintsLost() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0002_shelves.yaml", SHELVES);
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            append(project, "0003_colour_of_shelves.yaml", LOSSY_REBUILD);
            Result trip = roundtrip(project);
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, """
                      after rollback: shelves lost UNIQUE(code)
                      after rollback: shelves lost CHECK (pos >= 0)
                      after applying again: shelves lost UNIQUE(code)
                      after applying again: shelves lost CHECK (pos >= 0)
                    Not faithful: 4 differences.""");
            assertTrue(ReadmeTest.page("tools").contains("`after\napplying again: shelves lost CHECK (pos >= 0)`"), "docs/tools.md quotes the line");
            assertTrue(trip.shown().contains("every row (authors 3, books 3, shelves 2)"), trip.output());
        }
    }

    @Test
    @DisplayName("a rollback that rebuilds books loosely: its lost foreign key, NOT NULL and type named, and each value now stored as text")
    void keysAndTypesLost() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0002_language_of_books.yaml", BOOKS_REBUILT_LOOSELY);
            Result trip = roundtrip(project);
            Learner.assertExit(1, trip);
            for (String when : List.of("after rollback: ", "after applying again: ")) {
                Learner.assertShows(trip, "  " + when + "column books.title: nullable, was NOT NULL\n"
                        + "  " + when + "column books.author_id: type TEXT, was INTEGER\n"
                        + "  " + when + "books lost foreign key fk_books_author_id (author_id) -> authors(id)\n"
                        + "  " + when + "books row 1 author_id '1' differs: was 1\n");
            }
            assertTrue(!trip.shown().contains("books.id:"), () -> "an INTEGER PRIMARY KEY is never NULL, said NOT NULL or not:\n" + trip.output());
            Learner.assertShows(trip, "Not faithful: 12 differences.");
        }
    }

    @Test
    @DisplayName("applied, a rollback that loses a foreign key its changes make again: exit 1, the loss named against the changelog's own build "
            + "of the state before it; a changeset that changes nothing is not proven, exit 1")
    void lossMadeGoodByTheApply() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Result trip = appliedThenTripped(project, "0002-1", "0002_books_rebuilt_with_lang.yaml", REBUILT_BOTH_WAYS);
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, "  after its rollback: books lost foreign key fk_books_author_id (author_id) -> authors(id), which it had "
                    + "before 0002-1 (as the changelog builds it) and with 0002-1 applied\nNot faithful: 1 difference.");
            // Nothing to compare: said so, where it said "Faithful" under a note that it could not show the rollback.
            append(project, "0003_nothing_at_all.yaml", CHANGES_NOTHING);
            Result nothing = roundtrip(project);
            Learner.assertExit(1, nothing);
            Learner.assertShows(nothing, "Not proven: nothing to compare, so no verdict on the rollback of 0003-1. Try it on a library.db where it changes something.");
            assertTrue(!nothing.shown().contains("Faithful"), nothing.output());
        }
    }

    @Test
    @DisplayName("applied, a changeset that drops an index its rollback does not give back: exit 1, said so; a rename, which 01_create's "
            + "reading of the changelog takes for a column of the models' own, and a column a rebuild adds: faithful, no loss invented")
    void dropsForGoodAndRenames() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Result trip = appliedThenTripped(project, "0003-1", "0002_index_books_by_genre.yaml", GENRE_INDEX,
                    "0003_books_rebuilt.yaml", INDEX_DROPPED_FOR_GOOD);
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, "  after its rollback: books lost index ix_books_genre (genre), which it had before 0003-1 (as the changelog "
                    + "builds it): 0003-1 drops it, and its rollback does not put it back\n");
        }
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Path models = project.path(Learner.MODELS);
            String declared = Files.readString(models);
            assertTrue(declared.contains(".column(\"genre\""), declared);
            Files.writeString(models, declared.replace(".column(\"genre\"", ".column(\"category\""));
            Result trip = appliedThenTripped(project, "0002-1", "0002_genre_renamed.yaml", GENRE_RENAMED);
            Learner.assertExit(0, trip);
            Learner.assertShows(trip, "Faithful: 0002-1 rolls back");
        }
        // A column a rebuild adds, the models declaring it: the start takes it for one of the models' own, so no column is judged so.
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Path models = project.path(Learner.MODELS);
            String declared = Files.readString(models);
            Files.writeString(models, declared.replace(".column(\"genre\"", ".column(\"lang\", string(5))\n            .column(\"genre\""));
            Result trip = appliedThenTripped(project, "0002-1", "0002_lang_by_rebuild.yaml", LANG_BY_REBUILD);
            Learner.assertExit(0, trip);
            Learner.assertShows(trip, "Faithful: 0002-1 rolls back");
        }
    }

    @Test
    @DisplayName("a changeset Liquibase cannot roll back: roundtrip and 07_rollback both name it before anything runs, exit 1")
    void noRollback() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0002_retitle_a_book.yaml", NO_ROLLBACK);
            Result trip = roundtrip(project);
            Messages.assertRefused(trip, 1, Messages.NO_ROLLBACK);
            String said = "Changeset 0002-1 (changelog/changes/0002_retitle_a_book.yaml) cannot be rolled back: Liquibase cannot work out "
                    + "the rollback of update, and the changeset has no rollback block.";
            Learner.assertShows(trip, said);
            Learner.assertShows(trip, "a rollback: block in that changeset");
            assertTrue(!trip.shown().contains("Applied 0002-1"), () -> "nothing ran:\n" + trip.output());

            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            Path database = project.path("library.db");
            List<String> before = ReadBack.everything(database);
            Result rollback = project.jbang("steps/07_rollback.java", "2");
            Messages.assertRefused(rollback, 1, Messages.NO_ROLLBACK);
            Learner.assertShows(rollback, said);
            assertEquals(before, ReadBack.everything(database), "nothing rolled back, not even 0001-1");
        }
    }

    @Test
    @DisplayName("check mastery uses the same round trip: a newest changeset whose rollback forgets its index fails the item, as roundtrip ID says")
    void masteryAgrees() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0002_index_books_by_genre.yaml", FORGOTTEN_INDEX);
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            String failed = "applying 0002-1 after rolling it back failed on the copy: the copy of library.db already has index ix_books_genre, "
                    + "which changeset 0002-1 (changelog/changes/0002_index_books_by_genre.yaml) adds.";

            Map<String, String> before = learnerFiles(project);
            Result mastery = project.jbang("check", "mastery");
            Learner.assertExit(1, mastery);
            assertEquals(before, learnerFiles(project), "the mastery check works on a copy");
            Learner.assertShows(mastery, "[ ] your newest changeset rolls back and applies again, keeping every row: on a copy of your project, "
                    + "0002-1 does not round-trip (./jbang roundtrip 0002-1 shows it all):\n      " + failed + "\n");

            Result trip = roundtrip(project, "0002-1");
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, "  " + failed + "\n");
            // A release marked by a changeset that only tags: the newest that changes something is the one tried, where the tag's
            // trip, changing nothing, failed the item of a project that was right.
            append(project, "0003_release.yaml", """
                    databaseChangeLog:
                    - changeSet:
                        id: release-1
                        author: learner
                        changes:
                        - tagDatabase: {tag: release-1.0}
                    """);
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            Result tagged = project.jbang("check", "mastery");
            Learner.assertExit(1, tagged);
            Learner.assertShows(tagged, "[ ] your newest changeset rolls back and applies again, keeping every row: on a copy of your project, "
                    + "0002-1 does not round-trip");
        }
        // A newest changeset that changes nothing: roundtrip says "Not proven", and the item is not passed either (it was).
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            append(project, "0003_nothing_at_all.yaml", CHANGES_NOTHING);
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            Result mastery = project.jbang("check", "mastery");
            Learner.assertExit(1, mastery);
            Learner.assertShows(mastery, "[ ] your newest changeset rolls back and applies again, keeping every row: on a copy of your project, "
                    + "applying 0003-1 again after its rollback changed nothing, so nothing shows that its rollback undoes it");
            // A changeset that runs on every update, before the one named: update-count 1 would run it in its place (the trip
            // applied and rolled back the log's insert, and called the named one faithful).
            append(project, "0004_upgrade_log.yaml", """
                    databaseChangeLog:
                    - changeSet:
                        id: 0004-1
                        author: learner
                        runAlways: true
                        changes:
                        - sql: CREATE TABLE IF NOT EXISTS upgrade_log (at TEXT)
                        - sql: INSERT INTO upgrade_log VALUES (datetime('now'))
                        rollback:
                        - sql: DROP TABLE upgrade_log
                    """);
            append(project, "0005_nothing_again.yaml", CHANGES_NOTHING.replace("0003-1", "0005-1"));
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            Result always = roundtrip(project, "0005-1");
            Messages.assertRefused(always, 1, "Cannot round-trip 0005-1 alone: 0004-1 (changelog/changes/0004_upgrade_log.yaml), before it in "
                    + "the changelog, runs on every update (runAlways: true), so Liquibase would run it again in 0005-1's place. Nothing was changed.");
        }
    }
}
