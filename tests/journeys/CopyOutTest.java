package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.CopyPasteBlock;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * What a learner copies runs on its own. Each step's block (between `// copy-paste: begin` and
 * `// copy-paste: end`) is written into a standalone JBang script that has the step's own
 * java.* and liquibase.* imports, //DEPS on liquibase-core and sqlite-jdbc only (the versions
 * the tutorial pins), and, for 01, the models; the two settings docs/your-project.md has a learner
 * add (usage reports off, native access); none of the tutorial's services. It runs in a
 * scratch copy at its point of the walkthrough, and what it did is read back with PRAGMA and
 * from DATABASECHANGELOG, beside what the step itself does from the same point.
 */
@Tag("liquibase")
class CopyOutTest {

    private static final Pattern DEPS = Pattern.compile("^//DEPS (\\S+)$", Pattern.MULTILINE);
    private static final String GENRE_FILE = "changelog/changes/0001_add_genre_column_to_books.yaml";

    /**
     * The step's block as a script of its own: the step's imports of java.* and liquibase.* (and
     * the models, where the block names them), the block as the body of main, and //DEPS on
     * liquibase-core and sqlite-jdbc as the tutorial pins them.
     */
    static String standalone(ScratchProject project, String step, boolean withModels) throws IOException {
        Path file = project.path(step);
        StringBuilder script = new StringBuilder("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\n//JAVA 17+\n");
        for (String pinned : List.of("steps/tutorial/liquibase/Migrations.java", "steps/tutorial/database/LibraryDatabase.java")) {
            Matcher deps = DEPS.matcher(Files.readString(project.path(pinned)));
            assertTrue(deps.find(), pinned + " pins a dependency");
            script.append("//DEPS ").append(deps.group(1)).append('\n');
        }
        if (withModels) {
            script.append("//DEPS models/Models.java\n"); // the models library, as the steps name it (Table.java comes with it)
        }
        CopyPasteBlock block = CopyPasteBlock.of(file).orElseThrow(() -> new AssertionError(step + " has a copy-paste block"));
        block.imports().forEach(line -> script.append(line).append('\n'));
        // The two settings docs/your-project.md has a learner make around a block, as the steps make them.
        script.append("//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED\n");
        script.append("\nclass CopiedOut {\n    public static void main(String[] args) throws Exception {\n");
        script.append("        System.setProperty(\"liquibase.analytics.enabled\", \"false\");\n");
        block.lines().forEach(line -> script.append(line).append('\n'));
        return script.append("    }\n}\n").toString();
    }

    /**
     * Writes the step's block as steps/copied_out.java of the copy (beside the models) and runs it
     * with these arguments, as the tutorial hands them to the block.
     */
    static Result runCopiedOut(ScratchProject project, String step, boolean withModels, String... arguments) throws IOException {
        Path script = project.path("steps/copied_out.java");
        Files.writeString(script, standalone(project, step, withModels));
        List<String> command = new ArrayList<>(List.of("steps/copied_out.java"));
        command.addAll(List.of(arguments));
        Result result = project.jbang(command.toArray(String[]::new));
        Learner.assertExit(0, result);
        String copied = Files.readString(script);
        assertFalse(copied.contains("tutorial.liquibase") || copied.contains("tutorial.lesson") || copied.contains("tutorial.project"),
                "nothing of the tutorial's machinery in the copied script");
        return result;
    }

