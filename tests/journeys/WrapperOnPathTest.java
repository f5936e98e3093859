package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * ./jbang hands over to a jbang on the PATH, but never to a copy of itself: with two clones of the
 * project on the PATH, each would find the other first and hand over forever. jbang.cmd's side
 * of the same is in WindowsTest. And a learner's own JBang, with no wrapper at all, builds and
 * runs the steps as ./jbang does: the machinery and the models are JBang source dependencies.
 */
@Tag("wrapper")
class WrapperOnPathTest {

    @Test
    @DisplayName("two clones on the PATH, then the learner's own jbang: the clones are passed over and the learner's jbang runs")
    void clonesPassedOver() throws IOException {
        try (ScratchProject here = Learner.freshCopy(); ScratchProject other = Learner.freshCopy()) {
            Path own = Files.createTempDirectory("own-jbang-");
            try {
                Path jbang = own.resolve("jbang");
                Files.writeString(jbang, "#!/bin/sh\necho \"own jbang got: $*\"\nexit 6\n");
                Files.setPosixFilePermissions(jbang, PosixFilePermissions.fromString("rwxr-xr-x"));
                Map<String, String> environment = new HashMap<>();
                environment.put("PATH", String.join(":", other.root().toString(), here.root().toString(), own.toString(), System.getenv("PATH")));
                environment.put("JBANG_WRAPPER_NO_PATH", null);
                Result result = here.jbangWith(environment, "steps/01_create.java", "a b");
                Learner.assertExit(6, result);
                assertEquals("own jbang got: steps/01_create.java a b\n", result.output());
                // A step run by its own path: its first line hands it to the jbang on the PATH (the file is executable, as git keeps it).
                Result byPath = here.runWith(Map.of("PATH", own + ":" + System.getenv("PATH")), here.root(),
                        List.of("bash", "-c", "./steps/06_verify.java a"));
                Learner.assertExit(6, byPath);
                assertEquals("own jbang got: ./steps/06_verify.java a\n", byPath.output());
                // A jbang on the PATH that runs this wrapper again (a learner's one-line script): the wrapper runs the pinned
                // JBang itself, where the two handed over to each other forever.
                Files.writeString(jbang, "#!/bin/sh\nexec " + here.root().resolve("jbang") + " \"$@\"\n");
                Map<String, String> handsBack = new HashMap<>(Map.of("PATH", own + ":" + System.getenv("PATH")));
                handsBack.put("JBANG_WRAPPER_NO_PATH", null);
                Result back = tutorial.project.Processes.run(here.root(), List.of(here.root().resolve("jbang").toString(), "--version"), "",
                        handsBack, java.time.Duration.ofSeconds(90));
                Learner.assertExit(0, back);
                assertTrue(back.output().strip().endsWith(pinnedVersion(here)), back.output());
            } finally {
                Files.deleteIfExists(own.resolve("jbang"));
                Files.deleteIfExists(own);
            }
        }
    }

    @Test
    @DisplayName("the learner's own JBang, no wrapper: the steps print what ./jbang prints, and a model edit builds the models alone")
    void ownJbangBuildsTheSameWay() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.CREATED)) {
            Learner.assertExit(0, project.jbang("--version")); // the pinned JBang, fetched once if need be
            Properties pinned = new Properties();
            try (var in = Files.newBufferedReader(project.path("jbang-wrapper.properties"))) {
                pinned.load(in);
            }
            String version = pinned.getProperty("jbang.version");
            String wrapperHome = System.getenv("JBANG_WRAPPER_HOME");
            Path jar = (wrapperHome != null ? Path.of(wrapperHome) : Path.of(System.getProperty("user.home"), ".jbang-wrapper"))
                    .resolve("jbang-cli-" + version + "-all.jar");
            assertTrue(Files.isRegularFile(jar), "the wrapper keeps JBang's jar: " + jar);
            // JBang as its own launcher script runs it: its jar answers with the java command line (exit 255), run then.
            List<String> own = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
            Map<String, String> noWrapper = new HashMap<>(); // not the wrapper's variables, which the suite inherits
            for (String name : List.of("JBANG_RUNTIME_SHELL", "JBANG_STDIN_NOTTY", "JBANG_LAUNCH_CMD")) {
                noWrapper.put(name, null);
            }
            java.util.function.Function<String, Result> ownJbang = script -> {
                Result answer = project.runWith(noWrapper, project.root(), concat(own, script));
                assertEquals(255, answer.exitCode(), () -> "JBang answers with a command line:\n" + answer.output());
                List<String> lines = answer.output().strip().lines().toList();
                Result ran = project.runWith(noWrapper, project.root(), List.of("bash", "-c", "exec " + lines.get(lines.size() - 1)));
                String built = String.join("\n", lines.subList(0, lines.size() - 1));
                return new Result(ran.command(), ran.exitCode(), built.isEmpty() ? ran.output() : built + "\n" + ran.output());
            };

            ownJbang.apply("steps/03_change_model.java"); // built before the edit, as in the walkthrough (it says which line to edit)
            Result verify = ownJbang.apply("steps/06_verify.java");
            Learner.assertExit(0, verify);
            assertEquals(project.jbang("steps/06_verify.java").shown(), verify.shown(), "own JBang and ./jbang print the same");

            Learner.uncommentGenre(project);
            Files.writeString(project.path(Learner.MODELS), "// edited at " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
            Result again = ownJbang.apply("steps/06_verify.java");
            Learner.assertExit(0, again);
            assertFalse(again.output().contains("[jbang] Building"), () -> "06_verify does not read the models: nothing to build\n" + again.output());
            Result change = ownJbang.apply("steps/03_change_model.java");
            Learner.assertExit(0, change);
            Learner.assertShows(change, "+ column books.genre VARCHAR(50)");
            assertTrue(change.output().contains("[jbang] Building jar for Models.java"), change.output());
            assertFalse(change.output().contains("Building jar for Machinery.java") || change.output().contains("Building jar for 03_change_model.java"),
                    () -> "a model edit builds the models alone:\n" + change.output());
        }
    }

    private static String pinnedVersion(ScratchProject project) throws IOException {
        Properties pinned = new Properties();
        try (var in = Files.newBufferedReader(project.path("jbang-wrapper.properties"))) {
            pinned.load(in);
        }
        return pinned.getProperty("jbang.version");
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }
}
