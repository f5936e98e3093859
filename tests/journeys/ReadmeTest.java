package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/** The guide holds: every command it shows runs, and prints what the guide says it prints. */
@Tag("readme")
// docs/postgres.md's ./jbang postgres runs here too: not beside PostgresToolTest, which finds no server nor data folder left on the
// machine once its own have gone (run side by side, one saw the other's).
@org.junit.jupiter.api.parallel.ResourceLock("postgres")
class ReadmeTest {

    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    static String readme() throws IOException {
        return Files.readString(Learner.projectRoot().resolve("README.md"));
    }

    /** A reference page of docs/, e.g. page("troubleshooting"). */
    static String page(String name) throws IOException {
        return Files.readString(Learner.projectRoot().resolve("docs/" + name + ".md"));
    }

    /** The whole guide: the lesson (README.md), then every page of docs/ in name order. */
    static String guide() throws IOException {
        StringBuilder guide = new StringBuilder(readme());
        try (var pages = Files.list(Learner.projectRoot().resolve("docs"))) {
            for (var page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                guide.append("\n").append(Files.readString(page));
            }
        }
        return guide.toString();
    }

    /** The words of a command line, with double quotes grouping words as the shell does. */
    static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(commandLine);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }

    /** The fenced block that follows a marker comment such as <!-- test: own postgres -->. */
    static String blockAfter(String marker) throws IOException {
        String readme = guide();
        int at = readme.indexOf(marker);
        assertTrue(at >= 0, "the README has " + marker);
        Matcher block = FENCE.matcher(readme);
        assertTrue(block.find(at), "a fenced block follows " + marker);
        return block.group(2);
    }

    /** The ./jbang command lines of the block after a marker. */
    static List<String> commandsAfter(String marker) throws IOException {
        return blockAfter(marker).lines().map(String::strip).filter(line -> line.startsWith("./jbang ")).toList();
    }

    @Test
    @DisplayName("every ./jbang command the README and docs/ give outside the journey runs after the walkthrough, as documented (exit 0; check, drift and lint 0 or 1; reset asks), no stack trace")
    void everyOtherCommandRuns() throws IOException {
        List<String> commandLines = new ArrayList<>();
        // The walkthrough's and the exercises' commands are JourneyTest's: they run there, in the README's order,
        // with their exit codes and output.
        String guide = guide();
        String others = guide.substring(0, guide.indexOf("<!-- walkthrough"))
                + guide.substring(guide.indexOf("<!-- /walkthrough -->"), guide.indexOf("<!-- journey: the exercises"))
                + guide.substring(guide.indexOf("<!-- /journey -->"));
        Matcher block = FENCE.matcher(others);
        while (block.find()) {
            if (block.group(1).equals("bash")) {
                block.group(2).lines().map(line -> line.replaceAll("\\s+#.*$", "").strip())
                        .filter(line -> line.startsWith("./jbang "))
                        .filter(line -> !line.startsWith("./jbang test")) // this very suite
                        // They need a PostgreSQL server: PostgresStepsTest runs them against its own.
                        .filter(line -> !line.contains("jdbc:postgresql:"))
                        .forEach(commandLines::add);
            }
        }
        assertTrue(commandLines.contains("./jbang liquibase history"), "found the README's commands: " + commandLines);
        // Starting over ends any session, so the reset commands run last, on what the others left.
        List<String> ordered = new ArrayList<>(commandLines.stream().filter(line -> !line.startsWith("./jbang reset")).toList());
        commandLines.stream().filter(line -> line.startsWith("./jbang reset")).forEach(ordered::add);
        try (ScratchProject project = Learner.freshCopy()) {
            Learner.initGit(project); // a learner's clone: reset compares with it
            LessonState.APPLIED.restoreInto(project);
            for (String commandLine : ordered) {
                List<String> words = words(commandLine);
                // explore: the README's line, then two of the steps' blocks it offers, each run whole by /open.
                Path blocks = project.root().resolve(".tutorial/blocks");
                Result result = words.get(1).equals("explore")
                        ? project.jbangWithInput("sql(\"PRAGMA table_info(books)\")\nsql(\"SELEC 1\")\nsql(\"UPDATE books SET title = title WHERE id = 99\")\n/open " + blocks.resolve("06_verify.jsh")
                                + "\n/open " + blocks.resolve("02_setup.jsh") + "\n/open " + blocks.resolve("07_rollback.jsh")
                                + "\n/open " + blocks.resolve("05_upgrade.jsh") + "\n/exit\n", "explore")
                        : project.jbang(words.subList(1, words.size()).toArray(String[]::new));
                if (List.of("check", "drift", "lint").contains(words.get(1))) { // documented: exit 1 for "not yet" or findings
                    assertTrue(result.exitCode() <= 1, () -> commandLine + " exited " + result.exitCode() + ":\n" + result.output());
                } else if (words.get(1).equals("reset") && !words.contains("--yes")) { // asks first; no one answers here
                    Learner.assertExit(1, result);
                    Learner.assertShows(result, "Nothing was changed.");
                } else {
                    Learner.assertExit(0, result);
                }
                assertFalse(result.output().contains("Exception"), () -> commandLine + " printed a stack trace:\n" + result.output());
                // Into a pipe, as here: no colour codes, JBang's own output (alias list, --help) included.
                assertFalse(result.output().contains("\u001b["), () -> commandLine + " printed colour codes into a pipe:\n" + result.output());
                if (words.get(1).equals("explore")) {
                    Learner.assertShows(result, "2 | author_id | INTEGER | 0 | null | 0");
                    // A typo in the SQL: the database's words on one line (no stack trace: asserted above for every command).
                    Learner.assertShows(result, "The database refused it: [SQLITE_ERROR] SQL error or missing database (near \"SELEC\": syntax error)");
                    // A statement that could take values away (an UPDATE, here of no row): a copy first, with its cp.
                    assertTrue(java.util.regex.Pattern.compile("A copy of library.db as it is now is kept in (\\S+): copy it back to undo this "
                            + "statement \\(cp \\1 library.db\\)\\.\n0 row\\(s\\) changed").matcher(result.output()).find(), result.output());
                    // 06's block: the columns from PRAGMA and the books; 02's: Liquibase's history of library.db.
                    Learner.assertShows(result, "PRAGMA table_info(books) lists these columns:\n[id, title, author_id");
                    Learner.assertShows(result, "  1 | The Pragmatic Programmer     | David Thomas");
                    Learner.assertShows(result, "Liquibase History for jdbc:sqlite:");
                    Learner.assertShows(result, "| Deployment ID | Update Date");
                    assertFalse(result.output().contains("INFO:"), () -> "Liquibase's log stays quiet in explore:\n" + result.output());
                    // 07's block with its count, then 05's: each with a copy of library.db kept first, as the steps keep one.
                    Learner.assertShows(result, "Rolling Back Changeset: changelog/changes/0001_add_genre_column_to_books.yaml::0001-1::learner");
                    Learner.assertShows(result, "Running Changeset: changelog/changes/0001_add_genre_column_to_books.yaml::0001-1::learner");
                    java.util.regex.Matcher kept = java.util.regex.Pattern.compile("A copy of library.db as it is now is kept in (\\S+): copy it "
                            + "back to undo this block \\(cp \\1 library.db\\)\\.").matcher(result.output());
                    assertTrue(kept.find(), result.output());
                    assertTrue(ReadBack.columnNames(project.path(kept.group(1)), "books").contains("genre"), "the copy before the rollback");
                    assertTrue(ReadBack.columnNames(project.path("library.db"), "books").contains("genre"), "rolled back, then applied again");
                    // Left for another explore open beside this one, which may be using them (written anew at each start).
                    assertTrue(Files.exists(blocks.resolve("06_verify.jsh")), "explore leaves the blocks to the other sessions");
                }
            }
        }
    }

    @Test
    @DisplayName("every command of the lesson can be copied as it stands: in a bash block, no $ prompt; each output shown follows its one command")
    void commandsCopyAsTheyStand() throws IOException {
        String readme = readme();
        int walkthrough = readme.indexOf("<!-- walkthrough");
        int walkthroughEnd = readme.indexOf("<!-- /walkthrough -->");
        Matcher block = FENCE.matcher(readme);
        String previous = null;
        int outputs = 0;
        while (block.find()) {
            String kind = block.group(1);
            String text = block.group(2);
            assertFalse(kind.equals("console"), () -> "a console transcript mixes the command with its output:\n" + text);
            if (kind.equals("bash")) {
                assertFalse(text.lines().anyMatch(line -> line.startsWith("$ ")), () -> "a $ prompt pasted would fail:\n" + text);
            }
            if (kind.equals("text")) {
                String command = previous;
                assertTrue(command != null && command.lines().filter(line -> !line.isBlank()).count() == 1,
                        () -> "output shown after a block of one command, its own:\n" + command + "\n" + text);
                if (block.start() > walkthrough && block.start() < walkthroughEnd) {
                    outputs++;
                }
            }
            previous = kind.equals("bash") ? text : null;
        }
        assertEquals(8, outputs, "the walkthrough shows each of the seven steps' output, and step 5's preview");
    }

    @Test
    @DisplayName("every page of docs/ is linked from the lesson, and every link to docs/ (from the lesson or a page) leads to a page")
    void docsAreLinked() throws IOException {
        List<String> pages;
        try (var files = Files.list(Learner.projectRoot().resolve("docs"))) {
            pages = files.map(file -> "docs/" + file.getFileName()).filter(name -> name.endsWith(".md")).sorted().toList();
        }
        String readme = readme();
        for (String page : pages) {
            assertTrue(readme.contains("](" + page), "README links " + page);
        }
        Matcher link = Pattern.compile("\\]\\((docs/[^)#]+|[a-z-]+\\.md|\\.\\./README\\.md)").matcher(guide());
        while (link.find()) {
            String target = link.group(1).replace("../", "");
            String path = target.startsWith("docs/") || target.equals("README.md") ? target : "docs/" + target;
            assertTrue(Files.exists(Learner.projectRoot().resolve(path)), "a link leads to " + path + ", which exists");
        }
    }

    /** The README without its code blocks: the lesson's prose. */
    static String prose() throws IOException {
        return FENCE.matcher(readme()).replaceAll("");
    }

    @Test
    @DisplayName("words of the trade are explained in the prose where they first appear: drift, and the baseline a teammate's 01_create stands for")
    void wordsExplainedWhereTheyFirstAppear() throws IOException {
        String prose = prose();
        Map<String, String> explained = Map.of("drift", "*Drift* means ", "baseline", "`changelog-sync` on its existing database");
        explained.forEach((word, explanation) -> {
            String first = java.util.Arrays.stream(prose.split("\n\\s*\n"))
                    .filter(paragraph -> paragraph.toLowerCase().contains(word)).findFirst().orElseThrow();
            assertTrue(first.contains(explanation), () -> "the first mention of " + word + " says what it is:\n" + first);
        });
    }

    @Test
    @DisplayName("the README's prose stays under 2,300 words (outside code blocks): reference goes to docs/, the lesson stays short")
    void proseStaysShort() throws IOException {
        // 2,573 before the steps' blocks came in; each block came with less prose, not more.
        long words = Pattern.compile("\\S+").matcher(prose()).results().count();
        assertTrue(words < 2300, "the README has " + words + " words of prose; move reference material to a page of docs/");
    }

    @Test
    @DisplayName("step 1 shows the models as they are in Models.java, line for line")
    void modelsShownAreTheModels() throws IOException {
        String shown = blockAfter("<!-- test: the models -->");
        String models;
        try (ScratchProject fresh = Learner.freshCopy()) { // the models at the lesson's start, whatever the learner has done
            models = Files.readString(fresh.path(Learner.MODELS));
        }
        assertTrue(models.contains(shown), () -> "README's models block is not in " + Learner.MODELS + ":\n" + shown);
        assertTrue(shown.contains("table(\"authors\")") && shown.contains("table(\"books\")"), "both tables shown");
    }

    @Test
    @DisplayName("the README shows each step's copy-paste block as it is in the step's file, line for line; all seven have one")
    void blocksShownAreTheSteps() throws IOException {
        List<String> withBlocks = new ArrayList<>();
        for (tutorial.project.CopyPasteBlock block : tutorial.project.CopyPasteBlock.ofSteps(Learner.projectRoot())) {
            String name = "steps/" + block.step().getFileName();
            withBlocks.add(name);
            String inFile = block.lines().stream().map(line -> line + "\n").reduce("", String::concat);
            assertEquals(inFile, blockAfter("<!-- test: block " + name + " -->"), "README's block of " + name);
        }
        assertEquals(List.of("steps/01_create.java", "steps/02_setup.java", "steps/03_change_model.java", "steps/04_autogenerate.java",
                "steps/05_upgrade.java", "steps/06_verify.java", "steps/07_rollback.java"), withBlocks);
    }

    @Test
    @DisplayName("the README's exercise table is the one list of exercises: every id, section and task, in order")
    void exerciseIndexIsTheList() throws IOException {
        String readme = readme();
        List<String> rows = readme.lines().filter(line -> line.matches("\\| `[a-z]+-\\d` \\| .*")).toList();
        List<String> expected = tutorial.exercises.Exercises.ALL.stream()
                .map(exercise -> "| `" + exercise.id() + "` | " + exercise.section() + " | " + exercise.task() + " |").toList();
        assertEquals(expected, rows);
    }
}
