package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tutorial.project.ScratchProject.Result;

/**
 * jbang.cmd's own logic, run by a Windows cmd: Wine 10's, in a Debian trixie chroot (WineChroot:
 * made once, a few minutes the first time, seconds after). No Windows JDK can be had where the
 * tests run, so java.exe is a stand-in (tests/windows/java-stand-in.c) that logs the arguments it
 * receives and plays JBang's launcher protocol; what is tested is what jbang.cmd itself does: finding a jbang on the PATH or the
 * pinned jar, fetching it, passing arguments on unchanged, running JBang's answer, exit codes.
 * Each case runs in copies of the wrapper's files (jbang.cmd reads only these) with a user
 * folder of its own. Needs root and apt (debootstrap, chroot, mount); skipped elsewhere.
 */
@Tag("windows")
@Tag("wrapper")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowsTest {

    private static final String JAVA_HOME = WineChroot.JAVA_HOME;
    private static final String VERSION_LINE = "0.132.1 (stand-in)";
    private static final List<String> WRAPPER_FILES = List.of("jbang.cmd", "jbang", "jbang-wrapper.properties", "jbang-fetch.java");
    private static final String JAR = "jbang-cli-0.132.1-all.jar";
    private static final String M2_JAR = FetchTest.M2_JAR;

    private WineChroot wine;
    /** This run's folder inside the chroot: the clones, user folders, logs. */
    private Path share;

    @BeforeAll
    void prepare() throws IOException {
        wine = WineChroot.open();
        share = wine.share();
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (wine != null) {
            wine.close();
        }
    }

    @Test
    @DisplayName("--version: the pinned jar is installed from the local Maven repository and java is run")
    void installsFromMavenRepository() throws IOException {
        Path project = clone("install");
        Path profile = profile("install", true);
        Result result = cmd(project, profile, Map.of(), "jbang.cmd --version");
        assertRan(0, VERSION_LINE, result);
        assertTrue(Files.isRegularFile(profile.resolve(".jbang-wrapper").resolve(JAR)), "installed in the user folder's .jbang-wrapper");
        // A JAVA_HOME set with its quotes, as a learner may type it (set JAVA_HOME="C:\Program Files\..."): the same java.
        assertRan(0, VERSION_LINE, cmd(project, profile, Map.of("JAVA_HOME", "\"" + JAVA_HOME + "\""), "jbang.cmd --version"));
    }

    @Test
    @DisplayName("exit 255: the command line JBang answered runs, and its exit code comes back")
    void runsJBangsAnswer() throws IOException {
        assertRan(3, "child ran with: [a b] [c]",
                inClone("answer", answering("\"a b\" c", 3), "jbang.cmd steps\\01_create.java"));
        assertNoOutputFileLeft();
    }

    @Test
    @DisplayName("arguments reach JBang whole (-m \"add genre column to books\"); its exit code passes through")
    void argumentsWhole() throws IOException {
        assertRan(5, "jbang got: [steps\\04_autogenerate.java] [-m] [add genre column to books]",
                inClone("whole", Map.of("STAND_IN_RC", "5"), "jbang.cmd steps\\04_autogenerate.java -m \"add genre column to books\""));
    }

    @Test
    @DisplayName("an odd \" in the arguments does not swallow the output redirect")
    void oddQuote() throws IOException {
        assertRan(0, "jbang got: [x.java] [abc]",
                inClone("odd-quote", Map.of(), "jbang.cmd x.java \"abc"));
        assertNoOutputFileLeft();
    }

    @Test
    @DisplayName("an odd \" and exit 255: JBang's answer still runs")
    void oddQuoteAnswer() throws IOException {
        assertRan(3, "child ran with: [x]",
                inClone("odd-answer", answering("x", 3), "jbang.cmd x.java \\\""));
    }

    @Test
    @DisplayName("handing over to a jbang.exe on the PATH keeps %, ^ and & in arguments as typed")
    void delegationKeepsPercent() throws IOException {
        Path shim = standIn("scoop shim", "jbang.exe");
        Result result = inClone("percent", Map.of("STAND_IN_RC", "4"),
                "set \"PATH=" + wine.windows(shim.getParent()) + ";%PATH%\"", "jbang.cmd x.java \"%%OS%%\" 100%% \"a^b\" \"x & y\"");
        assertRan(4, "own jbang got: [x.java] [%OS%] [100%] [a^b] [x & y]", result);
        assertEquals(List.of("[x.java][%OS%][100%][a^b][x & y]"), log("percent"));
    }

    @Test
    @DisplayName("%, ^ and & in arguments reach JBang's launcher as typed")
    void launcherKeepsPercent() throws IOException {
        assertRan(0, "jbang got: [x.java] [50% off] [a^b] [x & y]",
                inClone("caret", Map.of(), "jbang.cmd x.java \"50%% off\" \"a^b\" \"x & y\""));
    }

    @Test
    @DisplayName("two clones, run from one with the other on the PATH: no handing over to each other forever")
    void twoClones() throws IOException {
        Path other = clone("other-clone");
        Result result = inClone("two-clones", Map.of(),
                "set \"PATH=" + wine.windows(other) + ";%PATH%\"", "jbang.cmd --version");
        assertRan(0, VERSION_LINE, result);
    }

    @Test
    @DisplayName("a learner's own JBang (a jbang.cmd on the PATH) gets the command, arguments and exit code")
    void ownJBang() throws IOException {
        Path bin = share.resolve("own jbang/bin");
        Files.createDirectories(bin);
        Path exe = standIn("own jbang/libexec", "jbang.exe");
        Files.writeString(bin.resolve("jbang.cmd"), "@echo off\r\n\"" + wine.windows(exe) + "\" %*\r\n", StandardCharsets.US_ASCII);
        Path profile = profile("own", true);
        Result result = cmd(clone("own"), profile, Map.of("STAND_IN_RC", "6"),
                "set \"PATH=" + wine.windows(bin) + ";%PATH%\"", "jbang.cmd steps\\04_autogenerate.java -m \"add genre column to books\"");
        assertRan(6, "own jbang got: [steps\\04_autogenerate.java] [-m] [add genre column to books]", result);
        assertFalse(Files.exists(profile.resolve(".jbang-wrapper")), "the pinned JBang was not used");
    }

    @Test
    @DisplayName("a project folder with spaces and parentheses: installs, launches, runs JBang's answer")
    void folderWithSpaces() throws IOException {
        Path project = clone("my projects (2025)/migrations tutorial");
        Path profile = profile("spaces", true);
        assertRan(0, VERSION_LINE, cmd(project, profile, Map.of(), "jbang.cmd --version"));
        Result result = cmd(project, profile, answering("ok", 0),
                "\"" + wine.windows(project.resolve("jbang.cmd")) + "\" steps\\01_create.java");
        assertRan(0, "child ran with: [ok]", result);
    }

    @Test
    @DisplayName("a user folder with non-ASCII letters and a space: the jar is installed there and JBang runs")
    void nonAsciiUserFolder() throws IOException {
        Path profile = profile("Zoë Ødegård", true);
        Result result = cmd(clone("non-ascii"), profile, answering("ok", 0),
                "jbang.cmd steps\\01_create.java");
        assertRan(0, "child ran with: [ok]", result);
        assertTrue(Files.isRegularFile(profile.resolve(".jbang-wrapper").resolve(JAR)), "installed under " + profile);
    }

    @Test
    @DisplayName("PowerShell's form (.\\jbang.cmd, run by cmd /c with the arguments PowerShell quotes)")
    void powerShellForm() throws IOException {
        // Wine has no PowerShell; this is the command line PowerShell hands to cmd for .\jbang.cmd ARGS.
        // With no batch file around it, Wine's own USERPROFILE stays: the wrapper's folders are given instead.
        Path project = clone("powershell");
        Path profile = profile("powershell", true);
        Map<String, String> environment = new TreeMap<>(baseEnvironment(profile, "powershell"));
        environment.put("STAND_IN_RC", "7");
        environment.put("JBANG_WRAPPER_HOME", wine.windows(profile.resolve(".jbang-wrapper")));
        environment.put("MAVEN_REPO", wine.windows(profile.resolve(".m2/repository")));
        Result result = wine.run(environment, project,
                "wine", "cmd", "/c", ".\\jbang.cmd", "steps\\04_autogenerate.java", "-m", "add genre column to books");
        assertRan(7, "jbang got: [steps\\04_autogenerate.java] [-m] [add genre column to books]", result);
    }

    @Test
    @DisplayName("no jar and no Maven: the JDK fetches it (jbang-fetch.java), then it is installed and run")
    void fetchesWithTheJdk() throws IOException {
        Path profile = profile("fetch", false);
        Path source = profile.resolve("download.jar");
        Files.writeString(source, "a stand-in for the jar");
        Files.createDirectories(profile.resolve(M2_JAR).getParent()); // the real fetcher makes it; the stand-in only copies
        Result result = cmd(clone("fetch"), profile, Map.of("STAND_IN_FETCH_FROM", wine.windows(source),
                "STAND_IN_FETCH_TO", wine.windows(profile.resolve(M2_JAR))), "jbang.cmd --version");
        assertRan(0, VERSION_LINE, result);
        String fetch = log("fetch").get(0);
        assertTrue(fetch.matches("\\[-XX:TieredStopAtLevel=1]\\[-XX:\\+UseSerialGC]\\[.*\\\\fetch\\\\jbang-fetch\\.java]\\[.*\\\\fetch\\\\jbang-wrapper\\.properties]"
                + "\\[.*\\\\users\\\\fetch\\\\\\.m2\\\\repository]\\[.*\\\\users\\\\fetch\\\\\\.m2\\\\settings\\.xml]"), fetch);
        assertTrue(Files.isRegularFile(profile.resolve(".jbang-wrapper").resolve(JAR)), "installed from where the fetcher put it");
    }

    @Test
    @DisplayName("no jar, no Maven, and the fetch fails: exit 1, JBang is not started")
    void failedFetch() throws IOException {
        Path profile = profile("no-fetch", false);
        Result result = cmd(clone("no-fetch"), profile, Map.of(), "jbang.cmd --version");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("stand-in fetcher: nothing to fetch from"), result.output());
        assertEquals(1, log("no-fetch").size(), "only the fetcher ran: " + log("no-fetch"));
        assertFalse(Files.exists(profile.resolve(".jbang-wrapper").resolve(JAR)));
    }

    @Test
    @DisplayName("the build lock: two runs at once take turns at JBang's launcher, and a lock left by a stopped run is taken over")
    void buildLock() throws Exception {
        Path project = clone("lock");
        Path profile = profile("lock", true);
        Map<String, String> building = Map.of("STAND_IN_BUSY_MS", "2000"); // each launcher run builds for two seconds
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        Result first;
        Result second;
        try {
            java.util.concurrent.Future<Result> a = two.submit(() -> cmd(project, profile, building, "jbang.cmd a.java"));
            java.util.concurrent.Future<Result> b = two.submit(() -> cmd(project, profile, building, "jbang.cmd b.java"));
            first = a.get();
            second = b.get();
        } finally {
            two.shutdown();
        }
        assertRan(0, "jbang got: [a.java]", first);
        assertRan(0, "jbang got: [b.java]", second);
        assertEquals(List.of("busy from", "busy until", "busy from", "busy until"),
                log("lock").stream().filter(line -> line.startsWith("busy ")).toList(), "one build at a time");
        assertTrue((first.output() + second.output()).contains("[jbang] Waiting for another build of a script to finish..."),
                () -> "the second run says why it waits:\n" + first.output() + second.output());
        Path lock = profile.resolve(".jbang/cache/.wrapper-build.lock.d");
        assertFalse(Files.exists(lock), "let go once JBang answered");

        // A run stopped while it held the lock (Ctrl-C, a closed window) left it behind, naming itself.
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("4242-12.34"), "");
        Result taken = cmd(project, profile, Map.of("JBANG_WRAPPER_LOCK_WAIT", "3"), "jbang.cmd c.java");
        assertRan(0, "jbang got: [c.java]", taken);
        assertTrue(taken.output().contains("[jbang] Taking over the build lock: the run that held it for 3 seconds was stopped."), taken.output());
        assertFalse(Files.exists(lock), "and let go after");

        // A cache folder no lock can be made in (another user's, read-only; immutable here, as the suite runs as root): said,
        // exit 1, JBang not started, where it waited and took over, over and over, for good.
        Result unwritable;
        try (ReadOnly locked = ReadOnly.make(lock.getParent())) {
            unwritable = cmd(project, profile, Map.of("JBANG_WRAPPER_LOCK_WAIT", "3"), "jbang.cmd d.java");
        }
        assertEquals(1, unwritable.exitCode(), unwritable.output());
        assertTrue(unwritable.output().lines().anyMatch(line -> line.startsWith("Cannot write in JBang's cache folder, ")
                && line.endsWith("\\.jbang\\cache: nothing was run.")), unwritable.output());
        assertTrue(unwritable.output().contains("Make it yours and writable, or set JBANG_DIR to a folder of your own."), unwritable.output());
        assertFalse(unwritable.output().contains("jbang got:") || unwritable.output().contains("Taking over"), unwritable.output());
    }

    @Test
    @DisplayName("a script whose jar an earlier build left half-done (JBang: no main class, exit 2) is built again with --fresh, under the lock, and runs; a name that is no file is not")
    void halfBuiltBuiltAgain() throws IOException {
        Path project = clone("half-built");
        Path profile = profile("half-built", true);
        // A script of the project, a file, whose name cmd would otherwise split into two commands when it says it builds it again.
        Files.writeString(project.resolve("R&D.java"), "class A {}\n");
        Map<String, String> halfBuilt = new TreeMap<>(answering("x", 3));
        halfBuilt.put("STAND_IN_HALF_BUILT", "1"); // JBang's launcher fails as it does on such a jar, unless --fresh comes first
        Result result = cmd(project, profile, halfBuilt, "jbang.cmd \"R&D.java\"");
        assertRan(3, "child ran with: [x]", result);
        assertTrue(result.output().contains("[jbang] [ERROR] no main class deduced"), result.output()); // JBang's own words first
        assertTrue(Messages.pattern(Messages.REBUILDING).matcher(result.output()).find(),
                () -> "says why it runs JBang again, in the words the troubleshooting page has:\n" + result.output());
        assertTrue(result.output().contains("[jbang] Building R&D again: its last build was not seen to finish."), result.output());
        assertEquals(List.of("[R&D.java]", "[--fresh][R&D.java]"), launcherRuns("half-built"), "once as typed, once with --fresh");
        assertFalse(Files.exists(profile.resolve(".jbang/cache/.wrapper-build.lock.d")), "the lock let go after both");

        // A typo (no such file): JBang's exit 2 is its answer, passed back after one run.
        Result typo = cmd(project, profile, Map.of("STAND_IN_HALF_BUILT", "1"), "jbang.cmd chek");
        assertEquals(2, typo.exitCode(), typo.output());
        assertFalse(Messages.pattern(Messages.REBUILDING).matcher(typo.output()).find(), typo.output());
        assertEquals(List.of("[R&D.java]", "[--fresh][R&D.java]", "[chek]"), launcherRuns("half-built"));
    }

    @Test
    @DisplayName("a step named by its path from outside the tutorial's folder: where to run it from, exit 2, JBang not started; from the folder or one inside it, it runs")
    void stepFromOutside() throws IOException {
        // A folder whose name cmd would otherwise read as commands (R&D) or a block's end (x86).
        Path project = clone("outside (x86) R&D");
        Path profile = profile("outside", true);
        Files.createDirectories(project.resolve("steps"));
        Files.writeString(project.resolve("steps/06_verify.java"), "class A {}\n");
        Files.writeString(project.resolve("liquibase.properties"), "url=jdbc:sqlite:library.db\n"); // a tutorial: steps\ and its settings
        String root = wine.windows(project);
        String said = "steps\\06_verify.java is part of the tutorial in " + root + ": run it from there (cd /d \"" + root
                + "\"), as jbang.cmd steps\\06_verify.java.";
        Result outside = cmd(project, profile, Map.of(), "cd /d \"" + wine.windows(share) + "\"",
                "\"" + wine.windows(project.resolve("jbang.cmd")) + "\" \"" + wine.windows(project.resolve("steps/06_verify.java")) + "\"");
        assertRan(2, said, outside);
        // Relative to the folder above, with the README's --deps before it: the same.
        Result deps = cmd(project, profile, Map.of(), "cd ..",
                "\"outside (x86) R&D\\jbang.cmd\" --deps org.postgresql:postgresql:42.7.14 \"outside (x86) R&D\\steps\\06_verify.java\"");
        assertRan(2, said, deps);
        // And with JBang's run before it, as JBang's pages write it.
        assertRan(2, said, cmd(project, profile, Map.of(), "cd ..", "\"outside (x86) R&D\\jbang.cmd\" run \"outside (x86) R&D\\steps\\06_verify.java\""));
        String logName = project.getFileName().toString().replaceAll("[^A-Za-z0-9-]", "_");
        assertEquals(List.of(), launcherRuns(logName), "JBang's launcher not started");
        // From the tutorial's folder, and from steps\ inside it, JBang gets the script.
        assertRan(0, "jbang got: [steps\\06_verify.java]", cmd(project, profile, Map.of(), "jbang.cmd steps\\06_verify.java"));
        assertRan(0, "jbang got: [06_verify.java]", cmd(project, profile, Map.of(), "cd steps", "..\\jbang.cmd 06_verify.java"));
        assertEquals(List.of("[steps\\06_verify.java]", "[06_verify.java]"), launcherRuns(logName));
        // The wrapper copied beside a program of the learner's own (docs/your-project.md), run from elsewhere: said as their folder.
        Path own = clone("own (x86)");
        Files.writeString(own.resolve("Upgrade.java"), "class Upgrade {}\n");
        String ownRoot = wine.windows(own);
        assertRan(2, "Upgrade.java is in " + ownRoot + ", beside this jbang.cmd, and reads its files from the folder it runs in: run it from there "
                + "(cd /d \"" + ownRoot + "\"), as jbang.cmd Upgrade.java.", cmd(own, profile, Map.of(), "cd /d \"" + wine.windows(share) + "\"",
                "\"" + wine.windows(own.resolve("jbang.cmd")) + "\" \"" + wine.windows(own.resolve("Upgrade.java")) + "\""));
    }

    @Test
    @DisplayName("steps\\models\\Models.java missing: JBang's exit 4 on a script's //DEPS is said as that, with the way back, exit 1; with the file there, JBang's exit 4 passes through")
    void modelsMissing() throws IOException {
        Path project = clone("no-models");
        Path profile = profile("no-models", true);
        Files.copy(Learner.projectRoot().resolve("jbang-catalog.json"), project.resolve("jbang-catalog.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> failing = Map.of("STAND_IN_RC", "4"); // JBang's launcher as it ends on a //DEPS that is gone
        String wayBack = "Put it back, from the tutorial's folder: git checkout HEAD -- steps/models/Models.java (your last committed version), "
                + "or jbang.cmd reset to start the lesson over.";
        Result alias = cmd(project, profile, failing, "jbang.cmd check alter-1");
        assertRan(1, "steps/models/Models.java is missing (moved or deleted), and check reads the models. Nothing was run.", alias);
        assertRan(1, wayBack, alias);
        assertRan(1, "jbang got: [check] [alter-1]", alias); // JBang's own words first
        // JBang's own forms: an option before the script, and an alias named with its catalog.
        assertRan(1, "steps/models/Models.java is missing (moved or deleted), and check reads the models. Nothing was run.",
                cmd(project, profile, failing, "jbang.cmd --verbose check@. alter-1"));
        assertRan(1, "steps/models/Models.java is missing (moved or deleted), and steps\\05_upgrade.java reads the models. Nothing was run.",
                cmd(project, profile, failing, "jbang.cmd --deps org.postgresql:postgresql:42.7.14 steps\\05_upgrade.java"));
        // The models there: JBang's exit 4 is its own, passed back without a word of the wrapper's.
        Files.createDirectories(project.resolve("steps/models"));
        Files.writeString(project.resolve("steps/models/Models.java"), "class Models {}\n");
        Result present = cmd(project, profile, failing, "jbang.cmd check alter-1");
        assertRan(4, "jbang got: [check] [alter-1]", present);
        assertFalse(present.output().contains("is missing"), present.output());
    }

    /** The arguments JBang's launcher got in each run of a case, in order (what follows dev.jbang.Main). */
    private List<String> launcherRuns(String name) throws IOException {
        String main = "[dev.jbang.Main]";
        return log(name).stream().filter(line -> line.contains(main)).map(line -> line.substring(line.indexOf(main) + main.length())).toList();
    }

    /** The environment that makes the stand-in launcher answer this command line: the stand-in run with --child ARGUMENTS. */
    private static Map<String, String> answering(String childArguments, int exitCode) {
        return Map.of("STAND_IN_ANSWER", "\"" + JAVA_HOME + "\\bin\\java.exe\" --child " + childArguments,
                "STAND_IN_CHILD_RC", Integer.toString(exitCode));
    }

    /** Runs these batch lines in a clone and a user folder of this name, made for the case, the jar in its Maven repository. */
    private Result inClone(String name, Map<String, String> extra, String... lines) throws IOException {
        return cmd(clone(name), profile(name, true), extra, lines);
    }

    /** Copies of the wrapper's files in a folder of this run's share. */
    private Path clone(String folder) throws IOException {
        Path project = share.resolve(folder);
        Files.createDirectories(project);
        for (String file : WRAPPER_FILES) {
            Files.copy(Learner.projectRoot().resolve(file), project.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return project;
    }

    /** A user folder (USERPROFILE), with the pinned jar in its Maven repository or not. The stand-in never opens the jar. */
    private Path profile(String name, boolean withJar) throws IOException {
        Path profile = share.resolve("users").resolve(name);
        Files.createDirectories(profile);
        if (withJar) {
            Files.createDirectories(profile.resolve(M2_JAR).getParent());
            Files.writeString(profile.resolve(M2_JAR), "a stand-in for the jar");
        }
        return profile;
    }

    /** The stand-in java.exe copied under another name, a program of the learner's. */
    private Path standIn(String folder, String name) throws IOException {
        Path copy = share.resolve(folder).resolve(name);
        Files.createDirectories(copy.getParent());
        Files.copy(wine.standInJava(), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /**
     * Runs these batch lines (ASCII, % doubled as in any batch file) with cmd /c, from the
     * project's folder, as the learner in that user folder. USERPROFILE is set from the
     * environment, so a non-ASCII name reaches Windows as Unicode.
     */
    private Result cmd(Path project, Path profile, Map<String, String> extra, String... lines) throws IOException {
        String name = project.getFileName().toString().replaceAll("[^A-Za-z0-9-]", "_");
        Path script = share.resolve(name + "-" + System.nanoTime() + ".cmd");
        StringBuilder batch = new StringBuilder("@echo off\r\nset \"USERPROFILE=%STAND_IN_PROFILE%\"\r\n");
        for (String line : lines) {
            batch.append(line).append("\r\n");
        }
        Files.writeString(script, batch, StandardCharsets.US_ASCII);
        Map<String, String> environment = new TreeMap<>(baseEnvironment(profile, name));
        environment.putAll(extra);
        Result result = wine.run(environment, project, "wine", "cmd", "/c", wine.windows(script));
        // Wine's cmd says a line it cannot parse and goes on; Windows' cmd ends the batch file there.
        assertFalse(result.output().contains("Syntax error"), () -> "jbang.cmd has a line cmd cannot parse:\n" + result.output());
        return result;
    }

    private Map<String, String> baseEnvironment(Path profile, String logName) {
        return Map.of("JAVA_HOME", JAVA_HOME, "STAND_IN_LOG", wine.windows(share.resolve(logName + ".log")),
                "STAND_IN_PROFILE", wine.windows(profile));
    }

    /** The argument lists java.exe or jbang.exe received in a case, one run a line. */
    private List<String> log(String name) throws IOException {
        Path log = share.resolve(name + ".log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private void assertNoOutputFileLeft() throws IOException {
        try (Stream<Path> files = Files.walk(share.resolve("users"))) {
            List<Path> left = files.filter(file -> file.getFileName().toString().startsWith("out-")).toList();
            assertEquals(List.of(), left, "the launcher's output file is removed");
        }
    }

    private static void assertRan(int exitCode, String line, Result result) {
        assertEquals(exitCode, result.exitCode(), () -> "exit code, output:\n" + result.output());
        assertTrue(result.output().lines().anyMatch(line::equals), () -> "expected the line\n" + line + "\nin:\n" + result.output());
    }
}
