package journeys;

import static journeys.Messages.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Locks and failures halfway: another program writing to library.db, a Liquibase lock left
 * by a run that died or held by a live one, a failure between a changeset and its record. Each
 * either completes or leaves library.db exactly as it was, read back. Every state is made
 * without racing anything (an outsider's open transaction, a trigger that refuses a write), so
 * these run beside other classes; two steps at once, a race, is FaultsRaceTest's, alone.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsLockTest {

    static final List<String> OLD = List.of("id", "title", "author_id");
    static final List<String> NEW = List.of("id", "title", "author_id", "genre");

    // The states used: PENDING, a changeset to apply on a database Liquibase has never touched
    // (as the walkthrough reaches 05); ROLLED_BACK, a changeset to apply with Liquibase's tables
    // in place (applied once and rolled back); APPLIED.
    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.PENDING);
    final ScratchProject project = copy.project();
    final Path database = copy.database();

    Result step(String... command) {
        return project.jbang(command);
    }

    List<String> lockRow() {
        return ReadBack.rows(database, "SELECT LOCKED, LOCKEDBY FROM DATABASECHANGELOGLOCK");
    }

    @Test
    @DisplayName("another program holds a write transaction: 05 waits up to 3 seconds, says library.db is busy, changes nothing; "
            + "one that ends while 05 or 07 waits: it goes on")
    void busy() throws Exception {
        copy.restore(LessonState.PENDING);
        List<String> before = ReadBack.everything(database);
        try (AutoCloseable browser = Outsider.holdingWriteLock(database)) {
            assertRefused(step("steps/05_upgrade.java"), 1, Messages.BUSY);
            // The CLI, stopped by the same: its exception's class and code said in the steps' words too.
            Result cli = step("liquibase", "update");
            Learner.assertExit(1, cli);
            Learner.assertShows(cli, "library.db was busy: another program is using it (a step still running, or a database browser with "
                    + "unsaved changes or a query left open), and Liquibase stopped there.\nLet it finish (write, revert or close the browser's "
                    + "work), then run the command again; ./jbang liquibase history shows what was applied before the stop.");
            Result verify = step("steps/06_verify.java");
            Learner.assertExit(0, verify);
            Learner.assertShows(verify, "[id, title, author_id]");
        }
        assertEquals(before, ReadBack.everything(database));
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(NEW, ReadBack.columnNames(database, "books"));
        // SQLite waits for a write lock only in a transaction that has read nothing: Liquibase reads its lock row, then writes
        // it, and no step waited at all. The step waits first (ChangelogLock), says so, and goes on when the other program is
        // done, whether it rolled back or committed.
        RunningStep rollback;
        try (AutoCloseable browser = Outsider.holdingWriteLock(database)) {
            rollback = RunningStep.start(project, "steps/07_rollback.java")
                    .awaitOutput("Waiting for library.db: another program is writing to it (up to 3 seconds)...", java.time.Duration.ofSeconds(60));
        }
        Learner.assertExit(0, rollback.finish().result());
        assertEquals(OLD, ReadBack.columnNames(database, "books"));
        RunningStep upgrade;
        try (AutoCloseable browser = Outsider.holdingWriteLock(database, true)) {
            upgrade = RunningStep.start(project, "steps/05_upgrade.java")
                    .awaitOutput("Waiting for library.db: another program is writing to it (up to 3 seconds)...", java.time.Duration.ofSeconds(60));
        }
        Learner.assertExit(0, upgrade.finish().result());
        assertEquals(NEW, ReadBack.columnNames(database, "books"));
    }

    @Test
    @DisplayName("a failure after the changeset ran but before its record was written: the column is not kept either")
    void changesetAndRecordCommitTogether() {
        copy.restore(LessonState.ROLLED_BACK);
        Outsider.execute(database, "CREATE TRIGGER crash BEFORE INSERT ON DATABASECHANGELOG "
                + "BEGIN SELECT RAISE(ABORT, 'simulated crash before the record'); END");
        List<String> before = ReadBack.everything(database);
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(1, upgrade);
        Learner.assertShows(upgrade, "simulated crash before the record");
        Messages.assertNoStackTrace(upgrade);
        assertEquals(before, ReadBack.everything(database), "old schema, no record, lock free");
        assertEquals(OLD, ReadBack.columnNames(database, "books"));

        Outsider.execute(database, "DROP TRIGGER crash");
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(NEW, ReadBack.columnNames(database, "books"));
    }

    @Test
    @DisplayName("a failure after the rollback ran but before its record was removed: the column is not dropped either")
    void rollbackAndRecordCommitTogether() {
        copy.restore(LessonState.APPLIED);
        Outsider.execute(database, "CREATE TRIGGER crash BEFORE DELETE ON DATABASECHANGELOG "
                + "BEGIN SELECT RAISE(ABORT, 'simulated crash before the record'); END");
        List<String> before = ReadBack.everything(database);
        Result rollback = step("steps/07_rollback.java");
        Learner.assertExit(1, rollback);
        Learner.assertShows(rollback, "simulated crash before the record");
        Messages.assertNoStackTrace(rollback);
        assertEquals(before, ReadBack.everything(database), "new schema, record kept, lock free");

        Outsider.execute(database, "DROP TRIGGER crash");
        Learner.assertExit(0, step("steps/07_rollback.java"));
        assertEquals(OLD, ReadBack.columnNames(database, "books"));
    }

    @Test
    @DisplayName("two changesets pending, the second fails: the first stays applied and recorded, the message says so")
    void secondChangesetFails() throws IOException {
        copy.restore(LessonState.ROLLED_BACK);
        Files.writeString(project.path("changelog/changes/0002_label_shelves.yaml"), """
                databaseChangeLog:
                - changeSet:
                    id: 0002-1
                    author: learner
                    changes:
                    - addColumn:
                        tableName: shelves
                        columns:
                        - column:
                            name: label
                            type: VARCHAR(20)
                """);
        Path master = project.path("changelog/db.changelog-master.yaml");
        Files.writeString(master, Files.readString(master)
                + "  - include:\n      file: changes/0002_label_shelves.yaml\n      relativeToChangelogFile: true\n");
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(1, upgrade);
        Learner.assertShows(upgrade, "no such table: shelves");
        Learner.assertShows(upgrade, "Before that, changeset 0001-1 was applied in full; the one that failed left nothing behind.");
        Messages.assertNoStackTrace(upgrade);
        assertEquals(NEW, ReadBack.columnNames(database, "books"));
        assertEquals(List.of("0001-1"), ReadBack.rows(database, "SELECT id FROM DATABASECHANGELOG"));
        assertEquals(List.of("0 | null"), lockRow());
    }

    /**
     * A real run's lock, left behind as by a run killed before it released it, made without
     * racing a kill: a trigger refuses the release, so 07_rollback ends with its lock set.
     * Returns LOCKEDBY as that run wrote it.
     */
    String lockLeftByAGoneRun() {
        copy.restore(LessonState.APPLIED);
        Outsider.execute(database, "CREATE TRIGGER keep_lock BEFORE UPDATE ON DATABASECHANGELOGLOCK WHEN NOT NEW.LOCKED "
                + "BEGIN SELECT RAISE(ABORT, 'the run dies before it releases its lock'); END");
        Learner.assertExit(0, step("steps/07_rollback.java"));
        Outsider.execute(database, "DROP TRIGGER keep_lock");
        List<String> lock = lockRow();
        assertTrue(lock.size() == 1 && lock.get(0).matches("1 \\| .+#pid \\d+ \\(.*\\)"), "a lock naming its process: " + lock);
        return lock.get(0).substring(4);
    }

    static long pidIn(String lockedBy) {
        return Long.parseLong(lockedBy.replaceFirst("^.+#pid (\\d+) \\(.*\\)$", "$1"));
    }

    @Test
    @DisplayName("a stale Liquibase lock whose process is gone: released at once, with a note, and the step runs")
    void staleLockOfAGoneRun() {
        String lockedBy = lockLeftByAGoneRun();
        long pid = pidIn(lockedBy);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the run that took the lock has ended");
        Result upgrade = step("steps/05_upgrade.java");
        Learner.assertExit(0, upgrade);
        Messages.assertSays(upgrade, Messages.RELEASED);
        Learner.assertShows(upgrade, "process " + pid + " on ");
        // the host by name, not Liquibase's "(fd00:0:0:0:0:0:0:2%eth0)" after it
        String host = lockedBy.replaceFirst("^(.+)#pid \\d+ \\(.*\\)$", "$1");
        Learner.assertShows(upgrade, "process " + pid + " on " + host + " took it at ");
        Learner.assertShows(upgrade, "1 changeset applied.");
        assertEquals(NEW, ReadBack.columnNames(database, "books"));
        assertEquals(List.of("0 | null"), lockRow());
    }

    @Test
    @DisplayName("a Liquibase lock held by a live process: fails in seconds naming it and release-locks, changes nothing; list-locks shows it")
    void lockOfALiveProcess() {
        String lockedBy = lockLeftByAGoneRun();
        long alive = ProcessHandle.current().pid(); // this test runner: running, and started before the lock below
        String live = lockedBy.replaceFirst("#pid \\d+ ", "#pid " + alive + " ");
        Outsider.execute(database, "UPDATE DATABASECHANGELOGLOCK SET LOCKEDBY = '" + live.replace("'", "''")
                + "', LOCKGRANTED = strftime('%Y-%m-%d %H:%M:%S', 'now')");
        List<String> before = ReadBack.everything(database);
        Result upgrade = step("steps/05_upgrade.java");
        assertRefused(upgrade, 1, Messages.LOCKED);
        Learner.assertShows(upgrade, "process " + alive + " on ");
        Learner.assertShows(upgrade, "  ./jbang liquibase release-locks");
        assertEquals(before, ReadBack.everything(database));
        // A preview (as check's round trips) works on a copy of its own: the lock library.db records is not the copy's (it failed
        // as locked, and check called a faithful rollback "not done"); neither is it released, here or there.
        Result preview = step("steps/05_upgrade.java", "--sql");
        Learner.assertExit(0, preview);
        Learner.assertShows(preview, "-- 0001-1, ");
        assertFalse(preview.output().contains("Released a stale"), preview.output());
        assertEquals(before, ReadBack.everything(database));
        Result locks = step("liquibase", "list-locks");
        Learner.assertExit(0, locks);
        Learner.assertShows(locks, " - " + live + " at ");

        Learner.assertExit(0, step("liquibase", "release-locks"));
        assertEquals(List.of("0 | null"), lockRow());
        Learner.assertShows(step("liquibase", "list-locks"), " - No locks");
        Learner.assertExit(0, step("steps/05_upgrade.java"));
        assertEquals(NEW, ReadBack.columnNames(database, "books"));
    }
}
