package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.exercises.Exercise;
import tutorial.exercises.Exercises;

/**
 * The course's own lint, as Rustlings' dev check and Exercism's build hold their exercises: what the catalog, the steps, the
 * machinery and the one list of exercises promise of each other, read from the files (no step runs: every other class runs them).
 */
@Tag("quick")
class CourseTest {

    private static final Path ROOT = Learner.projectRoot();

    /** The catalog's aliases, name to {script-ref, description}, in the file's order (JSON is YAML: Liquibase's SnakeYAML reads it). */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> aliases() throws IOException {
        Map<String, Object> catalog = new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve("jbang-catalog.json")));
        return new LinkedHashMap<>((Map<String, Map<String, String>>) catalog.get("aliases"));
    }

    private static List<Path> javaFiles(String folder) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    @DisplayName("every alias of jbang-catalog.json names a script that is there, under a name JBang takes, described as the script describes itself; "
            + "every step and tool is an alias")
    void catalogAndScriptsAgree() throws IOException {
        Map<String, Map<String, String>> aliases = aliases();
        assertFalse(aliases.isEmpty(), "the catalog has aliases");
        List<String> listed = new ArrayList<>();
        aliases.forEach((name, alias) -> {
            assertTrue(name.matches("[a-zA-Z][-\\w]*"), () -> name + ": JBang's alias names start with a letter");
            Path script = ROOT.resolve(alias.get("script-ref"));
            assertTrue(Files.isRegularFile(script), () -> name + " names " + alias.get("script-ref") + ", which is not there");
            String description;
            try {
                description = Files.readString(script).lines().filter(line -> line.startsWith("//DESCRIPTION "))
                        .map(line -> line.substring("//DESCRIPTION ".length())).findFirst().orElse(null);
            } catch (IOException unreadable) {
                throw new AssertionError(unreadable);
            }
            assertEquals(description, alias.get("description"), () -> name + ": the catalog's description is the script's //DESCRIPTION");
            listed.add(ROOT.relativize(script.normalize()).toString().replace('\\', '/'));
        });
        List<String> scripts = new ArrayList<>();
        for (String folder : List.of("steps", "steps/tools")) {
            javaFiles(folder).forEach(file -> scripts.add(ROOT.relativize(file).toString().replace('\\', '/')));
        }
        assertEquals(List.of(), scripts.stream().filter(script -> !listed.contains(script)).toList(), "steps and tools without an alias");
        assertEquals(7, scripts.stream().filter(script -> script.matches("steps/0[1-7]_\\w+\\.java")).count(), "seven steps");
    }

    @Test
    @DisplayName("each step is a notebook page: its first lines say what it is, one copy-paste block, and a main that names its options and "
            + "hands the block to the one call that frames it")
    void stepsAreNotebookPages() throws IOException {
        Pattern afterStart = Pattern.compile("\\.start\\(args\\);\\n(.*?)\\n    }\\n", Pattern.DOTALL);
        for (Path step : javaFiles("steps")) {
            String page = Files.readString(step);
            String name = step.getFileName().toString();
            assertTrue(page.startsWith("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\n//JAVA 17+\n"), name + ": runs by its #! line, Java 17 or newer");
            assertTrue(page.contains("\n//DESCRIPTION Step "), name + " says which step it is");
            assertEquals(1, page.split("// copy-paste: begin", -1).length - 1, name + ": one block begins");
            assertEquals(1, page.split("// copy-paste: end", -1).length - 1, name + ": one block ends");
            Matcher main = afterStart.matcher(page);
            assertTrue(main.find(), name + ": main starts the step");
            List<String> statements = main.group(1).lines().filter(line -> !line.isBlank() && !line.strip().startsWith("//")).toList();
            assertTrue(statements.size() == 1 && statements.get(0).matches("        \\w+\\.around\\(step, .*\\);"),
                    () -> name + ": after its options, main only hands its block to tutorial.steps (the page is its block), but has:\n"
                            + String.join("\n", statements));
            assertFalse(page.contains("import tutorial.liquibase.*;") || page.contains("import tutorial.project.*;"),
                    name + " names what it uses of the tutorial");
        }
    }

    @Test
    @DisplayName("every folder of the machinery is a package with its package-info, and Machinery.java's //SOURCES names each, and no other")
    void machineryIsBuiltWhole() throws IOException {
        String machinery = Files.readString(ROOT.resolve("steps/tutorial/Machinery.java"));
        TreeSet<String> named = new TreeSet<>();
        machinery.lines().filter(line -> line.startsWith("//SOURCES ")).flatMap(line -> Stream.of(line.substring("//SOURCES ".length()).split(" ")))
                .forEach(source -> named.add(source.replace("/*.java", "")));
        TreeSet<String> folders = new TreeSet<>();
        try (Stream<Path> found = Files.list(ROOT.resolve("steps/tutorial"))) {
            found.filter(Files::isDirectory).filter(folder -> !folder.getFileName().toString().equals("META-INF"))
                    .forEach(folder -> folders.add(folder.getFileName().toString()));
        }
        assertEquals(folders, named, "a folder //SOURCES leaves out is not built: its classes are missing at run time");
        for (String folder : folders) {
            Path info = ROOT.resolve("steps/tutorial").resolve(folder).resolve("package-info.java");
            assertTrue(Files.isRegularFile(info), folder + " says what it is for in its package-info.java");
            assertTrue(Files.readString(info).contains("package tutorial." + folder + ";"), folder + "'s package-info names its package");
        }
    }

    @Test
    @DisplayName("the one list of exercises: unique ids in order, each with a task, hints from gentle to the full answer, and a "
            + "solution whose files are there; every folder under exercises/ is one exercise's")
    void everyExerciseIsWhole() throws IOException {
        List<String> ids = Exercises.ALL.stream().map(Exercise::id).toList();
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "ids are unique: " + ids);
        List<String> used = new ArrayList<>();
        for (Exercise exercise : Exercises.ALL) {
            String id = exercise.id();
            assertTrue(id.matches("(alter|break|fix)-\\d"), id + ": the original lesson's ids");
            assertFalse(exercise.task().isBlank(), id + " has a task");
            assertTrue(exercise.hints().size() >= 2, id + ": a gentle hint, and the full answer last");
            assertFalse(exercise.solution().isEmpty(), id + " has a solution");
            for (Exercise.Action action : exercise.solution()) {
                String file = action instanceof Exercise.ModelLine line ? line.solutionFile()
                        : action instanceof Exercise.WriteNewestChangeset changeset ? changeset.solutionFile() : null;
                if (file != null) {
                    assertTrue(Files.isRegularFile(ROOT.resolve(file)), id + "'s solution reads " + file + ", which is not there");
                    assertTrue(file.startsWith("exercises/" + id + "/solution/"), id + "'s solution files are its own: " + file);
                    used.add(id);
                }
            }
        }
        try (Stream<Path> folders = Files.list(ROOT.resolve("exercises"))) {
            List<String> unused = folders.map(folder -> folder.getFileName().toString()).filter(folder -> !used.contains(folder)).sorted().toList();
            assertEquals(List.of(), unused, "folders under exercises/ that no exercise of the list reads");
        }
    }
}
