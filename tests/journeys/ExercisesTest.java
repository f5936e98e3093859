package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.exercises.Exercise;
import tutorial.exercises.Exercises;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * The nine exercises after the walkthrough, in one scratch copy, in the README's order (each
 * Break followed by the Fix that puts it right): check fails, solve succeeds, check passes,
 * and the outcome is read back from library.db.
 */
@Tag("exercise")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExercisesTest {

    /** Where the walkthrough ends: the genre changeset rolled back. */
    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.ROLLED_BACK);
    final ScratchProject project = copy.project();
    final Path database = copy.database();

    /** check fails, solve succeeds, check passes: the contract of every exercise. Returns solve's output. */
    Result checkSolveCheck(String id) {
        Result solve = checkSolveCheckOnly(id);
        // Where the solution changes the models, its reference file is exactly what solve made of them.
        Path reference = project.path("exercises/" + id + "/solution/Models.java");
        boolean editsModels = Exercises.byId(id).orElseThrow().solution().stream().anyMatch(Exercise.ModelLine.class::isInstance);
        assertEquals(editsModels, Files.exists(reference), id + ": a reference Models.java exactly where the solution edits the models");
        if (editsModels) {
            try {
                assertEquals(Files.readString(reference), Files.readString(project.path(Learner.MODELS)),
                        id + ": the models after solve are exercises/" + id + "/solution/Models.java");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return solve;
    }

    /**
     * The contract alone: check fails, solve succeeds, check passes. Both checks are solve's own:
     * it starts by judging the exercise as ./jbang check ID does (the same judgement, Progress.judge)
     * and says what it lacks, and it ends by running ./jbang check ID as a process of its own, as
     * the learner would type it once the solution is in, printing what that printed and exiting
     * with its code. (./jbang check ID exiting 1 on an exercise not done: ownWay and the journey.)
     */
    Result checkSolveCheckOnly(String id) {
        Result solve = project.jbang("solve", id);
        Learner.assertExit(0, solve);
        assertFalse(solve.output().contains("Stopped before"), () -> "a solve that ended said it was stopped:\n" + solve.output());
        int check = solve.shown().lastIndexOf("\n" + id + " (");
        assertTrue(check >= 0, () -> id + ": solve ends with the check's output:\n" + solve.output());
        String before = solve.shown().substring(0, check);
        String checked = solve.shown().substring(check);
        int task = before.indexOf("\n" + id + ": ");
        int lacks = before.indexOf("\n\nNot done yet: ");
        assertTrue(task >= 0 && task < lacks && lacks < before.indexOf("\n$ "),
                () -> id + ": solve names the exercise, says what it lacks, then runs its commands:\n" + solve.output());
        assertTrue(checked.contains("\nDone: ") && !checked.contains("Not done yet"), () -> id + ": the check solve ends with passes:\n" + solve.output());
        return solve;
    }

    @Test
    @Order(1)
    @Tag("quick")
    @DisplayName("alter-1: a nullable isbn column, added by an applied changeset; no book lost; solve refuses alter-2 before it, and does nothing once it is done")
    void alter1() throws IOException {
        // The walkthrough ended rolled back on purpose: its milestones are done once done.
        Result overview = project.jbang("check");
        Learner.assertShows(overview, "[x] changeset applied once");
        Learner.assertShows(overview, "0 of 9 exercises done; walkthrough 4 of 4 milestones.\nNext: alter-1.");
        // The exercises are a chain: solve refuses one out of turn, changing nothing.
        List<String> changes = Learner.files(project, "changelog/changes");
        List<String> everything = ReadBack.everything(database);
        Result early = project.jbang("solve", "alter-2");
        Learner.assertExit(1, early);
        Learner.assertShows(early, "alter-2 starts where alter-1 ends, and alter-1 is not done yet: ");
        Learner.assertShows(early, "Do alter-1 first (./jbang check alter-1 says what it lacks; ./jbang solve alter-1 does it), then solve alter-2.");
        assertEquals(changes, Learner.files(project, "changelog/changes"));
        assertEquals(everything, ReadBack.everything(database));
        checkSolveCheck("alter-1");
        assertEquals(ExerciseFixtures.ISBN_CHANGESET, Files.readString(project.path(ExerciseFixtures.ISBN)),
                "the PostgreSQL tests' alter-1 is what solve wrote");
        // and does nothing for one done already (solving it again would stack a second changeset).
        List<String> solved = Learner.files(project, "changelog/changes");
        Result again = project.jbang("solve", "alter-1");
        Learner.assertExit(0, again);
        Learner.assertShows(again, "Done already: ");
        Learner.assertShows(again, "Nothing to do (./jbang reset alter-1 starts it over).");
        assertEquals(solved, Learner.files(project, "changelog/changes"));
        assertTrue(ReadBack.columns(database, "books").contains("isbn | VARCHAR(20) | 0 | 0"), "isbn is nullable VARCHAR(20)");
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));

        // Its rollback block as revision's template leaves it (rollback: []): 07_rollback would refuse to take it back, so not
        // done (the rollback is no part of the checksum). Its type edited after it was applied: check says so and judges
        // nothing, as 05_upgrade refuses, where it judged from the file as edited.
        Path added = project.path("changelog/changes/0002_add_isbn_column_to_books.yaml");
        String addedText = Files.readString(added);
        assertTrue(addedText.contains("type: VARCHAR(20)"), addedText);
        try {
            Files.writeString(added, addedText + "    rollback: []\n");
            assertNotDone(project, "alter-1", "books.isbn was added by an applied changeset, but 07_rollback would refuse to roll it back: ");
            Files.writeString(added, addedText.replace("type: VARCHAR(20)", "type: VARCHAR(13)"));
            Result edited = project.jbang("check", "alter-1");
            Learner.assertExit(1, edited);
            Learner.assertShows(edited, "changelog/changes/0002_add_isbn_column_to_books.yaml (changeset 0002-1) was edited after it was applied");
            Learner.assertShows(edited, "check judges from the files as they are now, so it cannot judge until it reads as applied again.");
            assertFalse(edited.output().contains("Done"), edited.output());
        } finally {
            Files.writeString(added, addedText);
        }
    }

    @Test
    @Order(2)
    @DisplayName("alter-2: every book's genre is 'programming', by a hand-written update with a rollback; a genre of the learner's own "
            + "it overwrites is said before, and kept in a copy")
    void alter2() throws IOException {
        ReadBack.execute(database, "UPDATE books SET genre = 'software craft' WHERE id = 1");
        Result solve = checkSolveCheck("alter-2");
        Learner.assertShows(solve, "Applying 0003-1 sets books.genre to 'programming' in 1 row, overwriting the value it holds now.");
        java.util.regex.Matcher copy = java.util.regex.Pattern.compile("A copy of library\\.db as it is now is kept in (\\S+): copy it back to undo "
                + "this upgrade").matcher(solve.shown());
        assertTrue(copy.find(), solve.shown());
        assertEquals(List.of("software craft"), ReadBack.rows(project.path(copy.group(1)), "SELECT genre FROM books WHERE id = 1"), "in the copy");
        assertEquals(List.of("programming", "programming", "programming"), ReadBack.rows(database, "SELECT genre FROM books ORDER BY id"));
        String changeset = Files.readString(project.path("changelog/changes/0003_set_genre_to_programming.yaml"));
        assertTrue(changeset.contains("- update:") && changeset.contains("rollback:"), changeset);
        assertEquals(ExerciseFixtures.genreDataChangeset(project), changeset,
                "solve wrote the reference solution's file, with the number revision gave it (the PostgreSQL tests' alter-2)");

        // Rollbacks that do not undo it, mended in place: one that sets genre back on one book only, one that deletes the books
        // (tried on a copy, as the newest applied). Not done, where check said done; the reference's, done again.
        Path setting = project.path("changelog/changes/0003_set_genre_to_programming.yaml");
        String forward = changeset.substring(0, changeset.indexOf("    rollback:\n"));
        try {
            Files.writeString(setting, changeset.replace("            valueComputed: \"NULL\"\n", "            valueComputed: \"NULL\"\n        where: id = 1\n"));
            assertNotDone(project, "alter-2", "The rollback of 0003-1 sets genre back only WHERE id = 1: rolled back, the other books would keep 'programming'.");
            // Limited to the books it set, which are every book here: a rollback that undoes it all the same (a tester's, called not done).
            Files.writeString(setting, changeset.replace("            valueComputed: \"NULL\"\n", "            valueComputed: \"NULL\"\n        where: genre = 'programming'\n"));
            Learner.assertExit(0, project.jbang("check", "alter-2"));
            Files.writeString(setting, forward + "    rollback:\n    - sql: DELETE FROM books WHERE genre = 'programming'\n");
            assertNotDone(project, "alter-2", "Every book has genre 'programming', but the rollback of 0003-1 does not undo it (./jbang roundtrip 0003-1 "
                    + "shows the whole trip): ");
        } finally {
            Files.writeString(setting, changeset);
        }
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database), "tried on copies");
    }

    @Test
    @Order(3)
    @DisplayName("alter-3: an index on books.genre, created by an applied changeset")
    void alter3() throws IOException {
        // An index with genre second serves no lookup by genre: not done, said so (a two-column index, made by hand here).
        ReadBack.execute(database, "CREATE INDEX ix_title_genre ON books (title, genre)");
        assertNotDone(project, "alter-3", "Index ix_title_genre has genre, but not as its first column: SQLite finds books by genre through "
                + "an index that starts with it.");
        ReadBack.execute(database, "DROP INDEX ix_title_genre");
        // A column made by hand meanwhile, which the models lack, and the index made by hand too: the solution's autogenerate writes
        // the column's drop alone. solve stops before applying it (it dropped the column and its values, and said done: a tester's),
        // putting back the models and the changelog. (More than one change, alter-1's NOT NULL case below, stops it the same.)
        ReadBack.execute(database, "ALTER TABLE books ADD COLUMN shelf TEXT");
        ReadBack.execute(database, "UPDATE books SET shelf = 'B2' WHERE id = 2");
        ReadBack.execute(database, "CREATE INDEX ix_books_genre ON books (genre)");
        String modelsBefore = Files.readString(project.path(Learner.MODELS));
        List<String> changesBefore = Learner.files(project, "changelog/changes");
        Result swept = project.jbang("solve", "alter-3");
        Messages.assertRefused(swept, 1, "What 04_autogenerate wrote is not alter-3's one change, as library.db and the models differed already: ");
        Learner.assertShows(swept, "dropColumn");
        Learner.assertShows(swept, "shelf");
        Learner.assertShows(swept, "(0004-1). solve applies the reference solution only, so it stops before 05_upgrade.");
        Learner.assertShows(swept, "solve has put back what the solution changed before that: ");
        Learner.assertShows(swept, "./jbang drift shows what else differs. Describe in the models what library.db has and you keep");
        assertEquals(modelsBefore, Files.readString(project.path(Learner.MODELS)));
        assertEquals(changesBefore, Learner.files(project, "changelog/changes"));
        assertEquals(List.of("B2"), ReadBack.rows(database, "SELECT shelf FROM books WHERE id = 2"), "the column and its value kept");
        ReadBack.execute(database, "ALTER TABLE books DROP COLUMN shelf");
        ReadBack.execute(database, "DROP INDEX ix_books_genre");
        checkSolveCheck("alter-3");
        assertEquals(ExerciseFixtures.GENRE_INDEX_CHANGESET, Files.readString(project.path(ExerciseFixtures.GENRE_INDEX)),
                "the PostgreSQL tests' alter-3 is what solve wrote");
        assertEquals(List.of("ix_books_genre | genre"),
                ReadBack.rows(database, "SELECT l.name, i.name FROM pragma_index_list('books') l, pragma_index_info(l.name) i"));
    }

    @Test
    @Order(4)
    @DisplayName("the Alter changesets roll back one by one, each restoring the schema, and apply again; no book lost")
    void alterRollsBack() {
        Learner.assertExit(0, project.jbang("steps/07_rollback.java"));
        assertEquals(List.of(), ReadBack.rows(database, "SELECT name FROM pragma_index_list('books')"), "index gone");
        // alter-2's rollback overwrites the genres: said before it runs, in the preview too; and once, where the preview goes
        // on to drop genre (which then holds no more values than those the rollback set to NULL).
        String overwrites = "Rolling back 0003-1 sets books.genre to NULL in 3 rows, overwriting the values they hold now.";
        Result preview = project.jbang("steps/07_rollback.java", "--to", "base", "--sql");
        Learner.assertShows(preview, overwrites);
        Learner.assertShows(preview, "ALTER TABLE books DROP COLUMN genre");
        assertFalse(preview.shown().contains("drops books.genre"), "the same genres counted twice:\n" + preview.shown());
        assertFalse(preview.shown().contains("A copy of"), "a preview changes nothing, so it keeps no copy:\n" + preview.shown());
        Result genres = project.jbang("steps/07_rollback.java");
        Learner.assertExit(0, genres);
        Learner.assertShows(genres, overwrites);
        assertEquals(List.of("null", "null", "null"), ReadBack.rows(database, "SELECT genre FROM books ORDER BY id"), "genres back to NULL");
        // and kept: a copy of library.db from before the rollback, named after what it overwrites
        java.util.regex.Matcher copy = java.util.regex.Pattern.compile("A copy of library\\.db as it is now is kept in (\\S+): copy it back to undo this rollback")
                .matcher(genres.shown());
        assertTrue(copy.find() && genres.shown().indexOf(overwrites) < copy.start(), genres.shown());
        assertEquals(List.of("programming", "programming", "programming"),
                ReadBack.rows(project.path(copy.group(1)), "SELECT genre FROM books ORDER BY id"), "the genres, in the copy");
        Learner.assertExit(0, project.jbang("steps/07_rollback.java"));
        assertEquals(List.of("id", "title", "author_id", "genre"), ReadBack.columnNames(database, "books"), "isbn gone");
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
        assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(database, "books"));
        assertEquals(List.of("programming"), ReadBack.rows(database, "SELECT DISTINCT genre FROM books"));
        assertEquals(1, ReadBack.rows(database, "SELECT name FROM pragma_index_list('books')").size());
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
    }

    @Test
    @Order(5)
    @DisplayName("break-1: a column added by hand makes autogenerate propose dropColumn notes, which is discarded unapplied")
    void break1() throws IOException {
        // notes made the ordinary way (model, autogenerate, 05_upgrade) is neither break-1 nor fix-1, which check called done (the
        // record says EXECUTED of a run and of changelog-sync's alike: what the upgrade ran is noted). Taken back the way it says.
        String models = Files.readString(project.path(Learner.MODELS));
        List<String> changes = Learner.files(project, "changelog/changes");
        addModelLine(project, ".column(\"notes\", TEXT)");
        Learner.assertExit(0, project.jbang("steps/04_autogenerate.java", "-m", "add notes"));
        Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
        String byAnUpgrade = "books.notes was made by 0005-1 (changelog/changes/0005_add_notes.yaml), which an upgrade ran: break-1 makes it by "
                + "hand, outside any migration, and fix-1 then records a changeset for it without running it (changelog-sync).";
        assertNotDone(project, "break-1", byAnUpgrade);
        assertNotDone(project, "fix-1", byAnUpgrade);
        Learner.assertExit(0, project.jbang("steps/07_rollback.java")); // its note goes with it: fix-1's changelog-sync of 0005-1 counts (below)
        Learner.assertExit(0, project.jbang("revision", "--discard"));
        Files.writeString(project.path(Learner.MODELS), models);
        assertEquals(changes, Learner.files(project, "changelog/changes"));

        Result solve = checkSolveCheck("break-1");
        Learner.assertShows(solve, "- column books.notes TEXT   (in the database, not in the models)");
        // 03_change_model warns that autogenerate would drop it, and says to read that proposal, not apply it unread.
        Learner.assertShows(solve, "Next: read the changeset autogenerate would make of it (apply it only if the models are right):");
        Learner.assertShows(solve, "- dropColumn:");
        Learner.assertShows(solve, "columnName: notes");
        Learner.assertShows(solve, "Take back the newest changeset"); // revision --discard's heading: the proposal was generated,
        assertFalse(solve.shown().contains("A changeset written by hand"), solve.shown()); // not written by hand
        // and what it stands for is taking one back, not writing one.
        Learner.assertShows(solve, "Liquibase: (none: delete the unapplied changeset's file)   Alembic: delete the unapplied revision's file");
        // The lint names the drop in the proposal, and that Liquibase cannot roll a drop back.
        Learner.assertShows(solve, "DS102 0005-1: drops books.notes, which holds no values now.");
        Learner.assertShows(solve, "RB101 0005-1: has no rollback, and Liquibase cannot derive one for dropColumn");
        for (String line : ReadmeTest.blockAfter("<!-- test: break-1 lint -->").strip().lines().toList()) {
            Learner.assertShows(solve, line); // docs/tools.md shows these lines as autogenerate prints them
        }
        assertTrue(ReadBack.columnNames(database, "books").contains("notes"), "the hand-made column and its data stay");
        assertFalse(Files.readString(project.path("changelog/db.changelog-master.yaml")).contains("0005_"), "the proposal is out of the chain");
        try (Stream<Path> kept = Files.walk(project.path(".reset"))) {
            assertTrue(kept.anyMatch(file -> file.getFileName().toString().equals("0005_after_a_column_added_by_hand.yaml")),
                    "the discarded proposal is kept under .reset/");
        }
        // Autogenerate run again while its proposal waits, notes holding a value: the loss is said, and the way on is to take the
        // proposal back, where "apply it first" dropped the notes the lesson keeps (a tester typed it).
        ReadBack.execute(database, "UPDATE books SET notes = 'signed copy' WHERE id = 2");
        Learner.assertExit(0, project.jbang("steps/04_autogenerate.java", "-m", "after a column added by hand"));
        Result again = project.jbang("steps/04_autogenerate.java", "-m", "after a column added by hand");
        Messages.assertRefused(again, 1, "library.db is not up to date: 1 changeset of the changelog is not applied yet");
        Learner.assertShows(again, "Applying 0005-1 drops books.notes, which holds 1 value.");
        Learner.assertShows(again, "if that loss is not what you mean, take it back with ./jbang revision --discard.");
        Learner.assertExit(0, project.jbang("revision", "--discard"));
        assertEquals(List.of("signed copy"), ReadBack.rows(database, "SELECT notes FROM books WHERE notes IS NOT NULL"), "nothing applied");
        ReadBack.execute(database, "UPDATE books SET notes = NULL");
        // Typed twice: the newest file now is alter-3's, applied. Said as the learner's work, to take back only if meant.
        Result twice = project.jbang("revision", "--discard");
        Learner.assertExit(1, twice);
        Learner.assertShows(twice, "changelog/changes/0004_add_index_on_genre.yaml is the newest changeset file, and it is applied to library.db: "
                + "discard takes back a changeset not applied yet (the one you meant may be gone already: ./jbang history shows the chain).");
        Learner.assertShows(twice, "Only if you mean to take back its work too: roll it back first (./jbang steps/07_rollback.java), then discard it.");
        assertTrue(Files.exists(project.path("changelog/changes/0004_add_index_on_genre.yaml")));
    }

    @Test
    @Order(6)
    @DisplayName("fix-1: the notes column described in the models and a changeset, recorded by changelog-sync without running")
    void fix1() throws IOException {
        Result solve = checkSolveCheck("fix-1");
        Learner.assertShows(solve, "The models and library.db agree: there is nothing to migrate.");
        assertEquals(List.of("0005-1 | EXECUTED"),
                ReadBack.rows(database, "SELECT id, exectype FROM DATABASECHANGELOG WHERE id = '0005-1'"));
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        // The clone runs the addColumn that changelog-sync only recorded here: the same schema, by another road.
        TeammateCloneTest.assertCloneMatches(project, "after break-1 and fix-1");
        // break-1 stays done, in words that fit the models as fix-1 left them.
        Learner.assertShows(project.jbang("check", "break-1"), "Done: books.notes exists in library.db, made by hand; the models declare it too now "
                + "(fix-1), so autogenerate no longer proposes to drop it.");

        // Written from revision's template with its rollback: [] left in: Liquibase would undo nothing, and check says so.
        Path fix1File = project.path("changelog/changes/0005_notes_column_added_by_hand.yaml");
        String fix1Text = Files.readString(fix1File);
        Files.writeString(fix1File, fix1Text + "    rollback: []\n");
        try {
            Result leftIn = project.jbang("check", "fix-1");
            Learner.assertExit(1, leftIn);
            Learner.assertShows(leftIn, "0005-1 adds notes, and its empty rollback block (rollback: [], from revision's template) tells Liquibase "
                    + "there is nothing to undo: rolled back, in a teammate's clone too, notes would stay while its record went. Take rollback: [] out "
                    + "of that changeset: Liquibase undoes addColumn by itself");
        } finally {
            Files.writeString(fix1File, fix1Text);
        }
        // Written with another type than library.db's (and recorded so, as the message says to do after the edit): it never ran
        // here, and a teammate's clone would get that type. Not done, where check said all three agree.
        assertTrue(fix1Text.contains("type: TEXT"), fix1Text);
        try {
            rewriteApplied(project, database, "changelog/changes/0005_notes_column_added_by_hand.yaml", fix1Text.replace("type: TEXT", "type: VARCHAR(500)"));
            assertNotDone(project, "fix-1", "notes is TEXT in library.db, but the applied changeset that adds it says VARCHAR(500): it never ran "
                    + "here, and a teammate's clone, which runs it, would get VARCHAR(500).");
        } finally {
            rewriteApplied(project, database, "changelog/changes/0005_notes_column_added_by_hand.yaml", fix1Text);
        }

        // Had break-1's proposal (dropColumn notes) not been taken back, changelog-sync would have recorded it too: a record that
        // says notes was dropped, beside the column, which a teammate's clone would run. Not done, and check says how to mend it.
        String master = Files.readString(project.path("changelog/db.changelog-master.yaml"));
        Path proposal = project.path("changelog/changes/0006_after_a_column_added_by_hand.yaml");
        Files.writeString(proposal, """
                databaseChangeLog:
                - logicalFilePath: changelog/changes/0006_after_a_column_added_by_hand.yaml
                - changeSet:
                    id: 0006-1
                    author: learner
                    changes:
                    - dropColumn:
                        columnName: notes
                        tableName: books
                """);
        new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root())).append(proposal);
        ReadBack.execute(database, "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) VALUES "
                + "('0006-1', 'learner', 'changelog/changes/0006_after_a_column_added_by_hand.yaml', CURRENT_TIMESTAMP, 99, 'EXECUTED')");
        try {
            Result synced = project.jbang("check", "fix-1");
            Learner.assertExit(1, synced);
            Learner.assertShows(synced, "library.db records 0006-1 (changelog/changes/0006_after_a_column_added_by_hand.yaml) as applied, and it "
                    + "drops notes: break-1's proposal, recorded with the rest by changelog-sync.");
            Learner.assertShows(synced, "Take back its record (./jbang explore, then sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '0006-1'\")), "
                    + "then delete its file and its include in the master changelog.");
        } finally {
            ReadBack.execute(database, "DELETE FROM DATABASECHANGELOG WHERE ID = '0006-1'");
            Files.delete(proposal);
            Files.writeString(project.path("changelog/db.changelog-master.yaml"), master);
        }

        // A round trip of fix-1 with a note written by hand: the note cannot come back (the changeset adds the column, and
        // applied again adds it empty), which no rollback could mend; said, and the changeset is faithful.
        // Seven of them, more than a round trip lists row by row.
        for (int book = 4; book <= 7; book++) {
            ReadBack.execute(database, "INSERT INTO books (id, title, author_id) VALUES (" + book + ", 'Book " + book + "', 1)");
        }
        ReadBack.execute(database, "UPDATE books SET notes = 'my note'");
        Result trip = project.jbang("roundtrip", "0005-1");
        Learner.assertExit(0, trip);
        Learner.assertShows(trip, "Not counted: books.notes differs from your library.db in 7 rows. 0005-1 adds that column, so rolled back and "
                + "applied again it comes back as 0005-1 fills it: values put in it otherwise (by hand, or by a later change) no rollback can "
                + "bring back, and this round trip does not ask it to.");
        Learner.assertShows(trip, "Faithful: 0005-1 rolls back to what was there before, and applies again to the same result.");
        assertEquals(List.of("my note"), ReadBack.rows(database, "SELECT DISTINCT notes FROM books"), "library.db untouched");
        ReadBack.execute(database, "DELETE FROM books WHERE id > 3");
        ReadBack.execute(database, "UPDATE books SET notes = NULL");

        // fix-1 taken back by 07_rollback: its addColumn's inverse drops notes, and the changeset waits in the changelog.
        // check and hint point to applying it again (break-1's "add it by hand" would make that changeset fail on the next upgrade).
        Learner.assertExit(0, project.jbang("steps/07_rollback.java"));
        assertFalse(ReadBack.columnNames(database, "books").contains("notes"), "07_rollback dropped notes");
        String takenBack = "books has no notes column, but changelog/changes/0005_notes_column_added_by_hand.yaml adds it and is not applied "
                + "(taken back by 07_rollback?). Apply it again: ./jbang steps/05_upgrade.java (adding notes by hand instead would make it fail).";
        Result hint = project.jbang("hint");
        Learner.assertShows(hint, "Hint 1 of 3 for break-1");
        Learner.assertShows(hint, "check says: " + takenBack + "\nDo what check says first: the hints are the exercise's way from its start.");
        Result undone = project.jbang("check", "fix-1");
        Learner.assertExit(1, undone);
        Learner.assertShows(undone, "Not done yet: " + takenBack);
        Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
        assertTrue(ReadBack.columnNames(database, "books").contains("notes"), "05_upgrade ran the addColumn changelog-sync had only recorded");
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
    }

    @Test
    @Order(7)
    @DisplayName("break-2: an applied changeset's file moved away makes 05_upgrade fail, naming the file")
    void break2() throws IOException {
        // A tag from before the break (the docs' 05_upgrade --tag): it marks no repair, and fix-3 asks for one made after.
        Learner.assertExit(0, project.jbang("liquibase", "tag", "before-break"));
        Result solve = checkSolveCheck("break-2");
        Learner.assertShows(solve, "changelog/changes/0001_add_genre_column_to_books.yaml");
        Learner.assertShows(solve, "is missing");
        Learner.assertShows(solve, "a copy is beside it: mv changelog/changes/0001_add_genre_column_to_books.yaml.bak "
                + "changelog/changes/0001_add_genre_column_to_books.yaml");
        // The oldest changeset: 07_rollback reaches it only through every one after it, and the advice says so.
        Learner.assertShows(solve, "then, to be rid of what it did: add a new changeset that reverses it, and keep both (a fresh\n"
                + "    database runs one, then the other); or roll it back with ./jbang steps/07_rollback.java\n"
                + "    (newest first: every changeset applied after it goes back too), and only then remove it and its include");
        assertFalse(solve.output().contains("\tat "), "no stack trace");

        Result history = project.jbang("history");
        Learner.assertExit(1, history);
        Learner.assertShows(history, "applied, but its file is missing: changelog/changes/0001_add_genre_column_to_books.yaml");
        // From a subfolder, its git checkout starts with a cd to the project's folder (pasted there as printed, it found no file).
        Learner.assertShows(project.jbangIn("steps", "history"), "or cd .. && git checkout HEAD -- changelog/changes/"
                + "0001_add_genre_column_to_books.yaml if it was committed");
        assertFalse(history.output().contains("no longer lists"), () -> "only the missing file is missing:\n" + history.output());
        for (String listed : List.of("0002-1", "0003-1", "0004-1", "0005-1")) {
            assertTrue(history.shown().lines().anyMatch(line -> line.contains(listed) && line.contains("[applied]")),
                    () -> listed + " shows as applied:\n" + history.output());
        }
        assertTrue(history.shown().contains("<base> -> 0001-1"), () -> "the missing one stays first in the chain, where it ran:\n" + history.output());
        String genreFile = "changelog/changes/0001_add_genre_column_to_books.yaml";
        Learner.assertShows(history, "Here a copy is beside it: mv " + genreFile + ".bak " + genreFile);
        // Its copy where a reset stopped midway leaves it (under .reset/, the other changesets still in place): history names it.
        Path keptByReset = project.path(".reset/2000-01-01_000000/" + genreFile);
        Files.createDirectories(keptByReset.getParent());
        Files.move(project.path(genreFile + ".bak"), keptByReset);
        Learner.assertShows(project.jbang("history"), "Here the newest copy kept in .reset/ (the next step says if it is not the one applied): cp "
                + ".reset/2000-01-01_000000/" + genreFile + " " + genreFile);
        Files.move(keptByReset, project.path(genreFile + ".bak"));
        for (Path folder = keptByReset.getParent(); !folder.equals(project.path(".reset")); folder = folder.getParent()) {
            Files.delete(folder); // the folders made for it, and only those
        }
        // Taking back the newest, applied: it must be rolled back first, which 07_rollback cannot do while the file is gone.
        List<String> changes = Learner.files(project, "changelog/changes");
        Result discard = project.jbang("revision", "--discard");
        Learner.assertExit(1, discard);
        Learner.assertShows(discard, "Only if you mean to take back its work too: roll it back first, then discard it. 07_rollback needs every applied changeset's file, and "
                + "changelog/changes/0001_add_genre_column_to_books.yaml is missing: put it back first (fix-3; ./jbang history shows the chain).");
        assertEquals(changes, Learner.files(project, "changelog/changes"));

        // The file put back as 05_upgrade says, run from a subfolder: its mv starts with a cd to the project's folder (pasted there
        // as printed, it found no file), and works there as printed.
        Path genre = project.path("changelog/changes/0001_add_genre_column_to_books.yaml");
        Result fromSubfolder = project.jbangIn("changelog", "../steps/05_upgrade.java");
        Learner.assertExit(1, fromSubfolder);
        String putBack = "cd .. && mv changelog/changes/0001_add_genre_column_to_books.yaml.bak changelog/changes/0001_add_genre_column_to_books.yaml";
        Learner.assertShows(fromSubfolder, "a copy is beside it: " + putBack);
        Learner.assertShows(fromSubfolder, "if you committed it: cd .. && git checkout HEAD -- changelog/changes/0001_add_genre_column_to_books.yaml");
        // Its other commands (roll it back with ./jbang steps/07_rollback.java) are the tutorial folder's: said once, at the end.
        Learner.assertShows(fromSubfolder, "or roll it back with ./jbang steps/07_rollback.java");
        assertTrue(fromSubfolder.output().strip().endsWith("(Run from changelog/: the ./jbang commands above are typed in the tutorial's "
                + "folder, so cd .. first.)"), () -> "the way to type them, last:\n" + fromSubfolder.output());
        Learner.assertExit(0, project.run(project.path("changelog"), List.of("bash", "-c", putBack)));
        // The file back: the chain is whole, and the tag there is the one from before, so fix-3 is not done yet.
        assertTrue(Files.isRegularFile(genre), "the printed mv put the file back");
        Result tagFromBefore = project.jbang("check", "fix-3");
        Learner.assertExit(1, tagFromBefore);
        Learner.assertShows(tagFromBefore, "Not done yet: The chain is whole, but its tag before-break marked it before the file was back: "
                + "tag the repaired chain now (./jbang liquibase tag NAME; the same name will do).");
        Files.move(genre, genre.resolveSibling(genre.getFileName() + ".bak"));

        // The CLI's commands that read the changelog say what the steps say (the file, the mv back), where the CLI printed its
        // exception details, and keep no copy of library.db for a command that cannot run.
        Result status = project.jbang("liquibase", "status");
        Learner.assertExit(1, status);
        Learner.assertShows(status, "changelog/changes/0001_add_genre_column_to_books.yaml is missing, but changelog/db.changelog-master.yaml still "
                + "includes it. Nothing was changed.");
        assertFalse(status.output().contains("Exception"), status.output());
        java.util.function.Supplier<List<String>> kept = () -> {
            try {
                return Files.isDirectory(project.path(".reset")) ? Learner.files(project, ".reset") : List.of();
            } catch (IOException unreadable) {
                throw new java.io.UncheckedIOException(unreadable);
            }
        };
        List<String> keptBefore = kept.get();
        Result rollback = project.jbang("liquibase", "rollback-count", "--count", "1");
        Learner.assertExit(1, rollback);
        Learner.assertShows(rollback, "is missing, but changelog/db.changelog-master.yaml still includes it");
        assertEquals(keptBefore, kept.get(), "no copy kept for a rollback that cannot run");
        // A tag made while the file is away marks no repaired chain, whether or not a check looked in between (without one, it
        // counted): the tag says so itself, and notes it.
        Result whileAway = project.jbang("liquibase", "tag", "while-away");
        Learner.assertExit(0, whileAway);
        Learner.assertShows(whileAway, "Tagged while changelog/changes/0001_add_genre_column_to_books.yaml, applied, is missing: this tag marks "
                + "a chain not repaired yet. Put the file back, then tag again (fix-3).");
        // It took the place of before-break on the rows applied last, which the CLI does not say: the alias says it, as 05 --tag does.
        Learner.assertShows(whileAway, "It was tagged before-break before: a tag takes the place of the one the changesets applied last "
                + "had, so --to before-break no longer finds it.");
        Files.move(genre.resolveSibling(genre.getFileName() + ".bak"), genre);
        // tag --help, the file back: it tags nothing, and the tag from before is not taken for one made now (it was, by its name).
        Learner.assertExit(0, project.jbang("liquibase", "tag", "--help"));
        Learner.assertShows(project.jbang("check", "fix-3"), "Not done yet: The chain is whole, but its tag while-away marked it before the "
                + "file was back");
        // Tagged again once the file is back, as the warning says, under the same name: that is the repaired chain's tag (Liquibase put
        // it on the rows that carried it, and check read it as the early one, asking for a new name the warning never gave).
        Result sameName = project.jbang("liquibase", "tag", "while-away");
        Learner.assertExit(0, sameName);
        assertFalse(sameName.output().contains("It was tagged"), () -> "the same name lost nothing:\n" + sameName.output());
        Result again = project.jbang("check", "fix-3");
        Learner.assertExit(0, again);
        Learner.assertShows(again, "Done: ");
        Files.move(genre, genre.resolveSibling(genre.getFileName() + ".bak"));
    }

    @Test
    @Order(8)
    @DisplayName("fix-3: history names the missing file, the file goes back, a tag marks the repaired chain")
    void fix3() throws IOException {
        Result solve = checkSolveCheck("fix-3");
        Learner.assertShows(solve, "applied, but its file is missing: changelog/changes/0001_add_genre_column_to_books.yaml");
        assertEquals(List.of("repaired"), ReadBack.rows(database, "SELECT tag FROM DATABASECHANGELOG WHERE tag IS NOT NULL"));
        Learner.assertShows(project.jbang("history"), " (tag repaired), "); // the point to roll back to, where it is in the chain
        Learner.assertExit(0, project.jbang("check", "break-2"));
    }

    @Test
    @Order(9)
    @DisplayName("break-3: a type changed in the models crashes nothing; autogenerate's modifyDataType fails on SQLite")
    void break3() throws IOException {
        Result solve = checkSolveCheck("break-3");
        Learner.assertShows(solve, "[id, title, author_id, genre, isbn, notes]");
        Learner.assertShows(solve, "~ column books.isbn: type is INTEGER in the models, VARCHAR(20) in the database");
        Learner.assertShows(solve, "- modifyDataType:");
        Learner.assertShows(solve, "newDataType: INTEGER\n"); // the models' word for it, not SQLite's int(2000000000)
        Learner.assertShows(solve, "LT102 0006-1: cannot run on SQLite: modifyDataType is not supported on sqlite.");
        Messages.assertSays(solve, Messages.NOT_ON_SQLITE); // 05_upgrade's refusal, in the learner's words
        Learner.assertShows(solve, "SQLite cannot do this in place. First take it back with ./jbang revision --discard;\nthen write the change "
                + "by hand"); // the newest: solve's next command, before a file written by hand would be the newest
        assertTrue(ReadBack.columns(database, "books").contains("isbn | VARCHAR(20) | 0 | 0"), "nothing changed in library.db");

        // The proposal kept, and a changeset of the learner's own started after it: --discard would take back that one, not the
        // proposal, so the refusal says how to take the proposal out by hand.
        String master = Files.readString(project.path("changelog/db.changelog-master.yaml"));
        List<String> everything = ReadBack.everything(database);
        Path proposal = project.path("changelog/changes/0006_change_isbn_type.yaml");
        Path mine = project.path("changelog/changes/0007_something_else.yaml");
        Files.writeString(proposal, "databaseChangeLog:\n- changeSet:\n    id: 0006-1\n    author: learner\n    changes:\n"
                + "    - modifyDataType: {tableName: books, columnName: isbn, newDataType: INTEGER}\n");
        Files.writeString(mine, "databaseChangeLog:\n- changeSet:\n    id: 0007-1\n    author: me\n    changes:\n    - sql: SELECT 1\n"
                + "    rollback: []\n");
        tutorial.liquibase.Changelog changelog = new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root()));
        changelog.append(proposal);
        changelog.append(mine);
        try {
            Result refused = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(1, refused);
            Learner.assertShows(refused, "First take it back by hand: delete its include from changelog/db.changelog-master.yaml and move "
                    + "changelog/changes/0006_change_isbn_type.yaml out of the changelog's folder (./jbang revision --discard takes back the "
                    + "newest alone, changelog/changes/0007_something_else.yaml);\nthen write the change by hand");
            assertEquals(everything, ReadBack.everything(database), "nothing applied");
            // The CLI's changelog-sync stops on it too, in Liquibase's "Validation Failed": then said as 05_upgrade says it.
            Result sync = project.jbang("liquibase", "changelog-sync");
            Learner.assertExit(1, sync);
            Learner.assertShows(sync, "changelog/changes/0006_change_isbn_type.yaml (changeset 0006-1) uses modifyDataType, which Liquibase "
                    + "cannot run on SQLite. Nothing was changed.\nSQLite cannot do this in place. First take it back by hand: delete its "
                    + "include from changelog/db.changelog-master.yaml");
            assertEquals(everything, ReadBack.everything(database), "nothing recorded");
            // fix-2's hint names the proposal as what to take out, not as an attempt to finish; the learner's own file as that.
            Result hint = project.jbang("hint", "fix-2");
            Learner.assertShows(hint, "Written but not applied yet: changelog/changes/0006_change_isbn_type.yaml, a modifyDataType (autogenerate's, "
                    + "from break-3?), which SQLite cannot run. Before you write your own, take it back by hand: delete its include from ");
            Learner.assertShows(hint, "Written but not applied yet: changelog/changes/0007_something_else.yaml. If that is your attempt at this "
                    + "exercise, finish it: the hints' revision or autogenerate would write a second.");
        } finally {
            Files.delete(proposal);
            Files.delete(mine);
            Files.writeString(project.path("changelog/db.changelog-master.yaml"), master);
        }
    }

    @Test
    @Order(10)
    @DisplayName("fix-2: a hand-written changeset changes isbn to INTEGER, rolls back to VARCHAR(20), and applies again")
    void fix2() throws IOException {
        // ISBNs a CAST to INTEGER would change (978-0-13-468599-1 is 978, 0134685997 loses its 0): the reference solution's
        // precondition stops it before any of its changes run, where the copy cut them down and the drop took the rest.
        ReadBack.execute(database, "UPDATE books SET isbn = '978-0-13-468599-1' WHERE id = 1");
        ReadBack.execute(database, "UPDATE books SET isbn = '0134685997' WHERE id = 2");
        List<String> everything = ReadBack.everything(database);
        List<String> changes = Learner.files(project, "changelog/changes");
        Result stopped = project.jbang("solve", "fix-2");
        Learner.assertExit(1, stopped);
        Learner.assertShows(stopped, "Applying 0006-1 copies books.isbn through CAST(isbn AS INTEGER), which changes 2 of its values "
                + "(the first: '978-0-13-468599-1' becomes 978), then drops the original, unless its preconditions stop it first.");
        Learner.assertShows(stopped, "Liquibase: \"books.isbn holds values INTEGER would change (hyphens, spaces, an X, a leading 0): make them "
                + "plain digits first, or keep isbn a string.\"\nChangeset 0006-1 (changelog/changes/0006_change_isbn_to_integer.yaml) did not run");
        Messages.assertSays(stopped, Messages.PRECONDITION_FAILED);
        Learner.assertShows(stopped, "The reference solution stopped at ./jbang steps/05_upgrade.java (exit code 1): its output above says why.");
        assertEquals(everything, ReadBack.everything(database));
        assertEquals(changes, Learner.files(project, "changelog/changes"));
        // Plain digits go through whole, and come back whole through the rollback and the upgrade again that solve runs.
        ReadBack.execute(database, "UPDATE books SET isbn = '9780134685991' WHERE id = 1");
        ReadBack.execute(database, "UPDATE books SET isbn = NULL WHERE id = 2");
        Result solve = checkSolveCheck("fix-2");
        assertEquals(List.of("1 | 9780134685991 | integer"), ReadBack.rows(database, "SELECT id, isbn, typeof(isbn) FROM books WHERE isbn IS NOT NULL"));
        Learner.assertShows(solve, "Generating changelog/changes/0006_change_isbn_to_integer.yaml ... done");
        assertTrue(ReadBack.columns(database, "books").contains("isbn | INTEGER | 0 | 0"), "isbn is INTEGER");
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        assertEquals(List.of("programming"), ReadBack.rows(database, "SELECT DISTINCT genre FROM books"));
        TeammateCloneTest.assertCloneMatches(project, "after break-3 and fix-2, all nine done");

        // The reference solution as stock Liquibase runs it outside the tutorial (07's and 05's blocks copied out, on a copy of
        // library.db): rolled back, isbn is VARCHAR(20) again; applied again, the schema, rows and record are the steps'. Its
        // drops are SQLite's own DROP COLUMN: stock Liquibase's dropColumn kept isbn_text and recorded the changeset applied.
        Path stock = Files.createTempDirectory("stock-liquibase-").resolve("library.db");
        Files.copy(database, stock);
        try {
            String stockUrl = "jdbc:sqlite:" + stock;
            CopyOutTest.runCopiedOut(project, "steps/07_rollback.java", false, stockUrl, project.root().toString(), "", "", "1");
            List<String> rolledBack = ReadBack.columns(stock, "books");
            assertTrue(rolledBack.contains("isbn | VARCHAR(20) | 0 | 0"), rolledBack.toString());
            assertFalse(rolledBack.stream().anyMatch(column -> column.startsWith("isbn_")), rolledBack.toString());
            assertEquals(List.of("1 | 9780134685991 | text"), ReadBack.rows(stock, "SELECT id, isbn, typeof(isbn) FROM books WHERE isbn IS NOT NULL"));
            CopyOutTest.runCopiedOut(project, "steps/05_upgrade.java", false, stockUrl, project.root().toString(), "", "");
            assertEquals(ReadBack.columns(database, "books").stream().sorted().toList(), ReadBack.columns(stock, "books").stream().sorted().toList());
            String books = "SELECT id, title, author_id, genre, notes, isbn, typeof(isbn) FROM books ORDER BY id";
            assertEquals(ReadBack.rows(database, books), ReadBack.rows(stock, books));
            String record = "SELECT id, filename, md5sum FROM DATABASECHANGELOG ORDER BY orderexecuted";
            assertEquals(ReadBack.rows(database, record), ReadBack.rows(stock, record));
        } finally {
            Files.deleteIfExists(project.path("steps/copied_out.java")); // the project's files as the learner has them
        }

        // A rollback that leaves isbn_number behind is no rollback yet: check says so from a round trip on a copy, and that its
        // block can be mended in place (Liquibase's checksum leaves the rollback out); mended, it is done (the next test).
        Path solution = project.path("changelog/changes/0006_change_isbn_to_integer.yaml");
        String solved = Files.readString(solution);
        String dropAside = "    - sql:\n        sql: ALTER TABLE books DROP COLUMN isbn_number\n";
        assertTrue(solved.endsWith(dropAside), solved);
        Files.writeString(solution, solved.substring(0, solved.length() - dropAside.length()));
        List<String> solvedState = ReadBack.everything(database);
        String solvedSum = ReadBack.rows(database, "SELECT MD5SUM FROM DATABASECHANGELOG WHERE ID = '0006-1'").get(0);
        try {
            Result halfRollback = project.jbang("check", "fix-2");
            Learner.assertExit(1, halfRollback);
            Learner.assertShows(halfRollback, "Not done yet: isbn is INTEGER in library.db, by 0006-1, but its rollback does not undo it (./jbang "
                    + "roundtrip 0006-1 shows the whole trip): ");
            Learner.assertShows(halfRollback, "isbn_number");
            Learner.assertShows(halfRollback, "Mend its rollback block where it is: Liquibase leaves the rollback out of an applied changeset's checksum.");
            // No rollback at all, rollback: [] (roundtrip refuses it), or one that undoes nothing (applied again, the changeset
            // changes nothing on the copy): not done either, where check said done.
            String forward = solved.substring(0, solved.indexOf("    rollback:\n"));
            Files.writeString(solution, forward + "    rollback: []\n");
            assertNotDone(project, "fix-2", "but its rollback does not undo it (./jbang roundtrip 0006-1 shows the whole trip): Changeset 0006-1 "
                    + "(changelog/changes/0006_change_isbn_to_integer.yaml) has an empty rollback block");
            Files.writeString(solution, forward + "    rollback:\n    - sql: SELECT 1\n");
            assertNotDone(project, "fix-2", "applied again after its rollback, the changeset changed nothing on the copy: its rollback did not undo "
                    + "it (./jbang roundtrip 0006-1 shows what it did instead)");
            // One that brings isbn back as TEXT, where alter-1 added it as VARCHAR(20): applied again from there it comes out the
            // same, so the round trip alone passed it; the type it had before is compared.
            assertEquals(1, solved.split("type: VARCHAR\\(20\\)", -1).length - 1, "the rollback's addColumn is the one VARCHAR(20)");
            Files.writeString(solution, solved.replace("type: VARCHAR(20)", "type: TEXT"));
            assertNotDone(project, "fix-2", "but its rollback does not undo it (./jbang roundtrip 0006-1 shows the whole trip): rolled back, it "
                    + "brings books.isbn back as TEXT, where it was VARCHAR(20) before it.");
            assertEquals(solvedState, ReadBack.everything(database), "check tried the rollbacks on copies: library.db as it was");
            // A changeset that drops isbn and adds it again as INTEGER: the values go with it, which a library.db whose isbn was
            // empty could not show (check said done); check names it from the changelog's own build, and sends to the changeset.
            rewriteApplied(project, database, "changelog/changes/0006_change_isbn_to_integer.yaml", solved.substring(0, solved.indexOf("    changes:\n"))
                    + """
                        changes:
                        - sql: ALTER TABLE books DROP COLUMN isbn
                        - sql: ALTER TABLE books ADD COLUMN isbn INTEGER
                        rollback:
                        - sql: ALTER TABLE books DROP COLUMN isbn
                        - sql: ALTER TABLE books ADD COLUMN isbn VARCHAR(20)
                    """);
            assertNotDone(project, "fix-2", "isbn is INTEGER in library.db, by 0006-1, but that changeset loses the values instead of copying "
                    + "them (./jbang roundtrip 0006-1 shows the whole trip): on a fresh database the changelog builds, with it applied, books.isbn "
                    + "lost 3 of the values it held in every row before it (digits, put there as ISBNs): it does not copy them into the column's "
                    + "new type. Roll it back (./jbang steps/07_rollback.java), make it copy them");
        } finally {
            Files.writeString(solution, solved);
            ReadBack.execute(database, "UPDATE DATABASECHANGELOG SET MD5SUM = '" + solvedSum + "' WHERE ID = '0006-1'");
        }
        // fix-2's changeset applied while the models still said VARCHAR(20) (break-3's edit unsaved, or fix-2 first): break-3 is not
        // done, where check said done (the models' type differed from library.db's), and fix-2 says what to declare.
        Path models = project.path(Learner.MODELS);
        String integer = Files.readString(models);
        assertTrue(integer.contains(".column(\"isbn\", INTEGER)"), integer);
        Files.writeString(models, integer.replace(".column(\"isbn\", INTEGER)", ".column(\"isbn\", string(20))"));
        try {
            assertNotDone(project, "break-3", "The models still declare isbn as VARCHAR(20), as alter-1 added it, while library.db has INTEGER "
                    + "(a changeset changed it, before the models did): break-3 changes its type in the models; declare it INTEGER in "
                    + "steps/models/Models.java.");
            assertNotDone(project, "fix-2", "library.db has isbn as INTEGER now (a changeset changed it); the models still say VARCHAR(20): "
                    + "declare it INTEGER in steps/models/Models.java too (break-3).");
        } finally {
            Files.writeString(models, integer);
        }
    }

    @Test
    @Order(11)
    @DisplayName("check lists all nine exercises done; the mastery check passes on the learner's project and leaves it as it was")
    void allDoneAndMastery() {
        Result overview = project.jbang("check");
        Learner.assertExit(0, overview);
        Learner.assertShows(overview, "9 of 9 exercises done; walkthrough 4 of 4 milestones.");
        List<String> before = ReadBack.everything(database);
        Result mastery = project.jbang("check", "mastery");
        Learner.assertExit(0, mastery);
        Learner.assertShows(mastery, "[x] your newest changeset rolls back and applies again, keeping every row");
        Learner.assertShows(mastery, "[x] a teammate's clone of your project (01_create, then 05_upgrade) gets your schema and history");
        assertEquals(before, ReadBack.everything(database), "the mastery check works on a copy");
    }

    @Test
    @Order(12)
    @DisplayName("the mastery check fails on a project that has not done the walkthrough, or whose models and library.db differ, saying what is "
            + "missing; so does hint with no id; solve refuses the first exercise, changing nothing")
    void masteryFailsAtTheStart() throws IOException {
        try (ScratchProject fresh = Learner.copyAt(LessonState.CREATED)) {
            // Solved before the walkthrough, alter-1 added isbn alone, and alter-2's solution then failed on a genre never made.
            List<String> everything = ReadBack.everything(fresh.path("library.db"));
            String models = Files.readString(fresh.path(Learner.MODELS));
            Result solve = fresh.jbang("solve", "alter-1");
            Learner.assertExit(1, solve);
            Learner.assertShows(solve, "alter-1 starts where the walkthrough ends, and the walkthrough is not done yet (genre uncommented in the "
                    + "models: not yet). Nothing was changed.");
            Learner.assertShows(solve, "Walk through it first, from ./jbang steps/03_change_model.java on, as the README has it; then solve alter-1.");
            assertEquals(everything, ReadBack.everything(fresh.path("library.db")));
            assertEquals(models, Files.readString(fresh.path(Learner.MODELS)));
            // A column made by hand: the models and library.db differ, as ./jbang drift would say (the README's next command).
            ReadBack.execute(fresh.path("library.db"), "ALTER TABLE books ADD COLUMN shelf TEXT"); // not break-1's notes

            Result mastery = fresh.jbang("check", "mastery");
            Learner.assertExit(1, mastery);
            Learner.assertShows(mastery, "[ ] a generated migration that adds a column is applied");
            Learner.assertShows(mastery, "[ ] the models and library.db agree (./jbang drift): they differ (./jbang drift says how to mend it):\n"
                    + "      - column books.shelf TEXT");
            // hint with no id is for the exercise you are on: there is none before the walkthrough ends.
            Result hint = fresh.jbang("hint");
            Learner.assertExit(1, hint);
            Learner.assertShows(hint, "Next: the walkthrough first (genre uncommented in the models: not yet): ./jbang steps/03_change_model.java");
            Learner.assertShows(hint, "Hints are for the exercises, which start once the walkthrough is done: its next step is above.");
            // A changeset revision started, not filled in: no walkthrough changeset generated yet.
            Learner.assertExit(0, fresh.jbang("revision", "-m", "my own start"));
            Learner.assertShows(fresh.jbang("check"), "  [ ] changeset generated\n");
        }
    }

    @Test
    @Order(13)
    @DisplayName("hint gives stronger hints on each call, the last being the solution's commands; with no id, once all are done, it says so; "
            + "with an id it works while the models do not compile")
    void hintsInOrder() throws IOException {
        Result first = project.jbang("hint", "alter-1");
        Learner.assertShows(first, "Hint 1 of 3 for alter-1");
        Result second = project.jbang("hint", "alter-1");
        Learner.assertShows(second, "Hint 2 of 3 for alter-1");
        // alter-1 is done here: the hint says its way is the reference one, for check to judge what was made.
        Learner.assertShows(second, "The models declare isbn already: keep your line, and skip the hints' model edit (they show the "
                + "reference way from the exercise's start). ./jbang check alter-1 says whether your way counts.");
        assertFalse(project.jbang("hint", "break-3").shown().contains("declare isbn already"), "break-3 changes the isbn alter-1 brought in");
        Result third = project.jbang("hint", "alter-1");
        Learner.assertShows(third, "Hint 3 of 3 for alter-1");
        Learner.assertShows(third, "./jbang steps/04_autogenerate.java -m \"add isbn column to books\"");
        Learner.assertShows(project.jbang("hint", "alter-1"), "Hint 3 of 3 for alter-1");
        Learner.assertShows(project.jbang("hint", "alter-2"), "Hint 1 of 3 for alter-2");
        // With no id, hint is for the exercise you are on: here every one is done, and it says where to go instead.
        Result none = project.jbang("hint");
        Learner.assertExit(0, none);
        Learner.assertShows(none, "Every exercise is done. Next: the mastery check, ./jbang check mastery");
        assertFalse(none.shown().contains("Check your work"), () -> "check's words under hint's heading, without check's:\n" + none.output());
        Learner.assertShows(none, "To read an exercise's hints again, name it: ./jbang hint ID (alter-1, alter-2, alter-3, break-1, fix-1, "
                + "break-2, fix-3, break-3, fix-2).");
        // While the models do not compile, hint with no id cannot tell; with an id it needs no models, and works.
        Path models = project.path(Learner.MODELS);
        String compiles = Files.readString(models);
        Files.writeString(models, compiles + "\nnot java\n");
        try {
            Result broken = project.jbang("hint");
            Learner.assertExit(1, broken);
            Learner.assertShows(broken, "hint cannot tell which exercise you are on while steps/models/Models.java does not compile.");
            Learner.assertShows(project.jbang("hint", "alter-2"), "Hint 2 of 3 for alter-2");
            // A tool run for the first time then goes through JBang's launcher, whose build javac stops in the models:
            // JBang's messages, then the same way out as where the wrapper compiles them.
            Result launcherBuild = project.jbangWith(java.util.Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1"), "drift");
            Learner.assertExit(1, launcherBuild);
            assertTrue(launcherBuild.output().contains(Learner.MODELS + ":") && launcherBuild.output().contains("[jbang] [ERROR] Error during compile"),
                    launcherBuild.output());
            Messages.assertSays(launcherBuild, Messages.MODELS_DO_NOT_COMPILE);
            // JBang's "Run with --verbose" before it, answered: it adds a trace of JBang's own, and nothing of javac's.
            Learner.assertShows(launcherBuild, "(JBang's --verbose, suggested above, adds only a trace of JBang's own: javac's message above is the one to read.)");
        } finally {
            Files.writeString(models, compiles);
        }
    }

    @Test
    @Order(16)
    @DisplayName("after all nine the models and library.db agree: drift exits 0 (column order is no difference), autogenerate writes nothing")
    void nothingLeftToMigrate() throws IOException {
        List<String> before = Learner.files(project, "changelog/changes");
        String master = Files.readString(project.path("changelog/db.changelog-master.yaml"));
        Result drift = project.jbang("drift");
        Learner.assertExit(0, drift);
        Learner.assertShows(drift, "No drift: the models and library.db agree.");
        Result generate = project.jbang("steps/04_autogenerate.java", "-m", "anything left");
        Learner.assertExit(0, generate);
        Learner.assertShows(generate, "No changes detected: the models and library.db agree. No file written.");
        assertEquals(before, Learner.files(project, "changelog/changes"), "no changeset written");
        assertEquals(master, Files.readString(project.path("changelog/db.changelog-master.yaml")), "nothing appended");
    }

    @Test
    @Order(15)
    @DisplayName("the last hint of every exercise that writes a changeset file prints that file in full, line for line, in block style")
    void lastHintsPrintTheirFiles() throws IOException {
        List<Exercise> writers = Exercises.ALL.stream().filter(exercise -> exercise.solution().stream()
                .anyMatch(Exercise.WriteNewestChangeset.class::isInstance)).toList();
        assertEquals(List.of("alter-2", "fix-1", "fix-2"), writers.stream().map(Exercise::id).toList());
        // Each hint asked for before the last, as hint remembers it: the next one is the last.
        StringBuilder seen = new StringBuilder();
        writers.forEach(exercise -> seen.append(exercise.id()).append('=').append(exercise.allHints(Learner.projectRoot()).size() - 1).append('\n'));
        Files.createDirectories(project.path(".tutorial"));
        Files.writeString(project.path(".tutorial/hints.properties"), seen);
        for (Exercise exercise : writers) {
            Result last = project.jbang("hint", exercise.id());
            Learner.assertExit(0, last);
            Learner.assertShows(last, "That was the last hint: it is the whole solution.");
            String yaml = exercise.solution().stream().filter(Exercise.WriteNewestChangeset.class::isInstance)
                    .map(Exercise.WriteNewestChangeset.class::cast).findFirst().orElseThrow().text(Learner.projectRoot());
            // One YAML style for every changeset, the block style autogenerate writes: no {...} or [...] on a line.
            assertFalse(yaml.lines().anyMatch(line -> line.matches(".*:\\s*[{\\[].*")), () -> exercise.id() + " in flow style:\n" + yaml);
            List<String> shown = last.shown().lines().map(String::strip).toList();
            int at = shown.indexOf(yaml.lines().findFirst().orElseThrow().strip());
            assertTrue(at > 0, () -> exercise.id() + ": the file's first line is shown:\n" + last.output());
            assertEquals(yaml.strip().lines().map(String::strip).toList(),
                    shown.subList(at, at + (int) yaml.strip().lines().count()), exercise.id() + ": the whole file, line for line");
        }
    }

    @Test
    @Order(14)
    @DisplayName("check, solve, reset and hint refuse an unknown exercise id with the list of ids (and the one meant, for Alter1), exit 2, "
            + "before any heading, as an unknown option is")
    void unknownId() {
        for (String tool : List.of("check", "solve", "reset")) {
            Result result = project.jbang(tool, "alter-9");
            Learner.assertExit(2, result);
            Learner.assertShows(result, "There is no exercise alter-9. The exercises: alter-1, alter-2, alter-3, break-1, fix-1, break-2, fix-3, break-3, fix-2.");
            assertTrue(result.shown().startsWith("There is no exercise alter-9."), () -> tool + " said something first:\n" + result.shown());
        }
        // An id typed without its dash, or in capitals: the one meant is named.
        Result hint = project.jbang("hint", "Alter1");
        Learner.assertExit(2, hint);
        Learner.assertShows(hint, "There is no exercise Alter1. Did you mean alter-1? The exercises: alter-1, alter-2, alter-3, break-1, fix-1, break-2, "
                + "fix-3, break-3, fix-2.");
        assertTrue(hint.shown().startsWith("There is no exercise Alter1."), hint.shown());
    }

    @Test
    @Order(17)
    @DisplayName("the learner's own way counts, and only what is done (alter-1 with the model changed too): own ids, types and rollbacks, sql "
            + "changes, a formatted-SQL changeset; "
            + "an sql change with no rollback is named as such; hint with no id is for the exercise the learner is on; "
            + "fix-1 by a precondition (onFail: MARK_RAN), said as skipped by 05_upgrade, history and 07_rollback; "
            + "break-2 takes nothing back; solve stops at a changeset of the learner's own not yet applied")
    void ownWay() throws IOException {
        try (ScratchProject own = Learner.copyAt(LessonState.ROLLED_BACK)) {
            Path library = own.path("library.db");
            // alter-1 by hand in SQL, not autogenerated: own id and author, VARCHAR(13), and a rollback written anyway. Its include
            // too, as Liquibase's docs write one: relative to the project's folder, where Liquibase finds it, not to the master.
            includeFromTheRoot(own, "0002_isbn.yaml", """
                    databaseChangeLog:
                    - changeSet:
                        id: isbn-1
                        author: me
                        changes:
                        - sql: ALTER TABLE books ADD COLUMN isbn VARCHAR(13)
                        rollback:
                        - sql: ALTER TABLE books DROP COLUMN isbn
                    """);
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            // The changeset alone, the models left as they were: not done (the task says to change the model).
            Result undeclared = own.jbang("check", "alter-1");
            Learner.assertExit(1, undeclared);
            Learner.assertShows(undeclared, "library.db has books.isbn, but the Book model does not declare it: add it to Models.java");
            // Declared NOT_NULL in the models (the changeset loosened alone, as 05_upgrade's refusal of a NOT NULL add offers): not done.
            addModelLine(own, ".column(\"isbn\", string(13), NOT_NULL)");
            Learner.assertShows(own.jbang("check", "alter-1"), "library.db has books.isbn nullable, as the task asks, but the Book model "
                    + "declares it NOT_NULL: take NOT_NULL out of its line in Models.java");
            Path ownModels = own.path(Learner.MODELS);
            Files.writeString(ownModels, Files.readString(ownModels).replace(".column(\"isbn\", string(13), NOT_NULL)", ".column(\"isbn\", string(13))"));
            // A new database made from this project (a teammate's clone, the mastery check's): 01_create leaves isbn to the
            // changeset that adds it in SQL, as it does for an addColumn, and 05_upgrade adds it.
            Files.move(library, own.path("library.db.mine"));
            Result fresh = own.jbang("steps/01_create.java");
            Learner.assertShows(fresh, "Tables created as they were before the changelog's first changeset (the models, less column books.genre, "
                    + "column books.isbn).");
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            assertEquals(List.of("id", "title", "author_id", "genre", "isbn"), ReadBack.columnNames(library, "books"));
            Files.move(own.path("library.db.mine"), library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Result afterAlter1 = own.jbang("check");
            Learner.assertShows(afterAlter1, "[x] alter-1 ");
            // Not break-3 nor fix-2: isbn is VARCHAR(13) in the models and library.db alike, as alter-1 added it.
            Learner.assertShows(afterAlter1, "[ ] break-3 ");
            Learner.assertShows(afterAlter1, "[ ] fix-2 ");
            // fix-2's last hint (two seen already): its reference rollback restores VARCHAR(20); this isbn was added VARCHAR(13).
            Files.createDirectories(own.path(".tutorial"));
            Files.writeString(own.path(".tutorial/hints.properties"), "fix-2=2\n");
            Learner.assertShows(own.jbang("hint", "fix-2"), "Its rollback restores isbn as VARCHAR(20), as the reference alter-1 added it; your "
                    + "library.db has it as VARCHAR(13): write VARCHAR(13) there instead.");

            // alter-2 and alter-3 as sql changes: first with no rollback, which the checks name, then with one (a
            // rollback block is not part of a changeset's checksum, so writing it after the upgrade is fine).
            addModelLine(own, ".index(\"books_genre_idx\", \"genre\")");
            // The index made by hand first (in explore): autogenerate finds nothing to write, and check says the two ways out.
            ReadBack.execute(library, "CREATE INDEX books_genre_idx ON books (genre)");
            assertNotDone(own, "alter-3", "An index on books.genre exists, but no applied changeset created it: made by hand, autogenerate "
                    + "finds nothing to write, as the models and library.db agree. Declare it in the models if not yet (.index(\"books_genre_idx\", "
                    + "\"genre\")), then either drop it (in ./jbang explore: sql(\"DROP INDEX books_genre_idx\")), autogenerate and upgrade; or "
                    + "write the changeset that creates it and record it as applied without running it, as fix-1 does (./jbang liquibase "
                    + "changelog-sync, which records every pending changeset: ./jbang history first).");
            ReadBack.execute(library, "DROP INDEX books_genre_idx");
            String genres = """
                    databaseChangeLog:
                    - changeSet:
                        id: genres-1
                        author: me
                        changes:
                        - sql: UPDATE books SET genre = 'programming'
                        rollback:
                        - sql: UPDATE books SET genre = NULL
                    - changeSet:
                        id: genres-2
                        author: me
                        changes:
                        - sql: CREATE INDEX books_genre_idx ON books (genre)
                        rollback:
                        - sql: DROP INDEX books_genre_idx
                    """;
            String learnersInclude = Files.readString(own.path("changelog/db.changelog-master.yaml"));
            include(own, "0003_genres.yaml", genres.replaceAll("(?m)^    rollback:\n.*\n", ""));
            // The tutorial's append (revision's and autogenerate's) leaves the learner's include as written: made relative to the
            // master, it would name changelog/changelog/changes/0002_isbn.yaml, and every step would fail on it.
            assertTrue(Files.readString(own.path("changelog/db.changelog-master.yaml")).startsWith(learnersInclude),
                    "the includes before the new one, exactly as they were");
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            assertNotDone(own, "alter-2", "An applied changeset sets the genres, but it has no rollback block: Liquibase cannot "
                    + "undo a data change by itself. Add one to that changeset, an update setting genre back to NULL (a rollback block is not "
                    + "part of the checksum, so adding it to an applied changeset is safe).");
            assertNotDone(own, "alter-3", "An applied changeset creates the index in sql, but it has no rollback block: "
                    + "Liquibase cannot undo sql by itself. Add one to that changeset, an sql change DROP INDEX books_genre_idx (a rollback "
                    + "block is not part of the checksum, so adding it to an applied changeset is safe).");
            // Rollbacks that run and leave the genres and the index as they are: not done yet either.
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: UPDATE books SET genre = NULL", "- sql: SELECT 1")
                    .replace("- sql: DROP INDEX books_genre_idx", "- sql: SELECT 1"));
            assertNotDone(own, "alter-2", "The rollback of genres-1 does not set genre back (it names no genre): rolled back, the books "
                    + "would keep 'programming'.");
            assertNotDone(own, "alter-3", "The index is made by genres-2, whose rollback block, written by hand, takes the place of Liquibase's "
                    + "own and does not drop it: rolled back, the index would stay. Add a dropIndex of books_genre_idx (or an sql change DROP INDEX "
                    + "books_genre_idx) to that rollback block");
            // A DROP INDEX in a comment undoes nothing either; nor is an update limited to some books done, whatever
            // library.db holds now: from the walkthrough's end (every genre NULL), book 3 would keep NULL. (Its changes edited after
            // the upgrade stand for what a learner applies: check judges no edited changeset, so the record takes the edit.)
            rewriteApplied(own, library, "changelog/changes/0003_genres.yaml", genres.replace("- sql: UPDATE books SET genre = 'programming'",
                    "- sql: UPDATE books SET genre = 'programming' WHERE id < 3").replace("- sql: DROP INDEX books_genre_idx",
                    "- sql: SELECT 1 -- DROP INDEX books_genre_idx"));
            assertNotDone(own, "alter-2", "Every book has genre 'programming' here, but not from what the changesets do: run from the walkthrough's "
                    + "end, every genre NULL as a teammate's database has it, they would leave 1 book without it (genres-1 sets it to 'programming' "
                    + "WHERE id < 3). Here something else set it. Roll that changeset back (./jbang steps/07_rollback.java --to isbn-1, which rolls back genres-2 too), make it set "
                    + "every book, and upgrade again");
            assertNotDone(own, "alter-3", "The index is made by genres-2, whose rollback block, written by hand, takes the place of Liquibase's own");
            // Two updates that together set every book, from NULL genres too: done. A DROP INDEX for another database only: not.
            rewriteApplied(own, library, "changelog/changes/0003_genres.yaml", genres.replace("- sql: UPDATE books SET genre = 'programming'",
                    "- sql: UPDATE books SET genre = 'unsorted'\n    - sql: UPDATE books SET genre = 'programming' WHERE genre = 'unsorted'")
                    .replace("- sql: DROP INDEX books_genre_idx", "- sql: {dbms: postgresql, sql: DROP INDEX books_genre_idx}"));
            Learner.assertExit(0, own.jbang("check", "alter-2"));
            assertNotDone(own, "alter-3", "The index is made by genres-2, whose rollback block, written by hand, takes the place of Liquibase's own");
            // Its twin that leaves a book out, replayed the same way: not done.
            rewriteApplied(own, library, "changelog/changes/0003_genres.yaml", genres.replace("- sql: UPDATE books SET genre = 'programming'",
                    "- sql: UPDATE books SET genre = 'unsorted'\n    - sql: UPDATE books SET genre = 'programming' WHERE genre = 'unsorted' AND id < 3"));
            assertNotDone(own, "alter-2", "they would leave 1 book without it (genres-1 sets it to 'unsorted'; genres-1 sets it to 'programming' WHERE "
                    + "genre = 'unsorted' AND id < 3).");
            // Rolled back so, the index stays while its record goes: 07 says so, and 05 then names that cause too; the way back 07 gives works.
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: DROP INDEX books_genre_idx",
                    "- sql: SELECT 1 -- DROP INDEX books_genre_idx"));
            Result leaves = own.jbang("steps/07_rollback.java");
            Learner.assertExit(0, leaves);
            Learner.assertShows(leaves, "Schema of library.db: unchanged.");
            Messages.assertSays(leaves, Messages.LEFT_BEHIND);
            Learner.assertShows(leaves, "The rollback left the index books_genre_idx in library.db: the rollback block of genres-2, written by hand, "
                    + "does not take out what the changeset adds. Liquibase took the record away all the same, so 05_upgrade would now fail adding it again.");
            Learner.assertShows(leaves, "./jbang explore   then type:   sql(\"DROP INDEX books_genre_idx\")");
            assertEquals(List.of("books_genre_idx"), ReadBack.rows(library, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'books'"));
            Result failsOnIt = own.jbang("steps/05_upgrade.java");
            Learner.assertExit(1, failsOnIt);
            Learner.assertShows(failsOnIt, "library.db already has index books_genre_idx, which changeset genres-2 (changelog/changes/0003_genres.yaml) adds.");
            Learner.assertShows(failsOnIt, "added by hand, or left by a rollback that did not take it out. Nothing was changed.");
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres); // the rollback mended, then recorded again, as 07 said
            Result synced = own.jbang("liquibase", "changelog-sync");
            Learner.assertExit(0, synced);
            assertFalse(synced.output().contains("as applied, but does not have"), () -> "the index is there: nothing to say\n" + synced.output());
            assertEquals(List.of("isbn-1", "genres-1", "genres-2"), ReadBack.rows(library, "SELECT id FROM DATABASECHANGELOG WHERE id NOT LIKE '0001%' ORDER BY orderexecuted"));
            // The same on another database (--url): said of it, and every command it gives works on it, not on library.db.
            Files.copy(library, own.path("other.db"));
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: DROP INDEX books_genre_idx", "- sql: SELECT 1"));
            Result leavesOther = own.jbang("steps/07_rollback.java", "--url", "jdbc:sqlite:other.db");
            Learner.assertExit(0, leavesOther);
            Learner.assertShows(leavesOther, "Schema of other.db: unchanged.");
            Learner.assertShows(leavesOther, "The rollback left the index books_genre_idx in other.db: ");
            Learner.assertShows(leavesOther, "\n  ./jbang liquibase --url jdbc:sqlite:other.db changelog-sync\n  ./jbang steps/07_rollback.java --url jdbc:sqlite:other.db\n"
                    + "or take it out by hand, so that 05_upgrade applies the changeset anew:\n"
                    + "  ./jbang explore --url jdbc:sqlite:other.db   then type:   sql(\"DROP INDEX books_genre_idx\")\n");
            assertEquals(3, ReadBack.rows(library, "SELECT id FROM DATABASECHANGELOG WHERE id NOT LIKE '0001%'").size(), "library.db untouched");
            // Before it is done, 05 on other.db fails on the index, and says so of other.db, with ways out that work on it.
            Result failsOnOther = own.jbang("steps/05_upgrade.java", "--url", "jdbc:sqlite:other.db");
            Messages.assertRefused(failsOnOther, 1, "other.db already has index books_genre_idx, which changeset genres-2 (changelog/changes/0003_genres.yaml) adds.");
            Learner.assertShows(failsOnOther, "    ./jbang liquibase --url jdbc:sqlite:other.db changelog-sync (it marks every pending changeset: check "
                    + "./jbang history --url jdbc:sqlite:other.db first)\n");
            Learner.assertShows(failsOnOther, "    mv other.db other.db.bak && ./jbang steps/01_create.java --url jdbc:sqlite:other.db && ./jbang "
                    + "steps/05_upgrade.java --url jdbc:sqlite:other.db");
            // That way by hand, typed as given: the index goes from other.db, and library.db keeps its own.
            Result byHand = own.jbangWithInput("sql(\"DROP INDEX books_genre_idx\")\n/exit\n", "explore", "--url", "jdbc:sqlite:other.db");
            Learner.assertExit(0, byHand);
            Learner.assertShows(byHand, "db is a connection to other.db.");
            assertEquals(List.of(), ReadBack.rows(own.path("other.db"), "SELECT name FROM sqlite_master WHERE name = 'books_genre_idx'"));
            assertEquals(List.of("books_genre_idx"), ReadBack.rows(library, "SELECT name FROM sqlite_master WHERE name = 'books_genre_idx'"));
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres);
            Files.delete(own.path("other.db"));
            // revision's rollback: [] left over the update: 07 says, before it runs, that the genres stay; and they do.
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("    rollback:\n    - sql: UPDATE books SET genre = NULL\n",
                    "    rollback: []\n"));
            Result keepsGenres = own.jbang("steps/07_rollback.java", "2");
            Learner.assertExit(0, keepsGenres);
            Learner.assertShows(keepsGenres, "genres-1 has an empty rollback block (rollback: []), which tells Liquibase there is nothing to undo: "
                    + "rolled back, the values its update set in books.genre stay as they are.");
            assertEquals(List.of("programming"), ReadBack.rows(library, "SELECT DISTINCT genre FROM books"));
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres);
            // A rollback that sets 'programming' again undoes nothing either.
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: UPDATE books SET genre = NULL",
                    "- sql: UPDATE books SET genre = 'programming'"));
            assertNotDone(own, "alter-2", "The rollback of genres-1 sets genre to 'programming' again: rolled back, the books would keep it.");
            // Nor one that sets a genre of its own: every book had none before.
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: UPDATE books SET genre = NULL",
                    "- sql: UPDATE books SET genre = 'fiction'"));
            assertNotDone(own, "alter-2", "The rollback of genres-1 sets genre to 'fiction', where every book had none (NULL) before. Make it an "
                    + "update setting genre back to NULL");
            // hint with no id: the exercise the learner is on, the first not done.
            Learner.assertShows(own.jbang("hint"), "Hint 1 of 3 for alter-2: ");
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres);
            Learner.assertExit(0, own.jbang("check", "alter-2"));
            Learner.assertExit(0, own.jbang("check", "alter-3"));
            // An index whose rollback empties every genre besides: the round trip on a copy shows the genres gone (check said done).
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: DROP INDEX books_genre_idx",
                    "- sql: DROP INDEX books_genre_idx\n    - sql: UPDATE books SET genre = NULL"));
            assertNotDone(own, "alter-3", "Index books_genre_idx is on books.genre, but rolling back genres-2 does not give back what was there "
                    + "before it (./jbang roundtrip genres-2 shows the whole trip): ");
            // solve over an applied changeset of the learner's own, whose rollback its solution does not touch: the check after the
            // solution still fails, so what it did is put back (solving again stacked one more reference changeset each time).
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres.replace("- sql: UPDATE books SET genre = NULL", "- sql: SELECT 1"));
            List<String> beforeStuckSolve = ReadBack.everything(library);
            List<String> filesBeforeStuck = Learner.files(own, "changelog/changes");
            String masterBeforeStuck = Files.readString(own.path("changelog/db.changelog-master.yaml"));
            Result stuck = own.jbang("solve", "alter-2");
            Learner.assertExit(1, stuck);
            Learner.assertShows(stuck, "Not done yet: The rollback of genres-1 does not set genre back");
            Learner.assertShows(stuck, "The reference solution did not make alter-2 done here: what the check above names is not what the solution "
                    + "changes. solve has put back what it changed: ");
            Learner.assertShows(stuck, "Mend what the check names (./jbang hint alter-2 shows the way), or start the exercise over with ./jbang reset alter-2");
            assertEquals(beforeStuckSolve, ReadBack.everything(library));
            assertEquals(filesBeforeStuck, Learner.files(own, "changelog/changes"));
            assertEquals(masterBeforeStuck, Files.readString(own.path("changelog/db.changelog-master.yaml")));
            Files.writeString(own.path("changelog/changes/0003_genres.yaml"), genres);

            // A changeset of the learner's own, not applied: solve stops before anything, naming it.
            String beforeHalfDone = Files.readString(own.path("changelog/db.changelog-master.yaml"));
            includeFromTheRoot(own, "0004_half_done.yaml", """
                    databaseChangeLog:
                    - changeSet:
                        id: half-1
                        author: me
                        changes:
                        - renameColumn: {tableName: books, oldColumnName: isbn, newColumnName: isbn_text}
                        rollback: []
                    """);
            // hint says so too: its hints start from writing a changeset, and followed again would add a second.
            Learner.assertShows(own.jbang("hint", "break-1"), "Written but not applied yet: changelog/changes/0004_half_done.yaml. If that is your "
                    + "attempt at this exercise, finish it: the hints' revision or autogenerate would write a second.");
            List<String> everything = ReadBack.everything(library);
            List<String> changes = Learner.files(own, "changelog/changes");
            Result solve = own.jbang("solve", "break-1");
            Learner.assertExit(1, solve);
            Learner.assertShows(solve, "changelog/changes/0004_half_done.yaml (changeset half-1) is in the changelog and not applied yet: "
                    + "the solution of break-1 would apply it along with its own. Nothing was changed.");
            assertEquals(everything, ReadBack.everything(library));
            assertEquals(changes, Learner.files(own, "changelog/changes"));
            // Taken back as solve says: revision --discard finds the newest file from the project's folder, as its include says.
            Result discard = own.jbang("revision", "--discard");
            Learner.assertExit(0, discard);
            Learner.assertShows(discard, "Discarded changelog/changes/0004_half_done.yaml: removed from changelog/db.changelog-master.yaml, file kept in .reset/");
            assertEquals(beforeHalfDone, Files.readString(own.path("changelog/db.changelog-master.yaml")), "the other includes as they were");
            // Its way back, followed as printed: the file moved back alone is read by nothing, and history says so, with the include
            // to paste (05_upgrade said "nothing to upgrade" beside it, and nothing said why); pasted, it is in the chain again.
            java.util.regex.Matcher mv = java.util.regex.Pattern.compile("To have it back: mv (\\S+) (\\S+)/, and paste").matcher(discard.output());
            assertTrue(mv.find(), discard.output());
            Path halfDone = own.path(mv.group(2)).resolve(Path.of(mv.group(1)).getFileName());
            Files.move(own.path(mv.group(1)), halfDone);
            String include = "  - include:\n      file: changes/0004_half_done.yaml\n      relativeToChangelogFile: true";
            Learner.assertShows(discard, ", and paste its include back at the end of changelog/db.changelog-master.yaml:\n" + include);
            Result unread = own.jbang("history");
            Learner.assertShows(unread, "changelog/changes/0004_half_done.yaml is in the changes folder, but no include of "
                    + "changelog/db.changelog-master.yaml names it: Liquibase never reads it.");
            Learner.assertShows(unread, "paste these lines at the end of changelog/db.changelog-master.yaml:\n" + include);
            Files.writeString(own.path("changelog/db.changelog-master.yaml"), beforeHalfDone + include + "\n");
            Result pasted = own.jbang("history");
            Learner.assertExit(0, pasted);
            assertTrue(pasted.shown().lines().anyMatch(line -> line.contains("half-1") && line.endsWith("[pending]")), pasted.output());
            assertFalse(pasted.output().contains("never reads it"), pasted.output());
            Files.writeString(own.path("changelog/db.changelog-master.yaml"), beforeHalfDone); // discarded again, for what follows
            Files.delete(halfDone);

            // break-2 as the README does it: the exercises done before it stay done.
            Path genre = own.path("changelog/changes/0001_add_genre_column_to_books.yaml");
            Files.move(genre, genre.resolveSibling(genre.getFileName() + ".bak"));
            Result broken = own.jbang("check");
            for (String done : List.of("alter-1", "alter-2", "alter-3", "break-2")) {
                Learner.assertShows(broken, "[x] " + done + " ");
            }
            // 05_upgrade, as the README has it, fails on the missing file, and that is noted: once the file is back (fix-3
            // halfway, the tag to come), break-2 stays done, where check said nothing was broken yet and hint sent the learner
            // to break it again.
            Files.delete(own.path(tutorial.liquibase.MissingFileSeen.NOTE)); // check's note of it, above: 05_upgrade's alone here
            Learner.assertExit(1, own.jbang("steps/05_upgrade.java"));
            Files.move(genre.resolveSibling(genre.getFileName() + ".bak"), genre);
            Result putBack = own.jbang("check", "break-2");
            Learner.assertExit(0, putBack);
            Learner.assertShows(putBack, "Broken as asked (changelog/changes/0001_add_genre_column_to_books.yaml was found missing), and the file is "
                    + "back: now tag the repaired chain (fix-3).");
            // break-2 with a file of the learner's own: fix-3's last hint (and so solve) puts back that one, not the README's.
            Path isbn = own.path("changelog/changes/0002_isbn.yaml");
            Files.move(isbn, isbn.resolveSibling("0002_isbn.yaml.bak"));
            Files.createDirectories(own.path(".tutorial"));
            Files.writeString(own.path(".tutorial/hints.properties"), "fix-3=" + (Exercises.byId("fix-3").orElseThrow().allHints(Learner.projectRoot()).size() - 1) + "\n");
            Result lastFix3 = own.jbang("hint", "fix-3");
            Learner.assertShows(lastFix3, "  mv changelog/changes/0002_isbn.yaml.bak changelog/changes/0002_isbn.yaml\n");
            // and alter-1, whose changeset is in that file, is not counted while it is gone, which check says.
            Result uncounted = own.jbang("check", "alter-1");
            Learner.assertExit(1, uncounted);
            Learner.assertShows(uncounted, "(While changelog/changes/0002_isbn.yaml, applied, is gone, what its changesets did cannot be counted: "
                    + "put it back first, fix-3.)");
            // Kept under another name than a .bak: solve says there is no copy to put back, and where to find the file, where it
            // said it could not move the README's .bak and sent to the README's order; nothing changed.
            Files.move(isbn.resolveSibling("0002_isbn.yaml.bak"), own.path("old_isbn.yaml"));
            List<String> beforeSolve = ReadBack.everything(library);
            Result noCopy = own.jbang("solve", "fix-3");
            Messages.assertRefused(noCopy, 1, "No copy of changelog/changes/0002_isbn.yaml to put back: break-2 keeps the file it moves away "
                    + "beside it, as changelog/changes/0002_isbn.yaml.bak, and there is none.");
            Learner.assertShows(noCopy, "Put changelog/changes/0002_isbn.yaml back yourself, from where you moved it (or git checkout HEAD -- "
                    + "changelog/changes/0002_isbn.yaml, if it was committed), then run ./jbang solve fix-3 again.");
            assertFalse(noCopy.output().contains("README's order"), noCopy.output());
            assertEquals(beforeSolve, ReadBack.everything(library));
            Files.move(own.path("old_isbn.yaml"), isbn);
            Files.delete(own.path(".tutorial/hints.properties"));

            // break-3, then fix-2 as a formatted-SQL changeset: the SQLite way, with its rollback.
            Path models = own.path(Learner.MODELS);
            Files.writeString(models, Files.readString(models).replace(".column(\"isbn\", string(13))", ".column(\"isbn\", INTEGER)"));
            Learner.assertExit(0, own.jbang("check", "break-3"));
            Files.writeString(own.path("changelog/changes/0004_isbn_integer.sql"), """
                    --liquibase formatted sql
                    --changeset me:isbn-2
                    ALTER TABLE books RENAME COLUMN isbn TO isbn_text;
                    ALTER TABLE books ADD COLUMN isbn INTEGER;
                    UPDATE books SET isbn = CAST(isbn_text AS INTEGER);
                    ALTER TABLE books DROP COLUMN isbn_text;
                    --rollback ALTER TABLE books RENAME COLUMN isbn TO isbn_number;
                    --rollback ALTER TABLE books ADD COLUMN isbn VARCHAR(13);
                    --rollback UPDATE books SET isbn = CAST(isbn_number AS TEXT);
                    --rollback ALTER TABLE books DROP COLUMN isbn_number;
                    """);
            writeOwnMaster(own);
            // With no precondition, an ISBN with hyphens is cut down by the CAST: said before it runs, with a copy kept.
            ReadBack.execute(library, "UPDATE books SET isbn = '978-0-13-468599-1' WHERE id = 1");
            Result castUpgrade = own.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, castUpgrade);
            Learner.assertShows(castUpgrade, "Applying isbn-2 copies books.isbn through CAST(isbn AS INTEGER), which changes 1 of its values "
                    + "('978-0-13-468599-1' becomes 978), then drops the original.\n\nA copy of library.db as it is now is kept in .reset/");
            // check does not call that done (it did, the ISBN cut down and nothing in library.db to show it), not even once rolled back
            // and applied again, which cut nothing more ('978' came through as 978): it quotes 05's warning, and the way back, which
            // works: the copy put back, the value made plain digits, the same changeset applied again.
            java.util.regex.Matcher keptCopy = java.util.regex.Pattern.compile("kept in (\\S+): copy it back").matcher(castUpgrade.shown());
            assertTrue(keptCopy.find(), castUpgrade.shown());
            assertEquals(List.of("1 | 978"), ReadBack.rows(library, "SELECT id, isbn FROM books WHERE id = 1"));
            Learner.assertExit(0, own.jbang("steps/07_rollback.java"));
            Result reapplied = own.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, reapplied);
            assertFalse(reapplied.shown().contains("changes 1 of its values"), reapplied.shown());
            Result cut = own.jbang("check", "fix-2");
            Learner.assertExit(1, cut);
            Learner.assertShows(cut, "library.db holds a value that isbn-2 cut when it ran, and not whole since: '978-0-13-468599-1'. As 05_upgrade "
                    + "said before it ran: Applying isbn-2 copies books.isbn through CAST(isbn AS INTEGER), which changes 1 of its values "
                    + "('978-0-13-468599-1' becomes 978), then drops the original. Put back the copy it kept (cp " + keptCopy.group(1)
                    + " library.db), make every value come through whole (plain digits first, or a precondition that stops the changeset: "
                    + "./jbang hint fix-2), then run 05_upgrade again.");
            // The cut book's ISBN emptied: no cut value is left to mend, and check says done (it asked for ever for the copy back).
            ReadBack.execute(library, "UPDATE books SET isbn = NULL WHERE id = 1");
            Learner.assertExit(0, own.jbang("check", "fix-2"));
            Files.copy(own.path(keptCopy.group(1)), library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ReadBack.execute(library, "UPDATE books SET isbn = '9780134685991' WHERE id = 1");
            Result whole = own.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, whole);
            assertFalse(whole.shown().contains("changes 1 of its values"), whole.shown());
            assertEquals(List.of("1 | 9780134685991"), ReadBack.rows(library, "SELECT id, isbn FROM books WHERE id = 1"));

            // fix-1 wants the models to say what library.db has: a notes column made by hand as VARCHAR(500), modelled as TEXT.
            ReadBack.execute(library, "ALTER TABLE books ADD COLUMN notes VARCHAR(500)");
            addModelLine(own, ".column(\"notes\", TEXT)");
            Result fix1 = own.jbang("check", "fix-1");
            Learner.assertExit(1, fix1);
            Learner.assertShows(fix1, "notes is TEXT in the models, VARCHAR(500) in library.db: declare it as library.db has it.");

            // alter-3 by a createIndex whose rollback, written by hand, leaves the index (recorded here as applied by the test itself):
            // Liquibase's own rollback of it is no longer used, so check asks for the drop.
            include(own, "0005_index_again.yaml", """
                    databaseChangeLog:
                    - changeSet:
                        id: index-2
                        author: me
                        changes:
                        - createIndex: {tableName: books, indexName: ix_genre_again, columns: [{column: {name: genre}}]}
                        rollback:
                        - sql: SELECT 1
                    """);
            ReadBack.execute(library, "CREATE INDEX ix_genre_again ON books (genre)");
            recordApplied(library, "index-2", "changelog/changes/0005_index_again.yaml");
            Result keepsIndex = own.jbang("check", "alter-3");
            Learner.assertExit(1, keepsIndex);
            Learner.assertShows(keepsIndex, "The index is made by index-2, whose rollback block, written by hand, takes the place of Liquibase's "
                    + "own and does not drop it: rolled back, the index would stay.");
            // fix-2's changeset no longer the newest applied: its rollback is not tried, and check says so rather than a plain done.
            Result notTried = own.jbang("check", "fix-2");
            Learner.assertExit(0, notTried);
            Learner.assertShows(notTried, "(Its rollback was not tried here: index-2 is applied after it, and its own rollback would come first; "
                    + "./jbang roundtrip isbn-2 tries it on a copy.)");
            ReadBack.execute(library, "DROP INDEX ix_genre_again");
            ReadBack.execute(library, "DELETE FROM DATABASECHANGELOG WHERE ID = 'index-2'");
            Files.delete(own.path("changelog/changes/0005_index_again.yaml"));
            writeOwnMaster(own);
            // A later changeset that makes the same index again (books rebuilt, its index with it; recorded here by the test): its
            // rollback brings back what was there before it, the index too, so alter-3 is judged by genres-2, which made it first.
            include(own, "0005_rebuilt.yaml", """
                    databaseChangeLog:
                    - changeSet:
                        id: rebuilt-1
                        author: me
                        changes:
                        - sql: DROP INDEX books_genre_idx
                        - sql: CREATE INDEX books_genre_idx ON books (genre)
                        rollback:
                        - sql: SELECT 1
                    """);
            recordApplied(library, "rebuilt-1", "changelog/changes/0005_rebuilt.yaml");
            Learner.assertExit(0, own.jbang("check", "alter-3"));
            ReadBack.execute(library, "DELETE FROM DATABASECHANGELOG WHERE ID = 'rebuilt-1'");
            Files.delete(own.path("changelog/changes/0005_rebuilt.yaml"));
            writeOwnMaster(own);

            skippedByPreconditions(own, library);
        }
    }

    @Test
    @Order(18)
    @DisplayName("a solution that stops halfway (alter-1 from an isbn made NOT NULL, which SQLite cannot loosen in place: autogenerate "
            + "writes more than its one change) puts back the models, the changelog and library.db as they were, and says so; check then "
            + "names the way out that works there")
    void solutionStoppedHalfwayPutsBack() throws IOException {
        try (ScratchProject own = Learner.copyAt(LessonState.ROLLED_BACK)) {
            Path library = own.path("library.db");
            // isbn NOT NULL, made by hand and declared so: alter-1 not done, and its reference solution cannot mend it here.
            ReadBack.execute(library, "ALTER TABLE books ADD COLUMN isbn VARCHAR(20) NOT NULL DEFAULT 'none'");
            addModelLine(own, ".column(\"isbn\", string(20), NOT_NULL)");
            String models = Files.readString(own.path(Learner.MODELS));
            String master = Files.readString(own.path("changelog/db.changelog-master.yaml"));
            List<String> changes = Learner.files(own, "changelog/changes");
            List<String> everything = ReadBack.everything(library);
            Result solve = own.jbang("solve", "alter-1");
            Learner.assertExit(1, solve);
            // Its first command applied the walkthrough's genre changeset, its edit loosened isbn in the models, and autogenerate
            // wrote a dropNotNullConstraint and a dropDefaultValue, which are not alter-1's one change: solve stops before applying
            // them (05_upgrade would refuse both on SQLite), and undoes each.
            Learner.assertShows(solve, "Running upgrade <base> -> 0001-1");
            Learner.assertShows(solve, "What 04_autogenerate wrote is not alter-1's one change, as library.db and the models differed already: ");
            Learner.assertShows(solve, "(0002-1, 0002-2). solve applies the reference solution only, so it stops before 05_upgrade.");
            assertEquals(1, solve.output().split("\\$ ./jbang steps/05_upgrade.java", -1).length - 1,
                    () -> "the upgrade of genre only, not the one after autogenerate:\n" + solve.output());
            Learner.assertShows(solve, "solve has put back what the solution changed before that: changelog/changes/0002_add_isbn_column_to_books.yaml "
                    + "(it wrote it), changelog/db.changelog-master.yaml, steps/models/Models.java, library.db. Nothing was changed.\n");
            Learner.assertShows(solve, "./jbang drift shows what else differs.");
            Learner.assertShows(solve, "./jbang check alter-1 says what the exercise lacks. To do it over from its start, ./jbang reset alter-1");
            assertEquals(models, Files.readString(own.path(Learner.MODELS)));
            assertEquals(master, Files.readString(own.path("changelog/db.changelog-master.yaml")));
            assertEquals(changes, Learner.files(own, "changelog/changes"));
            assertEquals(everything, ReadBack.everything(library), "library.db as it was: genre's changeset pending again");
            assertEquals(List.of(), Learner.files(own, ".tutorial").stream().filter(name -> name.startsWith("checkpoint-")).toList(),
                    "solve's copy of library.db is gone");
            // check names the way that works here: no changeset made isbn, so by hand, then the models and autogenerate.
            checkSays(own, "alter-1", 1, "books.isbn exists but is NOT NULL; the task asks for a nullable column. SQLite cannot loosen a column in "
                    + "place, and no changeset added this one: drop it by hand (./jbang explore, then sql(\"ALTER TABLE books DROP COLUMN isbn\"); "
                    + "its values go with it), take NOT_NULL off isbn in Models.java, then ./jbang steps/04_autogenerate.java -m \"add isbn column "
                    + "to books\" and ./jbang steps/05_upgrade.java.");
            // The models not declaring isbn at all: the line to add, not a NOT_NULL to take off that they do not have.
            Files.writeString(own.path(Learner.MODELS), models.replace(".column(\"isbn\", string(20), NOT_NULL)", ""));
            checkSays(own, "alter-1", 1, "its values go with it), add .column(\"isbn\", string(20)) at the end of the books table in Models.java, "
                    + "then ./jbang steps/04_autogenerate.java -m \"add isbn column to books\" and ./jbang steps/05_upgrade.java.");
            Files.writeString(own.path(Learner.MODELS), models);
        }
    }

    /**
     * fix-1 the other way Liquibase has, on ownWay's copy: a changeset guarded by a precondition that
     * skips it where the column is there already; what each step says of a skipped changeset.
     */
    private static void skippedByPreconditions(ScratchProject own, Path library) throws IOException {
        // fix-1 the other way Liquibase has: a changeset guarded by a precondition that skips it (onFail: MARK_RAN)
        // where the column is there already. 05_upgrade, history and 07_rollback say it was skipped, not applied.
        Path modelsFile = own.path(Learner.MODELS);
        Files.writeString(modelsFile, Files.readString(modelsFile).replace(".column(\"notes\", TEXT)", ".column(\"notes\", string(500))"));
        ReadBack.execute(library, "UPDATE books SET notes = 'mine'");
        String guardedNotes = """
                databaseChangeLog:
                - changeSet:
                    id: notes-1
                    author: me
                    preConditions:
                    - onFail: MARK_RAN
                    - not:
                      - columnExists: {tableName: books, columnName: notes}
                    changes:
                    - addColumn:
                        tableName: books
                        columns:
                        - column: {name: notes, type: VARCHAR(500)}
                """;
        include(own, "0005_notes.yaml", guardedNotes);
        Result preview = own.jbang("steps/05_upgrade.java", "--sql");
        Learner.assertShows(preview, "-- notes-1, addColumn tableName=books (changelog/changes/0005_notes.yaml): skipped by its precondition "
                + "(onFail: MARK_RAN), no SQL of its own");
        Result guarded = own.jbang("steps/05_upgrade.java");
        Learner.assertExit(0, guarded);
        Learner.assertShows(guarded, "Skipping upgrade isbn-2 -> notes-1, addColumn tableName=books: its precondition failed "
                + "(onFail: MARK_RAN), so it is recorded as ran and none of its changes ran");
        Learner.assertShows(guarded, "0 changesets applied, 1 skipped by its precondition (recorded as ran). library.db is up to date.");
        Learner.assertExit(0, own.jbang("check", "fix-1"));
        Learner.assertShows(own.jbang("history"),
                "isbn-2 -> notes-1 (head) (current), addColumn tableName=books   [recorded as ran: its precondition failed, none of its changes ran]");
        Result roundtrip = own.jbang("roundtrip", "notes-1");
        Learner.assertExit(1, roundtrip);
        Learner.assertShows(roundtrip, "Cannot round-trip notes-1: its precondition skipped it (onFail: MARK_RAN)");
        // Liquibase rolls it back all the same: the hand-made column goes, said before, with a copy of library.db kept.
        Result undone = own.jbang("steps/07_rollback.java");
        Learner.assertExit(0, undone);
        Learner.assertShows(undone, "notes-1 was only recorded as ran by its precondition (onFail: MARK_RAN): none of its changes ran, "
                + "yet Liquibase runs its rollback all the same, undoing what was there before it (the SQL below).");
        Learner.assertShows(undone, "A copy of library.db as it is now is kept in .reset/");
        assertFalse(ReadBack.columnNames(library, "books").contains("notes"), "the rollback of notes-1 drops the column");

        // Skipped, then a changeset that fails: the failure does not call the skipped one applied.
        ReadBack.execute(library, "ALTER TABLE books ADD COLUMN notes VARCHAR(500)");
        Files.writeString(own.path("changelog/changes/0005_notes.yaml"), guardedNotes + """
                - changeSet:
                    id: notes-2
                    author: me
                    changes:
                    - sql: ALTER TABLE nowhere ADD COLUMN notes TEXT
                """);
        // Previewed first: the failure, and what went through before it, happened on the preview's copy, and is said so.
        List<String> beforePreview = ReadBack.everything(library);
        Result failingPreview = own.jbang("steps/05_upgrade.java", "--sql");
        Learner.assertExit(1, failingPreview);
        Learner.assertShows(failingPreview, "The preview failed (on a throw-away copy; library.db is not changed): ");
        Learner.assertShows(failingPreview, "On the copy, before that, notes-1 was skipped by its precondition and recorded as ran; the one that "
                + "failed left nothing behind.");
        assertEquals(beforePreview, ReadBack.everything(library));
        Result failing = own.jbang("steps/05_upgrade.java");
        Learner.assertExit(1, failing);
        Learner.assertShows(failing, "Before that, notes-1 was skipped by its precondition and recorded as ran; the one that failed left nothing behind.");

        // onFail: CONTINUE skips it without a record: said so, not "Nothing to upgrade", and it stays pending.
        Files.writeString(own.path("changelog/changes/0005_notes.yaml"), guardedNotes + """
                - changeSet:
                    id: notes-2
                    author: me
                    preConditions:
                    - onFail: CONTINUE
                    - tableExists: {tableName: nowhere}
                    changes:
                    - sql: ALTER TABLE nowhere ADD COLUMN notes TEXT
                """);
        Result continued = own.jbang("steps/05_upgrade.java");
        Learner.assertExit(0, continued);
        Learner.assertShows(continued, "Skipping notes-2, sql: its precondition failed (onFail: CONTINUE), so none of its changes ran and it "
                + "is not recorded: it stays pending, and the next upgrade tries it again");
        Learner.assertShows(continued, "0 changesets applied, 1 skipped by its precondition (still pending). library.db has every other changeset of the changelog.");
    }

    @Test
    @Order(19)
    @DisplayName("alter-1 with isbn added as INTEGER and applied: check says the way that works on SQLite (back, then again as a string), "
            + "and that way, followed as said, makes it done")
    void wrongTypeTakenBack() throws IOException {
        try (ScratchProject own = Learner.copyAt(LessonState.ROLLED_BACK)) {
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            addModelLine(own, ".column(\"isbn\", INTEGER)");
            Learner.assertExit(0, own.jbang("steps/04_autogenerate.java", "-m", "add isbn column to books"));
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            // Mended forward, as hint 3 had it: the model line made a string, autogenerate writes a modifyDataType SQLite cannot run.
            Path models = own.path(Learner.MODELS);
            Files.writeString(models, Files.readString(models).replace(".column(\"isbn\", INTEGER)", ".column(\"isbn\", string(20))"));
            own.jbang("steps/04_autogenerate.java", "-m", "isbn as a string");
            assertTrue(Files.readString(own.path("changelog/changes/0003_isbn_as_a_string.yaml")).contains("modifyDataType"));
            // check says the way that works, that file first (revision --discard takes back the newest).
            Result wrong = own.jbang("check", "alter-1");
            Learner.assertExit(1, wrong);
            Learner.assertShows(wrong, "books.isbn was added as INTEGER; the task asks for a string (string(20) in the models, VARCHAR(20) in "
                    + "library.db). SQLite cannot change a column's type in place, so undo it and add it again: take back what is not applied "
                    + "yet (./jbang revision --discard, once for each: changelog/changes/0003_isbn_as_a_string.yaml), then roll back 0002-1, the "
                    + "changeset that added it (./jbang steps/07_rollback.java), take its file back too (./jbang revision --discard, once for "
                    + "each file from the newest down to it), make its line .column(\"isbn\", string(20)) in steps/models/Models.java, then "
                    + "autogenerate and upgrade again.");
            Learner.assertExit(0, own.jbang("revision", "--discard"));
            Learner.assertExit(0, own.jbang("steps/07_rollback.java"));
            // Recorded again without running (changelog-sync in place of 05_upgrade): check says so, where it said only "no isbn
            // column yet" (and autogenerate then refused to write it again), with the way out, followed as printed.
            Learner.assertExit(0, own.jbang("liquibase", "changelog-sync"));
            checkSays(own, "alter-1", 1, "books has no isbn column, though library.db records 0002-1, which adds it, as applied: recorded without "
                    + "running (changelog-sync does that), or dropped since, by hand or by a changeset. If library.db never had what it does, "
                    + "take back its record alone, then apply it for real:\n  ./jbang explore   then type:   "
                    + "sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '0002-1'\")");
            Learner.assertShows(own.jbangWithInput("sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '0002-1'\")\n/exit\n", "explore"),
                    "1 row(s) changed");
            Learner.assertExit(0, own.jbang("revision", "--discard"));
            Learner.assertExit(0, own.jbang("steps/04_autogenerate.java", "-m", "add isbn column to books"));
            Learner.assertExit(0, own.jbang("steps/05_upgrade.java"));
            Result done = own.jbang("check", "alter-1");
            Learner.assertExit(0, done);
            Learner.assertShows(done, "Done: books.isbn (VARCHAR(20), nullable) was added by an applied changeset.");
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(own.path("library.db")));
        }
    }

    /** check ID on this project: its exit code, and these words in what it says. */
    private static void checkSays(ScratchProject project, String id, int exitCode, String expected) {
        Result check = project.jbang("check", id);
        Learner.assertExit(exitCode, check);
        Learner.assertShows(check, expected);
    }

    /** A line added to the books table of the models, after the genre line, as a learner adds one. */
    private static void addModelLine(ScratchProject project, String line) throws IOException {
        Path models = project.path(Learner.MODELS);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(models));
        int genre = java.util.stream.IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(".column(\"genre\"")).findFirst().orElseThrow();
        lines.add(genre + 1, "            " + line);
        Files.write(models, lines);
    }

    /** A changeset file of the learner's own, its include written by hand at the end of the master, relative to the project's folder. */
    private static void includeFromTheRoot(ScratchProject project, String file, String content) throws IOException {
        Files.writeString(project.path("changelog/changes/" + file), content);
        Files.writeString(project.path("changelog/db.changelog-master.yaml"), "  - include:\n      file: changelog/changes/" + file + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** A changeset file of the learner's own, included at the end of the master changelog. */
    private static void include(ScratchProject project, String file, String content) throws IOException {
        Files.writeString(project.path("changelog/changes/" + file), content);
        new tutorial.liquibase.Changelog(tutorial.project.Project.at(project.root())).append(project.path("changelog/changes/" + file));
    }
    /** check ID says the exercise is not done (exit 1), in these words. */
    /** The own-way test's master changelog, its four includes as the learner wrote them: what a test added, taken out. */
    private static void writeOwnMaster(ScratchProject own) {
        new tutorial.liquibase.Changelog(tutorial.project.Project.at(own.root())).writeMaster(List.of("changes/0001_add_genre_column_to_books.yaml",
                "changes/0002_isbn.yaml", "changes/0003_genres.yaml", "changes/0004_isbn_integer.sql"));
    }

    /** A changeset recorded as applied, the newest, by the test itself (what it does made by hand beside it). */
    private static void recordApplied(Path library, String id, String file) {
        ReadBack.execute(library, "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) VALUES ('"
                + id + "', 'me', '" + file + "', CURRENT_TIMESTAMP, 99, 'EXECUTED')");
    }

    /**
     * An applied changeset file rewritten, and its record told to take it as it is now, as ./jbang liquibase clear-checksums
     * does: what it stands for was applied so (check judges no changeset edited after it was applied).
     */
    private static void rewriteApplied(ScratchProject project, Path library, String file, String text) throws IOException {
        Files.writeString(project.path(file), text);
        ReadBack.execute(library, "UPDATE DATABASECHANGELOG SET MD5SUM = NULL WHERE FILENAME LIKE '%" + Path.of(file).getFileName() + "'");
    }

    private static void assertNotDone(ScratchProject project, String id, String says) {
        Result check = project.jbang("check", id);
        Learner.assertExit(1, check);
        Learner.assertShows(check, says);
    }
}
