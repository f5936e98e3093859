package journeys;

import static journeys.Messages.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Learners out of order or off the path: no database yet, a file that is not a database,
 * options typed wrong, a read-only file or folder. Each ends with the message, a non-zero
 * exit, and library.db and the changelog exactly as they were, read back.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsBadInputTest {

    static final String CHANGESET = "changelog/changes/0001_add_genre_column_to_books.yaml";
    static final String MASTER = "changelog/db.changelog-master.yaml";

    // The states used: EDITED (04_autogenerate has a column to propose) and PENDING (05_upgrade has one to apply).
    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.PENDING);
    final ScratchProject project = copy.project();
    final Path database = copy.database();

    Result step(String... command) {
        return project.jbang(command);
    }

    @Test
    @DisplayName("every step that needs library.db, run before 01_create, points to 01_create and creates nothing; a failed 01_create leaves no library.db")
    void beforeCreate() throws IOException {
        copy.restore(LessonState.PENDING);
        Files.delete(database);
        List<String> changesBefore = Learner.files(project, "changelog/changes");
        String masterBefore = Files.readString(project.path(MASTER));
        for (List<String> command : List.of(List.of("steps/02_setup.java"), List.of("steps/03_change_model.java"),
                List.of("steps/04_autogenerate.java", "-m", "add genre column to books"), List.of("steps/05_upgrade.java"),
                List.of("steps/06_verify.java"), List.of("steps/07_rollback.java"))) {
            Result result = step(command.toArray(String[]::new));
            assertRefused(result, 1, Messages.NO_DATABASE);
            Learner.assertShows(result, "Create it first with: ./jbang steps/01_create.java");
            assertFalse(Files.exists(database), command + " created library.db");
            assertFalse(Files.exists(project.path("library.db-journal")), command + " left a journal");
        }
        // The models' file gone: each command that reads it says so and how to put it back (JBang stopped with "resourceRef" is null, exit 4).
        Path modelsFile = project.path(Learner.MODELS);
        Path aside = project.path("Models.java.moved");
        Files.move(modelsFile, aside);
        try {
            // By its path, by its alias; and in JBang's own forms: --verbose before it (as JBang's errors ask), run, an alias
            // named with its catalog. JBang said "resourceRef is null", exit 4.
            for (List<String> command : List.of(List.of("steps/05_upgrade.java"), List.of("check"), List.of("--verbose", "steps/05_upgrade.java"),
                    List.of("run", "check"), List.of("check@."))) {
                Result gone = step(command.toArray(String[]::new));
                String named = command.get(command.size() - 1).replace("@.", "");
                assertRefused(gone, 1, "steps/models/Models.java is missing (moved or deleted), and " + named + " reads the models. Nothing was run.");
                Learner.assertShows(gone, "Put it back, from the tutorial's folder: git checkout HEAD -- steps/models/Models.java");
                assertFalse(gone.output().contains("[jbang]"), gone.output());
            }
            // A step that does not read the models runs as ever.
            Messages.assertRefused(step("steps/06_verify.java"), 1, Messages.NO_DATABASE);
        } finally {
            Files.move(aside, modelsFile);
        }
        // solve of a later exercise: the walkthrough's start, not the exercise before it, is what is missing.
        Result solved = step("solve", "break-3");
        assertRefused(solved, 1, "break-3 starts where fix-3 ends, after the walkthrough, and the walkthrough is not done yet (library.db created: not yet).");
        Learner.assertShows(solved, "Walk through it first, from ./jbang steps/01_create.java on");
        assertFalse(Files.exists(database), "solve created library.db");
        assertEquals(changesBefore, Learner.files(project, "changelog/changes"));
        assertEquals(masterBefore, Files.readString(project.path(MASTER)));
        // A slip in liquibase.properties' url while library.db is there: the url, more likely than a database to make.
        copy.restore(LessonState.PENDING);
        Path settings = project.path("liquibase.properties");
        String settingsBefore = Files.readString(settings);
        Files.writeString(settings, settingsBefore.replace("jdbc:sqlite:library.db", "jdbc:sqlite:librry.db"));
        Result typo = step("steps/06_verify.java");
        assertRefused(typo, 1, "librry.db does not exist yet.");
        Learner.assertShows(typo, "Create it first with: ./jbang steps/01_create.java\n(or, if library.db is the database you meant, mend the url "
                + "that names librry.db: liquibase.properties, or --url)");
        assertFalse(Files.exists(project.path("librry.db")));
        // A --url to a file outside the project: named by its whole path, where ../elsewhere/other.db was said.
        Path outside = project.root().getParent().resolve("elsewhere/other.db").toAbsolutePath().normalize();
        assertRefused(step("steps/06_verify.java", "--url", "jdbc:sqlite:" + outside), 1, outside.toString().replace('\\', '/') + " does not exist yet.");
        Files.writeString(settings, settingsBefore);
        Files.delete(database);

        // 01_create that fails midway (a model edit whose SQL SQLite refuses) leaves no library.db behind: an empty one
        // would stop every later step. The changelog is emptied so that 01_create takes the models' path.
        Files.writeString(project.path(MASTER), "databaseChangeLog: []\n");
        Path models = project.path(Learner.MODELS);
        Files.writeString(models, Files.readString(models).replace(".column(\"title\", string(200), NOT_NULL)",
                ".column(\"title\", string(200), NOT_NULL).index(\"ix_books_missing\", \"no_such_column\")"));
        Result create = step("steps/01_create.java");
        Learner.assertExit(1, create);
        Learner.assertShows(create, "SQLite refused the tables the models describe: ");
        Learner.assertShows(create, "no_such_column");
        Learner.assertShows(create, "Mend steps/models/Models.java where your edit made that");
        assertFalse(Files.exists(database), "a failed 01_create left library.db behind");
        assertFalse(Files.exists(project.path("library.db-journal")), "a failed 01_create left a journal");
    }

    @Test
    @DisplayName("step 3's edit made before 01_create: library.db has genre from the start; 01, 03, 04, 05 and check say so and how "
            + "to get back on the lesson's path, where each sent to the next; that way works")
    void editedBeforeCreate() throws IOException {
        copy.restore(LessonState.EDITED); // genre uncommented, no changeset yet
        Files.delete(database);
        String said = Messages.MADE_WITH_GENRE + "\n(step 3's edit came first), so steps 3 to 5 find nothing to migrate. To walk through the lesson as written,\n"
                + "put the // back at the start of steps/models/Models.java line 33, then make library.db again:\n"
                + "  mv library.db library.db.bak && ./jbang steps/01_create.java";
        Result create = step("steps/01_create.java");
        Learner.assertExit(0, create);
        Learner.assertShows(create, "Tables created. Sample data inserted.");
        Learner.assertShows(create, said);
        assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"));
        Result compare = step("steps/03_change_model.java");
        Learner.assertShows(compare, "The models and library.db agree: there is nothing to migrate.\n\n" + said);
        Result generate = step("steps/04_autogenerate.java", "-m", "add genre column to books");
        Learner.assertShows(generate, "No changes detected: the models and library.db agree. No file written.\n\n" + said);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertShows(upgrade, "Nothing to upgrade: the changelog has no changeset yet.\n\n" + said);
        assertFalse(upgrade.shown().contains("says which line of the models to edit"), upgrade.shown());
        // Followed once already (a library.db.bak there), the same advice names another file: the first is never written over.
        Files.writeString(project.path("library.db.bak"), "the library.db moved aside the first time");
        Result brief = step("check", "--brief");
        Files.delete(project.path("library.db.bak"));
        Learner.assertShows(brief, "Next: the walkthrough first (changeset generated: not yet): put the // back at the start of "
                + "steps/models/Models.java line 33, then make library.db again: mv library.db library.db.bak2 && ./jbang steps/01_create.java");
        assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));

        // The way back, as said: the // put back, library.db made again, without genre, and step 3 asks for the edit.
        Path models = project.path(Learner.MODELS);
        Files.writeString(models, Files.readString(models).replace("            .column(\"genre\"", "            //.column(\"genre\""));
        Files.move(database, project.path("library.db.bak"));
        Result again = step("steps/01_create.java");
        Learner.assertExit(0, again);
        assertFalse(again.shown().contains("from the start"), again.shown());
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"));
        Files.delete(project.path("library.db.bak"));
    }

    @Test
    @DisplayName("garbage bytes, an empty file, a damaged database or another SQLite database as library.db: each step, check and hint say so and leave the file as it is; "
            + "so do 01 and 06 where books lacks the title they list, and the CLI's drop-all, which cannot run on SQLite")
    void notADatabase() throws IOException {
        copy.restore(LessonState.PENDING);
        byte[] real = Files.readAllBytes(database);
        byte[] damaged = real.clone();
        for (int i = 100; i < 4096; i++) { // the first page after the header: where SQLite keeps the schema (bytes no page has)
            damaged[i] = (byte) (i % 7 == 0 ? 0x13 : 0xff);
        }
        byte[] garbage = "This is not a database, just a file someone named library.db\n".repeat(40).getBytes();
        Path other = Files.createTempFile(project.root(), "other-", ".db"); // a SQLite database, but not the lesson's
        ReadBack.execute(other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
        byte[] notTheLessons = Files.readAllBytes(other);
        Files.delete(other);
        record Case(byte[] content, String message, List<String> commands) {
        }
        // check and hint (which asks check --brief) say it too, rather than naming a step of the walkthrough as the next one.
        List<String> steps = List.of("steps/01_create.java", "steps/05_upgrade.java", "steps/06_verify.java");
        java.util.function.BiFunction<List<String>, List<String>, List<String>> stepsAnd =
                (some, tools) -> java.util.stream.Stream.concat(some.stream(), tools.stream()).toList();
        // (01_create refuses it too, in its own words: below.)
        // The liquibase alias too, where status on an empty file said "up to date", exit 0, and wrote Liquibase's tables into it.
        for (Case broken : List.of(new Case(garbage, Messages.NOT_SQLITE, stepsAnd.apply(steps, List.of("check", "check alter-1", "hint"))),
                new Case(new byte[0], Messages.EMPTY_FILE, stepsAnd.apply(steps.subList(1, 3), List.of("check --brief", "liquibase status"))),
                new Case(damaged, Messages.DAMAGED, stepsAnd.apply(steps, List.of("check", "liquibase history"))),
                new Case(notTheLessons, Messages.NO_BOOKS, stepsAnd.apply(steps.subList(1, 3), List.of("check", "liquibase status"))))) {
            Files.write(database, broken.content());
            for (String command : broken.commands()) {
                Result result = step(command.split(" "));
                assertRefused(result, 1, broken.message());
                // An empty file is created in, as troubleshooting says (moved aside first, it left a .bak of nothing); the others kept.
                Learner.assertShows(result, broken.content().length == 0 ? "Create the database in it (it holds nothing to lose): ./jbang steps/01_create.java"
                        : "mv library.db library.db.bak && ./jbang steps/01_create.java");
                assertArrayEquals(broken.content(), Files.readAllBytes(database), command + " changed the file");
                assertFalse(Files.exists(project.path("library.db-journal")), command + " left a journal");
            }
        }
        // Another database's tables and none of the lesson's: 01_create does not mix the lesson's tables and sample rows into it
        // (create_all() would; a url pointed at a real database, say).
        Files.write(database, notTheLessons);
        Result mixed = step("steps/01_create.java");
        assertRefused(mixed, 1, "library.db holds notes, not the lesson's tables (authors, books): another database, not one 01_create "
                + "made. Nothing was created.");
        Learner.assertShows(mixed, "mv library.db library.db.bak && ./jbang steps/01_create.java");
        assertArrayEquals(notTheLessons, Files.readAllBytes(database), "01_create changed another database");
        // The same with a books of its own beside them (no authors): refused, where "the tables exist already" let 05_upgrade add
        // genre to that books (a tester's).
        Path withBooks = Files.createTempFile(project.root(), "other-", ".db");
        ReadBack.execute(withBooks, "CREATE TABLE books (isbn TEXT PRIMARY KEY, price REAL)");
        ReadBack.execute(withBooks, "CREATE TABLE customers (id INTEGER)");
        byte[] othersBooks = Files.readAllBytes(withBooks);
        Files.delete(withBooks);
        Files.write(database, othersBooks);
        assertRefused(step("steps/01_create.java"), 1, "library.db holds books, customers, not the lesson's tables (authors, books): another "
                + "database, not one 01_create made. Nothing was created.");
        assertArrayEquals(othersBooks, Files.readAllBytes(database), "01_create changed another database");
        // The lesson's own, one of its two tables dropped by hand: 01_create does not make the tables again among the other. Books
        // dropped: SQLite refused it, and the step called authors a table a changeset adds, and sent to changelog-sync; authors
        // dropped: it said "the tables exist already", then stopped at SQLite's "no such table: authors".
        for (String[] dropped : List.of(new String[] {"books", "authors"}, new String[] {"authors", "books"})) {
            Files.write(database, real);
            ReadBack.execute(database, "DROP TABLE " + dropped[0]);
            List<String> without = ReadBack.everything(database);
            Result again = step("steps/01_create.java");
            assertRefused(again, 1, "library.db has " + dropped[1] + " but no " + dropped[0] + " table: changed by hand since 01_create made it ("
                    + dropped[0] + " dropped?). Nothing was created.");
            Learner.assertShows(again, "mv library.db library.db.bak && ./jbang steps/01_create.java");
            assertEquals(without, ReadBack.everything(database));
        }
        // Without authors, 06_verify lists the books without their authors and says why (its block's join needs the table).
        List<String> withoutAuthors = ReadBack.everything(database);
        Result listed = step("steps/06_verify.java");
        Learner.assertExit(0, listed);
        Learner.assertShows(listed, "PRAGMA table_info(books) lists these columns:");
        Learner.assertShows(listed, "  2 | Clean Code                   | null\n");
        Learner.assertShows(listed, "  (library.db has no authors table now: the books are listed without their authors)");
        assertEquals(withoutAuthors, ReadBack.everything(database));
        // Another database given with --url, its tables' pages damaged (the schema's page whole): said of that one, with the way
        // out on it, where a schema read deep inside said library.db, and its mv set the good library.db aside.
        Files.write(database, real);
        byte[] tablesDamaged = real.clone();
        for (int i = 4096; i < Math.min(real.length, 3 * 4096); i++) {
            tablesDamaged[i] = (byte) (i % 7 == 0 ? 0x13 : 0xff);
        }
        Path otherDb = project.path("other.db");
        Files.write(otherDb, tablesDamaged);
        try {
            Result onOther = step("steps/05_upgrade.java", "--url", "jdbc:sqlite:other.db");
            assertRefused(onOther, 1, "other.db is damaged: SQLite says its disk image is malformed. Nothing was changed.");
            Learner.assertShows(onOther, "mv other.db other.db.bak && ./jbang steps/01_create.java --url jdbc:sqlite:other.db");
            assertArrayEquals(real, Files.readAllBytes(database), "library.db untouched");
        } finally {
            Files.delete(otherDb);
        }
        // None at all: the real CLI's commands say so as the steps do, where they made an empty file (status, history) that
        // 01_create then refused.
        Files.delete(database);
        Result cli = step("liquibase", "history");
        Messages.assertRefused(cli, 1, Messages.NO_DATABASE);
        assertFalse(Files.exists(database), "no library.db made");
        // Nothing is applied where there is no library.db: the newest changeset goes back without one.
        Result discard = step("revision", "--discard");
        Learner.assertExit(0, discard);
        Learner.assertShows(discard, "Discarded changelog/changes/0001_add_genre_column_to_books.yaml");
        assertFalse(Files.exists(database), "no library.db made");
        copy.restore(LessonState.PENDING);
        // An empty one holds nothing to lose: 01_create makes the database anew, as where there is none.
        Files.write(database, new byte[0]);
        Learner.assertExit(0, step("steps/01_create.java"));
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        // The lesson's database, with a column the steps list the books by renamed (a rename in the models autogenerated as a drop and
        // an add, then applied): 01 and 06 say which and what next, where SQLite's "no such column: b.title" said neither.
        ReadBack.execute(database, "ALTER TABLE books RENAME COLUMN title TO book_title");
        List<String> renamed = ReadBack.everything(database);
        for (String command : List.of("steps/01_create.java", "steps/06_verify.java")) {
            Result result = step(command);
            assertRefused(result, 1, Messages.NO_BOOK_COLUMN);
            Learner.assertShows(result, "To have it back, roll that migration back (./jbang steps/07_rollback.java)");
            if (command.contains("06")) { // its first answer, the columns, still given
                Learner.assertShows(result, "PRAGMA table_info(books) lists these columns:\n[id, book_title, author_id]");
            }
            assertEquals(renamed, ReadBack.everything(database), command);
        }
        // The CLI's drop-all, which Liquibase 4.33 cannot run on SQLite (it stopped at the foreign keys with "Cannot find generators for
        // database class tutorial.liquibase.OneTransactionPerChangeSet"): said before it starts, with the ways to start over.
        for (String command : List.of("drop-all", "dropAll --url=jdbc:sqlite:library.db")) {
            Result dropAll = step(("liquibase " + command).split(" "));
            assertRefused(dropAll, 1, Messages.DROP_ALL);
            assertFalse(dropAll.output().contains("Cannot find generators"), dropAll.output());
            Learner.assertShows(dropAll, "To start over: ./jbang reset");
        }
        assertEquals(renamed, ReadBack.everything(database), "drop-all");
    }

    @Test
    @DisplayName("no locale at all (LANG, LC_ALL and LC_CTYPE unset, as in many containers): an accented -m reaches the changeset as typed")
    void accentsWithoutALocale() throws IOException {
        copy.restore(LessonState.PENDING);
        // Java reads the command line in the locale's charset, ASCII here: "l'année" arrived as "l'ann??e".
        Map<String, String> noLocale = new java.util.HashMap<>();
        noLocale.put("LANG", null);
        noLocale.put("LC_ALL", null);
        noLocale.put("LC_CTYPE", null);
        Result revision = project.jbangWith(noLocale, "revision", "-m", "ajouter l'année");
        Learner.assertExit(0, revision);
        Learner.assertShows(revision, "Generating changelog/changes/0002_ajouter_l_annee.yaml ... done");
        Learner.assertShows(revision, "Added it to the end of changelog/db.changelog-master.yaml.");
        assertTrue(Files.readString(project.path("changelog/changes/0002_ajouter_l_annee.yaml")).contains("    comment: ajouter l'année\n"),
                "the message as typed, in the changeset's comment");
    }

    @Test
    @DisplayName("a locale named but not installed (LANG=xx_XX.UTF-8, as ssh brings one from another machine): a project in a folder named with accents is found, an accented -m reaches the changeset as typed")
    void aLocaleNotInstalled() throws IOException {
        copy.restore(LessonState.CREATED);
        // Java's setlocale fails as a whole on a name not installed: file names and the command line were read as ASCII,
        // and the step said "This folder is not inside the tutorial" of the folder it was in (JBang's launcher, a stack trace).
        Map<String, String> notInstalled = new java.util.HashMap<>();
        notInstalled.put("LANG", "xx_XX.UTF-8");
        notInstalled.put("LC_ALL", null);
        notInstalled.put("LC_CTYPE", null);
        Path accented = project.root().resolveSibling("Bücher ü");
        Files.move(project.root(), accented);
        try {
            Result revision = tutorial.project.Processes.jbang(accented, accented, "", notInstalled, "revision", "-m", "ajouter l'année");
            Learner.assertExit(0, revision);
            Learner.assertShows(revision, "Generating changelog/changes/0001_ajouter_l_annee.yaml ... done");
            assertTrue(Files.readString(accented.resolve("changelog/changes/0001_ajouter_l_annee.yaml")).contains("    comment: ajouter l'année\n"),
                    "the message as typed, in the changeset's comment");
            // A first changeset with no changes yet: 01_create makes the models' tables, and says so in words.
            Files.delete(accented.resolve("library.db"));
            // Any LC_ variable naming one fails them all (Ubuntu's region settings set LC_TIME; ssh sends LANG and LC_*).
            Map<String, String> timeNotInstalled = new java.util.HashMap<>(notInstalled);
            timeNotInstalled.put("LANG", "C.UTF-8");
            timeNotInstalled.put("LC_TIME", "xx_XX.UTF-8");
            Result create = tutorial.project.Processes.jbang(accented, accented, "", timeNotInstalled, "steps/01_create.java");
            Learner.assertExit(0, create);
            Learner.assertShows(create, "Tables created as they were before the changelog's first changeset (the models as they are: "
                    + "no changeset adds what they have). Sample data inserted.");
            Learner.assertShows(create, "  3 | Fluent Python                | Luciano Ramalho");
        } finally {
            Files.move(accented, project.root());
        }
    }

    @Test
    @DisplayName("a refusal on a terminal whose errors go to a file (2>errors.txt): red on the terminal, its plain words in the file")
    void errorsToAFileFromATerminal() throws IOException {
        copy.restore(LessonState.CREATED); // 03_change_model before the edit: refused on standard error
        Map<String, String> terminal = new java.util.HashMap<>();
        terminal.put("NO_COLOR", null);
        terminal.put("TERM", "xterm");
        // script(1) (util-linux) runs the command on a terminal of its own, as a learner's shell would; -e passes on its exit code.
        try {
            Result toFile = project.runWith(terminal, project.root(), List.of("script", "-qec", "./jbang steps/03_change_model.java 2>errors.txt", "/dev/null"));
            Learner.assertExit(1, toFile);
            String errors = Files.readString(project.path("errors.txt"));
            assertTrue(errors.contains("The genre column is still commented out in the Book model.\n"), errors);
            assertFalse(errors.contains("\u001b["), () -> "colour codes in the file:\n" + errors);
            assertTrue(toFile.output().contains("\u001b[1mStep 3 of 7"), () -> "the terminal keeps its colours:\n" + toFile.output());
            Result onTerminal = project.runWith(terminal, project.root(), List.of("script", "-qec", "./jbang steps/03_change_model.java", "/dev/null"));
            Learner.assertExit(1, onTerminal);
            assertTrue(onTerminal.output().contains("\u001b[31mThe genre column is still commented out in the Book model."), onTerminal.output());
        } finally {
            Files.deleteIfExists(project.path("errors.txt"));
        }
    }

    @Test
    @DisplayName("unknown options, a missing -m value, an unquoted message, a bad COUNT, a command or a step's path typed wrong: what to type, exit 2, nothing changed")
    void optionsTypedWrong() throws IOException {
        copy.restore(LessonState.PENDING);
        List<String> before = ReadBack.everything(database);
        List<String> changesBefore = Learner.files(project, "changelog/changes");
        String masterBefore = Files.readString(project.path(MASTER));

        Result unknown = step("steps/05_upgrade.java", "--force");
        assertRefused(unknown, 2, Messages.UNKNOWN_OPTION);
        Learner.assertShows(unknown, "Usage: ./jbang steps/05_upgrade.java");
        // Step 3's edit with a slip in the name: said, where 03 said the model had its genre column and check ticked the edit.
        String models = Files.readString(project.path(Learner.MODELS));
        Files.writeString(project.path(Learner.MODELS), models.replace(".column(\"genre\", string(50))", ".column(\"gerne\", string(50))"));
        try {
            Result gerne = step("steps/03_change_model.java");
            assertRefused(gerne, 1, "is uncommented, but names no genre column: it reads .column(\"gerne\", string(50)). Nothing was changed.");
            Learner.assertShows(gerne, "Name the column genre, as the lesson has it: .column(\"genre\", string(50)); then run this step again.");
            Learner.assertShows(step("check"), "[ ] genre uncommented in the models");
            List<String> changes = Learner.files(project, "changelog/changes");
            assertRefused(step("steps/04_autogenerate.java", "-m", "add gerne"), 1, "is uncommented, but names no genre column");
            assertEquals(changes, Learner.files(project, "changelog/changes"), "no changeset written for gerne");
            // genre written on a line of its own, the marked line left commented: uncommenting that too would declare it twice.
            String marker = "UNCOMMENT FOR " + "MIGRATION";
            Files.writeString(project.path(Learner.MODELS), models.lines().map(line -> line.contains(marker)
                    ? "            .column(\"genre\", string(50))\n            //" + line.strip() : line).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
            assertRefused(step("steps/03_change_model.java"), 1, "The Book model has its genre column on a line of its own, and the marked line");
        } finally {
            Files.writeString(project.path(Learner.MODELS), models);
        }
        // --url to a step that compares the models: why it takes none, and which steps do.
        Result noUrl = step("steps/03_change_model.java", "--url", "jdbc:sqlite:other.db");
        assertRefused(noUrl, 2, "Unknown option --url. 03_change_model works on library.db only (the models are compared in SQLite); what it "
                + "leads to runs on another database with --url: 01_create, 02_setup, 05_upgrade, 06_verify, 07_rollback, history and explore take it.");
        // The same for a tool that reads library.db only; JBang's own option typed after the script; the start of an option.
        assertRefused(step("check", "--url", "jdbc:sqlite:other.db"), 2, "Unknown option --url. check works on library.db only; on another "
                + "database, with --url: 01_create, 02_setup, 05_upgrade, 06_verify, 07_rollback, history and explore.");
        assertRefused(step("steps/06_verify.java", "--deps", "org.postgresql:postgresql:42.7.14"), 2, "Unknown option --deps. --deps is "
                + "JBang's own: it goes before the script, as in ./jbang --deps VALUE steps/06_verify.java ...");
        assertRefused(step("steps/06_verify.java", "--user", "learner"), 2, "Unknown option --user. Did you mean --username?");
        // LIQUIBASE_COMMAND_URL, exported for the liquibase alias: a step does not read it, and says so (it went on library.db unsaid).
        Result variable = project.jbangWith(Map.of("LIQUIBASE_COMMAND_URL", "jdbc:postgresql://localhost:5432/library?password=secret"),
                "steps/06_verify.java");
        Learner.assertExit(0, variable);
        Learner.assertShows(variable, "LIQUIBASE_COMMAND_URL is set (jdbc:postgresql://localhost:5432/library), but the steps do not read it: "
                + "this works on library.db, liquibase.properties' url. To work on that database, give it as --url (with --username and "
                + "--password where it needs them).");
        Learner.assertShows(variable, "PRAGMA table_info(books) lists these columns:");

        Result noValue = step("steps/04_autogenerate.java", "-m");
        assertRefused(noValue, 2, Messages.NEEDS_VALUE);
        Learner.assertShows(noValue, "Usage: ./jbang steps/04_autogenerate.java -m MESSAGE");
        // revision takes -m or --discard: its usage said [-m MESSAGE] [--discard], as if it needed neither.
        // A flag where -m's value goes: the usage error alone, no stack trace though --verbose is there (it printed one).
        assertRefused(step("revision", "-m", "--verbose"), 2, Messages.NEEDS_VALUE);
        Result revisionBare = step("revision");
        assertRefused(revisionBare, 2, "Say what the changeset will do with -m, e.g. -m \"set genre to programming\".");
        Learner.assertShows(revisionBare, "Usage: ./jbang revision -m MESSAGE | --discard\n");

        Result noMessage = step("steps/04_autogenerate.java");
        assertRefused(noMessage, 2, Messages.NO_MESSAGE);
        assertFalse(noMessage.output().contains("Step 4 of 7"), "a usage error comes before any heading, as every other:\n" + noMessage.output());
        assertRefused(step("steps/04_autogenerate.java", "-m", "add", "genre", "column"), 2, Messages.UNQUOTED);
        Result badCount = step("steps/07_rollback.java", "two");
        assertRefused(badCount, 2, Messages.BAD_COUNT);
        // Before the heading too: it read "roll back the last changeset ... rollback-count --count 1" over the refusal (a tester).
        assertFalse(badCount.output().contains("Step 7 of 7"), "a usage error comes before any heading:\n" + badCount.output());
        // SQLite's URL with no file, or in memory: said so, where one read "Cannot read : Is a directory" and the other asked for a driver.
        for (String noFile : List.of("jdbc:sqlite:", "jdbc:sqlite::memory:")) {
            assertRefused(step("steps/05_upgrade.java", "--url", noFile), 2, "--url " + noFile + " names no file: SQLite's URL is jdbc:sqlite: "
                    + "and the file's path (jdbc:sqlite:other.db), and a database in memory would be gone when the command ends.");
        }
        assertRefused(step("liquibase", "--url=jdbc:sqlite:", "update"), 2, "--url jdbc:sqlite: names no file"); // the CLI's alike
        // A SQLite file the alias's --url names that is not there (a typo): said as the steps say it, where SQLite made a new file
        // holding Liquibase's tables alone and the CLI then failed on the missing books table.
        Result typoUrl = step("liquibase", "--url", "jdbc:sqlite:libary.db", "update");
        assertRefused(typoUrl, 1, "libary.db does not exist yet.");
        Learner.assertShows(typoUrl, "(or, if library.db is the database you meant, mend the url that names libary.db: liquibase.properties, or --url)");
        assertFalse(Files.exists(project.path("libary.db")), "no file made");
        // A step run under the lock of a command that has ended (reset ID or solve killed, which no Ctrl-C reached the steps they
        // run): it stops, where it went on without the lock and wrote into the project after reset's way back had put it back.
        List<String> untouched = ReadBack.everything(database);
        Result orphan = project.jbangWith(Map.of("TUTORIAL_PROJECT_LOCK_HELD", project.root().toString(),
                "TUTORIAL_PROJECT_LOCK_HOLDER", Learner.pidNotRunning() + ":0"), "steps/05_upgrade.java");
        Learner.assertExit(143, orphan);
        Messages.assertSays(orphan, Messages.ORPHAN);
        assertEquals(untouched, ReadBack.everything(database), "nothing applied");
        // SQLite's URI form names the same file (it was taken for a file called "file:library.db", said missing, made by 01_create).
        Result uri = step("steps/01_create.java", "--url", "jdbc:sqlite:file:library.db");
        Learner.assertExit(0, uri);
        Learner.assertShows(uri, "The Pragmatic Programmer");
        assertFalse(Files.exists(project.path("file:library.db")), "01_create made no file of that name");
        // A --defaults-file of the learner's own takes the place of the alias's (the CLI refused two, after a copy was kept), and
        // its url is the database the command works on (the alias's --url of library.db went over it).
        Files.copy(database, project.path("other.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.path("other.properties"), Files.readString(project.path("liquibase.properties"))
                .replace("url=jdbc:sqlite:library.db", "url=jdbc:sqlite:other.db"));
        Result ownDefaults = step("liquibase", "--defaults-file=other.properties", "status");
        Learner.assertExit(0, ownDefaults);
        assertFalse(ownDefaults.output().contains("should be specified only once"), ownDefaults.output());
        Learner.assertShows(ownDefaults, "/other.db");
        assertFalse(ownDefaults.output().contains("library.db"), ownDefaults.output());
        // The same named by Liquibase's own variable; and one not there, refused before anything runs (the CLI said it could not
        // find it, then ran on library.db).
        Result byVariable = project.jbangWith(Map.of("LIQUIBASE_DEFAULTS_FILE", "other.properties"), "liquibase", "status");
        Learner.assertExit(0, byVariable);
        Learner.assertShows(byVariable, "/other.db");
        Learner.assertShows(byVariable, "LIQUIBASE_DEFAULTS_FILE names the settings: other.properties (not the tutorial's liquibase.properties)");
        assertRefused(step("liquibase", "--defaultsFile=nowhere.properties", "status"), 1, "No defaults file nowhere.properties in ");
        // A tag on other.db is read by 07_rollback --url there as on library.db: base and a changeset's id refused there too; a second tag
        // says whose place it took (both went through unsaid on any database but library.db).
        assertRefused(step("liquibase", "--url", "jdbc:sqlite:other.db", "tag", "0001-1"), 1, "A tag named 0001-1 is a changeset's id");
        Learner.assertExit(0, step("liquibase", "--url", "jdbc:sqlite:other.db", "tag", "first"));
        Learner.assertShows(step("liquibase", "--url", "jdbc:sqlite:other.db", "tag", "second"), "It was tagged first before");
        assertEquals(List.of("second"), ReadBack.rows(project.path("other.db"), "SELECT tag FROM DATABASECHANGELOG WHERE tag IS NOT NULL"));
        // A URL named by LIQUIBASE_COMMAND_URL, said as that (the learner typed no --url): not a JDBC URL; a SQLite file not there, with
        // the --url to give 01_create (the steps do not read the variable, so its advice made library.db).
        Result notJdbc = project.jbangWith(Map.of("LIQUIBASE_COMMAND_URL", "postgres://localhost/library"), "liquibase", "status");
        assertRefused(notJdbc, 2, "LIQUIBASE_COMMAND_URL names postgres://localhost/library, which is no JDBC URL");
        Result missingByVariable = project.jbangWith(Map.of("LIQUIBASE_COMMAND_URL", "jdbc:sqlite:elsewhere.db"), "liquibase", "status");
        assertRefused(missingByVariable, 1, "elsewhere.db does not exist yet (LIQUIBASE_COMMAND_URL names it).");
        Learner.assertShows(missingByVariable, "Create it first with: ./jbang steps/01_create.java --url jdbc:sqlite:" + project.path("elsewhere.db"));
        // diff's reference, not there: refused, where SQLite made it empty and the diff listed every table as unexpected.
        assertRefused(step("liquibase", "diff", "--reference-url", "jdbc:sqlite:libary.db"), 1, "--reference-url names libary.db, which is not there");
        assertFalse(Files.exists(project.path("libary.db")), "no file made");
        // JBang's own option typed after liquibase, and --user: said what they are, where the CLI offered an option of its own.
        assertRefused(step("liquibase", "status", "--deps", "org.postgresql:postgresql:42.7.14"), 2, "Unknown option --deps: it is JBang's own, "
                + "and goes before liquibase, as in ./jbang --deps VALUE liquibase ... Nothing was run.");
        assertRefused(step("liquibase", "--user", "learner", "status"), 2, "Unknown option --user. Did you mean --username?");
        // A file in a folder not there: said so, where SQLite's "cannot open" sent to chmod a folder that does not exist.
        Path nowhere = project.root().resolve("no-such-folder/x.db");
        assertRefused(step("steps/01_create.java", "--url", "jdbc:sqlite:" + nowhere), 1, "There is no folder " + nowhere.getParent()
                + " to make x.db in. Nothing was created.");
        assertFalse(Files.exists(nowhere.getParent()));
        // An empty tag, where Liquibase refused it only after the changeset was applied ("Something went wrong", exit 1).
        for (String tag : List.of("", "-x")) {
            assertRefused(step("steps/05_upgrade.java", "--tag", tag), 2, "--tag takes a name of one word, not starting with - (--tag with-genre, "
                    + "say); \"" + tag + "\" is not one. Nothing was changed.");
        }
        // base, and a changeset's id: 07_rollback --to reads either as something else, and its advice then rolled back everything.
        assertRefused(step("steps/05_upgrade.java", "--tag", "base"), 2, "--tag base names no point to come back to: 07_rollback --to base "
                + "means before the first changeset, everything rolled back.");
        assertRefused(step("steps/05_upgrade.java", "--tag", "0001-1"), 2, "--tag 0001-1 is a changeset's id: "
                + "07_rollback --to 0001-1 would then come back to this tag, not to that changeset.");
        Result zero = step("steps/07_rollback.java", "0");
        assertRefused(zero, 2, "COUNT must be one whole number of changesets, 1 or more: got 0.");
        assertFalse(zero.output().contains("last 0") || zero.output().contains("downgrade -0"), zero.output());
        Result typo = step("chek");
        assertRefused(typo, 2, Messages.UNKNOWN_COMMAND);
        Learner.assertShows(typo, " check ");
        assertFalse(typo.output().contains("[jbang]"), typo.output());
        // --help says what the command does (its line of ./jbang alias list), then its usage.
        Result help = step("drift", "--help");
        Learner.assertExit(0, help);
        Learner.assertShows(help, "Do the models and library.db agree? Exit 0 when they do, 1 when not, with what differs (alembic check)\n\n"
                + "Usage: ./jbang drift");
        Result stepHelp = step("steps/05_upgrade.java", "--help");
        Learner.assertExit(0, stepHelp);
        Learner.assertShows(stepHelp, "Step 5: upgrade library.db: apply every pending changeset (alembic upgrade head)\n\nUsage: ./jbang steps/05_upgrade.java");
        // Run by its path from outside the tutorial's folder: which folder to run it from, and no heading before it.
        Result outside = project.runWith(Map.of(), project.root().getParent(),
                List.of(project.root().resolve("jbang").toString(), project.root().resolve("steps/06_verify.java").toString()));
        assertRefused(outside, 2, "steps/06_verify.java is part of the tutorial in " + project.root().toRealPath() + ": run it from there (cd "
                + project.root().toRealPath() + "), as ./jbang steps/06_verify.java.");
        assertRefused(outside, 2, Messages.OUTSIDE_THE_TUTORIAL);
        assertFalse(outside.output().contains("Step 6 of 7"), outside.output());
        // One of the tutorial's commands, from outside its folder: where JBang said only "Script or alias could not be found".
        Result toolOutside = project.runWith(Map.of(), project.root().getParent(), List.of(project.root().resolve("jbang").toString(), "check"));
        assertRefused(toolOutside, 2, "check is a command of the tutorial in " + project.root().toRealPath() + ": run it from there (cd "
                + project.root().toRealPath() + "), as ./jbang check.");
        assertFalse(toolOutside.output().contains("[jbang]"), toolOutside.output());
        Result noJava = step("steps/05_upgrade");
        assertRefused(noJava, 2, Messages.NO_FILE);
        Learner.assertShows(noJava, "A step is its Java file: ./jbang steps/05_upgrade.java");
        Result misspelt = step("stesp/05_upgrade.java");
        assertRefused(misspelt, 2, "No file stesp/05_upgrade.java in this folder (");
        Learner.assertShows(misspelt, "The steps are steps/01_create.java to steps/07_rollback.java, from the tutorial's folder (");
        assertFalse(noJava.output().contains("[jbang]") || misspelt.output().contains("[jbang]"), noJava.output() + misspelt.output());

        assertEquals(before, ReadBack.everything(database));
        assertEquals(changesBefore, Learner.files(project, "changelog/changes"));
        assertEquals(masterBefore, Files.readString(project.path(MASTER)));
    }

    @Test
    @DisplayName("a message with slashes, quotes, a line break and accents makes a safe file name, and the changeset applies; revision's file "
            + "holds a message YAML would read otherwise (a colon, a bracket, a #) as typed")
    void awkwardMessage() throws IOException {
        copy.restore(LessonState.EDITED);
        String typed = "Ajouter « genre » / l'élément \"x\"\n: #1";
        Result generated = step("steps/04_autogenerate.java", "-m", typed);
        Learner.assertExit(0, generated);
        assertEquals(List.of(".gitkeep", "0001_ajouter_genre_l_element_x_1.yaml"), Learner.files(project, "changelog/changes"));
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        // The walkthrough's changeset under a name of the learner's own still counts as generated, and applied.
        Result brief = step("check", "--brief");
        assertFalse(brief.shown().contains("changeset generated: not yet"), brief.shown());
        assertEquals(List.of("Ajouter « genre » / l'élément \"x\" : #1"),
                ReadBack.rows(database, "SELECT comments FROM DATABASECHANGELOG"), "the whole message, on one line, is the comment");

        // revision writes the message into its YAML itself: a colon, a bracket first, a # and quotes, read back as typed.
        copy.restore(LessonState.APPLIED);
        // And a word YAML reads as false, a tab inside and a carriage return at the end (a message read from a Windows file): both
        // control characters, made a space (the comment line stays one line) or taken off the end.
        for (String message : List.of("[wip] fix: update #3 'genres'", "No", "a tab\there, a CR\r", "mojibake \u00e2\u0080\u0099s")) {
            Learner.assertExit(0, step("revision", "-m", message));
        }
        Result history = step("history");
        Learner.assertExit(0, history);
        Learner.assertShows(history, "0001-1 -> 0002-1, [wip] fix: update #3 'genres'   [pending]\n");
        Learner.assertShows(history, "0002-1 -> 0003-1, No   [pending]\n");
        Learner.assertShows(history, "0003-1 -> 0004-1, a tab here, a CR   [pending]\n");
        Learner.assertShows(history, "0004-1 -> 0005-1 (head), mojibake \u00e2 s   [pending]\n");

        copy.restore(LessonState.EDITED);
        Learner.assertExit(0, step("steps/04_autogenerate.java", "-m", "../../../etc/passwd"));
        assertEquals(List.of(".gitkeep", "0001_etc_passwd.yaml"), Learner.files(project, "changelog/changes"));
        assertFalse(Files.exists(project.root().getParent().resolve("etc")), "nothing written outside the project");
    }

    @Test
    @DisplayName("read-only library.db: 05_upgrade says so and changes nothing; 06_verify still reads it")
    void readOnlyDatabase() {
        copy.restore(LessonState.PENDING);
        List<String> before = ReadBack.everything(database);
        try (ReadOnly locked = ReadOnly.make(database)) {
            assertRefused(step("steps/05_upgrade.java"), 1, Messages.READ_ONLY);
            Result verify = step("steps/06_verify.java");
            Learner.assertExit(0, verify);
            Learner.assertShows(verify, "[id, title, author_id]");
        }
        assertEquals(before, ReadBack.everything(database));
    }

    @Test
    @DisplayName("read-only project folder: 05_upgrade says so and changes nothing")
    void readOnlyProjectFolder() {
        copy.restore(LessonState.PENDING);
        List<String> before = ReadBack.everything(database);
        try (ReadOnly locked = ReadOnly.make(project.root())) {
            assertRefused(step("steps/05_upgrade.java"), 1, Messages.FOLDER_READ_ONLY);
        }
        assertEquals(before, ReadBack.everything(database));
        assertFalse(Files.exists(project.path("library.db-journal")));
    }

    @Test
    @DisplayName("read-only changes folder, or master changelog: 04_autogenerate (and revision) say so and write no file")
    void readOnlyChangesFolder() throws IOException {
        copy.restore(LessonState.EDITED);
        String masterBefore = Files.readString(project.path(MASTER));
        try (ReadOnly locked = ReadOnly.make(project.path("changelog/changes"))) {
            Result refused = step("steps/04_autogenerate.java", "-m", "add genre column to books");
            assertRefused(refused, 1, Messages.CHANGES_READ_ONLY);
            assertTrue(!refused.output().contains("... done"), () -> "no 'done' for a file not written:\n" + refused.output());
        }
        assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));
        assertEquals(masterBefore, Files.readString(project.path(MASTER)));
        assertTrue(ReadBack.rows(database, "SELECT name FROM sqlite_master WHERE name LIKE 'DATABASECHANGELOG%'").isEmpty());
        // The master alone read-only (its folder writable): replaced through a rename, it was written all the same, exit 0.
        try (ReadOnly locked = ReadOnly.make(project.path(MASTER))) {
            Result refused = step("steps/04_autogenerate.java", "-m", "add genre column to books");
            assertRefused(refused, 1, Messages.FILE_READ_ONLY);
            assertTrue(!refused.output().contains("... done"), () -> "no changeset file written for a master that cannot take its include:\n" + refused.output());
            assertRefused(project.jbang("revision", "-m", "by hand"), 1, Messages.FILE_READ_ONLY);
        }
        // revision --discard with the master read-only: refused before the file moves (moved first, the master still included it).
        Learner.assertExit(0, project.jbang("revision", "-m", "by hand"));
        String withInclude = Files.readString(project.path(MASTER));
        try (ReadOnly locked = ReadOnly.make(project.path(MASTER))) {
            assertRefused(project.jbang("revision", "--discard"), 1, Messages.FILE_READ_ONLY);
        }
        assertEquals(List.of(".gitkeep", "0001_by_hand.yaml"), Learner.files(project, "changelog/changes"));
        assertEquals(withInclude, Files.readString(project.path(MASTER)));
        Learner.assertExit(0, project.jbang("revision", "--discard"));
        assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));
        assertEquals(masterBefore, Files.readString(project.path(MASTER)));
    }

    @Test
    @DisplayName("alter-1's isbn generated and applied before the walkthrough's genre: check counts no walkthrough changeset for it, and "
            + "alter-2 says the walkthrough comes first, where it called the genre changeset one to apply")
    void isbnBeforeGenre() throws IOException {
        copy.restore(LessonState.CREATED);
        Path models = project.path(Learner.MODELS);
        Files.writeString(models, Files.readString(models).replace("            //.column(\"genre\"",
                "            .column(\"isbn\", string(20))\n            //.column(\"genre\""));
        Learner.assertExit(0, step("steps/04_autogenerate.java", "-m", "add isbn column to books"));
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        Result check = step("check");
        Learner.assertShows(check, "[ ] changeset generated");
        Learner.assertShows(check, "[ ] changeset applied once");
        Result alter2 = step("check", "alter-2");
        Learner.assertExit(1, alter2);
        Learner.assertShows(alter2, "books has no genre column: finish the walkthrough first, its changeset that adds genre applied "
                + "(./jbang steps/05_upgrade.java applies it, or says what comes before).");
        // The walkthrough's changeset then written as 0002_: counted by what it adds (only a 0001_ file was, and "changeset
        // generated" stayed unticked, sending to an autogenerate that found nothing to write).
        Learner.uncommentGenre(project);
        Learner.assertExit(0, step("steps/04_autogenerate.java", "-m", "add genre column to books"));
        Learner.assertShows(step("check"), "[x] changeset generated");
    }
}
