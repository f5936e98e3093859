package journeys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.LessonStart;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/** Seeing the schema, previewing SQL, rolling back to a target, catching drift, and starting over. */
@Tag("tools")
class SeeAndRecoverTest {

    static final String BOXES_BEFORE = """
            +- authors (3 rows) -----------+
            | id    INTEGER       PK       |
            | name  VARCHAR(100)  NOT NULL |
            +------------------------------+

            +- books (3 rows) ----------------------------------------------------+
            | id         INTEGER       PK                                         |
            | title      VARCHAR(200)  NOT NULL                                   |
            | author_id  INTEGER       NULL  FK fk_books_author_id --> authors.id |
            +---------------------------------------------------------------------+
            """;

    static final String MERMAID_AFTER = """
            erDiagram
                authors {
                    INTEGER id PK "INTEGER"
                    VARCHAR name "VARCHAR(100) NOT NULL"
                }
                books {
                    INTEGER id PK "INTEGER"
                    VARCHAR title "VARCHAR(200) NOT NULL"
                    INTEGER author_id FK "INTEGER NULL"
                    VARCHAR genre "VARCHAR(50) NULL"
                }
                authors ||--o{ books : "fk_books_author_id (author_id)"
            """;

    @Test
    @DisplayName("schema draws the tables as boxes with the foreign key as an arrow; --write saves the Mermaid diagram after the upgrade; --mermaid prints the diagram alone on standard output")
    void schemaPictures() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            Result before = project.jbang("schema");
            Learner.assertExit(0, before);
            Learner.assertShows(before, BOXES_BEFORE);
            assertEquals(List.of(), ReadBack.rows(project.path("library.db"), "SELECT name FROM sqlite_master WHERE name LIKE 'DATABASECHANGELOG%'"),
                    "drawing changes nothing");
            String mermaidBefore = project.jbang("schema", "--mermaid").shown();
            mermaidBefore = mermaidBefore.substring(mermaidBefore.indexOf("erDiagram"));
            LessonState.APPLIED.restoreInto(project);
            Result after = project.jbang("schema", "--write", "schema.md");
            Learner.assertExit(0, after);
            Learner.assertShows(after, "| genre      VARCHAR(50)   NULL                                       |");
            assertEquals("```mermaid\n" + MERMAID_AFTER + "```\n", Files.readString(project.path("schema.md")));
            Path made = Files.createFile(project.path("made-as-any-file.txt"));
            assertEquals(Files.getPosixFilePermissions(made), Files.getPosixFilePermissions(project.path("schema.md")),
                    "a file as any other new file is (the umask's), not a temporary file's rw-------");
            // Only a file it made is written over: library.db named by mistake is refused, as it is, and so is a folder not there.
            byte[] library = Files.readAllBytes(project.path("library.db"));
            Result overLibrary = project.jbang("schema", "--write", "library.db");
            Learner.assertExit(1, overLibrary);
            Learner.assertShows(overLibrary, "library.db exists, and is not a diagram schema --write made: written over, what it holds would be "
                    + "lost. Nothing was written.\nName a new file (./jbang schema --write schema.md), or move that one aside first.");
            assertArrayEquals(library, Files.readAllBytes(project.path("library.db")));
            // A Mermaid page of the learner's own (a flowchart, fenced as the diagram is): refused too.
            String flowchart = "```mermaid\nflowchart LR\n    models --> changeset\n```\n";
            Files.writeString(project.path("flow.md"), flowchart);
            Learner.assertExit(1, project.jbang("schema", "--write", "flow.md"));
            assertEquals(flowchart, Files.readString(project.path("flow.md")));
            Result noFolder = project.jbang("schema", "--write", "docs/pictures/schema.md");
            Learner.assertExit(1, noFolder);
            Learner.assertShows(noFolder, "There is no folder " + project.path("docs/pictures") + " to write schema.md in. Nothing was written.");
            assertFalse(Files.exists(project.path("docs/pictures")));
            Learner.assertExit(0, project.jbang("schema", "--write", "schema.md")); // its own diagram, again
            // Its standard output is the diagram alone, to redirect into a file; the heading goes to the terminal.
            Result redirected = project.runWith(Map.of(), project.root(), List.of("bash", "-c", "./jbang schema --mermaid > diagram.mmd"));
            Learner.assertExit(0, redirected);
            Learner.assertShows(redirected, "The schema of library.db");
            assertEquals(MERMAID_AFTER, Files.readString(project.path("diagram.mmd")));
            String readme = ReadmeTest.page("tools");
            assertTrue(readme.contains("```mermaid\n" + MERMAID_AFTER + "```"), "the README shows the tool's picture after the upgrade");
            assertTrue(readme.contains("```mermaid\n" + mermaidBefore + "```"), "the README shows the tool's picture before the upgrade");
            assertTrue(readme.contains(after.shown().substring(after.shown().indexOf("+- authors")).split("\n\nWrote")[0]),
                    "the README shows the tool's boxes after the upgrade");
        }
    }

    @Test
    @DisplayName("a foreign key pointing at a table that does not exist is drawn as broken, in words")
    void brokenForeignKey() {
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            ReadBack.execute(project.path("library.db"), "CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER, "
                    + "CONSTRAINT fk_reviews_book FOREIGN KEY (book_id) REFERENCES books_temporary (id))");
            Result schema = project.jbang("schema");
            Learner.assertExit(0, schema);
            Learner.assertShows(schema, "FK fk_reviews_book --> books_temporary.id  BROKEN: no table books_temporary");
            // Indexes, which an erDiagram has no place for, in the comment of the columns they are on.
            ReadBack.execute(project.path("library.db"), "CREATE INDEX ix_books_title ON books (title)");
            ReadBack.execute(project.path("library.db"), "CREATE UNIQUE INDEX ux_books_title_author ON books (title, author_id)");
            Result mermaid = project.jbang("schema", "--mermaid");
            Learner.assertExit(0, mermaid);
            Learner.assertShows(mermaid, "        VARCHAR title \"VARCHAR(200) NOT NULL, index ix_books_title, unique index ux_books_title_author "
                    + "(title, author_id)\"\n        INTEGER author_id FK \"INTEGER NULL, unique index ux_books_title_author (title, author_id)\"\n");
        }
    }

    @Test
    @DisplayName("--sql previews change nothing (the file's bytes), and show the very SQL the real upgrade and rollback then run; with nothing pending, 05 --sql says so")
    void previewIsExact() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.PENDING)) {
            Path database = project.path("library.db");
            byte[] bytes = Files.readAllBytes(database);
            Result preview = project.jbang("steps/05_upgrade.java", "--sql");
            Learner.assertExit(0, preview);
            assertArrayEquals(bytes, Files.readAllBytes(database), "--sql left library.db byte for byte as it was");
            Learner.assertShows(preview, "ALTER TABLE books ADD COLUMN genre VARCHAR(50);");
            Result upgrade = project.jbang("steps/05_upgrade.java");
            Learner.assertShows(upgrade, "  ALTER TABLE books ADD COLUMN genre VARCHAR(50)\n");

            bytes = Files.readAllBytes(database);
            Result nothing = project.jbang("steps/05_upgrade.java", "--sql");
            Learner.assertExit(0, nothing);
            Learner.assertShows(nothing, "Nothing to upgrade: library.db already has every changeset of the changelog.");
            assertFalse(nothing.output().contains("Preview only"), nothing.output());
            Result rollbackPreview = project.jbang("steps/07_rollback.java", "--sql");
            Learner.assertExit(0, rollbackPreview);
            assertArrayEquals(bytes, Files.readAllBytes(database));
            Learner.assertShows(rollbackPreview, "ALTER TABLE books DROP COLUMN genre;");
            Learner.assertShows(project.jbang("steps/07_rollback.java"), "  ALTER TABLE books DROP COLUMN genre\n");
        }
    }

    @Test
    @DisplayName("05_upgrade --tag (a second tag on the same changeset replaces the first, said so), then 07_rollback --to TAG, --to ID and --to base, "
            + "with the schema read back each time")
    void rollbackTargets() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Path database = project.path("library.db");
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java", "--tag", "genre-first"));
            // A second tag on the same changeset takes the first one's place (one tag a row), and says so.
            Result retag = project.jbang("steps/05_upgrade.java", "--tag", "with-genre");
            Learner.assertExit(0, retag);
            Learner.assertShows(retag, "It was tagged genre-first before: a tag takes the place of the one the changesets applied last had, "
                    + "so --to genre-first no longer finds it.");
            assertEquals(List.of("with-genre"), ReadBack.rows(database, "SELECT tag FROM DATABASECHANGELOG WHERE tag IS NOT NULL"));
            // The CLI's tag, named base or as an applied changeset: refused as 05 --tag refuses it (07 --to read it otherwise).
            Messages.assertRefused(project.jbang("liquibase", "tag", "base"), 1, "A tag named base names no point to come back to");
            Messages.assertRefused(project.jbang("liquibase", "tag", "0001-1"), 1, "A tag named 0001-1 is a changeset's id: "
                    + "07_rollback --to 0001-1 would then come back to this tag, not to that changeset. Nothing was changed.");
            assertEquals(List.of("with-genre"), ReadBack.rows(database, "SELECT tag FROM DATABASECHANGELOG WHERE tag IS NOT NULL"));
            ExerciseFixtures.append(project);
            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(database, "books"));
            // An index the newest changeset makes, dropped by hand since: its rollback (a drop of it) cannot run, and 07 says why;
            // 05 and drift, with the models as alter-3 leaves them, say the record and the database disagree, not "autogenerate it".
            Path models = project.path(Learner.MODELS);
            String original = Files.readString(models);
            String alter3 = Files.readString(project.path("exercises/alter-3/solution/Models.java"));
            // First an index in the models that no changeset makes: 05 names it, and autogenerate as the way.
            String titleIndex = ".index(\"ix_books_genre\", \"genre\")\n            .index(\"ix_books_title\", \"title\")";
            Files.writeString(models, alter3.replace(".index(\"ix_books_genre\", \"genre\")", titleIndex));
            Result modelsAhead = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, modelsAhead);
            Learner.assertShows(modelsAhead, "Nothing to upgrade: library.db already has every changeset of the changelog.\n"
                    + "The models have the index ix_books_title, which library.db does not, and no changeset adds it yet:\n"
                    + "  ./jbang steps/04_autogenerate.java -m \"say what it does\" writes one; then run this step again.");
            Files.writeString(models, alter3);
            ReadBack.execute(database, "DROP INDEX ix_books_genre");
            String disagree = "library.db records 0004-1 as applied, but does not have the index ix_books_genre, which it adds: recorded "
                    + "without running (changelog-sync does that), or undone by hand since. Do not autogenerate it again.\n"
                    + "If library.db never had what it does, take back its record alone, then apply it for real:\n"
                    + "  ./jbang explore   then type:   sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '0004-1'\")";
            Result upgradeGone = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(1, upgradeGone); // nothing to do, but the record and library.db disagree: a script's next step should not run
            Learner.assertShows(upgradeGone, "Nothing to upgrade: library.db already has every changeset of the changelog.\n" + disagree);
            Result driftGone = project.jbang("drift");
            Learner.assertExit(1, driftGone);
            Learner.assertShows(driftGone, "+ index ix_books_genre on books (genre)   (in the models, not in the database)\n");
            Learner.assertShows(driftGone, disagree);
            assertFalse(driftGone.shown().contains("isbn"), () -> "the changelog's isbn is the solution's, as the models have it:\n" + driftGone.shown());
            assertFalse((upgradeGone.shown() + driftGone.shown()).contains("04_autogenerate"), upgradeGone.shown() + driftGone.shown());
            Files.writeString(models, original);
            Result gone = project.jbang("steps/07_rollback.java");
            Messages.assertRefused(gone, 1, "Cannot roll back 0004-1: it adds the index ix_books_genre, which library.db does not have, though it "
                    + "records 0004-1 as applied (changelog-sync records without running; or it was undone by hand). Nothing was changed.");
            ReadBack.execute(database, "CREATE INDEX ix_books_genre ON books (genre)");

            // In another case: a tag is found as Liquibase's rollback --tag finds it, whatever its case (07 said there was none).
            Result toTag = project.jbang("steps/07_rollback.java", "--to", "With-Genre");
            Learner.assertExit(0, toTag);
            Learner.assertShows(toTag, "Liquibase: liquibase rollback --tag With-Genre   Alembic: alembic downgrade With-Genre");
            assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"));
            assertEquals(List.of(), ReadBack.rows(database, "SELECT name FROM pragma_index_list('books')"));

            Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
            // Two changesets of one upgrade in the same second (SQLite's times are whole seconds): Liquibase tags both, and its rollback
            // --tag goes back to the oldest. Said so at the tag; 07 counts as Liquibase does (from the newest it said "nothing to roll
            // back" here, and over three rows warned of and kept a copy for one changeset while Liquibase undid two).
            // (One upgrade just applied three in one second, most runs: the times made one a minute apart, but for the last two.)
            ReadBack.execute(database, "UPDATE DATABASECHANGELOG SET DATEEXECUTED = printf('2026-01-01 00:%02d:00', ORDEREXECUTED)");
            ReadBack.execute(database, "UPDATE DATABASECHANGELOG SET DATEEXECUTED = (SELECT DATEEXECUTED FROM DATABASECHANGELOG WHERE ID = '0004-1') "
                    + "WHERE ID = '0003-1'");
            Result shared = project.jbang("steps/05_upgrade.java", "--tag", "shared");
            Learner.assertShows(shared, "Tagged shared: Liquibase put it on the 2 changesets applied last, in the same second (0003-1, 0004-1): "
                    + "./jbang steps/07_rollback.java --to shared comes back to the first of them, 0003-1, rolling back 0004-1.");
            Result toShared = project.jbang("steps/07_rollback.java", "--to", "shared", "--sql");
            Learner.assertExit(0, toShared);
            Learner.assertShows(toShared, "-- 0004-1, ");
            assertFalse(toShared.shown().contains("-- 0003-1, "), toShared.shown());
            // The CLI's tag (fix-3's way) lands the same: said as 05 --tag says it, where it said nothing (a tester's --to undid two).
            Result sharedByCli = project.jbang("liquibase", "tag", "shared-too");
            Learner.assertExit(0, sharedByCli);
            Learner.assertShows(sharedByCli, "Tagged shared-too: Liquibase put it on the 2 changesets applied last, in the same second (0003-1, "
                    + "0004-1): ./jbang steps/07_rollback.java --to shared-too comes back to the first of them, 0003-1, rolling back 0004-1.");
            List<String> tags = List.of("0001-1 | with-genre", "0003-1 | shared-too", "0004-1 | shared-too");
            assertEquals(tags, ReadBack.rows(database, "SELECT ID, TAG FROM DATABASECHANGELOG WHERE TAG IS NOT NULL ORDER BY ORDEREXECUTED"));
            // A name an older row carries, in any case: --to it would come back to that older row, past the rows tagged now, so it is
            // refused before anything runs (a tester's: it said the two rows were "in the same second", minutes apart, and its --to
            // dropped a column).
            Messages.assertRefused(project.jbang("steps/05_upgrade.java", "--tag", "WITH-GENRE"), 2, "--tag WITH-GENRE is carried already by "
                    + "0001-1 (as with-genre: tags match whatever their case), applied before: 07_rollback --to WITH-GENRE would come back there, "
                    + "the oldest row carrying it, rolling back what came after, not to the changesets tagged now. Pick a name of its own (--tag WITH-GENRE-2, say). Nothing was changed.");
            Messages.assertRefused(project.jbang("liquibase", "tag", "with-genre"), 1, "A tag named with-genre is carried already by 0001-1, "
                    + "applied before");
            assertEquals(tags, ReadBack.rows(database, "SELECT ID, TAG FROM DATABASECHANGELOG WHERE TAG IS NOT NULL ORDER BY ORDEREXECUTED"));
            ReadBack.execute(database, "UPDATE DATABASECHANGELOG SET TAG = 'genres-set' WHERE ID = '0003-1'"); // a tag of its own, earlier
            Result toId = project.jbang("steps/07_rollback.java", "--to", "0002-1");
            Learner.assertExit(0, toId);
            Learner.assertShows(toId, "Running downgrade 0003-1 -> 0002-1");
            // The tags went with their rows, and applying them again does not bring them back: said (fix-3's tag went unsaid), with
            // the way to put each back on its own row (05_upgrade --tag tags the newest rows only).
            Learner.assertShows(toId, "The tags genres-set, shared-too went with 0003-1, 0004-1, rolled back: a tag is written on its row of "
                    + "DATABASECHANGELOG, and applying the changeset again does not bring it back. To put each back where it was, apply them in "
                    + "steps: ./jbang liquibase update-count --count 1 && ./jbang liquibase tag genres-set, then ./jbang steps/05_upgrade.java "
                    + "--tag shared-too.");
            // an id is counted, as the heading says: not a tag
            Learner.assertShows(toId, "Liquibase: liquibase rollback-count (the changesets after 0002-1)   Alembic: alembic downgrade 0002-1");
            assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(database, "books"));

            Result unknown = project.jbang("steps/07_rollback.java", "--to", "nowhere");
            Learner.assertExit(2, unknown);
            Learner.assertShows(unknown, "No applied changeset or tag is called nowhere.");

            List<String> before = ReadBack.everything(database);
            Result tooMany = project.jbang("steps/07_rollback.java", "5");
            Messages.assertRefused(tooMany, 1, Messages.TOO_MANY);
            Learner.assertShows(tooMany, "Cannot roll back 5 changesets: only 2 changesets are applied to library.db.");
            Learner.assertShows(tooMany, "./jbang steps/07_rollback.java --to base");
            Learner.assertShows(tooMany, "Step 7 of 7: roll back the last 5 changesets\n"
                    + "  Liquibase: liquibase rollback-count --count 5   Alembic: alembic downgrade -5"); // the heading names what was typed
            assertEquals(before, ReadBack.everything(database), "nothing rolled back");

            Result countOption = project.jbang("steps/07_rollback.java", "--count", "-1", "--sql"); // as --count's value too (a preview)
            Learner.assertExit(0, countOption);
            Learner.assertShows(countOption, "(-1 read as 1: COUNT is how many changesets back, as in alembic downgrade -1.)");
            assertEquals(before, ReadBack.everything(database), "a preview");
            Result alembicHabit = project.jbang("steps/07_rollback.java", "-1");
            Learner.assertExit(0, alembicHabit);
            Learner.assertShows(alembicHabit, "(-1 read as 1: COUNT is how many changesets back, as in alembic downgrade -1.)");
            Learner.assertShows(alembicHabit, "Running downgrade 0002-1 -> 0001-1");
            assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"));

            Outsider.execute(database, "UPDATE books SET genre = 'classic' WHERE id < 3");
            Result toBase = project.jbang("steps/07_rollback.java", "--to", "base");
            Learner.assertShows(toBase, "Step 7 of 7: roll back to base\n");
            Learner.assertShows(toBase, "Alembic: alembic downgrade base");
            Learner.assertShows(toBase, "Rolling back 0001-1 drops books.genre, which holds 2 values.");
            Learner.assertExit(0, toBase);
            Learner.assertShows(toBase, "Running downgrade 0001-1 -> <base>");
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        }
    }

    @Test
    @DisplayName("an upgrade that drops a column holding values (break-1's proposal, applied all the same) says so before it runs and keeps "
            + "a copy of library.db under .reset/; the cp it prints puts the values back; so does a table rebuilt by hand that copies by position "
            + "(SELECT *) into columns in another order")
    void upgradeThatDropsDataKeepsACopy() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Path database = project.path("library.db");
            ReadBack.execute(database, "ALTER TABLE books ADD COLUMN memo TEXT");
            ReadBack.execute(database, "UPDATE books SET memo = 'keep me'");
            Learner.assertExit(0, project.jbang("steps/04_autogenerate.java", "-m", "drop memo"));
            // The models then declare it after all (the learner meant to keep it): the drop is said to leave them behind.
            Path models = project.path(Learner.MODELS);
            String modelsBefore = Files.readString(models);
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(models));
            lines.add(Learner.markerLine(project), "            .column(\"memo\", TEXT)");
            Files.write(models, lines);
            Result upgrade = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, upgrade);
            Learner.assertShows(upgrade, "Applying 0002-1 drops books.memo, which holds 3 values.");
            // A rollback would bring the column back empty: the way to keep it with its values is the copy.
            Learner.assertShows(upgrade, "1 changeset applied: library.db is up to date, and books.memo went, which the models still declare: take it "
                    + "out of steps/models/Models.java too (or, to keep it with its values, put back the copy kept above: cp .reset/");
            assertFalse(upgrade.shown().contains("no changeset adds it yet"), upgrade.shown());
            Files.writeString(models, modelsBefore);
            java.util.regex.Matcher said = java.util.regex.Pattern
                    .compile("A copy of library\\.db as it is now is kept in (\\S+): copy it back to undo this upgrade \\((cp \\S+ library\\.db)\\)\\.")
                    .matcher(upgrade.shown());
            assertTrue(said.find(), upgrade.shown());
            assertTrue(upgrade.shown().indexOf(said.group()) < upgrade.shown().indexOf("Running upgrade"), "said before it runs:\n" + upgrade.shown());
            assertFalse(ReadBack.columnNames(database, "books").contains("memo"), "the upgrade dropped it");
            Path copy = project.path(said.group(1));
            assertTrue(said.group(1).startsWith(".reset/"), said.group(1));
            assertEquals(List.of("keep me", "keep me", "keep me"), ReadBack.rows(copy, "SELECT memo FROM books ORDER BY id"));

            // Its rollback cannot be worked out (a dropColumn), and one written by hand would bring the column back empty: 07 names the copy.
            Result back = project.jbang("steps/07_rollback.java");
            Learner.assertExit(1, back);
            Learner.assertShows(back, "A rollback brings back the column or table, not the values it held: 05_upgrade kept a copy of library.db "
                    + "before an upgrade dropped values, the newest " + said.group(1) + ": copied back (" + said.group(2)
                    + ") it undoes that upgrade, values and all.");
            Learner.assertExit(0, project.runWith(Map.of(), project.root(), List.of("bash", "-c", said.group(2))));
            assertEquals(List.of("keep me", "keep me", "keep me"), ReadBack.rows(database, "SELECT memo FROM books ORDER BY id"));

            Result history = project.jbang("history");
            Learner.assertExit(0, history);
            Learner.assertShows(history, "0002-1 (head), drop memo   [pending]");

            // The same values renamed aside first, in the same changeset, with nothing copying them: still said, still kept.
            Files.writeString(project.path("changelog/changes/0002_drop_memo.yaml"), Files.readString(project.path("changelog/changes/0002_drop_memo.yaml"))
                    .replace("    - dropColumn:", "    - renameColumn: {tableName: books, oldColumnName: memo, newColumnName: memo_old, columnDataType: TEXT}\n"
                            + "    - dropColumn:").replace("columnName: memo\n", "columnName: memo_old\n"));
            Result renamed = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, renamed);
            Learner.assertShows(renamed, "Applying 0002-1 drops books.memo_old (books.memo, renamed earlier in that changeset), which holds 3 values.");
            Learner.assertShows(renamed, "A copy of library.db as it is now is kept in .reset/");

            // A table rebuilt by hand (SQLite's way to change what ALTER TABLE cannot) copied by position into columns in another
            // order: each author's id lands in genre. Said before it runs, with a copy kept that holds the books as they were.
            List<String> authorsBefore = ReadBack.rows(database, "SELECT author_id FROM books ORDER BY id");
            Files.writeString(project.path("changelog/changes/0003_rebuild_books.sql"), """
                    --liquibase formatted sql
                    --changeset me:0003-1
                    CREATE TABLE books_new (
                        id INTEGER PRIMARY KEY,
                        title VARCHAR(200) NOT NULL,
                        genre VARCHAR(50),
                        author_id INTEGER,
                        CONSTRAINT uq_title UNIQUE (title)
                    );
                    INSERT INTO books_new SELECT * FROM books;
                    DROP TABLE books;
                    ALTER TABLE books_new RENAME TO books;
                    --rollback SELECT 1;
                    """);
            new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root())).append(project.path("changelog/changes/0003_rebuild_books.sql"));
            Result rebuilt = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, rebuilt);
            Learner.assertShows(rebuilt, "Applying 0003-1 copies the table books into books_new by position (INSERT INTO books_new SELECT * FROM books), "
                    + "but books_new has the columns in another order (books: id, title, author_id, genre; books_new: id, title, genre, author_id): "
                    + "in 3 rows, values land in other columns, then books is dropped.\n\nA copy of library.db as it is now is kept in .reset/");
            assertEquals(authorsBefore, ReadBack.rows(database, "SELECT genre FROM books ORDER BY id"), "what the warning said happened");
            java.util.regex.Matcher kept = java.util.regex.Pattern.compile("kept in (\\S+): copy it back").matcher(rebuilt.shown());
            assertTrue(kept.find(), rebuilt.shown());
            assertEquals(authorsBefore, ReadBack.rows(project.path(kept.group(1)), "SELECT author_id FROM books ORDER BY id"));

            // A formatted-SQL changeset that drops a column and deletes a row, with no rollback: 07 asks for --rollback lines (the
            // file's own form) and names the copy; with one, it runs, and says that what it brings back is not what was lost.
            Path dropping = project.path("changelog/changes/0004_drop_genre.sql");
            Files.writeString(dropping, "--liquibase formatted sql\n--changeset me:0004-1\nALTER TABLE books DROP COLUMN genre;\n"
                    + "DELETE FROM books WHERE id = 3;\n");
            new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root())).append(dropping);
            Learner.assertShows(project.jbang("steps/05_upgrade.java"), "A copy of library.db as it is now is kept in .reset/");
            Result noRollback = project.jbang("steps/07_rollback.java");
            Learner.assertExit(1, noRollback);
            Learner.assertShows(noRollback, "Write its rollback by hand: --rollback lines under that changeset's SQL (--rollback ALTER TABLE ...;)");
            Learner.assertShows(noRollback, "A rollback brings back the column or table, not the values it held: 05_upgrade kept a copy of library.db "
                    + "before an upgrade dropped values, the newest .reset/");
            Files.writeString(dropping, Files.readString(dropping) + "--rollback ALTER TABLE books ADD COLUMN genre VARCHAR(50);\n");
            Result rolledBack = project.jbang("steps/07_rollback.java");
            Learner.assertExit(0, rolledBack);
            Learner.assertShows(rolledBack, "0004-1 dropped or deleted data when it ran.\nA rollback brings back the column or table, not the values "
                    + "it held");
            assertEquals(List.of("NULL", "NULL"), ReadBack.rows(database, "SELECT coalesce(genre, 'NULL') FROM books ORDER BY id"),
                    "the column back empty, the row still gone: what the note said");
        }
    }

    @Test
    @DisplayName("changelog-sync where the database lacks the changes (after the CLI's rollback-count): 05 and drift do not send the "
            + "learner to autogenerate it again, autogenerate, 07 and roundtrip refuse before they run, each naming the way out; that way out works")
    void recordedButNotThere() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Path database = project.path("library.db");
            // The CLI keeps no copy of its own: the alias keeps one before a command that changes the database, with its way back.
            ReadBack.execute(database, "UPDATE books SET genre = 'fiction' WHERE id = 1");
            // Another SQLite file, outside the project, named as Liquibase's own LIQUIBASE_COMMAND_URL names it: that one rolled back
            // (the alias's --url of library.db went over the variable's, and library.db lost its genre column), a copy kept of it
            // too, as 07_rollback --url keeps one (the alias kept none). --url's own form: mine.db, below.
            Path other = project.root().resolveSibling("other.db");
            Files.copy(database, other);
            Result otherRollback = project.jbangWith(Map.of("LIQUIBASE_COMMAND_URL", "jdbc:sqlite:" + other), "liquibase", "rollback-count",
                    "--count", "1");
            Learner.assertExit(0, otherRollback);
            java.util.regex.Matcher keptOther = java.util.regex.Pattern.compile("A copy of \\S+ as it is now is kept in (\\S+): copy it back to "
                    + "undo this command \\(cp \\S+ (\\S+)\\)\\.").matcher(otherRollback.output());
            assertTrue(keptOther.find(), otherRollback.output());
            assertEquals(other, project.root().resolve(keptOther.group(2)).normalize(), "the way back puts it back where it was");
            assertEquals(List.of("1 | fiction"), ReadBack.rows(project.path(keptOther.group(1)), "SELECT id, genre FROM books WHERE genre IS NOT NULL"));
            assertFalse(ReadBack.columnNames(other, "books").contains("genre"), "rolled back there");
            assertTrue(ReadBack.columnNames(database, "books").contains("genre"), "library.db left as it was");
            // A relative one, typed in a subfolder: read from the project's folder, as the steps read --url, by the copy and the CLI
            // alike (the CLI read it from the subfolder, and changed a file of which no copy was kept).
            Path mine = project.path("mine.db");
            Files.copy(database, mine);
            Result fromSubfolder = project.runWith(Map.of(), project.path("steps"), List.of("../jbang", "liquibase", "--url=jdbc:sqlite:mine.db",
                    "rollback-count", "--count", "1"));
            Learner.assertExit(0, fromSubfolder);
            Learner.assertShows(fromSubfolder, "A copy of mine.db as it is now is kept in .reset/");
            Learner.assertShows(fromSubfolder, "(cd .. && cp .reset/"); // its way back, pasted where it was typed (it found no .reset/ there)
            assertFalse(ReadBack.columnNames(mine, "books").contains("genre"), "the project folder's mine.db rolled back");
            assertFalse(Files.exists(project.path("steps/mine.db")), "none made in the subfolder");
            // Without the --count it needs, the CLI runs nothing: no copy kept for it, nor a way back offered (a tester's).
            List<String> copies = Learner.files(project, ".reset");
            Result noCount = project.jbang("liquibase", "rollback-count");
            Learner.assertExit(1, noCount);
            Learner.assertShows(noCount, "missing required argument");
            assertFalse(noCount.output().contains("A copy of"), noCount.output());
            assertEquals(copies, Learner.files(project, ".reset"));
            // What it requires given another way (--sql-file before execute-sql, as Liquibase still takes it): it runs, so a copy is kept.
            Files.writeString(project.path("select.sql"), "SELECT 1;\n");
            Result sqlFileFirst = project.jbang("liquibase", "--sql-file=select.sql", "execute-sql");
            Learner.assertExit(0, sqlFileFirst);
            Learner.assertShows(sqlFileFirst, "A copy of library.db as it is now is kept in .reset/");
            Files.delete(project.path("select.sql"));
            // Its count as the word after it, Liquibase's older form, is a count all the same: the copy kept. The tag on the row it
            // takes back goes with it, said as 07_rollback says it (fix-3's tag, rolled back and applied again, went unsaid).
            Learner.assertExit(0, project.jbang("liquibase", "tag", "applied-genre"));
            Result cliRollback = project.jbang("liquibase", "rollback-count", "1");
            Learner.assertExit(0, cliRollback);
            Learner.assertShows(cliRollback, "The tag applied-genre went with 0001-1, rolled back: a tag is written on its row of DATABASECHANGELOG, "
                    + "and applying the changeset again does not bring it back. Once it is applied again, tag it again: "
                    + "./jbang liquibase tag applied-genre.");
            java.util.regex.Matcher kept = java.util.regex.Pattern.compile("A copy of library.db as it is now is kept in (\\S+): copy it back to "
                    + "undo this command \\(cp (\\S+) library.db\\)\\.").matcher(cliRollback.output());
            assertTrue(kept.find(), cliRollback.output());
            assertEquals(kept.group(1), kept.group(2));
            assertEquals(List.of("1 | fiction"), ReadBack.rows(project.path(kept.group(1)), "SELECT id, genre FROM books WHERE genre IS NOT NULL"),
                    "the copy has the values the rollback dropped");
            Result sync = project.jbang("liquibase", "changelog-sync");
            Learner.assertExit(0, sync);
            assertFalse(sync.output().contains("A copy of"), "changelog-sync changes only Liquibase's record:\n" + sync.output());
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"), "recorded, not run");

            String said = "library.db records 0001-1 as applied, but does not have books.genre, which it adds: recorded without running "
                    + "(changelog-sync does that), or undone by hand since. Do not autogenerate it again.\n";
            String takeBack = "If library.db never had what it does, take back its record alone, then apply it for real:\n"
                    + "  ./jbang explore   then type:   sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '0001-1'\")\n"
                    + "  ./jbang steps/05_upgrade.java";
            // Said by the sync itself, where the CLI recorded it without a word: the record is what library.db is not.
            Learner.assertShows(sync, said.replace(" Do not autogenerate it again.", "") + takeBack);
            Result upgrade = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(1, upgrade);
            Messages.assertSays(upgrade, Messages.RECORDED_NOT_THERE);
            Learner.assertShows(upgrade, said + takeBack);
            assertFalse(upgrade.shown().contains("04_autogenerate"), upgrade.shown());
            Result drift = project.jbang("drift");
            Learner.assertExit(1, drift);
            Learner.assertShows(drift, said + takeBack);
            // Autogenerate refuses (it wrote the column a second time, and solve alter-1 followed it), with the same way out.
            List<String> changes = Learner.files(project, "changelog/changes");
            Result autogenerate = project.jbang("steps/04_autogenerate.java", "-m", "add genre column to books");
            Messages.assertRefused(autogenerate, 1, said.replace(". Do not autogenerate it again.\n", ". Autogenerate would add it a second time. "
                    + "Nothing was written.\n") + takeBack);
            assertEquals(changes, Learner.files(project, "changelog/changes"));
            List<String> before = ReadBack.everything(database);
            Result rollback = project.jbang("steps/07_rollback.java");
            Learner.assertExit(1, rollback);
            Learner.assertShows(rollback, "Cannot roll back 0001-1: it adds books.genre, which library.db does not have, though it records 0001-1 "
                    + "as applied (changelog-sync records without running; or it was undone by hand). Nothing was changed.\n" + takeBack);
            Messages.assertNoStackTrace(rollback);
            // The round trip would start with the same rollback: it says what is wrong, not that the rollback is unfaithful.
            Result trip = project.jbang("roundtrip", "0001-1");
            Learner.assertExit(1, trip);
            Learner.assertShows(trip, "Cannot round-trip 0001-1: it adds books.genre, which library.db does not have, though it records 0001-1 "
                    + "as applied (changelog-sync records without running; or it was undone by hand), so that rollback cannot run. "
                    + "Nothing was changed.\n" + takeBack);
            assertEquals(before, ReadBack.everything(database), "nothing changed");

            // The way out, as given.
            Result explore = project.jbangWithInput("sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '0001-1'\")\n/exit\n", "explore");
            Learner.assertShows(explore, "1 row(s) changed");
            // With standard input closed (a script's 0<&-), explore ends as at the end of its input: JShell read as typed a file
            // the JVM had opened into descriptor 0, and looped on its bytes.
            Result closed = project.run(project.root(), List.of("bash", "-c", "./jbang explore 0<&-"));
            Learner.assertExit(0, closed);
            assertFalse(closed.output().contains("illegal character") || closed.output().lines().count() > 40, closed.output());
            Result again = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, again);
            Learner.assertShows(again, "1 changeset applied. library.db is up to date.");
            assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"));
            Learner.assertExit(0, project.jbang("steps/07_rollback.java"));
            // The same column added by an sql change, recorded the same way: read from its SQL too, where drift sent to autogenerate
            // ("no changeset adds it yet"), which wrote it a second time.
            Path genreFile = project.path("changelog/changes/0001_add_genre_column_to_books.yaml");
            String sqlMade = Files.readString(genreFile).replaceFirst("(?s)    changes:\n.*", "    changes:\n    - sql:\n"
                    + "        sql: ALTER TABLE books ADD COLUMN genre VARCHAR(50)\n    rollback:\n    - sql:\n        sql: ALTER TABLE books DROP COLUMN genre\n");
            Files.writeString(genreFile, sqlMade);
            Result syncSql = project.jbang("liquibase", "changelog-sync");
            Learner.assertExit(0, syncSql);
            Learner.assertShows(syncSql, said.replace(" Do not autogenerate it again.", "") + takeBack);
            Result driftSql = project.jbang("drift");
            Learner.assertExit(1, driftSql);
            Learner.assertShows(driftSql, said + takeBack);
            assertFalse(driftSql.shown().contains("04_autogenerate"), driftSql.shown());
        }
    }

    @Test
    @DisplayName("drift exits 0 when the models and library.db agree, 1 with the difference when they do not, and the way out that fits each side")
    void driftBothWays() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            Result agree = project.jbang("drift");
            Learner.assertExit(0, agree);
            Learner.assertShows(agree, "No drift: the models and library.db agree.");
            // A column made by hand: declare it in the models, not autogenerate (which would propose dropping it).
            Path database = project.path("library.db");
            ReadBack.execute(database, "ALTER TABLE books ADD COLUMN memo TEXT");
            Result byHand = project.jbang("drift");
            Learner.assertExit(1, byHand);
            Learner.assertShows(byHand, "- column books.memo TEXT   (in the database, not in the models)");
            Learner.assertShows(byHand, "declare it in the models; autogenerate would drop it, data and all.");
            assertFalse(byHand.shown().contains("autogenerate a changeset for it"), byHand.shown());
            ReadBack.execute(database, "ALTER TABLE books DROP COLUMN memo");
            // A type changed in the models: not autogenerate, whose modifyDataType SQLite cannot run (break-3), but fix-2's way.
            Path models = project.path(Learner.MODELS);
            String original = Files.readString(models);
            Files.writeString(models, original.replace(".column(\"title\", string(200), NOT_NULL)", ".column(\"title\", TEXT, NOT_NULL)"));
            Result retyped = project.jbang("drift");
            Learner.assertExit(1, retyped);
            Learner.assertShows(retyped, "type is TEXT in the models, VARCHAR(200) in the database");
            Learner.assertShows(retyped, "Write the change by hand as fix-2 does (a new column, the values copied), or change the models back.");
            assertFalse(retyped.shown().contains("autogenerate a changeset for it"), retyped.shown());
            Files.writeString(models, original);
            Learner.uncommentGenre(project);
            Result differ = project.jbang("drift");
            Learner.assertExit(1, differ);
            Learner.assertShows(differ, "+ column books.genre VARCHAR(50)   (in the models, not in the database)");
            Learner.assertShows(differ, "Where the models have something the database lacks: autogenerate a changeset for it");
            assertFalse(differ.shown().contains("declare it in the models"), differ.shown());
            // The changeset written, not applied: autogenerate would refuse, so drift points to the upgrade.
            LessonState.PENDING.restoreInto(project);
            Result pending = project.jbang("drift");
            Learner.assertExit(1, pending);
            Learner.assertShows(pending, "+ column books.genre VARCHAR(50)   (in the models, not in the database)\n");
            Learner.assertShows(pending, "Where the models have something the database lacks: 1 changeset of the changelog is not applied yet, "
                    + "and may add it.\nApply it first (./jbang steps/05_upgrade.java), then run drift again.");
            assertFalse(pending.shown().contains("04_autogenerate"), pending.shown());
        }
    }

    @Test
    @DisplayName("reset asks first, then puts every learner file back as git has it and keeps what it moved under .reset/")
    void resetKeepsEverything() throws IOException {
        try (ScratchProject project = Learner.freshCopy()) {
            Learner.initGit(project);
            LessonState.APPLIED.restoreInto(project);
            String generated = Files.readString(project.path("changelog/changes/0001_add_genre_column_to_books.yaml"));
            String editedModels = Files.readString(project.path(Learner.MODELS));
            byte[] library = Files.readAllBytes(project.path("library.db"));

            Result declined = project.jbangWithInput("n\n", "reset");
            Learner.assertExit(1, declined);
            Learner.assertShows(declined, "Nothing was changed.");
            Learner.assertShows(declined, "Answer y to go ahead, or run ./jbang reset --yes.");
            Learner.assertShows(declined, "Go ahead? [y/N] n\n"); // from a pipe, the answer shown as a terminal shows it, ending the line
            assertTrue(Files.exists(project.path("library.db")));
            // No answer at all (input closed, from a script; /dev/null is the same): a no, and the question ends its line.
            Result unanswered = project.run(project.root(), List.of("bash", "-c", "./jbang reset 0<&-"));
            Learner.assertExit(1, unanswered);
            Learner.assertShows(unanswered, "Go ahead? [y/N] \n");
            assertTrue(Files.exists(project.path("library.db")));
            // liquibase.properties pointed at a server (as docs/postgres.md offers): that database is no file to set aside, so reset
            // refuses, where it put the changelog back while the server kept what was applied, and reset ID replayed the steps there.
            String settings = Files.readString(project.path("liquibase.properties"));
            Files.writeString(project.path("liquibase.properties"), settings.replace("url=jdbc:sqlite:library.db", "url=jdbc:postgresql://localhost:5432/library"));
            Result onServer = project.jbang("reset", "--yes");
            Messages.assertRefused(onServer, 1, "liquibase.properties names jdbc:postgresql://localhost:5432/library, a database on a server: reset "
                    + "starts over by moving library.db aside, and cannot set that one aside. Nothing was changed.");
            java.util.regex.Matcher toBase = java.util.regex.Pattern.compile("To take it back to before the first changeset too, first: "
                    + "\\./jbang --deps org\\.postgresql:postgresql:[0-9.]+ steps/07_rollback\\.java --to base\n").matcher(onServer.shown());
            assertTrue(toBase.find(), onServer.shown());
            Learner.assertShows(onServer, "To start over on library.db: put url=jdbc:sqlite:library.db back in liquibase.properties");
            assertTrue(java.util.Arrays.equals(library, Files.readAllBytes(project.path("library.db"))), "library.db as it was");
            assertEquals(editedModels, Files.readString(project.path(Learner.MODELS)));
            Files.writeString(project.path("liquibase.properties"), settings);

            // A reset that cannot finish (changelog/ read-only: the master cannot be moved aside, after library.db and the
            // changeset were): what it moved goes back, and it says so, where it left library.db gone and the master naming a
            // changeset moved away.
            String master = Files.readString(project.path("changelog/db.changelog-master.yaml"));
            try (ReadOnly locked = ReadOnly.make(project.path("changelog"))) {
                Result halfway = project.jbang("reset", "--yes");
                Learner.assertExit(1, halfway);
                Learner.assertShows(halfway, "Cannot move changelog/db.changelog-master.yaml aside: ");
                Learner.assertShows(halfway, "Nothing was changed: the files moved before it are back in place.");
            }
            // ... and no empty dated folder of its own left in .reset/ (it left one, with an empty changelog/changes/ in it).
            try (var folders = Files.walk(project.path(".reset"))) {
                List<Path> empty = folders.filter(Files::isDirectory).filter(folder -> !folder.equals(project.path(".reset"))).filter(folder -> {
                    try (var inside = Files.list(folder)) {
                        return inside.findAny().isEmpty();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
                assertEquals(List.of(), empty, "empty folders left in .reset/");
            }
            // Another program writing to library.db (a browser's unsaved changes): reset refuses as the steps do, where it moved the
            // file from under it and that program's commit failed, its changes lost.
            try (AutoCloseable browser = Outsider.holdingWriteLock(project.path("library.db"))) {
                Result busy = project.jbang("reset", "--yes");
                Messages.assertRefused(busy, 1, Messages.BUSY);
                Learner.assertShows(busy, "then run ./jbang reset --yes again."); // as typed, an ID kept
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertArrayEquals(library, Files.readAllBytes(project.path("library.db")));
            assertEquals(generated, Files.readString(project.path("changelog/changes/0001_add_genre_column_to_books.yaml")));
            assertEquals(master, Files.readString(project.path("changelog/db.changelog-master.yaml")));
            assertEquals(editedModels, Files.readString(project.path(Learner.MODELS)));

            // Copies that runs of the same seconds kept there already (07_rollback's, just before, from a script): left as they
            // are, and this reset's go into a folder of its own, where it refused to move library.db onto one and stopped halfway.
            java.util.Set<Path> earlier = new java.util.HashSet<>();
            java.time.LocalDateTime now = java.time.LocalDateTime.now();
            for (int second = 0; second <= 10; second++) {
                Path copy = project.path(".reset/" + now.plusSeconds(second).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss"))
                        + "/library.db");
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, "an earlier run's copy\n");
                earlier.add(copy);
            }
            Learner.assertShows(project.jbang("hint", "alter-1"), "Hint 1 of 3 for alter-1");
            Learner.assertShows(project.jbang("hint", "alter-1"), "Hint 2 of 3 for alter-1");
            Result reset = project.jbangWithInput("y\n", "reset");
            Learner.assertExit(0, reset);
            assertEquals("", Learner.git(project, "status", "--porcelain").strip(), "the project is as git has it");
            // Started over, the hints start over too: the next was the whole solution (hint levels were kept through a reset).
            Learner.assertShows(project.jbang("hint", "alter-1"), "Hint 1 of 3 for alter-1");
            assertFalse(Files.exists(project.path("library.db")));
            for (Path copy : earlier) {
                assertEquals("an earlier run's copy\n", Files.readString(copy), "kept as it was: " + copy);
            }
            List<Path> kept;
            try (Stream<Path> files = Files.walk(project.path(".reset"))) {
                kept = files.filter(Files::isRegularFile).filter(file -> !earlier.contains(file)).toList();
            }
            assertTrue(kept.stream().anyMatch(f -> f.endsWith("library.db") && f.getParent().getFileName().toString().matches(".*_\\d{6}-2")),
                    "library.db kept, in a folder of this run's own: " + kept);
            Path keptChangeset = kept.stream().filter(f -> f.endsWith("0001_add_genre_column_to_books.yaml")).findFirst().orElseThrow();
            assertEquals(generated, Files.readString(keptChangeset));
            Path keptModels = kept.stream().filter(f -> f.endsWith("Models.java")).findFirst().orElseThrow();
            assertEquals(editedModels, Files.readString(keptModels));

            // reset started while another command changes the project waits its turn, then moves what there is by then: a changeset
            // written meanwhile too (it listed, and moved, what there was before it waited, and left that file in the changelog).
            Files.writeString(Files.createDirectories(project.path(".tutorial")).resolve("project.holder"),
                    "./jbang steps/04_autogenerate.java (process " + Learner.pidNotRunning() + ")");
            tutorial.liquibase.Changelog chain = new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root()));
            Path before = project.path("changelog/changes/0001_add_memo.yaml");
            Files.writeString(before, "databaseChangeLog:\n- changeSet:\n    id: 0001-1\n    author: learner\n    changes:\n"
                    + "    - addColumn: {tableName: books, columns: [{column: {name: memo, type: TEXT}}]}\n");
            chain.append(before);
            Path meanwhile = project.path("changelog/changes/0002_add_shelf.yaml");
            RunningStep waiting = FaultsRaceTest.whileLocked(project, "Waiting for another command to finish", () -> {
                Files.writeString(meanwhile, "databaseChangeLog:\n- changeSet:\n    id: 0002-1\n    author: learner\n    changes:\n"
                        + "    - addColumn: {tableName: books, columns: [{column: {name: shelf, type: TEXT}}]}\n");
                chain.append(meanwhile);
            }, "reset", "--yes");
            Result waited = waiting.finish().result();
            Learner.assertExit(0, waited);
            Learner.assertShows(waited, "While reset waited its turn, the project changed. It moves now (nothing is deleted):\n  changelog/db.changelog-master.yaml   "
                    + "(your version kept; the lesson's put back)\n  changelog/changes/0001_add_memo.yaml\n  changelog/changes/0002_add_shelf.yaml\n");
            assertEquals("", Learner.git(project, "status", "--porcelain").strip(), "the project is as git has it");

            Result again = project.jbang("reset", "--yes");
            Learner.assertExit(0, again);
            Learner.assertShows(again, "Nothing to reset: the project is already at the lesson's start.");

            // The way back it gives, as printed: the work as it was, library.db byte for byte.
            String way = reset.shown().lines().filter(line -> line.startsWith("To go back to your work as it was before this reset: "))
                    .findFirst().orElseThrow(() -> new AssertionError("the way back:\n" + reset.shown()))
                    .substring("To go back to your work as it was before this reset: ".length());
            assertEquals("cp -R " + project.root().relativize(keptModels.getParent().getParent().getParent()).toString().replace('\\', '/') + "/. .", way);
            Learner.assertExit(0, project.run(project.root(), List.of("bash", "-c", way)));
            assertEquals(editedModels, Files.readString(project.path(Learner.MODELS)));
            assertEquals(generated, Files.readString(project.path("changelog/changes/0001_add_genre_column_to_books.yaml")));
            assertArrayEquals(library, Files.readAllBytes(project.path("library.db")));

            // liquibase.properties pointed at another SQLite file: reset starts over there, and says library.db is left as it was.
            Files.writeString(project.path("liquibase.properties"), Files.readString(project.path("liquibase.properties")).replace("url=jdbc:sqlite:library.db", "url=jdbc:sqlite:other.db"));
            Result elsewhere = project.jbang("reset", "--yes");
            Learner.assertExit(0, elsewhere);
            Learner.assertShows(elsewhere, "liquibase.properties still names other.db (reset leaves it as you edited it): the steps work there. "
                    + "library.db, which it does not name, is left as it was: put url=jdbc:sqlite:library.db back and run ./jbang reset again");
            assertArrayEquals(library, Files.readAllBytes(project.path("library.db")));
            assertEquals(startOf(project.root()).get(Learner.MODELS), Files.readString(project.path(Learner.MODELS)), "the models back at the start");
        }
    }

    @Test
    @DisplayName("the lesson's start survives the learner: a dirty tree, commits on another branch, a pull of a newer tutorial (reset then brings the newer start); with no .git, reset works while the files are at the start and says why not after")
    void lessonStartSurvivesTheLearner() throws IOException {
        try (ScratchProject project = Learner.freshCopy()) {
            Learner.initGit(project);
            Path upstream = project.root().resolveSibling("upstream");
            Learner.git(project, "clone", "-q", ".", upstream.toString());
            Map<String, String> start = startOf(project.root());

            LessonState.APPLIED.restoreInto(project);
            assertEquals(start, startOf(project.root()), "a dirty tree");
            Learner.git(project, "checkout", "-q", "-b", "mine");
            Learner.git(project, "add", "-A");
            Learner.git(project, "-c", "user.name=me", "-c", "user.email=me@example.com", "commit", "-q", "-m", "my migrations");
            assertEquals(start, startOf(project.root()), "the learner's commit, on a branch of their own");
            try (ScratchProject copy = ScratchProject.copyOf(project.root())) {
                assertEquals(start.get(Learner.MODELS), Files.readString(copy.path(Learner.MODELS)), "a scratch copy starts at the start");
                assertEquals(List.of(".gitkeep"), Learner.files(copy, "changelog/changes"));
            }

            // The tutorial moves on upstream; the learner pulls it over their work.
            Path newerModels = upstream.resolve(Learner.MODELS);
            String newer = "// A newer tutorial.\n" + Files.readString(newerModels);
            Files.writeString(newerModels, newer);
            Result upstreamCommit = project.run(upstream, List.of("git", "-c", "user.name=maintainer", "-c", "user.email=m@example.com",
                    "commit", "-q", "-am", "newer models"));
            Learner.assertExit(0, upstreamCommit);
            Learner.git(project, "-c", "user.name=me", "-c", "user.email=me@example.com", "pull", "-q", "--no-rebase", "--no-edit",
                    upstream.toString(), "HEAD");
            assertEquals(newer, startOf(project.root()).get(Learner.MODELS), "the start is the newer tutorial's");
            Learner.assertExit(0, project.jbang("reset", "--yes"));
            assertEquals(newer, Files.readString(project.path(Learner.MODELS)), "reset brings the newer start");
            assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));

            // A zip download: no .git at all.
            try (ScratchProject zip = ScratchProject.copyOf(project.root())) {
                LessonState.CREATED.restoreInto(zip);
                Learner.assertExit(0, zip.jbang("reset", "--yes"));
                assertFalse(Files.exists(zip.path("library.db")), "at the start, reset needs no git: library.db moved aside");
                LessonState.APPLIED.restoreInto(zip);
                Result refused = zip.jbang("reset", "--yes");
                Learner.assertExit(1, refused);
                Learner.assertShows(refused, Messages.NO_START);
                assertTrue(Files.exists(zip.path("library.db")), "nothing was moved");
            }
        }
    }

    static Map<String, String> startOf(Path project) {
        return LessonStart.find(project).orElseThrow(() -> new AssertionError("no lesson start found in " + project)).files();
    }

    @Test
    @DisplayName("reset ID starts that exercise over: the walkthrough and every earlier exercise redone, this one not")
    void resetOneExercise() throws IOException {
        try (ScratchProject project = Learner.freshCopy()) {
            Learner.initGit(project);
            // Declined: the command it offers resets this one exercise, not the whole lesson.
            Result declined = project.jbangWithInput("n\n", "reset", "alter-2");
            Learner.assertExit(1, declined);
            Learner.assertShows(declined, "Answer y to go ahead, or run ./jbang reset alter-2 --yes.");
            Result reset = project.jbang("reset", "alter-2", "--yes");
            Learner.assertExit(0, reset);
            Learner.assertShows(reset, "Ready for alter-2");
            // Nothing of the learner's was there to move: no way back to offer.
            assertFalse(reset.output().contains("To go back to your work"), reset.output());
            Path database = project.path("library.db");
            assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(database, "books"));
            Learner.assertExit(0, project.jbang("check", "alter-1"));
            Learner.assertExit(1, project.jbang("check", "alter-2"));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));

            // With work of the learner's to move (alter-1 done, a changeset started): the way back it prints, typed as printed,
            // brings that work back, library.db with it.
            Learner.assertExit(0, project.jbang("revision", "-m", "my own start"));
            // break-2 done on the way (the genre file found missing by history, then put back): kept with library.db, not lost.
            Path genre = project.path("changelog/changes/0001_add_genre_column_to_books.yaml");
            Files.move(genre, genre.resolveSibling(genre.getFileName() + ".bak"));
            Learner.assertExit(1, project.jbang("history"));
            Files.move(genre.resolveSibling(genre.getFileName() + ".bak"), genre);
            String missingSeen = Files.readString(project.path(tutorial.liquibase.MissingFileSeen.NOTE));
            java.util.Map<String, String> mine = new java.util.TreeMap<>();
            for (String file : List.of(Learner.MODELS, "changelog/db.changelog-master.yaml", "changelog/changes/0003_my_own_start.yaml")) {
                mine.put(file, Files.readString(project.path(file)));
            }
            Result again = project.jbang("reset", "alter-1", "--yes");
            Learner.assertExit(0, again);
            assertFalse(Files.exists(project.path("changelog/changes/0003_my_own_start.yaml")));
            assertFalse(ReadBack.columnNames(database, "books").contains("isbn"), "back where alter-1 starts");
            java.util.regex.Matcher wayBack = java.util.regex.Pattern.compile("To go back to your work as it was before this reset: (.+)\n").matcher(again.output());
            assertTrue(wayBack.find(), again.output());
            assertTrue(wayBack.group(1).startsWith("./jbang reset --yes && cp -R .reset/"), wayBack.group(1));
            // Said before the replay's first command too, so a replay stopped midway leaves it on the screen.
            int early = again.output().indexOf("To go back to your work as it was, even if the replay below is stopped midway: " + wayBack.group(1) + "\n");
            assertTrue(early >= 0 && early < again.output().indexOf("$ ./jbang steps/01_create.java"), again.output());
            Learner.assertExit(0, project.run(project.root(), List.of("bash", "-c", wayBack.group(1))));
            for (var file : mine.entrySet()) {
                assertEquals(file.getValue(), Files.readString(project.path(file.getKey())), file.getKey() + " as it was");
            }
            assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(database, "books"));
            assertEquals(missingSeen, Files.readString(project.path(tutorial.liquibase.MissingFileSeen.NOTE)), "check's note of break-2 back");
            Learner.assertShows(project.jbang("check", "break-2"), "Done: ");

            // Ctrl-C in the replay of reset ID: it says where the work went and the way back, which works (it said nothing).
            RunningStep stopped = RunningStep.start(project, "reset", "alter-1", "--yes").awaitOutput("$ ./jbang steps/04_autogenerate.java");
            if (FaultsKillTest.ignoresInterrupt(stopped.pid())) {
                stopped.killAll();
                org.junit.jupiter.api.Assumptions.abort("SIGINT is ignored here (the suite runs as a job started in the background)");
            }
            stopped.signal("INT");
            Result interrupted = stopped.finish().result();
            java.util.regex.Matcher said = java.util.regex.Pattern.compile("Your work is kept; to go back to it as it was: (.+)\n").matcher(interrupted.output());
            assertTrue(said.find(), interrupted.output());
            Learner.assertExit(0, project.run(project.root(), List.of("bash", "-c", said.group(1))));
            for (var file : mine.entrySet()) {
                assertEquals(file.getValue(), Files.readString(project.path(file.getKey())), file.getKey() + " as it was, after the stopped reset");
            }
            assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(database, "books"));

            // Ctrl-C in solve: it says what stays and where library.db as it was is kept (it said nothing, and left the copy unnamed).
            LessonState.APPLIED.restoreInto(project);
            byte[] beforeSolve = Files.readAllBytes(database);
            // A copy an earlier stopped run left (its process gone): the next checkpoint takes it away.
            Path leftBefore = Files.createDirectories(project.path(".tutorial")).resolve("checkpoint-" + Learner.pidNotRunning() + ".db");
            Files.write(leftBefore, beforeSolve);
            RunningStep solving = RunningStep.start(project, "solve", "alter-1").awaitOutput("$ ./jbang steps/05_upgrade.java");
            assertFalse(Files.exists(leftBefore), "the copy of a run long gone, swept");
            solving.signal("INT");
            Result solveStopped = solving.finish().result();
            java.util.regex.Matcher copy = java.util.regex.Pattern.compile("solve stopped partway through the solution: what its commands did so far "
                    + "stays\\. library\\.db as it was before solve is kept in (\\.reset/[^ ]+/library\\.db) \\(to go back: (cp \\S+ library\\.db)\\)\\. "
                    + "\\./jbang check alter-1 says where that leaves the exercise; \\./jbang reset alter-1 starts it over").matcher(solveStopped.output());
            assertTrue(copy.find(), solveStopped.output());
            assertEquals("cp " + copy.group(1) + " library.db", copy.group(2));
            Learner.assertExit(0, project.run(project.root(), List.of("bash", "-c", copy.group(2))));
            assertArrayEquals(beforeSolve, Files.readAllBytes(database), "the way back it gave");
        }
    }
}
