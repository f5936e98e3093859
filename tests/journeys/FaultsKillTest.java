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
        Learner.assertShows(ended.result(), "Run it again to finish: ./jbang steps/05_upgrade.java");
        Messages.assertNoStackTrace(ended.result());
        assertSound("interrupted " + UPGRADE);
        assertEquals(before, ReadBack.rows(database, "SELECT type, name, sql FROM sqlite_master ORDER BY name"));
        nextStepWorks(UPGRADE, NEW, "interrupted " + UPGRADE, -1);
    }

    @Test
    @DisplayName("Ctrl-C during tour: the scratch copy it works in goes with it (a stop left each one in the temporary folder)")
    void interruptedTourLeavesNoScratchCopy() {
        Result result;
        String signal;
        try (ScratchProject atTheStart = Learner.copyAt(LessonState.CREATED)) { // models and changelog as at the lesson's start
            RunningStep running = RunningStep.start(atTheStart, "tour").awaitJava();
            signal = ignoresInterrupt(running.pid()) ? "TERM" : "INT";
            running.awaitOutput("$ ./jbang steps/02_setup.java", java.time.Duration.ofSeconds(60)).signal(signal);
            result = running.finish().result();
        }
        Learner.assertExit(signal.equals("INT") ? 130 : 143, result);
        java.util.regex.Matcher copy = java.util.regex.Pattern.compile("\\(working in (\\S+)\\)").matcher(result.output());
        assertTrue(copy.find(), result.output());
        Path scratch = Path.of(copy.group(1));
        assertTrue(scratch.getParent().getFileName().toString().startsWith("migrations-tutorial-"), scratch::toString);
        assertFalse(Files.exists(scratch.getParent()), () -> scratch.getParent() + " left behind:\n" + result.output());
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
