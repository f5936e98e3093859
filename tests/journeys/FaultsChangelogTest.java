package journeys;

import static journeys.Messages.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * The changelog broken, by accident or on purpose: an applied changeset's file deleted or
 * edited, YAML or XML that does not parse. Each names the file (and line) and the ways out,
 * exits 1, and leaves library.db exactly as it was.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsChangelogTest {

    static final String CHANGESET = "changelog/changes/0001_add_genre_column_to_books.yaml";
    static final String MASTER = "changelog/db.changelog-master.yaml";
    static final String XML_CHANGESET = "changelog/changes/0002_add_lang_column_to_books.xml";

    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.APPLIED);
    final ScratchProject project = copy.project();
    final Path database = copy.database();

    Result step(String... command) {
        return project.jbang(command);
    }

    /** A changeset file of the learner's own, written under changelog/changes/ and included at the end of the master changelog. */
    Path include(String name, String yaml) throws IOException {
        Path file = project.path("changelog/changes/" + name);
        Files.writeString(file, yaml);
        new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root())).append(file);
        return file;
    }

    @Test
    @DisplayName("a changeset pasted whole from another file (the README's alter-2, numbered otherwise here): lint names its logicalFilePath "
            + "(EM104); applied, check does not read it as break-2's missing file, and revision --discard knows it is applied")
    void logicalFilePathOfAnother() throws IOException {
        copy.restore(LessonState.APPLIED);
        Path file = include("0002_set_genres.yaml", """
                databaseChangeLog:
                - logicalFilePath: changelog/changes/0003_set_genre_to_programming.yaml
                - changeSet:
                    id: 0003-1
                    author: learner
                    changes:
                    - update: {tableName: books, columns: [{column: {name: genre, value: programming}}]}
                    rollback:
                    - update: {tableName: books, columns: [{column: {name: genre, valueComputed: "NULL"}}]}
                """);
        Result lint = step("lint");
        Learner.assertExit(1, lint);
        Learner.assertShows(lint, "EM104 0003-1: is in changelog/changes/0002_set_genres.yaml, whose logicalFilePath names another file, "
                + "changelog/changes/0003_set_genre_to_programming.yaml: applied, it would be recorded under that path");
        Learner.assertShows(lint, "Write the file's own path there: - logicalFilePath: changelog/changes/0002_set_genres.yaml");
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade); // Liquibase takes it as it is (the path is the learner's to choose), and 05 says it first
        Learner.assertShows(upgrade, "EM104 0003-1: is in changelog/changes/0002_set_genres.yaml, whose logicalFilePath names another file");
        assertEquals(List.of("programming", "programming", "programming"), ReadBack.rows(database, "SELECT genre FROM books ORDER BY id"));
        // check read the recorded path, a file not there, as break-2's missing file: "Broken as asked", and fix-3 then not done.
        Result breakTwo = step("check", "break-2");
        Learner.assertExit(1, breakTwo);
        Learner.assertShows(breakTwo, "Not done yet: Every applied changeset's file is in place: nothing is broken yet.");
        // discard looked for the file's own path in DATABASECHANGELOG, and took an applied changeset back as one not applied.
        Result discard = step("revision", "--discard");
        Learner.assertExit(1, discard);
        Learner.assertShows(discard, "changelog/changes/0002_set_genres.yaml is the newest changeset file, and it is applied to library.db");
        assertTrue(Files.exists(file));
    }

    @Test
    @DisplayName("an applied changeset's file deleted: 02, 05 and 07 name it and the ways out (only those for an applied one); restoring it is enough; a pending one's may lose its include")
    void appliedChangesetDeleted() throws IOException {
        copy.restore(LessonState.APPLIED);
        List<String> before = ReadBack.everything(database);
        String content = Files.readString(project.path(CHANGESET));
        Files.delete(project.path(CHANGESET));
        for (String command : List.of("steps/02_setup.java", "steps/05_upgrade.java", "steps/07_rollback.java")) {
            Result result = step(command);
            assertRefused(result, 1, Messages.MISSING_CHANGESET);
            Learner.assertShows(result, "restore it from your copy or backup (if you committed it: git checkout HEAD -- " + CHANGESET
                    + "; if you stashed it: git stash pop)");
            // library.db records the file's changeset as applied, so deleting the include is no way out.
            Learner.assertShows(result, "It was applied (the database records it), so it must come back:");
            assertFalse(result.shown().contains("delete its include"), () -> command + " offered to delete the include:\n" + result.shown());
            assertEquals(before, ReadBack.everything(database), command);
        }
        // check --brief (and hint, which follows it) sends to fix-3, putting the file back: not to the first exercise left uncounted
        // while the file is gone, every step of which would stop on it.
        Result brief = step("check", "--brief");
        Learner.assertShows(brief, "Next: fix-3 (Fix it): ");
        Learner.assertShows(brief, "Not done yet: library.db records " + CHANGESET + " as applied, but the file is gone.");
        // No copy anywhere (the copies other tests left in .reset/ moved out of the project for this): the way out left is the file
        // written again, which Liquibase checks against the checksum it recorded.
        Path kept = project.path(".reset");
        Path away = Files.createTempDirectory("copies-away-").resolve("kept");
        if (Files.exists(kept)) {
            Files.move(kept, away);
        }
        try {
            Learner.assertShows(step("steps/05_upgrade.java"), "  - no copy anywhere: write it again as it was, each changeset's id, author "
                    + "and changes the same (an .sql\n    file's SQL as written): the next run compares them with the checksums the database "
                    + "recorded, and says if one differs");
            Result history = step("history");
            Learner.assertExit(1, history);
            Learner.assertShows(history, "No copy anywhere? write it again as it was, each changeset's id, author and changes the same (an .sql "
                    + "file's SQL as written): the next run compares them with the checksums the database recorded, and says if one differs");
        } finally {
            if (Files.exists(away)) {
                Files.move(away, kept);
            }
        }
        // Written again by hand, as it was but for its comments: the checksum is the changes', so it matches; a change that differs is named.
        String rewritten = content.lines().filter(line -> !line.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertTrue(!rewritten.equals(content) && rewritten.contains("VARCHAR(50)"), rewritten);
        Files.writeString(project.path(CHANGESET), rewritten.replace("VARCHAR(50)", "VARCHAR(60)"));
        Result differs = step("steps/05_upgrade.java");
        Learner.assertExit(1, differs);
        Learner.assertShows(differs, CHANGESET + " (changeset 0001-1) was edited after it was applied");
        assertEquals(before, ReadBack.everything(database));
        Files.writeString(project.path(CHANGESET), rewritten);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade);
        Learner.assertShows(upgrade, "Nothing to upgrade");
        assertEquals(before, ReadBack.everything(database));

        // A pending changeset's file deleted: never applied, so deleting its include is a way out too.
        copy.restore(LessonState.PENDING);
        Files.delete(project.path(CHANGESET));
        Result pending = step("steps/05_upgrade.java");
        assertRefused(pending, 1, Messages.MISSING_CHANGESET);
        Learner.assertShows(pending, "It was never applied, so either way works:");
        Learner.assertShows(pending, "  - or delete its include from " + MASTER);
    }

    @Test
    @DisplayName("the models changed, 04_autogenerate not run: 05_upgrade names the column no changeset adds (and Liquibase's tables it, or "
            + "the CLI, made that early do not count as an upgrade); with a changeset pending, 03 points to 05 first")
    void upgradeBeforeAutogenerate() throws IOException {
        // Before the lesson's first edit: nothing in the changelog, and where the next changeset comes from.
        copy.restore(LessonState.CREATED);
        Result tooEarly = step("steps/05_upgrade.java");
        Learner.assertExit(0, tooEarly);
        Learner.assertShows(tooEarly, "Nothing to upgrade: the changelog has no changeset yet.\n./jbang steps/03_change_model.java says which line "
                + "of the models to edit; 04_autogenerate then writes the first changeset.");
        copy.restore(LessonState.EDITED);
        String books = "SELECT * FROM books";
        String columns = "SELECT name, type FROM pragma_table_info('books')";
        List<String> rowsBefore = ReadBack.rows(database, books);
        List<String> columnsBefore = ReadBack.rows(database, columns);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade);
        Learner.assertShows(upgrade, "Nothing to upgrade: the changelog has no changeset yet.\n"
                + Messages.MODELS_AHEAD + "\n"
                + "  ./jbang steps/04_autogenerate.java -m \"add genre column to books\" writes one; then run this step again.");
        // Liquibase has made its own two tables, as alembic upgrade makes alembic_version; the books are as they were.
        assertEquals(rowsBefore, ReadBack.rows(database, books));
        assertEquals(columnsBefore, ReadBack.rows(database, columns));
        assertTrue(ReadBack.rows(database, "SELECT name FROM sqlite_master WHERE type = 'table'").contains("DATABASECHANGELOG"));
        // Those tables are what tells check that the genre changeset was applied once (07_rollback leaves them):
        // made too early, they do not count, and once the changeset is written check still says to apply it.
        Learner.assertExit(0, step("steps/04_autogenerate.java", "-m", "add genre column to books"));
        Result check = step("check");
        Learner.assertShows(check, "[ ] changeset applied once");
        Learner.assertShows(check, "Next: ./jbang steps/05_upgrade.java");
        assertTrue(Files.exists(project.path(tutorial.exercises.EarlyUpgrade.NOTE)), "the slip is noted beside library.db");
        // A new library.db has had no upgrade: 01_create forgets the note.
        Files.move(database, project.path("library.db.aside"));
        Learner.assertExit(0, step("steps/01_create.java"));
        assertFalse(Files.exists(project.path(tutorial.exercises.EarlyUpgrade.NOTE)), "a new library.db, no note");
        // Any command of the CLI makes Liquibase's tables where they are missing (status, here, with the changeset written):
        // noted the same way, so check does not read them as an upgrade either.
        Learner.assertExit(0, step("liquibase", "status"));
        assertTrue(ReadBack.rows(database, "SELECT name FROM sqlite_master WHERE type = 'table'").contains("DATABASECHANGELOG"));
        assertTrue(Files.exists(project.path(tutorial.exercises.EarlyUpgrade.NOTE)), "the CLI's tables are noted too");
        Files.delete(project.path("library.db.aside"));
        // The same slip with a changeset pending: it is applied, and the column it does not add is named.
        copy.restore(LessonState.PENDING);
        Path models = project.path(Learner.MODELS);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(models));
        lines.add(Learner.markerLine(project), "            .column(\"isbn\", string(20))"); // after the genre line
        Files.write(models, lines);
        Files.writeString(project.path(tutorial.exercises.EarlyUpgrade.NOTE), "as the early upgrade above left it\n");
        Result applies = step("steps/05_upgrade.java");
        Learner.assertExit(0, applies);
        assertFalse(Files.exists(project.path(tutorial.exercises.EarlyUpgrade.NOTE)), "a changeset applied: the tables count again");
        // One thought (alter-1's first upgrade): all of the changelog applied, and the models still have more.
        Learner.assertShows(applies, "1 changeset applied: library.db has the whole changelog now, but the models have more (books.isbn) "
                + "and no changeset adds it yet:\n"
                + "  autogenerate first, ./jbang steps/04_autogenerate.java -m \"add isbn column to books\", then run this step again.\n"
                + "Schema of library.db, what changed:");
        assertFalse(applies.shown().contains("up to date"), applies.shown());
        // 03_change_model in that state, before the upgrade, points to the upgrade first, not to autogenerate.
        copy.restore(LessonState.PENDING);
        Files.write(models, lines);
        Result compare = step("steps/03_change_model.java");
        Learner.assertExit(0, compare);
        Learner.assertShows(compare, "+ column books.genre VARCHAR(50)   (in the models, not in the database)");
        Learner.assertShows(compare, "+ column books.isbn VARCHAR(20)   (in the models, not in the database)");
        Learner.assertShows(compare, "A changeset of the changelog is not applied yet (" + CHANGESET + "): what it does shows above as a difference too.\n"
                + "Next: apply it (04_autogenerate refuses while one is pending), then run this step again:\n"
                + "  ./jbang steps/05_upgrade.java");
        assertFalse(compare.shown().contains("04_autogenerate.java -m"), compare.shown());
        // With the models and library.db in step, an upgrade with nothing to do says only that.
        copy.restore(LessonState.APPLIED);
        Result upToDate = step("steps/05_upgrade.java");
        Learner.assertExit(0, upToDate);
        assertFalse(upToDate.shown().contains("The models have"), upToDate.shown());
    }

    @Test
    @DisplayName("a tag on a database with nothing applied (a row of Liquibase's own): history, 05 and 07 --to take no changeset for it")
    void tagBeforeAnythingApplied() {
        copy.restore(LessonState.PENDING);
        Learner.assertExit(0, step("liquibase", "tag", "start"));
        Result history = step("history");
        Learner.assertExit(0, history);
        Learner.assertShows(history, "  <base> -> 0001-1 (head), add genre column to books   [pending]");
        assertFalse(history.shown().contains("liquibase-internal"), history.shown());
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade);
        Learner.assertShows(upgrade, "Running upgrade <base> -> 0001-1, add genre column to books");
        // A count past the one changeset is refused, the tag's row not counted (rollback-count passes it by: 2 rolled back all).
        List<String> upgraded = ReadBack.everything(database);
        Messages.assertRefused(step("steps/07_rollback.java", "2"), 1, "Cannot roll back 2 changesets: only 1 changeset is applied to library.db.");
        assertEquals(upgraded, ReadBack.everything(database));
        Result rollback = step("steps/07_rollback.java", "--to", "start");
        Learner.assertExit(0, rollback);
        Learner.assertShows(rollback, "Running downgrade 0001-1 -> <base>, add genre column to books"); // not to the row's own id
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"), "back to the tag: genre gone");
        // Only the tag's row left: nothing to roll back (it rolled back "0 changesets"), by count or --to the tag (refused as unknown).
        for (List<String> command : List.of(List.of("steps/07_rollback.java"), List.of("steps/07_rollback.java", "--to", "start"))) {
            Result again = step(command.toArray(String[]::new));
            Learner.assertExit(0, again);
            Learner.assertShows(again, "Nothing to roll back: no changeset is applied to library.db.");
        }
    }

    @Test
    @DisplayName("the master changelog put back as at the start while its changeset is applied (git checkout of it): 05 says what it "
            + "passes over (exit 1), also after applying another, 07 and 04 refuse, history says what each does; nothing changed")
    void includeTakenOutWhileApplied() throws IOException {
        copy.restore(LessonState.APPLIED);
        Path master = project.path(MASTER);
        String included = Files.readString(master);
        String withoutInclude = included.substring(0, included.indexOf("databaseChangeLog:")) + "databaseChangeLog: []\n"; // as at the start
        String content0001 = Files.readString(project.path(CHANGESET));
        assertFalse(withoutInclude.contains("0001_"), withoutInclude);
        Files.writeString(master, withoutInclude);
        List<String> before = ReadBack.everything(database);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(1, upgrade); // the chain is broken, as history's exit says too
        assertFalse(upgrade.output().contains("Stopped before"), "it ended, it was not stopped:\n" + upgrade.output());
        String printedInclude = "  - include:\n      file: changes/0001_add_genre_column_to_books.yaml\n      relativeToChangelogFile: true\n";
        Learner.assertShows(upgrade, "Nothing to upgrade in the changelog, but library.db has a changeset applied that the changelog does not list "
                + "where library.db recorded it, so the upgrade passes over it:\n"
                + "  0001-1, which the master changelog no longer includes (" + CHANGESET + ")\n"
                + "Put its include back in " + MASTER + ", where it was: after the includes of the changesets applied before, in the order applied "
                + "(under databaseChangeLog:, in place of its [], if it has none left):\n"
                + printedInclude + "./jbang history shows the chain.");
        Result rollback = step("steps/07_rollback.java");
        assertRefused(rollback, 1, "Cannot roll back 0001-1: library.db has it applied, which the master changelog no longer includes (" + CHANGESET
                + "), so Liquibase has no rollback for it. Nothing was changed.");
        Learner.assertShows(rollback, "Put its include back in " + MASTER + ", where it was (./jbang history shows the chain), then roll back.");
        Result history = step("history");
        Learner.assertExit(1, history);
        Learner.assertShows(history, "until then 05_upgrade passes over it, and 07_rollback cannot roll it back.");
        // Not also said as a file nothing includes, whose way (paste at the end, or move it out of the folder) is not this one's.
        assertFalse(upgrade.output().contains("never reads it") || history.output().contains("never reads it"), upgrade.output() + history.output());
        assertEquals(before, ReadBack.everything(database), "nothing changed");
        // Autogenerate does not add to a chain with a hole in it: it names the hole and the includes to paste, and writes nothing.
        Result autogenerate = step("steps/04_autogenerate.java", "-m", "add isbn column to books");
        assertRefused(autogenerate, 1, "library.db has a changeset applied that the changelog does not list where library.db recorded it: mend "
                + "the chain before autogenerate adds to it. Nothing was written.");
        Learner.assertShows(autogenerate, printedInclude + "./jbang history shows the chain.");
        assertEquals(List.of(".gitkeep", "0001_add_genre_column_to_books.yaml"), Learner.files(project, "changelog/changes"));
        // Another changeset listed and applied beside the hole: applied, and the hole said after, for a new database would lack it.
        Files.writeString(project.path(ExerciseFixtures.ISBN), ExerciseFixtures.ISBN_CHANGESET);
        Files.writeString(master, withoutInclude.replace("databaseChangeLog: []\n", "databaseChangeLog:\n"
                + printedInclude.replace("0001_add_genre_column_to_books.yaml", "0002_add_isbn_column_to_books.yaml")));
        Result beside = step("steps/05_upgrade.java");
        Learner.assertExit(1, beside);
        assertFalse(beside.output().contains("Stopped before"), beside.output());
        Learner.assertShows(beside, "1 changeset applied.");
        Learner.assertShows(beside, "library.db also has a changeset applied that the changelog does not list where library.db recorded it: the "
                + "upgrade passed over it, and a new database made from this changelog would lack it:\n"
                + "  0001-1, which the master changelog no longer includes (" + CHANGESET + ")\n");
        copy.restore(LessonState.APPLIED);
        // Its file gone with its include (git stash -u takes both): an include pasted alone would name a missing file.
        Files.writeString(master, withoutInclude);
        Path aside = project.path("changelog/changes/0001.stashed");
        Files.move(project.path(CHANGESET), aside);
        Result stashed = step("steps/05_upgrade.java");
        Learner.assertExit(1, stashed);
        Learner.assertShows(stashed, "  0001-1, which the master changelog no longer includes (" + CHANGESET + "), and whose file is gone too: bring "
                + "the file back first (if you stashed it: git stash pop, which brings the include back too;");
        assertFalse(stashed.shown().contains("- include:"), stashed.shown());
        Files.move(aside, project.path(CHANGESET));
        // The include pasted as 05 printed it: the chain whole again.
        Files.writeString(master, withoutInclude.replace("databaseChangeLog: []\n", "databaseChangeLog:\n" + printedInclude));
        Learner.assertExit(0, step("history"));
        // Included again, but its file renamed: to Liquibase another changeset, and the way out is the old path.
        Path renamed = project.path("changelog/changes/0001_genre.yaml");
        Files.move(project.path(CHANGESET), renamed);
        Files.writeString(renamed, Files.readString(renamed).replace("- logicalFilePath: " + CHANGESET + "\n", ""));
        Files.writeString(master, included.replace("0001_add_genre_column_to_books.yaml", "0001_genre.yaml"));
        Result moved = step("steps/07_rollback.java");
        assertRefused(moved, 1, "Cannot roll back 0001-1: library.db has it applied, recorded from " + CHANGESET + ", which the changelog has at "
                + "changelog/changes/0001_genre.yaml now (moved or renamed: Liquibase knows a changeset by its path too), so Liquibase has no "
                + "rollback for it. Nothing was changed.");
        Learner.assertShows(moved, "Put the file back at " + CHANGESET + ", or give it the line - logicalFilePath: " + CHANGESET + ", then roll back.");
        assertEquals(before, ReadBack.everything(database), "nothing changed");
        Files.move(renamed, project.path(CHANGESET));
        Files.writeString(project.path(CHANGESET), content0001);
        Files.writeString(master, included);
    }

    @Test
    @DisplayName("an applied changeset's id edited: 05 refuses to apply it under its new name (SQLite would say the column exists, as if "
            + "library.db were made with it), 07 refuses too; both say to put the id back; nothing changed")
    void idEditedWhileApplied() throws IOException {
        copy.restore(LessonState.APPLIED);
        List<String> before = ReadBack.everything(database);
        Path file = project.path(CHANGESET);
        String written = Files.readString(file);
        Files.writeString(file, written.replace("id: 0001-1", "id: 0001-2"));
        Result upgrade = step("steps/05_upgrade.java");
        assertRefused(upgrade, 1, CHANGESET + " holds 0001-2 by learner, not applied yet, where library.db recorded 0001-1 by learner as applied "
                + "from that file, and no changeset 0001-1 by learner is in it now: an id or author edited after it was applied. Applied under its "
                + "new name, it would make what it makes a second time. Nothing was changed.");
        Learner.assertShows(upgrade, "Put its id and author back as library.db recorded them, id: 0001-1 and author: learner, then upgrade");
        assertFalse(upgrade.output().contains("Likely cause"), upgrade.output());
        Result rollback = step("steps/07_rollback.java");
        assertRefused(rollback, 1, "Cannot roll back 0001-1: library.db has it applied, recorded from " + CHANGESET + ", which the changelog "
                + "still includes, but with no changeset 0001-1 by learner in it now (an id or author edited after it was applied");
        assertFalse(rollback.output().contains("no longer includes"), rollback.output());
        // history and autogenerate say the same, not that an include went or that the new name waits to be applied.
        Result history = step("history");
        Learner.assertExit(1, history);
        Learner.assertShows(history, "The chain is broken: library.db has applied 0001-1, recorded from " + CHANGESET + ", which the changelog "
                + "still includes, but with no changeset 0001-1 by learner in it now");
        Learner.assertShows(history, "Put its id and author back as library.db recorded them, id: 0001-1 and author: learner");
        Result autogenerate = step("steps/04_autogenerate.java", "-m", "add isbn column to books");
        assertRefused(autogenerate, 1, "mend the chain before autogenerate adds to it. Nothing was written.");
        assertFalse(autogenerate.output().contains("Apply it first"), autogenerate.output());
        assertEquals(before, ReadBack.everything(database), "nothing changed");
        Files.writeString(file, written);
    }

    @Test
    @DisplayName("a changeset with an sql change for each database (dbms: sqlite, dbms: postgresql), as docs/troubleshooting.md advises: "
            + "applied, history and check read it as applied, not as edited since (its checksum leaves out the other database's sql)")
    void sqlChangeForEachDatabase() throws IOException {
        copy.restore(LessonState.APPLIED);
        include("0002_tags_table.yaml", """
                databaseChangeLog:
                - logicalFilePath: changelog/changes/0002_tags_table.yaml
                - changeSet:
                    id: 0002-1
                    author: learner
                    comment: tags table
                    changes:
                    - sql: {dbms: sqlite, sql: "CREATE TABLE tags (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)"}
                    - sql: {dbms: postgresql, sql: "CREATE TABLE tags (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT)"}
                    rollback:
                    - sql: {sql: DROP TABLE tags}
                """);
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(List.of("id | INTEGER", "name | TEXT"), ReadBack.rows(database, "SELECT name, type FROM pragma_table_info('tags')"));
        Result history = step("history");
        Learner.assertExit(0, history);
        Learner.assertShows(history, "0001-1 -> 0002-1 (head) (current), tags table   [applied]");
        Result check = step("check");
        assertFalse(check.output().contains("edited") || check.output().contains("cannot judge"), check.output());
        Learner.assertShows(check, "alter-1");
        // One with a change for PostgreSQL alone: Liquibase 4.33 runs it on SQLite without recording it, pending for good (and
        // autogenerate refusing while it is). 05 says so, changing nothing; with the dbms on the changeset, SQLite passes over it.
        List<String> before = ReadBack.everything(database);
        String comment = """
                databaseChangeLog:
                - logicalFilePath: changelog/changes/0003_comment_books.yaml
                - changeSet:
                    id: 0003-1
                    author: learner
                    %s
                    changes:
                    - sql: {dbms: postgresql, sql: "COMMENT ON TABLE books IS 'the library'"}
                    rollback:
                    - sql: {dbms: postgresql, sql: "COMMENT ON TABLE books IS NULL"}
                """;
        Path commentFile = include("0003_comment_books.yaml", comment.formatted("comment: a comment on books"));
        Result refused = step("steps/05_upgrade.java");
        Messages.assertRefused(refused, 1, "changelog/changes/0003_comment_books.yaml (changeset 0003-1) has no change for library.db: each of its "
                + "changes names another database (dbms: postgresql). Liquibase 4.33 runs such a changeset without recording it");
        Learner.assertShows(refused, "a line dbms: postgresql under changeSet:, beside its id");
        assertEquals(before, ReadBack.everything(database));
        // Two such changes, or a precondition: Liquibase records it (as ran), so it is not refused. With the dbms on the changeset,
        // SQLite passes over it.
        Files.writeString(commentFile, comment.formatted("comment: a comment on books").replace("    rollback:",
                "    - sql: {dbms: postgresql, sql: \"COMMENT ON TABLE authors IS 'who wrote them'\"}\n    rollback:"));
        Result twoChanges = step("steps/05_upgrade.java");
        Learner.assertExit(0, twoChanges);
        assertEquals(List.of("0003-1 | EXECUTED"), ReadBack.rows(database, "SELECT ID, EXECTYPE FROM DATABASECHANGELOG WHERE ID = '0003-1'"));
        ReadBack.execute(database, "DELETE FROM DATABASECHANGELOG WHERE ID = '0003-1'"); // pending again, for the changeset's own dbms
        Files.writeString(commentFile, comment.formatted("dbms: postgresql"));
        Learner.assertShows(step("steps/05_upgrade.java"), "Nothing to upgrade: library.db already has every changeset of the changelog.");
        Result autogenerate = step("steps/04_autogenerate.java", "-m", "anything"); // it proposes tags' drop: the models lack it
        Learner.assertExit(0, autogenerate);
        assertFalse(autogenerate.output().contains("is not up to date"), "no changeset pending for good:\n" + autogenerate.output());
    }

    @Test
    @DisplayName("an applied changeset edited: 05, 07 and history name file and changeset and the three ways out; clear-checksums is one")
    void appliedChangesetEdited() throws IOException {
        copy.restore(LessonState.APPLIED);
        ReadBack.execute(database, "UPDATE books SET genre = 'programming'"); // a rollback that would drop values: said and kept for, if it ran
        List<String> before = ReadBack.everything(database);
        Path file = project.path(CHANGESET);
        Files.writeString(file, Files.readString(file).replace("VARCHAR(50)", "VARCHAR(80)"));
        for (String command : List.of("steps/05_upgrade.java", "steps/07_rollback.java")) {
            Result result = step(command);
            assertRefused(result, 1, Messages.EDITED_CHANGESET);
            Learner.assertShows(result, "undo the edit (if you committed the file: git checkout HEAD -- " + CHANGESET + ")");
            Learner.assertShows(result, "  - or, only where library.db already has what the edited changeset does (a\n    comment or a typo mended, "
                    + "say), keep the edit as the record of what was done, without running it:\n    ./jbang liquibase clear-checksums");
            Learner.assertShows(result, "make the change in a new changeset: ./jbang steps/04_autogenerate.java -m ...\n"
                    + "    for a change of the schema the models show, ./jbang revision -m ... for one of the data");
            assertEquals(before, ReadBack.everything(database), command);
            // Refused before it warns of the values the rollback would drop, or keeps a copy for it: it drops nothing.
            assertFalse(result.shown().contains("Rolling back") || result.shown().contains("A copy of library.db"), result.shown());
        }
        // history says so too, where it would otherwise list the changeset as plainly applied.
        Result history = step("history");
        Learner.assertExit(1, history);
        Learner.assertShows(history, "<base> -> 0001-1 (head) (current), add genre column to books   [applied, but its file was edited since: "
                + CHANGESET + "]");
        Learner.assertShows(history, "The chain is broken: " + CHANGESET + " (changeset 0001-1) was edited after it was applied:"
                + " its checksum no longer matches the one library.db recorded.");
        Learner.assertShows(history, "./jbang liquibase clear-checksums");
        Learner.assertExit(0, step("liquibase", "clear-checksums"));
        Learner.assertExit(0, step("history"));
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade);
        Learner.assertShows(upgrade, "Nothing to upgrade");
        assertEquals(List.of("id | INTEGER", "title | VARCHAR(200)", "author_id | INTEGER", "genre | VARCHAR(50)"),
                ReadBack.rows(database, "SELECT name, type FROM pragma_table_info('books')"),
                "the database keeps what the changeset did when it ran; the edit is only on paper");
    }

    @Test
    @DisplayName("a changeset still empty: ./jbang liquibase changelog-sync refuses to record it, as 05 refuses to apply it; recorded all the same "
            + "(by a stock Liquibase), then filled in: 05 says so, with the one way out, which works")
    void recordedWhileEmpty() throws IOException {
        copy.restore(LessonState.APPLIED);
        Learner.assertExit(0, step("revision", "-m", "add pages column"));
        Path written = project.path("changelog/changes/0002_add_pages_column.yaml");
        String empty = Files.readString(written);
        // Started twice (the first one forgotten): the second says the first is still empty, and how to go on with that one.
        Result twice = step("revision", "-m", "add pages column");
        Learner.assertExit(0, twice);
        Learner.assertShows(twice, "changelog/changes/0002_add_pages_column.yaml, which revision started too, is still empty: if you meant "
                + "to go on with that one, take this one back (./jbang revision --discard) and fill that one in. 05_upgrade applies nothing while "
                + "a changeset is empty.");
        Learner.assertExit(0, step("revision", "--discard"));
        assertFalse(Files.exists(project.path("changelog/changes/0003_add_pages_column.yaml")));
        List<String> unsynced = ReadBack.everything(database);
        Result sync = step("liquibase", "changelog-sync");
        Learner.assertExit(1, sync);
        Learner.assertShows(sync, "changelog/changes/0002_add_pages_column.yaml (changeset 0002-1) has no changes yet: synced now, it would be "
                + "recorded empty, and filling it in later would break its checksum. Nothing was changed.\n"
                + "Fill in its changes (and its rollback), then apply it (./jbang steps/05_upgrade.java), or, where library.db has what it does "
                + "already (fix-1's column),\nrun ./jbang liquibase changelog-sync again; or take it back with ./jbang revision --discard.");
        assertFalse(sync.output().contains("INFO:"), () -> "Liquibase's log stays out of the refusal:\n" + sync.output());
        // update too, however typed (an option before the command, the CLI's camelCase): the advice repeats the command as typed.
        Result update = step("liquibase", "--log-level", "WARNING", "Update");
        Learner.assertExit(1, update);
        Learner.assertShows(update, "(changeset 0002-1) has no changes yet: applied now, it would be recorded empty");
        Learner.assertShows(update, "then run ./jbang liquibase --log-level WARNING Update again;");
        // An argument with a space is repeated quoted, so the line pastes as typed.
        Learner.assertShows(step("liquibase", "update", "--label-filter", "first pass"), "then run ./jbang liquibase update --label-filter "
                + "'first pass' again;");
        assertFalse(update.output().contains("INFO:"), () -> "Liquibase's log stays out of the refusal:\n" + update.output());
        // library.db named otherwise (LIQUIBASE_COMMAND_URL, --url): the same refusal, where the CLI recorded it empty; and update's
        // --help, which runs nothing, is no update.
        Result byVariable = project.jbangWith(java.util.Map.of("LIQUIBASE_COMMAND_URL", "jdbc:sqlite:library.db"), "liquibase", "update");
        Learner.assertExit(1, byVariable);
        Learner.assertShows(byVariable, "(changeset 0002-1) has no changes yet: applied now, it would be recorded empty");
        Learner.assertShows(byVariable, "then run ./jbang liquibase update again;"); // as typed: the variable's url not written in
        Learner.assertExit(0, step("liquibase", "update", "--help"));
        assertEquals(unsynced, ReadBack.everything(database), "nothing recorded");
        // A stock Liquibase records it all the same (a Liquibase of the learner's own, the Maven plugin, say): here Liquibase's
        // own changelog-sync, run in this JVM with none of the tutorial's services.
        stockChangelogSync();
        assertEquals(List.of("0002-1 | EXECUTED"), ReadBack.rows(database, "SELECT ID, EXECTYPE FROM DATABASECHANGELOG WHERE ID = '0002-1'"));
        String filled = empty.replace("    changes: []\n", "    changes:\n    - addColumn:\n        tableName: books\n        columns:\n"
                + "        - column: {name: pages, type: INTEGER}\n");
        assertNotEquals(empty, filled);
        Files.writeString(written, filled);
        List<String> before = ReadBack.everything(database);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(1, upgrade);
        Learner.assertShows(upgrade, "changelog/changes/0002_add_pages_column.yaml (changeset 0002-1) was edited after it was applied");
        Learner.assertShows(upgrade, "library.db recorded it while it had no changes yet (its checksum is an empty changeset's");
        Learner.assertShows(upgrade, "or, where library.db\n  has what it does already (a column made by hand, as in fix-1), record it again "
                + "in place of the upgrade:\n  ./jbang liquibase changelog-sync");
        assertFalse(upgrade.shown().contains("clear-checksums"), "clear-checksums would keep a record of changes that never ran");
        assertEquals(before, ReadBack.everything(database));
        // The way out, as printed: empty again, rolled back (nothing undone), filled in, upgraded.
        Files.writeString(written, empty);
        Learner.assertExit(0, step("steps/07_rollback.java"));
        Files.writeString(written, filled);
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(List.of("id", "title", "author_id", "genre", "pages"), ReadBack.columnNames(database, "books"));
    }

    /** Liquibase's changelog-sync on the copy's library.db, in this JVM: stock Liquibase, as a learner's own would run it. */
    private void stockChangelogSync() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("liquibase");
        log.setLevel(java.util.logging.Level.WARNING); // its INFO lines stay out of the suite's output
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database)) {
            liquibase.database.Database target = liquibase.database.DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(connection));
            liquibase.Scope.child(liquibase.Scope.Attr.resourceAccessor.name(), new liquibase.resource.DirectoryResourceAccessor(project.root()),
                    () -> new liquibase.command.CommandScope("changelogSync").addArgumentValue("database", target)
                            .addArgumentValue("changelogFile", "changelog/db.changelog-master.yaml").execute());
        } catch (Exception e) {
            throw new AssertionError("Liquibase's changelog-sync", e);
        }
    }

    @Test
    @DisplayName("a changeset that is not valid YAML, or names a change type Liquibase does not know: 05 names the file (and the line), changes nothing")
    void changesetNotYaml() throws IOException {
        copy.restore(LessonState.PENDING);
        List<String> before = ReadBack.everything(database);
        Path file = project.path(CHANGESET);
        // First a change type misspelt: valid YAML that Liquibase cannot read. The way out names that file alone, never the folder.
        String written = Files.readString(file);
        Files.writeString(file, written.replace("- addColumn:", "- addColum:"));
        Result misspelt = step("steps/05_upgrade.java");
        assertRefused(misspelt, 1, Messages.UNREADABLE);
        Learner.assertShows(misspelt, "Unknown change type 'addColum'");
        Learner.assertShows(misspelt, "Fix " + CHANGESET + " where Liquibase says; or, if you committed it, restore that file alone: "
                + "git checkout HEAD -- " + CHANGESET + "\n(not the whole changelog folder");
        assertEquals(before, ReadBack.everything(database));
        Files.writeString(file, written);
        // The same slip in the master (an include pasted back, say): fixed by hand, as git's copy lacks the includes made since.
        Path masterFile = project.path(MASTER);
        String masterWritten = Files.readString(masterFile);
        Files.writeString(masterFile, masterWritten.replace("- include:", "- inclde:"));
        Result masterSlip = step("steps/05_upgrade.java");
        assertRefused(masterSlip, 1, "Liquibase cannot read the changelog: " + MASTER);
        Learner.assertShows(masterSlip, "Fix " + MASTER + " by hand where Liquibase says (each include is three lines, as the others show)");
        assertFalse(masterSlip.output().contains("git checkout"), masterSlip.output());
        Files.writeString(masterFile, masterWritten);
        // A changeset file emptied (saved empty, truncated): named as the empty file, not the master that includes it.
        Files.writeString(file, "");
        Result emptied = step("steps/05_upgrade.java");
        assertRefused(emptied, 1, Messages.EMPTIED);
        Learner.assertShows(emptied, CHANGESET + " is empty: ");
        Learner.assertShows(emptied, "or, if it is the newest changeset and not applied yet, take it back: ./jbang revision --discard");
        assertFalse(emptied.output().contains("Fix " + MASTER), emptied.output());
        assertEquals(before, ReadBack.everything(database));
        Files.writeString(file, written);
        List<String> lines = Files.readAllLines(file);
        int author = lines.indexOf("    author: learner");
        lines.set(author, "   author: learner"); // one space short: the kind of slip YAML punishes
        Files.write(file, lines);
        Result result = step("steps/05_upgrade.java");
        assertRefused(result, 1, Messages.NOT_YAML);
        Learner.assertShows(result, "is not valid YAML: line " + (author + 1) + ", column 4:");
        Learner.assertShows(result, "Fix that line, or the one before it (YAML may only notice a slip on the next line");
        Learner.assertShows(result, "or, if you committed it, restore it: git checkout HEAD -- " + CHANGESET);
        Learner.assertShows(result, "or, if it is the newest changeset and not applied yet, take it back: ./jbang revision --discard");
        assertEquals(before, ReadBack.everything(database));
        // history, where a learner looks next, does not pass over it: it names the file and the line too.
        Result history = project.jbang("history");
        Learner.assertExit(1, history);
        Learner.assertShows(history, "The chain above leaves out what cannot be read: " + CHANGESET + " is not valid YAML: line " + (author + 1) + ", column 4:");
        Messages.assertNoStackTrace(history);
        // An applied file broken alike: history says it cannot be read, not that the master no longer includes it.
        copy.restore(LessonState.APPLIED);
        Files.write(file, lines);
        Result applied = project.jbang("history");
        Learner.assertExit(1, applied);
        Learner.assertShows(applied, "The chain is broken: library.db has applied " + CHANGESET + ", which Liquibase cannot read: " + CHANGESET
                + " is not valid YAML: line " + (author + 1) + ", column 4:");
        assertFalse(applied.output().contains("no longer includes"), applied.output());
        // check's overview says it too, as where to go next: it said only "Next: alter-1", every step then stopping on the file.
        Result check = project.jbang("check");
        Learner.assertShows(check, "Next: mend the changelog first. Every step stops on it, and check judged from the files it could read:\n  "
                + CHANGESET + " is not valid YAML: line " + (author + 1) + ", column 4:");
        assertFalse(check.shown().contains("Next: alter-1"), check.shown());
        // check ID alike, before the exercise's own help (it said only "Not done yet", and sent to the hint).
        Result checkOne = project.jbang("check", "alter-2");
        Learner.assertExit(1, checkOne);
        Learner.assertShows(checkOne, "Next: mend the changelog first. Every step stops on it, and check judged from the files it could read:\n  "
                + CHANGESET + " is not valid YAML: line " + (author + 1) + ", column 4:");
        assertFalse(checkOne.shown().contains("./jbang hint alter-2"), checkOne.shown());
        // hint with no exercise named follows check: it says why it cannot tell, where it said the walkthrough's next step was above.
        Result hint = project.jbang("hint");
        Messages.assertRefused(hint, 1, "hint cannot tell which exercise you are on while the changelog cannot be read (above): every step stops on it.");
        copy.restore(LessonState.PENDING);
        Files.write(file, lines);
        // and the way out it gives works: revision --discard takes the pending file back, and history is whole again.
        Learner.assertExit(0, project.jbang("revision", "--discard"));
        Result whole = project.jbang("history");
        Learner.assertExit(0, whole);
        Learner.assertShows(whole, "<base>   (no changeset yet)");
        assertEquals(before, ReadBack.everything(database));
    }

    @Test
    @DisplayName("a master changelog that is not valid YAML: 05 names it and the line, changes nothing; one that is gone: 05 says so, and how to get it back")
    void masterNotYaml() throws IOException {
        copy.restore(LessonState.PENDING);
        List<String> before = ReadBack.everything(database);
        Path master = project.path(MASTER);
        int lines = Files.readAllLines(master).size();
        String text = Files.readString(master);
        Files.writeString(master, text + "  - include:\n      file: [changes/0002_next.yaml\n");
        Result result = step("steps/05_upgrade.java");
        Learner.assertExit(1, result);
        Messages.assertSays(result, MASTER + " is not valid YAML: line " + (lines + 3) + ", column 1: …");
        Messages.assertNoStackTrace(result);
        assertEquals(before, ReadBack.everything(database));
        // Gone: said as that, not as a file to mend, nor as a checkout of the changelog folder to avoid.
        Files.delete(master);
        Result gone = step("steps/05_upgrade.java");
        Messages.assertRefused(gone, 1, "The master changelog, " + MASTER + ", is missing (moved or deleted). Nothing was changed.");
        Learner.assertShows(gone, "If not: git checkout HEAD -- " + MASTER + " brings back git's copy,");
        Result history = step("history"); // it reads the master itself, before Liquibase does: said the same way
        Messages.assertRefused(history, 1, "The master changelog, " + MASTER + ", is missing (moved or deleted).");
        Learner.assertShows(history, "which lacks the includes of the changesets made since");
        Messages.assertRefused(step("check"), 1, "The master changelog, " + MASTER + ", is missing (moved or deleted)."); // it said all was well
        assertEquals(before, ReadBack.everything(database));
        // A master renamed in liquibase.properties, then gone: said by its own name too, where Liquibase's words came through.
        Path settings = project.path("liquibase.properties");
        String settingsText = Files.readString(settings);
        Files.writeString(settings, settingsText.replace("changeLogFile=" + MASTER, "changeLogFile=changelog/main.yaml"));
        try {
            Result renamedGone = step("steps/05_upgrade.java");
            Messages.assertRefused(renamedGone, 1, "The master changelog, changelog/main.yaml, is missing (moved or deleted). Nothing was changed.");
            Learner.assertShows(renamedGone, "If not, and you committed it: git checkout HEAD -- changelog/main.yaml brings back git's copy,");
            assertEquals(before, ReadBack.everything(database));
            // An XML master, which Liquibase says as not found (not as not existing): the master still, not an include of it.
            Files.writeString(settings, settingsText.replace("changeLogFile=" + MASTER, "changeLogFile=changelog/master.xml"));
            Messages.assertRefused(step("steps/05_upgrade.java"), 1, "The master changelog, changelog/master.xml, is missing (moved or deleted). "
                    + "Nothing was changed.");
        } finally { // the class's later tests start from the master as it was
            Files.writeString(settings, settingsText);
            Files.writeString(master, text);
        }
    }

    @Test
    @DisplayName("an sqlFile whose file is missing (a path typed wrong, or deleted): 05 says the changeset's sqlFile runs it, not that the master "
            + "includes it; the ways out fit a pending changeset and an applied one; written, it applies")
    void sqlFileMissing() throws IOException {
        copy.restore(LessonState.APPLIED);
        List<String> before = ReadBack.everything(database);
        String masterText = Files.readString(project.path(MASTER));
        String changeset = "changelog/changes/0002_set_genres.yaml";
        Files.writeString(project.path(changeset), """
                databaseChangeLog:
                - changeSet:
                    id: set-genres
                    author: me
                    changes:
                    - sqlFile:
                        path: changelog/sql/genres.sql
                    rollback:
                    - sql: UPDATE books SET genre = NULL
                """);
        Files.writeString(project.path(MASTER), masterText + "  - include:\n      file: changes/0002_set_genres.yaml\n      relativeToChangelogFile: true\n");
        try {
            Result typo = step("steps/05_upgrade.java");
            Messages.assertRefused(typo, 1, Messages.SQL_FILE_MISSING);
            Learner.assertShows(typo, "Write that file (the SQL the changeset runs), or correct its path in " + changeset);
            assertFalse(typo.shown().contains("delete its include"), typo.shown());
            assertEquals(before, ReadBack.everything(database));
            // Written, it applies; gone again once applied, it must come back as it was.
            Files.createDirectories(project.path("changelog/sql"));
            Files.writeString(project.path("changelog/sql/genres.sql"), "UPDATE books SET genre = 'programming';\n");
            Learner.assertExit(0, step("steps/05_upgrade.java"));
            assertEquals(List.of("programming", "programming", "programming"), ReadBack.rows(database, "SELECT genre FROM books"));
            // Applied, its file there: history reads its checksum from that file (it said the file was missing).
            Result history = step("history");
            Learner.assertExit(0, history);
            Learner.assertShows(history, "set-genres (head) (current), sqlFile path=changelog/sql/genres.sql");
            Files.delete(project.path("changelog/sql/genres.sql"));
            Result gone = step("steps/07_rollback.java");
            Messages.assertRefused(gone, 1, "changelog/sql/genres.sql is missing, but the sqlFile of " + changeset + " runs it.");
            Learner.assertShows(gone, "Its changeset was applied (the database records it), so the file must come back as it was:");
            // Its changeset's file is there: break-2 is not done by it (check ticked it, naming this file as found missing).
            Result breakTwo = step("check", "break-2");
            Learner.assertExit(1, breakTwo);
            assertFalse(breakTwo.output().contains(changeset), breakTwo.output());
            assertEquals(List.of("programming", "programming", "programming"), ReadBack.rows(database, "SELECT genre FROM books"));
        } finally { // the class's later tests start from the changelog as it was
            Files.deleteIfExists(project.path(changeset));
            Files.writeString(project.path(MASTER), masterText);
        }
    }

    @Test
    @DisplayName("an XML changeset with a tag left open: 05 names the file and the line, changes nothing; with no schema named, 05 says so and "
            + "shows the header; closed and named, it applies")
    void changesetNotXml() throws IOException {
        copy.restore(LessonState.APPLIED);
        List<String> before = ReadBack.everything(database);
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                    <changeSet id="0002-1" author="learner">
                        <addColumn tableName="books">
                            <column name="lang" type="VARCHAR(5)"/>
                        </addColumn
                    </changeSet>
                </databaseChangeLog>
                """;
        Files.writeString(project.path(XML_CHANGESET), xml);
        Files.writeString(project.path(MASTER), Files.readString(project.path(MASTER))
                + "  - include:\n      file: changes/0002_add_lang_column_to_books.xml\n      relativeToChangelogFile: true\n");
        Result result = step("steps/05_upgrade.java");
        assertRefused(result, 1, Messages.NOT_XML);
        Learner.assertShows(result, "is not valid XML: line 9, column 5: The end-tag for element type \"addColumn\" must end with a '>' delimiter.");
        assertEquals(before, ReadBack.everything(database));

        // Well-formed, but naming no schema, or no namespace (written from memory): said as such, with the header to start it with.
        String closed = xml.replace("</addColumn\n", "</addColumn>\n");
        for (String root : List.of("<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">",
                "<databaseChangeLog xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
                        + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">")) {
            Files.writeString(project.path(XML_CHANGESET), closed.replaceFirst("(?s)<databaseChangeLog .*?>", java.util.regex.Matcher.quoteReplacement(root)));
            Result noSchema = step("steps/05_upgrade.java");
            assertRefused(noSchema, 1, Messages.XML_NO_SCHEMA);
            Learner.assertShows(noSchema, "xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog\n"
                    + "        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">");
            assertEquals(before, ReadBack.everything(database));
        }

        Files.writeString(project.path(XML_CHANGESET), closed);
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(List.of("id", "title", "author_id", "genre", "lang"), ReadBack.columnNames(database, "books"));
    }

    @Test
    @DisplayName("a changeset file copied to start a new one, its logicalFilePath and id kept: 05, 07, history and lint name the copy and its "
            + "original, change nothing, and send no one to clear-checksums (a file included twice is said as that); given names of its own, it applies; with revision's rollback: [] left "
            + "over its addColumn, 07 stops before it takes the record and leaves the column, and without it rolls back; read through includeAll, "
            + "they are the changelog's changesets")
    void copiedChangesetFile() throws IOException {
        copy.restore(LessonState.APPLIED);
        List<String> before = ReadBack.everything(database);
        String copied = "changelog/changes/0002_add_lang_column_to_books.yaml";
        String original = Files.readString(project.path(CHANGESET));
        Files.writeString(project.path(copied), original.replace("name: genre", "name: lang").replace("add genre column", "add lang column"));
        Files.writeString(project.path(MASTER), Files.readString(project.path(MASTER))
                + "  - include:\n      file: changes/0002_add_lang_column_to_books.yaml\n      relativeToChangelogFile: true\n");
        for (String command : List.of("steps/05_upgrade.java", "steps/07_rollback.java", "history", "lint", "check")) {
            Result result = step(command);
            assertRefused(result, 1, Messages.REPEATED_CHANGESET);
            Learner.assertShows(result, "Give " + copied + " names of its own, if it was copied from " + CHANGESET + ": its own logicalFilePath ("
                    + copied + ") and a new id. ./jbang revision -m MESSAGE starts a new changeset with both.");
            assertFalse(result.shown().contains("clear-checksums"), () -> command + ":\n" + result.shown());
            assertEquals(before, ReadBack.everything(database), command);
        }

        // The same file included twice: said as the master's slip, not the file's.
        String master = Files.readString(project.path(MASTER));
        Files.writeString(project.path(copied), Files.readString(project.path(copied))
                .replace("logicalFilePath: " + CHANGESET, "logicalFilePath: " + copied).replace("id: 0001-1", "id: 0002-1"));
        Files.writeString(project.path(MASTER), master + "  - include:\n      file: changes/0001_add_genre_column_to_books.yaml\n"
                + "      relativeToChangelogFile: true\n");
        Result twice = step("steps/05_upgrade.java");
        assertRefused(twice, 1, Messages.INCLUDED_TWICE);
        Learner.assertShows(twice, "Take the second include of it out of the master changelog.");
        assertEquals(before, ReadBack.everything(database));
        Files.writeString(project.path(MASTER), master);
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(List.of("id", "title", "author_id", "genre", "lang"), ReadBack.columnNames(database, "books"));

        // revision's template has rollback: [], which tells Liquibase there is nothing to undo: left over an addColumn, 07 would
        // take the record and leave the column, and the next upgrade would fail on it. 07 stops first; without the line it undoes it.
        String applied = Files.readString(project.path(copied));
        Files.writeString(project.path(copied), applied + "    rollback: []\n");
        List<String> withLang = ReadBack.everything(database);
        Result emptyRollback = step("steps/07_rollback.java");
        assertRefused(emptyRollback, 1, Messages.EMPTY_ROLLBACK);
        Learner.assertShows(emptyRollback, "Take rollback: [] out of that changeset: Liquibase undoes addColumn by itself");
        assertEquals(withLang, ReadBack.everything(database));
        Files.writeString(project.path(copied), applied);
        Learner.assertExit(0, step("steps/07_rollback.java"));
        assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"));

        // A master that reads the folder with includeAll, as a learner's own may: the changesets are there, and once
        // applied, 05 says so, where it said the changelog had none yet.
        Files.writeString(project.path(MASTER), "databaseChangeLog:\n  - includeAll:\n      path: changes/\n      relativeToChangelogFile: true\n");
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        Learner.assertShows(step("steps/05_upgrade.java"), "Nothing to upgrade: library.db already has every changeset of the changelog.");
        assertEquals(List.of("id", "title", "author_id", "genre", "lang"), ReadBack.columnNames(database, "books"));
        // revision adds no include there (the file would be read twice), and --discard moves the file out of the folder alone.
        String readsFolder = Files.readString(project.path(MASTER));
        Result started = step("revision", "-m", "by the folder");
        Learner.assertExit(0, started);
        Learner.assertShows(started, "changelog/db.changelog-master.yaml reads changelog/changes/ by includeAll: the file is in the chain as it is.");
        assertEquals(readsFolder, Files.readString(project.path(MASTER)));
        Result discarded = step("revision", "--discard");
        Learner.assertExit(0, discarded);
        Learner.assertShows(discarded, "Discarded changelog/changes/0003_by_the_folder.yaml: moved out of the folder changelog/db.changelog-master.yaml "
                + "reads by includeAll, file kept in .reset/");
        assertEquals(readsFolder, Files.readString(project.path(MASTER)));
        assertFalse(Files.exists(project.path("changelog/changes/0003_by_the_folder.yaml")));
    }

    @Test
    @DisplayName("a column renamed by a renameColumn written by hand, the models not told: 05 says to rename it there too (autogenerate would add "
            + "the old name anew and drop the new one), not to autogenerate it")
    void renamedByHand() throws IOException {
        copy.restore(LessonState.APPLIED);
        include("0002_rename_title.yaml", """
                databaseChangeLog:
                - logicalFilePath: changelog/changes/0002_rename_title.yaml
                - changeSet:
                    id: 0002-1
                    author: learner
                    changes:
                    - renameColumn: {tableName: books, oldColumnName: title, newColumnName: headline, columnDataType: VARCHAR(200)}
                """);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade);
        Messages.assertSays(upgrade, Messages.RENAMED_AWAY);
        assertFalse(upgrade.shown().contains("04_autogenerate"), upgrade.shown());
        assertEquals(List.of("id", "headline", "author_id", "genre"), ReadBack.columnNames(database, "books"));
        // autogenerate, which its warning said would drop headline and add title anew, wrote just that: it refuses now.
        List<String> changes = Learner.files(project, "changelog/changes");
        Result autogenerate = step("steps/04_autogenerate.java", "-m", "after the rename");
        assertRefused(autogenerate, 1, "The models have books.title, which 0002-1 renamed to headline: autogenerate would drop headline, values "
                + "and all, and add books.title anew, empty. Nothing was written.");
        Learner.assertShows(autogenerate, "Rename it in steps/models/Models.java too (then drift agrees, and autogenerate writes what else "
                + "differs), or roll that changeset back: ./jbang steps/07_rollback.java");
        assertEquals(changes, Learner.files(project, "changelog/changes"));
    }
}
