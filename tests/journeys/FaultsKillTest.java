package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Steps stopped in the middle: kill -9 at the one moment that matters, between a changeset's
 * schema change and its record in DATABASECHANGELOG, and Ctrl-C, in the step and before it
 * (while JBang prepares it). Afterwards library.db passes SQLite's integrity check, has the
 * old schema or the new one (and DATABASECHANGELOG says which), every book, and the next step
 * works.
 */
@Tag("faults")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Alone, not beside other test classes: its strength is a timing (a kill three seconds into a write, a signal within SQLite's
// busy wait) that a busy machine would blur.
@org.junit.jupiter.api.parallel.Isolated
class FaultsKillTest {

    static final int BOOKS = 2_000;
    static final List<String> OLD = List.of("id", "title", "author_id");
    static final List<String> NEW = List.of("id", "title", "author_id", "genre");
    static final String UPGRADE = "steps/05_upgrade.java";
    static final String ROLLBACK = "steps/07_rollback.java";
    /** Far longer than a step takes from its first write to its record, far shorter than the stall. */
    static final Duration INTO_THE_STALL = Duration.ofSeconds(3);

    /** Liquibase's tables in place, the genre changeset pending: the triggers below have a table to sit on. */
    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.ROLLED_BACK);
    final ScratchProject project = copy.project();
    final Path database = copy.database();
    /** Every book, summed up: any row lost or changed changes it. */
    List<String> library;

    @BeforeAll
    void largerLibrary() {
        Outsider.fillTo(database, BOOKS);
        library = fingerprint();
    }

    List<String> fingerprint() {
        return ReadBack.rows(database, "SELECT count(*), sum(id), sum(length(title)), sum(author_id) FROM books");
    }

    /** SQLite's rollback journal: there while a write transaction is open, and after a kill until the next opening undoes it. */
    Path journal() {
        return project.path("library.db-journal");
    }

    /** Sound, whichever moment the run died: one schema or the other, recorded as such, every book, and free to run again. */
    void assertSound(String when) {
        assertEquals(List.of("ok"), Outsider.integrityCheck(database), when + ": PRAGMA integrity_check");
        List<String> columns = ReadBack.columnNames(database, "books");
        assertTrue(columns.equals(OLD) || columns.equals(NEW), when + ": the old schema or the new, not " + columns);
        List<String> recorded = ReadBack.rows(database, "SELECT id FROM DATABASECHANGELOG");
        assertEquals(columns.equals(NEW) ? List.of("0001-1") : List.of(), recorded, when + ": DATABASECHANGELOG agrees with the schema");
        assertEquals(library, fingerprint(), when + ": every book is there, unchanged");
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database).subList(0, 3), when);
    }

    /**
     * The next step, run whole: it works, releasing the lock the killed run left if it needs
     * the lock. (A step with nothing to do takes no lock, so leaves it: the next one that
     * does work releases it. Whose it is, is checked: the killed run's, nobody else's.)
     */
    void nextStepWorks(String step, List<String> schemaAfter, String when, long killed) {
        Result next = project.jbang(step);
        Learner.assertExit(0, next);
        Messages.assertNoStackTrace(next);
        assertEquals(schemaAfter, ReadBack.columnNames(database, "books"), when + ", then " + step);
        List<String> lock = ReadBack.rows(database, "SELECT LOCKED, LOCKEDBY FROM DATABASECHANGELOGLOCK");
        assertTrue(lock.equals(List.of("0 | null")) || lock.get(0).matches("1 \\| .+#pid " + killed + " \\(.*\\)")
                && next.shown().contains("Nothing to"), () -> when + ", then " + step + ": a lock left: " + lock + "\n" + next.output());
        assertEquals(library, fingerprint(), when + ", then " + step);
    }

    @Test
    @DisplayName("05_upgrade and 07_rollback killed -9 after the schema change, before its record is written: both or neither, every book, the next step works")
    void killedBetweenChangeAndRecord() {
        if (ReadBack.columnNames(database, "books").equals(NEW)) {
            Learner.assertExit(0, project.jbang(ROLLBACK));
        }
        long killed = killWhileRecording(UPGRADE, "INSERT");
        assertSound(UPGRADE + " killed before its record");
        nextStepWorks(UPGRADE, NEW, UPGRADE + " killed before its record", killed);

        killed = killWhileRecording(ROLLBACK, "DELETE");
        assertSound(ROLLBACK + " killed before its record was removed");
        nextStepWorks(ROLLBACK, OLD, ROLLBACK + " killed before its record was removed", killed);
    }

    /**
     * Runs the step with a trigger that stalls the write of its record (INSERT) or the removal
     * of it (DELETE) for minutes of computing: when the trigger fires, the changeset's ALTER
     * TABLE has run, and the step holds its write transaction open. The kill lands there, and
     * leaves SQLite's hot journal behind as the proof that a write was under way.
     */
    long killWhileRecording(String step, String recordWrite) {
        Outsider.execute(database, "CREATE TABLE stall (n INTEGER)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO stall SELECT i FROM n",
                "CREATE TRIGGER stall_record BEFORE " + recordWrite + " ON DATABASECHANGELOG "
                        + "BEGIN SELECT sum(a.n * b.n + c.n) FROM stall a, stall b, stall c; END");
        RunningStep running = RunningStep.start(project, step).awaitJava().awaitFile(journal());
        try {
            TimeUnit.NANOSECONDS.sleep(INTO_THE_STALL.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertTrue(running.isAlive(), () -> step + " ended before the kill: " + running.finish().result().output());
        running.kill();
        running.finish();
        assertTrue(Files.exists(journal()), step + " was killed with a write transaction open (its hot journal is there)");
        // The next opening of library.db rolls the journal back first; only then go the trigger and its table.
        assertEquals(List.of("ok"), Outsider.integrityCheck(database));
        Outsider.execute(database, "DROP TRIGGER stall_record", "DROP TABLE stall");
        return running.pid();
    }

    @Test
    @DisplayName("Ctrl-C during 05_upgrade: says it stopped and what to type, exits 130, nothing half-done; run again, it works")
    void interrupted() throws Exception {
        if (ReadBack.columnNames(database, "books").equals(NEW)) {
            Learner.assertExit(0, project.jbang(ROLLBACK));
        }
        List<String> before = ReadBack.rows(database, "SELECT type, name, sql FROM sqlite_master ORDER BY name");
        RunningStep.Ended ended;
        // A browser's open transaction keeps the step from finishing first: the signal surely lands mid-run.
        try (AutoCloseable browser = Outsider.holdingWriteLock(database)) {
            RunningStep running = RunningStep.start(project, UPGRADE).awaitJava();
            String signal = ignoresInterrupt(running.pid()) ? "TERM" : "INT"; // Ctrl-C sends INT; a closed terminal, HUP or TERM
            running.awaitOutput("Step 5 of 7").signal(signal);
            ended = running.finish();
            assertEquals(signal.equals("INT") ? 130 : 143, ended.result().exitCode(), ended.result()::output);
        }
        Messages.assertSays(ended.result(), Messages.STOPPED);
        Learner.assertShows(ended.result(), "Stopped before 05_upgrade finished.");
        Learner.assertShows(ended.result(), "Run it again to finish: ./jbang steps/05_upgrade.java (what was applied before the stop stays applied: "
                + "./jbang history lists it).");
        Messages.assertNoStackTrace(ended.result());
        assertSound("interrupted " + UPGRADE);
        assertEquals(before, ReadBack.rows(database, "SELECT type, name, sql FROM sqlite_master ORDER BY name"));
        nextStepWorks(UPGRADE, NEW, "interrupted " + UPGRADE, -1);
    }

    @Test
    @DisplayName("Ctrl-C during tour: it stops, says so as the tour's stop (not the step's 'run it again'), and the scratch copy it works in goes with it")
    void interruptedTourLeavesNoScratchCopy() throws java.io.IOException {
        Result result;
        String signal;
        // A temporary folder of its own, for the tour and the steps it runs: all they leave behind is seen there. Stopped while the
        // tour's 04_autogenerate writes its changeset to a scratch folder (a Ctrl-C left that one behind, empty, every time).
        Path temporary = Files.createTempDirectory("tour-temporary-");
        try {
            try (ScratchProject atTheStart = Learner.copyAt(LessonState.CREATED)) { // models and changelog as at the lesson's start
                RunningStep running = RunningStep.startWith(atTheStart, java.util.Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + temporary),
                        "tour").awaitJava();
                signal = ignoresInterrupt(running.pid()) ? "TERM" : "INT";
                running.awaitOutput("$ ./jbang steps/04_autogenerate.java", Duration.ofSeconds(90));
                java.util.function.BooleanSupplier diffing = () -> listed(temporary).stream().anyMatch(name -> name.startsWith("diff-changelog-"));
                assertTrue(within(Duration.ofSeconds(60), diffing), () -> "04_autogenerate's scratch folder, in " + listed(temporary) + ":\n"
                        + running.printed());
                running.signal(signal);
                result = running.finish().result();
            }
            // (Not the tour's own capture of the step it ran, step-output-*.txt, which a stop can still leave: the JVM may end before
            // the tour's thread, waiting for that step to end, removes it.) The step the tour ran may still be ending: given a moment.
            java.util.function.Supplier<List<String>> leftBehind = () -> listed(temporary).stream()
                    .filter(name -> !name.startsWith("step-output-")).toList();
            within(Duration.ofSeconds(20), () -> leftBehind.get().isEmpty());
            assertEquals(List.of(), leftBehind.get(), () -> "left in the temporary folder:\n" + result.output());
            Learner.assertExit(signal.equals("INT") ? 130 : 143, result);
            // Said as the tour's stop, and nothing after it: the step's own "Run it again to finish: ./jbang steps/04_autogenerate.java"
            // named a step of the copy (typed here, one that changes library.db would run on the learner's), and the tour went on to
            // the next command in a copy already gone ("error=2, No such file or directory").
            Learner.assertShows(result, "Stopped before tour finished. The tour worked in a scratch copy, removed with it: your library.db, "
                    + "models and changelog are as they were. ./jbang tour runs it again from the start.");
            assertFalse(result.output().contains("Run it again to finish") || result.output().contains("Nothing half-done stays"), result.output());
            assertFalse(result.output().contains("$ ./jbang steps/05_upgrade.java"), result.output());
            Messages.assertNoStackTrace(result);
            java.util.regex.Matcher copy = java.util.regex.Pattern.compile("\\(working in (\\S+)\\)").matcher(result.output());
            assertTrue(copy.find(), result.output());
            Path scratch = Path.of(copy.group(1));
            assertTrue(scratch.getParent().getFileName().toString().startsWith("migrations-tutorial-"), scratch::toString);
            assertEquals(temporary, scratch.getParent().getParent(), "the tour's copy, in the temporary folder given");
            assertFalse(Files.exists(scratch.getParent()), () -> scratch.getParent() + " left behind:\n" + result.output());
        } finally {
            try (var files = Files.walk(temporary)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Waits at most this long for the condition, looking every 20 ms: whether it held. */
    static boolean within(Duration patience, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** The names in a folder, sorted. */
    static List<String> listed(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("Ctrl-C while JBang is still preparing the step: says nothing ran and to run it again, exits 130")
    void interruptedBeforeTheStepStarted() {
        Assumptions.assumeTrue(jbangOnPath().isEmpty(), () -> "./jbang hands over to the jbang on the PATH ("
                + jbangOnPath().get() + "), whose launcher does not say this");
        List<String> before = ReadBack.rows(database, "SELECT type, name, sql FROM sqlite_master ORDER BY name");
        RunningStep running = RunningStep.startThroughLauncher(project, UPGRADE).awaitLauncher();
        if (ignoresInterrupt(running.pid())) {
            running.killAll(); // left running, the step would go on to hold library.db while the next test works on it
            Assumptions.abort("SIGINT is ignored here (the suite runs as a job started in the background)");
        }
        running.signal("INT");
        Result result = running.finish().result();
        Learner.assertExit(130, result);
        Messages.assertSays(result, Messages.NOT_STARTED);
        assertEquals(before, ReadBack.rows(database, "SELECT type, name, sql FROM sqlite_master ORDER BY name"));
        assertEquals(library, fingerprint());
    }

    /** Another jbang on the PATH, which ./jbang would run instead of its own launcher. */
    static Optional<Path> jbangOnPath() {
        if (System.getenv("JBANG_WRAPPER_NO_PATH") != null) {
            return Optional.empty();
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank()).map(folder -> Path.of(folder, "jbang"))
                .filter(Files::isExecutable)
                .filter(file -> {
                    try { // a copy of the wrapper itself (this clone's or another's) is passed over, as ./jbang does
                        return !Files.exists(file.toRealPath().resolveSibling("jbang-wrapper.properties"));
                    } catch (IOException e) {
                        return true;
                    }
                }).findFirst();
    }

    /** Whether the process ignores SIGINT, as a job started in the background of a script does (Linux tells; elsewhere, assume not). */
    static boolean ignoresInterrupt(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("SigIgn:"))
                    .map(line -> Long.parseUnsignedLong(line.substring(7).strip(), 16)).anyMatch(mask -> (mask & 0b10) != 0);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
