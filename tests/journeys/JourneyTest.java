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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.liquibase.Changelog;
import tutorial.project.Processes;
import tutorial.project.Project;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * The README followed from top to bottom by one learner in one folder: the walkthrough as shown,
 * then every exercise as the README tells the learner to do it, typed, never solved. Every
 * command, model line and changeset text comes from the README itself (or from the hint the
 * README sends the learner to), so the README cannot drift from the path it describes.
 *
 * How the README is read, in order:
 * <ul>
 * <li>the walkthrough (from {@code <!-- walkthrough}): every line of a {@code bash} block runs, and a
 * {@code text} block is what the command just before it must print, exactly; {@code <!-- test:
 * uncomment genre -->} is the learner's edit;</li>
 * <li>the exercises (from {@code <!-- journey: the exercises} to {@code <!-- /journey -->}):
 * {@code text} blocks as above, and every line of a {@code bash} block runs in bash, exiting 0
 * unless the line says otherwise in a comment ({@code # fails on purpose: exit N}, {@code # refuses:
 * exit N}, {@code # exit N: why}); a block after {@code <!-- journey: add to the books table -->} is added to the books
 * table of the models, a {@code diff} after {@code <!-- journey: change in the models -->} is
 * applied to them, a {@code yaml} after {@code <!-- journey: the newest changeset -->} becomes the
 * newest changeset file, {@code <!-- journey: the last hint's file -->} asks the last hint again
 * until its third, as the text there says, and writes the file it printed, a block after
 * {@code <!-- journey: type in explore -->} is typed into
 * ./jbang explore; a bash block that changes folder ({@code cd}) runs as one script, as pasted
 * into one terminal. No block is left out: one the journey cannot run is a defect of the lesson.</li>
 * </ul>
 * The learner's folder is a git clone of the lesson's start, and every command runs as on a fresh
 * machine (Learner.freshMachine: no git identity; explore with no Java preferences). At the end, with the
 * finished exercises committed as the README has the learner do, a suite of its own (LessonStartTest) and reset still
 * find the lesson's start.
 */
@Tag("journey")
@Tag("readme")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyTest {

    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("<!-- (test|journey): ([^>]*?) -->");
    private static final Pattern EXPECTED_EXIT = Pattern.compile("#\\s*(?:fails on purpose: |refuses: )?exit (\\d+)\\b");

    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.fresh();
    final ScratchProject project = copy.project();
    final Path database = copy.database();
    final Map<String, String> freshMachine = Learner.freshMachine(project);
    /** The output of the newest ./jbang hint, for the marker that types the file it printed. */
    String lastHint = "";
    /** The newest hint's command line, and how many times in a row it ran. */
    String lastHintLine = "";
    int hintsInARow;
    /** The newest command a bash block ran, and its result: what a text block after it shows. */
    String lastLine;
    Result lastResult;

    @Test
    @Order(1)
    @DisplayName("the walkthrough: every command of the README prints exactly the output the README shows")
    void walkthrough() throws IOException {
        Learner.initGit(project); // the learner's clone
        String readme = ReadmeTest.readme();
        int start = readme.indexOf("<!-- walkthrough");
        int end = readme.indexOf("<!-- /walkthrough -->");
        assertTrue(start >= 0 && end > start, "the README marks its walkthrough");
        int commands = follow(readme.substring(start, end));
        assertTrue(commands >= 7, "the walkthrough shows the seven steps (ran " + commands + " commands)");
        assertEquals(List.of("id", "title", "author_id"), ReadBack.columnNames(database, "books"), "the walkthrough ends rolled back");
    }

    @Test
    @Order(2)
    @DisplayName("the exercises, typed as the README says in the folder the walkthrough left: every block runs as documented")
    void exercises() throws IOException {
        String readme = ReadmeTest.readme();
        int start = readme.indexOf("<!-- journey: the exercises");
        int end = readme.indexOf("<!-- /journey -->");
        assertTrue(start >= 0 && end > start, "the README marks the exercises' journey");
        int commands = follow(readme.substring(start, end));
        assertTrue(commands >= 40, "the exercises give the commands of nine exercises (ran " + commands + ")");
    }

    @Test
    @Order(3)
    @DisplayName("at the end: all nine done, drift exits 0, autogenerate writes nothing, no book lost")
    void theEnd() throws IOException {
        Result check = project.jbang("check");
        Learner.assertExit(0, check);
        Learner.assertShows(check, "9 of 9 exercises done; walkthrough 4 of 4 milestones.");
        // The mastery check ran in the README's last block (exit 0, or the journey stops there).
        Result drift = project.jbang("drift");
        Learner.assertExit(0, drift);
        Learner.assertShows(drift, "No drift: the models and library.db agree.");
        List<String> files = Learner.files(project, "changelog/changes");
        Result generate = project.jbang("steps/04_autogenerate.java", "-m", "one more");
        Learner.assertExit(0, generate);
        Learner.assertShows(generate, "No changes detected: the models and library.db agree. No file written.");
        assertEquals(files, Learner.files(project, "changelog/changes"));
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        // fix-2 added isbn anew, so it now comes after notes: an order no migration needs to mend.
        assertEquals(List.of("id", "title", "author_id", "genre", "notes", "isbn"), ReadBack.columnNames(database, "books"));
    }

    @Test
    @Order(4)
    @DisplayName("with the finished exercises committed (Explain it 4), ./jbang test in the learner's folder still starts from the lesson's start: green")
    void suiteAfterTheLearnersCommit() {
        assertEquals("", Learner.git(project, "status", "--porcelain", "--", "steps", "changelog").strip(), "the README's commit took the exercises");
        // LessonStartTest, one step: its copy is the start, not the learner's work. (CI runs the whole suite so, once.)
        Result suite = project.jbangWith(freshMachine, "test", "LessonStart");
        Learner.assertExit(0, suite);
        assertTrue(suite.output().matches("(?s).*PASS LessonStartTest: .*\\n1 passed, 0 failed, 0 skipped\\s*"), suite.output());
        // Typed wrong, it ran nothing and said only "0 passed, 0 failed": now what was wrong, and what there is, exit 2.
        Result typo = project.jbangWith(freshMachine, "test", "--quik");
        Learner.assertExit(2, typo);
        Learner.assertShows(typo, "Unknown option --quik. Did you mean --quick?\nUsage: ./jbang test [--quick] [--serial]");
        Result noClass = project.jbangWith(freshMachine, "test", "Walktrough");
        Learner.assertExit(2, noClass);
        Learner.assertShows(noClass, "No test matches Walktrough. The test classes: ");
        Learner.assertShows(noClass, ", WalkthroughTest, ");
        Result help = project.jbangWith(freshMachine, "test", "--help");
        Learner.assertExit(0, help);
        Learner.assertShows(help, "  --quick          only the walkthrough and one exercise, end to end (about a minute)");
    }

    @Test
    @Order(5)
    @DisplayName("after that commit, reset puts back the lesson's start, not the learner's finished work")
    void resetAfterTheLearnersCommit() throws IOException {
        Learner.assertExit(0, project.jbangWith(freshMachine, "reset", "--yes"));
        String start = Learner.git(project, "rev-list", "--max-parents=0", "HEAD").strip();
        assertEquals("", Learner.git(project, "diff", start, "--", "steps", "changelog").strip(), "the models and changelog as the first commit has them");
        assertEquals(List.of(".gitkeep"), Learner.files(project, "changelog/changes"));
        assertFalse(Files.exists(database), "library.db moved aside");
    }

    /** Does what this part of the README says, block by block; returns how many commands ran. */
    int follow(String part) throws IOException {
        int commands = 0;
        int position = 0;
        Matcher block = FENCE.matcher(part);
        while (block.find()) {
            String before = part.substring(position, block.start());
            position = block.end();
            String kind = block.group(1);
            String text = block.group(2);
            List<String> markers = markers(before);
            if (markers.contains("uncomment genre")) {
                Learner.uncommentGenre(project);
            }
            if (markers.contains("the last hint's file")) {
                // What the journey does here, the learner is told to do in the text, not only in this comment.
                String said = before.substring(before.indexOf("the last hint's file")).replaceAll("\\s+", " ");
                assertTrue(said.contains("again until the third") && said.contains("as the last hint shows"),
                        () -> "the README says to ask for the third hint and write its file:\n" + said);
                while (hintsInARow < 3) {
                    run(lastHintLine);
                    commands++;
                }
                writeNewest(fileIn(lastHint));
            }
            if (markers.contains("add to the books table")) {
                addToBooks(text);
            } else if (markers.contains("change in the models")) {
                changeModels(text);
            } else if (markers.contains("the newest changeset")) {
                writeNewest(text);
            } else if (markers.contains("type in explore")) {
                // JShell's first run on a machine makes Java's preferences folder, and the JDK logs it. Java takes its
                // home from the system's user list, not HOME: a fresh one is given by property.
                Map<String, String> freshJava = new java.util.HashMap<>(freshMachine);
                freshJava.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + freshMachine.get("HOME"));
                Result explore = Processes.jbang(project.root(), project.root(), text + "\n/exit\n", freshJava, "explore");
                Learner.assertExit(0, explore);
                assertFalse(explore.output().contains("INFO:"), () -> "explore printed a log line:\n" + explore.output());
                // explore's own code compiled in JShell: an error there prints the code, messages and all, so
                // the answer below is looked for as a line of its own, and no error may show.
                assertFalse(explore.output().contains("Error:\n"), () -> "JShell reported an error:\n" + explore.output());
                // A change of the schema says so: "0 row(s) changed" would read as nothing done.
                if (text.strip().matches("(?s)sql\\(\"(ALTER|CREATE|DROP) .*")) {
                    assertTrue(explore.output().lines().anyMatch(line -> line.endsWith("done: the schema changed (no rows to count)")),
                            () -> "explore's answer to a change of the schema:\n" + explore.output());
                }
                commands++;
            } else if (kind.equals("text")) {
                output(text);
            } else if (kind.equals("bash")) {
                commands += bash(text);
            }
        }
        return commands;
    }

    static List<String> markers(String text) {
        List<String> markers = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            markers.add(marker.group(2));
        }
        return markers;
    }

    /** A text block: exactly what the command just before it printed (JBang's own lines left out). */
    void output(String shown) {
        assertTrue(lastResult != null, () -> "a text block follows the command it shows the output of:\n" + shown);
        assertEquals(shown.stripTrailing(), lastResult.shown().stripTrailing(), "output of " + lastLine);
        lastResult = null; // one text block per command
    }

    /** Each line of a bash block, run in bash in the project folder, as a learner pastes it. */
    int bash(String block) {
        if (block.lines().anyMatch(line -> line.matches("(.*&&\\s*)?\\s*cd\\b.*"))) {
            Result script = project.runWith(freshMachine, project.root(), List.of("bash", "-c", "set -e\n" + block));
            assertEquals(0, script.exitCode(), () -> "exit code of\n" + block + "output:\n" + script.output());
            Messages.assertNoStackTrace(script);
            lastResult = null; // a script's output is not one command's
            return (int) block.lines().filter(line -> !line.isBlank()).count();
        }
        int commands = 0;
        for (String line : block.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            run(line);
            commands++;
        }
        return commands;
    }

    /** Runs a command line; its exit code must be 0, or the one its comment says. */
    Result run(String line) {
        Matcher exit = EXPECTED_EXIT.matcher(line);
        int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        List<String> words = ReadmeTest.words(line.replaceAll("\\s+#.*$", ""));
        Result result;
        if (words.get(0).equals("./jbang")) {
            result = project.jbangWith(freshMachine, words.subList(1, words.size()).toArray(String[]::new));
        } else {
            result = project.runWith(freshMachine, project.root(), List.of("bash", "-c", line));
        }
        assertEquals(expected, result.exitCode(), () -> "exit code of " + line + ", output:\n" + result.output());
        Messages.assertNoStackTrace(result);
        if (words.size() > 1 && words.get(1).equals("hint")) {
            hintsInARow = line.equals(lastHintLine) ? hintsInARow + 1 : 1;
            lastHintLine = line;
            lastHint = result.shown();
        }
        lastLine = line;
        lastResult = result;
        return result;
    }

    /** The line(s) added at the end of the books table, before the semicolon that ends it. */
    void addToBooks(String lines) throws IOException {
        Path models = project.path(Learner.MODELS);
        List<String> text = new ArrayList<>(Files.readAllLines(models));
        int books = indexOf(text, "table(\"books\")", 0);
        int end = indexOf(text, ";", books);
        text.addAll(end, lines.stripTrailing().lines().toList());
        Files.write(models, text);
    }

    /** A diff of whole lines: each "-" line replaced by the "+" line that follows. */
    void changeModels(String diff) throws IOException {
        Path models = project.path(Learner.MODELS);
        String text = Files.readString(models);
        List<String> lines = diff.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            assertTrue(lines.get(i).startsWith("-") && lines.get(i + 1).startsWith("+"), "a diff of - and + lines: " + diff);
            String old = lines.get(i).substring(1);
            assertTrue(text.contains(old + "\n"), () -> Learner.MODELS + " has the line " + old);
            text = text.replace(old + "\n", lines.get(i + 1).substring(1) + "\n");
        }
        Files.writeString(models, text);
    }

    static int indexOf(List<String> lines, String content, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (content.equals(";") ? lines.get(i).strip().equals(";") : lines.get(i).contains(content)) {
                return i;
            }
        }
        throw new AssertionError("the models have no " + content + " line after line " + from);
    }

    /** The changeset file a hint printed: its indented lines from the first YAML comment on. */
    static String fileIn(String hint) {
        List<String> lines = hint.lines().toList();
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s{6}# .*") && i + 2 < lines.size() && lines.get(i + 2).contains("databaseChangeLog:")) {
                first = i;
                break;
            }
        }
        assertTrue(first >= 0, "the last hint prints a changeset file:\n" + hint);
        StringBuilder file = new StringBuilder();
        for (int i = first; i < lines.size() && lines.get(i).startsWith("      "); i++) {
            file.append(lines.get(i).substring(6)).append('\n');
        }
        return file.toString();
    }

    /** The newest changeset of the chain (the one revision just started) made to read as given, with its own id. */
    void writeNewest(String yaml) throws IOException {
        Changelog changelog = new Changelog(new Project(project.root(), new java.util.Properties()));
        List<String> includes = changelog.includes();
        Path file = changelog.master().resolveSibling(includes.get(includes.size() - 1)).normalize();
        assertTrue(Files.readString(file).contains("changes: []"), () -> file + " is the empty changeset revision started");
        String number = file.getFileName().toString().substring(0, 4);
        String text = yaml.replaceAll("(?m)^(\\s*id: )\\S+$", "$1" + number + "-1")
                .replaceAll("(?m)^(- logicalFilePath: changelog/changes/)NNNN_", "$1" + number + "_");
        assertFalse(text.contains("NNNN"), text);
        assertTrue(text.contains("- logicalFilePath: changelog/changes/" + file.getFileName() + "\n"), () -> "the file names itself:\n" + text);
        Files.writeString(file, text);
    }
}
