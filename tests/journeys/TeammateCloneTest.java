package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * A teammate clones the learner's project and runs the README's commands: 01_create, then
 * 05_upgrade. Their library.db must end with the learner's schema and history, read back with
 * PRAGMA and SQL. ExercisesTest asks the same after each pair of exercises.
 */
@Tag("teammate")
class TeammateCloneTest {

    /** The project as a clone has it (the learner's models and changelog, no library.db), brought to head the README's way. */
    static void assertCloneMatches(ScratchProject learner, String when) throws IOException {
        try (ScratchProject clone = ScratchProject.copyAsIs(learner.root())) {
            Files.delete(clone.path("library.db"));
            Result create = clone.jbang("steps/01_create.java");
            Learner.assertExit(0, create);
            // What it leaves to the changelog, each thing named once (fix-2 adds isbn a second time).
            String less = "(the models, less ";
            create.shown().lines().filter(line -> line.contains(less)).findFirst().ifPresent(line -> {
                List<String> left = List.of(line.substring(line.indexOf(less) + less.length(), line.lastIndexOf(')')).split(", "));
                assertEquals(left.stream().distinct().toList(), left, when + ": " + line);
            });
            Result upgrade = clone.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, upgrade);
            // Nothing of the clone's is lost: alter-2's update sets a genre column an earlier changeset of the same run adds.
            assertFalse(upgrade.output().contains("overwriting") || upgrade.output().contains("A copy of"), when + ":\n" + upgrade.output());
            Path mine = learner.path("library.db");
            Path theirs = clone.path("library.db");
            assertEquals(schema(mine), schema(theirs), when + ": the clone's schema is the learner's");
            assertEquals(history(mine), history(theirs), when + ": the clone's history is the learner's");
        }
    }

    /** Per table: each column with its type and NOT NULL, each index with its columns, each foreign key; column order aside. */
    static List<String> schema(Path database) {
        List<String> schema = new ArrayList<>();
        for (String table : ReadBack.rows(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                + "AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
            ReadBack.rows(database, "SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('"
                    + table + "') ORDER BY name").forEach(column -> schema.add(table + " column " + column));
            ReadBack.rows(database, "SELECT l.name || '(' || group_concat(i.name) || ') unique=' || l.\"unique\" FROM pragma_index_list('"
                    + table + "') l, pragma_index_info(l.name) i GROUP BY l.name ORDER BY l.name").forEach(index -> schema.add(table + " index " + index));
            ReadBack.rows(database, "SELECT \"from\" || ' -> ' || \"table\" || '(' || \"to\" || ')' FROM pragma_foreign_key_list('"
                    + table + "') ORDER BY \"from\"").forEach(key -> schema.add(table + " foreign key " + key));
        }
        return schema;
    }

    static List<String> history(Path database) {
        if (ReadBack.rows(database, "SELECT name FROM sqlite_master WHERE name = 'DATABASECHANGELOG'").isEmpty()) {
            return List.of();
        }
        return ReadBack.rows(database, "SELECT id FROM DATABASECHANGELOG ORDER BY orderexecuted");
    }

    @Test
    @DisplayName("after the walkthrough, a clone's 01_create builds the tables before the first changeset and 05_upgrade brings them to the learner's")
    void afterTheWalkthrough() throws IOException {
        try (ScratchProject learner = Learner.copyAt(LessonState.APPLIED); ScratchProject clone = ScratchProject.copyAsIs(learner.root())) {
            Files.delete(clone.path("library.db"));
            Result create = clone.jbang("steps/01_create.java");
            Learner.assertExit(0, create);
            Learner.assertShows(create, "Tables created as they were before the changelog's first changeset (the models, less column books.genre).");
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(clone.path("library.db"), "books"));
            Learner.assertExit(0, clone.jbang("steps/05_upgrade.java"));
            assertEquals(schema(learner.path("library.db")), schema(clone.path("library.db")));
            assertEquals(List.of("0001-1"), history(clone.path("library.db")));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(clone.path("library.db")));
        }
    }

    @Test
    @DisplayName("a changeset whose column library.db already has: the cause and the two ways out, exit 1, nothing changed")
    void duplicateColumn() {
        try (ScratchProject project = Learner.copyAt(LessonState.PENDING)) {
            Path database = project.path("library.db");
            Outsider.execute(database, "ALTER TABLE books ADD COLUMN genre VARCHAR(50)");
            List<String> before = ReadBack.everything(database);
            Result upgrade = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(1, upgrade);
            Messages.assertRefused(upgrade, 1, Messages.ALREADY_THERE);
            Learner.assertShows(upgrade, "./jbang liquibase changelog-sync");
            Learner.assertShows(upgrade, "mv library.db library.db.bak && ./jbang steps/01_create.java && ./jbang steps/05_upgrade.java");
            assertTrue(!upgrade.output().contains("Something went wrong"), upgrade.output());
            Messages.assertNoStackTrace(upgrade);
            // Liquibase's own tables are made on the first run; the learner's tables and rows stay as they were.
            assertEquals(withoutLiquibase(before), withoutLiquibase(ReadBack.everything(database)));
            assertEquals(List.of(), history(database), "nothing recorded");
        }
    }

    @Test
    @DisplayName("a changeset whose index library.db already has: the same message, naming the index")
    void duplicateIndex() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            Path database = project.path("library.db");
            Outsider.execute(database, "CREATE INDEX ix_books_title ON books(title)");
            NativeAlterTableTest.changesets(project, NativeAlterTableTest.INDEX_ON_TITLE);
            List<String> before = ReadBack.everything(database);
            Result upgrade = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(1, upgrade);
            Learner.assertShows(upgrade, "library.db already has index ix_books_title, which changeset 0001-1 (changelog/changes/0001_test.yaml) adds.");
            Messages.assertNoStackTrace(upgrade);
            assertEquals(withoutLiquibase(before), withoutLiquibase(ReadBack.everything(database)));
        }
    }

    static List<String> withoutLiquibase(List<String> everything) {
        return everything.stream().filter(row -> !row.contains("DATABASECHANGELOG")).toList();
    }

    @Test
    @DisplayName("check mastery: the teammate item passes after the walkthrough, and fails naming a column added by hand and never described, "
            + "or the changeset not applied yet")
    void masteryTeammateItem() throws java.io.IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Learner.initGit(project); // everything committed
            Result passing = project.jbang("check", "mastery");
            Learner.assertShows(passing, "[x] a teammate's clone of your project (01_create, then 05_upgrade) gets your schema and history");
            assertFalse(passing.shown().contains("[!]"), passing.shown());
            Outsider.execute(project.path("library.db"), "ALTER TABLE books ADD COLUMN shelf TEXT");
            // and a model edit not committed: a real clone would not have it; a committed file deleted here: a real clone still has it.
            Files.writeString(project.path(Learner.MODELS), "// not committed\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(project.path("changelog/notes.md"), "the team's notes\n");
            Learner.git(project, "add", "changelog/notes.md");
            Learner.git(project, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "notes");
            Files.delete(project.path("changelog/notes.md"));
            Result failing = project.jbang("check", "mastery");
            Learner.assertExit(1, failing);
            Learner.assertShows(failing, "[ ] a teammate's clone of your project (01_create, then 05_upgrade) gets your schema and history: "
                    + "the clone's library.db differs from yours");
            Learner.assertShows(failing, "only in yours: shelf TEXT NULL");
            Learner.assertShows(failing, "[!] a real clone gets only what you commit, and git has not got these yet: steps/models/Models.java "
                    + "(Explain it 4 commits them)");
            Learner.assertShows(failing, "[!] deleted here but not in a commit, so a real clone still gets it: changelog/notes.md (git rm "
                    + "changelog/notes.md, then commit; or git checkout HEAD -- changelog/notes.md to have it back)");
            assertFalse(failing.shown().contains("git has not got these yet: steps/models/Models.java, "), failing.shown());
        }
        // A changeset not applied in your library.db: the clone applies it, so the two differ by design, and the way is the upgrade.
        try (ScratchProject project = Learner.copyAt(LessonState.PENDING)) {
            Result pending = project.jbang("check", "mastery");
            Learner.assertExit(1, pending);
            Learner.assertShows(pending, "[ ] a teammate's clone of your project (01_create, then 05_upgrade) gets your schema and history: "
                    + "1 changeset of the changelog is not applied yet (changelog/changes/0001_add_genre_column_to_books.yaml): a clone applies it, "
                    + "so it would differ from your library.db. Apply it first (./jbang steps/05_upgrade.java)");
            assertFalse(pending.shown().contains("made by hand"), pending.shown());
        }
    }
}
