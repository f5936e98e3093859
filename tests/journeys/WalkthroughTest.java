package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * The walkthrough as a learner does it, step by step in one scratch copy, with the model
 * edited by hand: after every step the schema and the books are read back with PRAGMA and SQL.
 */
@Tag("walkthrough")
@Tag("quick")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkthroughTest {

    static final String GENERATED = "changelog/changes/0001_add_genre_column_to_books.yaml";

    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.fresh();
    final ScratchProject project = copy.project();
    final Path database = copy.database();

    Result step(String... command) {
        return project.jbang(command);
    }

    @Test
    @Order(1)
    @DisplayName("01_create makes authors and books from the models, with three books and a named foreign key")
    void createsTheDatabase() {
        Result result = step("steps/01_create.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, """
                Tables created. Sample data inserted.
                Books in database:
                  1 | The Pragmatic Programmer     | David Thomas
                  2 | Clean Code                   | Robert C. Martin
                  3 | Fluent Python                | Luciano Ramalho
                """);
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"));
        assertEquals(List.of("id", "name"), ReadBack.columnNames(database, "authors"));
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        assertEquals(List.of("authors | author_id | id"),
                ReadBack.rows(database, "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('books')"));
        assertTrue(ReadBack.rows(database, "SELECT sql FROM sqlite_master WHERE name = 'books'").get(0)
                .contains("CONSTRAINT fk_books_author_id FOREIGN KEY"), "the foreign key has a name");
        assertEquals(List.of(), ReadBack.rows(database,
                "SELECT name FROM sqlite_master WHERE name LIKE 'DATABASECHANGELOG%'"), "create_all() is not a migration");
    }

    @Test
    @Order(2)
    @DisplayName("01_create run again says the tables exist already (the block's words, as the README shows them) and adds no duplicate")
    void createTwiceAddsNothing() {
        List<String> before = ReadBack.everything(database);
        Result result = step("steps/01_create.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "The tables exist already: no table created, no book added.");
        assertEquals(before, ReadBack.everything(database));
    }

    @Test
    @Order(3)
    @DisplayName("02_setup shows liquibase.properties, the empty chain, the models and where library.db stands")
    void setupShowsTheConfiguration() {
        List<String> before = ReadBack.everything(database);
        Result result = step("steps/02_setup.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "changeLogFile=changelog/db.changelog-master.yaml");
        Learner.assertShows(result, "url=jdbc:sqlite:library.db");
        Learner.assertShows(result, Learner.MODELS + " declares the tables authors and books.");
        Learner.assertShows(result, "<base>   (no changeset yet)");
        assertEquals(before, ReadBack.everything(database), "looking changes nothing");
    }

    @Test
    @Order(4)
    @DisplayName("03_change_model before the edit says which file and line to edit, and exits 1; 04_autogenerate then finds nothing and says where the edit is")
    void changeModelBeforeTheEdit() throws IOException {
        Result result = step("steps/03_change_model.java");
        Learner.assertExit(1, result);
        Learner.assertShows(result, "The genre column is still commented out in the Book model.");
        Learner.assertShows(result, "Edit " + Learner.MODELS + ", line " + Learner.markerLine(project) + ": delete the two slashes before .column, nothing else, so that its code reads\n"
                + "            .column(\"genre\", string(50))\nThen run this step again");
        // Step 3 skipped: autogenerate finds nothing, and says why that is.
        Result generate = step("steps/04_autogenerate.java", "-m", "too soon");
        Learner.assertExit(0, generate);
        Learner.assertShows(generate, "No changes detected: the models and library.db agree. No file written.\n"
                + "The genre column is still commented out in the Book model (" + Learner.MODELS + " line " + Learner.markerLine(project)
                + "): ./jbang steps/03_change_model.java says how to edit it.");
        assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));
    }

    @Test
    @Order(5)
    @DisplayName("after the learner deletes the //, 03_change_model shows the genre column missing from library.db")
    void changeModelAfterTheEdit() throws IOException {
        Learner.uncommentGenre(project);
        Result result = step("steps/03_change_model.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "+ column books.genre VARCHAR(50)   (in the models, not in the database)");
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"), "comparing changes nothing");
    }

    @Test
    @Order(6)
    @DisplayName("04_autogenerate writes an addColumn changeset and appends it to the master changelog")
    void autogenerateWritesAChangeset() throws IOException {
        Result result = step("steps/04_autogenerate.java", "-m", "add genre column to books");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "Generating " + GENERATED + " ... done");
        String changeset = Files.readString(project.path(GENERATED));
        assertTrue(changeset.contains("- addColumn:"), changeset);
        assertTrue(changeset.contains("name: genre"), changeset);
        assertTrue(changeset.contains("type: VARCHAR(50)"), changeset);
        assertTrue(changeset.contains("tableName: books"), changeset);
        assertFalse(changeset.matches("(?is).*tableName:\\s*databasechangelog.*"), "Liquibase's own tables are never in the diff");
        String master = Files.readString(project.path("changelog/db.changelog-master.yaml"));
        assertTrue(master.contains("file: changes/0001_add_genre_column_to_books.yaml"), master);
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"), "generating applies nothing");
    }

    @Test
    @Order(7)
    @DisplayName("04_autogenerate while a changeset is pending refuses, like Alembic, and writes nothing")
    void autogenerateRefusesWhilePending() throws IOException {
        Result result = step("steps/04_autogenerate.java", "-m", "again");
        Learner.assertExit(1, result);
        Learner.assertShows(result, "library.db is not up to date");
        assertEquals(List.of(".gitkeep", "0001_add_genre_column_to_books.yaml"), Learner.files(project, "changelog/changes"));
    }

    @Test
    @Order(8)
    @DisplayName("05_upgrade adds genre with ALTER TABLE ... ADD COLUMN and keeps the three books")
    void upgradeAddsTheColumn() throws IOException {
        Result result = step("steps/05_upgrade.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, """
                Running upgrade <base> -> 0001-1, add genre column to books
                  ALTER TABLE books ADD COLUMN genre VARCHAR(50)
                """);
        assertEquals(List.of("id INTEGER 1 1", "title VARCHAR(200) 1 0", "author_id INTEGER 0 0", "genre VARCHAR(50) 0 0"),
                ReadBack.columns(database, "books").stream().map(c -> c.replace(" | ", " ")).toList());
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        assertEquals(List.of("0001-1 | learner | changelog/changes/0001_add_genre_column_to_books.yaml"),
                ReadBack.rows(database, "SELECT id, author, filename FROM DATABASECHANGELOG"));
        assertEquals(whenAside(Arrays.asList(ReadmeTest.blockAfter("<!-- test: changelog row -->").split("\n"))),
                whenAside(ReadBack.record(database, "SELECT * FROM DATABASECHANGELOG")), "the guide shows the row as it is");
    }

    /** The fields of a record, with the two that differ on every run (its date and deployment id) masked. */
    static List<String> whenAside(List<String> fields) {
        return fields.stream().map(String::strip)
                .map(field -> field.matches("(DATEEXECUTED|DEPLOYMENT_ID) = .*") ? field.replaceFirst(" = .*", " = ...") : field).toList();
    }

    @Test
    @Order(9)
    @DisplayName("05_upgrade run again says it is up to date")
    void upgradeTwice() {
        List<String> before = ReadBack.everything(database);
        Result result = step("steps/05_upgrade.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "Nothing to upgrade: library.db already has every changeset of the changelog.");
        assertEquals(before, ReadBack.everything(database));
    }

    @Test
    @Order(10)
    @DisplayName("06_verify prints the columns from PRAGMA table_info(books) and every book")
    void verifyShowsGenre() {
        Result result = step("steps/06_verify.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "[id, title, author_id, genre]");
        Learner.assertShows(result, "  3 | Fluent Python                | Luciano Ramalho");
    }

    @Test
    @Order(11)
    @DisplayName("04_autogenerate with the models and library.db in step writes nothing")
    void autogenerateWithNothingToDo() throws IOException {
        Result result = step("steps/04_autogenerate.java", "-m", "nothing");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "No changes detected: the models and library.db agree. No file written.");
        assertEquals(List.of(".gitkeep", "0001_add_genre_column_to_books.yaml"), Learner.files(project, "changelog/changes"));
    }

    @Test
    @Order(11)
    @DisplayName("03_change_model once library.db has genre: the models and library.db agree, and the genre line is no longer news")
    void changeModelAfterTheUpgrade() {
        Result result = step("steps/03_change_model.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "The models and library.db agree: there is nothing to migrate.");
        assertFalse(result.shown().contains("The Book model has its genre column"), result.shown());
    }

    @Test
    @Order(12)
    @DisplayName("02_setup shows the chain with the applied changeset as head and current")
    void setupShowsTheChain() {
        Result result = step("steps/02_setup.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "changes/0001_add_genre_column_to_books.yaml");
        Learner.assertShows(result, "<base> -> 0001-1 (head) (current), add genre column to books   [applied]");
    }

    @Test
    @Order(13)
    @DisplayName("the liquibase alias runs the real CLI: status and history on the walkthrough's database")
    void liquibaseCli() {
        Result status = step("liquibase", "status", "--verbose");
        Learner.assertExit(0, status);
        Learner.assertShows(status, "is up to date");
        Result history = step("liquibase", "history");
        Learner.assertExit(0, history);
        Learner.assertShows(history, "changelog/changes/0001_add_genre_column_to_books.yaml");
        Learner.assertShows(history, "0001-1");
    }

    @Test
    @Order(13)
    @DisplayName("the real CLI starts with the lines the README shows (time and Java aside), and never asks to re-install Liquibase")
    void liquibaseCliStartUp() throws IOException {
        Result history = step("liquibase", "history");
        Learner.assertExit(0, history);
        assertFalse(history.output().contains("re-installing"), history.output());
        assertFalse(history.output().contains("WARNING"), history.output());
        List<String> shown = history.shown().lines().limit(3).toList();
        List<String> readme = ReadmeTest.blockAfter("<!-- test: cli start-up -->").lines().toList();
        assertEquals(readme.size(), shown.size());
        for (int i = 0; i < readme.size(); i++) {
            assertEquals(withoutTimeAndJava(readme.get(i)), withoutTimeAndJava(shown.get(i)), "start-up line " + (i + 1));
        }
    }

    static String withoutTimeAndJava(String line) {
        return line.replaceAll("at \\d\\d:\\d\\d:\\d\\d using Java \\S+", "at TIME using Java VERSION");
    }

    @Test
    @Order(14)
    @DisplayName("07_rollback drops genre with ALTER TABLE ... DROP COLUMN and keeps the three books")
    void rollbackDropsTheColumn() {
        Result result = step("steps/07_rollback.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, """
                Running downgrade 0001-1 -> <base>, add genre column to books
                  ALTER TABLE books DROP COLUMN genre
                """);
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"));
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        assertEquals(List.of(), ReadBack.rows(database, "SELECT id FROM DATABASECHANGELOG"));
        assertTrue(ReadBack.rows(database, "SELECT sql FROM sqlite_master WHERE name = 'books'").get(0)
                .contains("CONSTRAINT fk_books_author_id FOREIGN KEY"), "the named foreign key survives");
    }

    @Test
    @Order(15)
    @DisplayName("07_rollback run again says nothing is applied, with a count too")
    void rollbackTwice() {
        List<String> before = ReadBack.everything(database);
        Result result = step("steps/07_rollback.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "Nothing to roll back: no changeset is applied to library.db.");
        // Any count, with nothing applied: the same (docs/tools.md), not "only 0 applied"; written --count 3 too, as the
        // heading's Liquibase command writes it.
        Result three = step("steps/07_rollback.java", "--count", "3");
        Learner.assertExit(0, three);
        Learner.assertShows(three, "Liquibase: liquibase rollback-count --count 3");
        Learner.assertShows(three, "Nothing to roll back: no changeset is applied to library.db.");
        // A --to naming what is not there is a slip all the same (written --to=, as Liquibase's CLI takes it); so is an empty one.
        Result unknown = step("steps/07_rollback.java", "--to=bogus");
        Messages.assertRefused(unknown, 2, "No applied changeset or tag is called bogus: none is applied to library.db yet.");
        Learner.assertShows(unknown, "Usage: ./jbang steps/07_rollback.java");
        Messages.assertRefused(step("steps/07_rollback.java", "--to", ""), 2, "--to needs a target: a changeset id, a tag, or base.");
        assertEquals(before, ReadBack.everything(database));
    }

    @Test
    @Order(16)
    @DisplayName("05_upgrade after the rollback applies the changeset again")
    void upgradeAfterRollback() {
        Result result = step("steps/05_upgrade.java");
        Learner.assertExit(0, result);
        assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"));
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
    }

    @Test
    @Order(17)
    @DisplayName("a step run from a subfolder uses the one library.db at the project root")
    void stepFromASubfolder() throws IOException {
        Result result = project.jbangIn("steps", "06_verify.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "[id, title, author_id, genre]");
        assertFalse(result.output().contains("(Run from"), () -> "no ./jbang command shown, so nothing said of where to type one:\n" + result.output());
        // One that shows a ./jbang command (its usage, here) says, last, where it is typed: the tutorial's folder, not steps/.
        Result usage = project.jbangIn("steps", "04_autogenerate.java");
        Learner.assertExit(2, usage);
        Learner.assertShows(usage, "Usage: ./jbang steps/04_autogenerate.java -m MESSAGE");
        assertTrue(usage.output().strip().endsWith("(Run from steps/: the ./jbang commands above are typed in the tutorial's folder, so cd .. first.)"),
                () -> "where to type ./jbang steps/04_autogenerate.java, last:\n" + usage.output());
        // Its name without .java, there: JBang would look for an alias of that name and say only that it found none.
        Result noJava = project.jbangIn("steps", "06_verify");
        Messages.assertRefused(noJava, 2, Messages.NO_STEP_NAMED);
        Learner.assertShows(noJava, "No step or alias named 06_verify: a step is its Java file, ../jbang 06_verify.java");
        // The same typed in the tutorial's folder, with .java or without: the step's path in steps/.
        Learner.assertShows(step("06_verify"), "No step or alias named 06_verify: a step is its Java file, ./jbang steps/06_verify.java");
        // The wrapper typed twice (a script's "$JBANG ./jbang ..."): JBang compiled the bash file as Java, in 306 lines of errors.
        Result twice = step("./jbang", "steps/06_verify.java");
        Messages.assertRefused(twice, 2, Messages.WRAPPER_TWICE);
        Learner.assertShows(twice, "./jbang is this wrapper, typed twice: it runs the step itself. Type it once: ./jbang steps/06_verify.java");
        // From steps/, with JBang's own --verbose before it: the same, as typed there.
        Learner.assertShows(project.jbangIn("steps", "--verbose", "../jbang", "06_verify.java"),
                "../jbang is this wrapper, typed twice: it runs the step itself. Type it once: ../jbang --verbose 06_verify.java");
        Result inRoot = step("06_verify.java");
        Messages.assertRefused(inRoot, 2, Messages.NO_FILE.replace("steps/05_upgrade", "06_verify.java"));
        Learner.assertShows(inRoot, "It is a step, in steps/: ./jbang steps/06_verify.java");
        // A command of the catalog whose name a folder there has (steps/postgres/, the throw-away server's classes): the command,
        // where JBang took the folder for the script ("Cannot run .../steps/postgres as it is a directory", exit 2).
        Result postgresThere = project.jbangIn("steps", "postgres", "--help");
        Learner.assertExit(0, postgresThere);
        Learner.assertShows(postgresThere, "Usage: ./jbang postgres");
        Result deeper = project.jbangIn("changelog/changes", "../../steps/02_setup.java");
        Learner.assertExit(0, deeper);
        assertFalse(Files.exists(project.path("steps/library.db")), "no second database in steps/");
        assertFalse(Files.exists(project.path("changelog/changes/library.db")), "no second database in changelog/changes/");
    }
}