    /** What the steps that run Liquibase hand their block: library.db's URL, the project folder, an empty user and password. */
    static String[] urlFolderUserPassword(ScratchProject project, String... more) {
        List<String> arguments = new ArrayList<>(List.of(url(project), project.root().toString(), "", ""));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    static String url(ScratchProject project) {
        return "jdbc:sqlite:" + project.path("library.db");
    }

    private static List<String> record(Path database) {
        return ReadBack.rows(database, "SELECT ID, AUTHOR, FILENAME, MD5SUM, EXECTYPE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
    }

    private static List<String> tables(Path database) {
        return ReadBack.rows(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    @Test
    @DisplayName("01_create's block, copied out with the models: the tables and the three books, as the step makes them; run again, it adds nothing")
    void createRunsAlone() throws IOException {
        try (ScratchProject project = Learner.freshCopy()) {
            Result created = runCopiedOut(project, "steps/01_create.java", true, url(project));
            Learner.assertShows(created, "Tables created. Sample data inserted.");
            Path library = project.path("library.db");
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(library));
            assertEquals(List.of("authors", "books"), tables(library));
            // Run twice, as create_all() may be: the tables are there, so nothing is created and no book added.
            Result again = runCopiedOut(project, "steps/01_create.java", true, url(project));
            Learner.assertShows(again, "The tables exist already: no table created, no book added.");
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(library));
            try (ScratchProject stepMade = Learner.copyAt(LessonState.CREATED)) {
                assertEquals(ReadBack.columns(stepMade.path("library.db"), "books"), ReadBack.columns(library, "books"),
                        "the same columns, types and constraints as 01_create's");
                assertEquals(ReadBack.columns(stepMade.path("library.db"), "authors"), ReadBack.columns(library, "authors"));
            }
        }
    }

    @Test
    @DisplayName("02_setup's block, copied out: Liquibase's history of library.db, empty at the start and creating no table, then the genre changeset")
    void historyRunsAlone() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            Result empty = runCopiedOut(project, "steps/02_setup.java", false, urlFolderUserPassword(project));
            Learner.assertShows(empty, "No changesets deployed");
            assertEquals(List.of("authors", "books"), tables(project.path("library.db")), "history creates no Liquibase table");
        }
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Result applied = runCopiedOut(project, "steps/02_setup.java", false, urlFolderUserPassword(project));
            Learner.assertShows(applied, GENRE_FILE);
            Learner.assertShows(applied, "0001-1");
        }
    }

    @Test
    @DisplayName("03_change_model's and 04_autogenerate's blocks, copied out with the models: Liquibase's diff names genre; diffChangelog writes its addColumn")
    void diffRunsAlone() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.EDITED)) {
            // genre written before author_id in the models: SQLite adds it last all the same, and the blocks leave column order out
            // of the comparison, as the steps do (copied without it, diff said author_id's order changed from 4 to 3).
            Path models = project.path(Learner.MODELS);
            String edited = Files.readString(models);
            String authorLine = edited.lines().filter(line -> line.contains(".column(\"author_id\"")).findFirst().orElseThrow();
            String genreLine = edited.lines().filter(line -> line.contains(".column(\"genre\"")).findFirst().orElseThrow();
            Files.writeString(models, edited.replace(authorLine + "\n" + genreLine, genreLine + "\n" + authorLine));
            Result diff = runCopiedOut(project, "steps/03_change_model.java", true, url(project));
            Learner.assertShows(diff, "Missing Column(s): \n     books.genre");
            assertFalse(diff.output().contains("order changed"), diff.output());
            Path written = project.path("proposed.yaml");
            runCopiedOut(project, "steps/04_autogenerate.java", true, url(project), "learner", written.toString());
            String changeset = Files.readString(written);
            assertTrue(changeset.contains("addColumn") && changeset.contains("name: genre") && changeset.contains("tableName: books")
                    && changeset.contains("author: learner"), changeset);
            assertFalse(changeset.contains("author_id"), "nothing about author_id's place:\n" + changeset);
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(project.path("library.db"), "books"),
                    "a diff changes nothing");
        }
    }

    /**
     * 05's block without the tutorial's services: stock Liquibase adds the column by rebuilding
     * the table (SQLite's ADD COLUMN is the tutorial's NativeAlterTable), so the schema and the
     * record come out the same, but books' CREATE statement is Liquibase's, not the models' with
     * the column appended.
     */
    @Test
    @DisplayName("05_upgrade's block, copied out: genre added and recorded as the step records it (stock Liquibase rebuilds the table to add it)")
    void upgradeRunsAlone() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.PENDING);
             ScratchProject stepMade = Learner.copyAt(LessonState.APPLIED)) {
            runCopiedOut(project, "steps/05_upgrade.java", false, urlFolderUserPassword(project));
            Path library = project.path("library.db");
            Path steps = stepMade.path("library.db");
            assertEquals(ReadBack.columnNames(steps, "books"), ReadBack.columnNames(library, "books"));
            assertTrue(ReadBack.columnNames(library, "books").contains("genre"));
            List<String> ran = record(library);
            assertEquals(record(steps), ran, "the same changeset, path and checksum in DATABASECHANGELOG");
            assertTrue(ran.get(0).startsWith("0001-1 | learner | " + GENRE_FILE + " | "), ran.toString());
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(library));
            String bySteps = createStatement(steps);
            String byStock = createStatement(library);
            // SQLite's ADD COLUMN writes the column into the table's own CREATE text, after the last column.
            assertTrue(bySteps.contains("author_id INTEGER, genre VARCHAR(50), PRIMARY KEY (id)"), "the steps add the column in place: " + bySteps);
            assertFalse(byStock.contains("author_id INTEGER, genre VARCHAR(50), PRIMARY KEY (id)"), "stock Liquibase rebuilt the table: " + byStock);
            // The stock CLI outside the tutorial, as docs/tools.md types it (JBang's own launcher, the dependencies from Maven
            // Central), on the database the copied block upgraded: up to date.
            String typed = ReadmeTest.page("tools").lines().dropWhile(line -> !line.startsWith("jbang --deps info.picocli:picocli:"))
                    .limit(2).collect(java.util.stream.Collectors.joining(" ")).replace("\\", " ");
            List<String> words = List.of(typed.strip().split("\\s+"));
            assertEquals("status", words.get(words.size() - 1), typed);
            Result stock = project.jbang(words.subList(1, words.size()).toArray(String[]::new));
            Learner.assertExit(0, stock);
            Learner.assertShows(stock, "null@jdbc:sqlite:library.db is up to date");
        }
    }

    @Test
    @DisplayName("06_verify's block, copied out: PRAGMA table_info(books) and the books, as the step prints them")
    void verifyRunsAlone() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Result verified = runCopiedOut(project, "steps/06_verify.java", false, url(project));
            Result step = project.jbang("steps/06_verify.java");
            assertTrue(step.shown().endsWith(verified.shown()), "the step prints what its block prints:\n" + step.shown() + "\n---\n" + verified.shown());
            Learner.assertShows(verified, "[id, title, author_id, genre]");
        }
    }

    @Test
    @DisplayName("07_rollback's block, copied out: the genre changeset rolled back, column and record gone, every book kept")
    void rollbackRunsAlone() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED);
             ScratchProject stepMade = Learner.copyAt(LessonState.ROLLED_BACK)) {
            runCopiedOut(project, "steps/07_rollback.java", false, urlFolderUserPassword(project, "1"));
            Path library = project.path("library.db");
            assertEquals(ReadBack.columnNames(stepMade.path("library.db"), "books"), ReadBack.columnNames(library, "books"));
            assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(library, "books"));
            assertEquals(List.of(), record(library));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(library));
        }
    }

    private static String createStatement(Path database) {
        return ReadBack.rows(database, "SELECT sql FROM sqlite_master WHERE name = 'books'").get(0).replaceAll("\\s+", " ");
    }
}
