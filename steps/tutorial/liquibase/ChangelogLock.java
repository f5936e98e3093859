package tutorial.liquibase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockServiceFactory;
import liquibase.lockservice.StandardLockService;
import liquibase.util.NetUtil;

import tutorial.database.ServerConnection;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * Liquibase's changelog lock (the one row of DATABASECHANGELOGLOCK) on SQLite, made fit for a
 * lesson where runs get killed.
 *
 * Liquibase takes the lock before it changes anything and releases it at the end; a run that
 * is killed (kill -9, a closed terminal, Ctrl-C) never releases it, and stock Liquibase then
 * waits five minutes and fails with a ClassCastException (it reads LOCKGRANTED, stored as
 * TEXT on SQLite, as a date). Here:
 * - every process writes its PID into LOCKEDBY (through Liquibase's own liquibase.hostDescription);
 * - a lock whose holder is provably gone (this host, and that PID is not running, or is a newer
 *   process that reuses the number) is released at once, with a note;
 * - a lock held by a live run is waited for a few seconds (a step takes less than that);
 * - otherwise the run fails within seconds, naming the holder, since when, and the command
 *   that releases it.
 * On a server, Liquibase's own lock service stays (see heldOnServer): only its refusal is said
 * in the same words.
 */
public final class ChangelogLock extends StandardLockService {

    private static final Duration WAIT_FOR_LIVE_HOLDER = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    /** LOCKEDBY as Liquibase writes it with our description: "host#pid 4242 (10.0.0.7)". */
    private static final Pattern TAGGED = Pattern.compile("^(.+)#pid (\\d+) \\((.*)\\)$");
    private static final String RELEASE_COMMAND = "./jbang liquibase release-locks";
    /** A server's LOCKGRANTED as the message gives it, to the second, as SQLite's is given. */
    private static final java.time.format.DateTimeFormatter LOCK_TIME_FORMAT = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The most a failing step waits to read a server's lock row again, connecting and reading (seconds). */
    private static final int LOCK_ROW_PATIENCE_SECONDS = 5;
    /** Liquibase's own lock service, on a server, when another run holds the lock: "Could not acquire change log lock.  Currently locked by X since Y". */
    private static final Pattern HELD_ON_SERVER = Pattern.compile("Could not acquire change log lock\\.\\s+Currently locked by (.+) since (.+)");

    static {
        // Read once, by Liquibase's LockDatabaseChangeLogGenerator, when it is first loaded.
        System.setProperty("liquibase.hostDescription", "pid " + ProcessHandle.current().pid());
        // In case the stock lock service is ever the one used: one poll a second, give up after one.
        System.setProperty("liquibase.changelogLockWaitTimeInMinutes", "0");
        System.setProperty("liquibase.changelogLockPollRate", "1");
    }

    /** Who holds the lock: LOCKEDBY and LOCKGRANTED as stored. */
    record Holder(String lockedBy, String granted) {

        Optional<Long> pid() {
            Matcher tagged = TAGGED.matcher(lockedBy == null ? "" : lockedBy);
            return tagged.matches() ? Optional.of(Long.parseLong(tagged.group(2))) : Optional.empty();
        }

        Optional<String> host() {
            Matcher tagged = TAGGED.matcher(lockedBy == null ? "" : lockedBy);
            return tagged.matches() ? Optional.of(tagged.group(1)) : Optional.empty();
        }

        /** LOCKGRANTED is SQLite's CURRENT_TIMESTAMP: UTC, "2026-11-26 01:19:50". */
        Optional<Instant> grantedAt() {
            try {
                return Optional.ofNullable(granted).map(text -> LocalDateTime.parse(text.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        String who() {
            if (pid().isPresent()) {
                Matcher tagged = TAGGED.matcher(lockedBy);
                tagged.matches();
                return "process " + tagged.group(2) + " on " + tagged.group(1) + " (" + tagged.group(3) + ")";
            }
            return lockedBy == null || lockedBy.isBlank() ? "an unknown run" : lockedBy;
        }

        /**
         * The same without the network address Liquibase adds after the host (an IPv6 one, on a VM): for a lock this machine
         * took, where it is noise to a learner (one of another machine keeps it, to be found by).
         */
        String whoHere() {
            return pid().flatMap(pid -> host().map(host -> "process " + pid + " on " + host)).orElseGet(this::who);
        }

        String since() {
            return granted == null ? "an unknown time" : granted + " UTC";
        }

        /**
         * Gone for certain: it ran on this host and its PID is not running, or is running but
         * started after the lock was taken (the number was reused), or is this very process,
         * which does not hold the lock. Anything less certain is left to the learner.
         */
        boolean provablyGone() {
            if (pid().isEmpty() || host().isEmpty() || host().get().equals("unknown")
                    || !host().get().equals(NetUtil.getLocalHostName())) {
                return false;
            }
            long pid = pid().get();
            if (pid == ProcessHandle.current().pid()) {
                return true;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return true;
            }
            Optional<Instant> started = process.get().info().startInstant();
            return started.isPresent() && grantedAt().isPresent() && started.get().isAfter(grantedAt().get().plusSeconds(2));
        }
    }

    /** Makes Liquibase use this lock service for SQLite. Liquibase forgets it after each command: call before each. */
    public static void register() {
        LockServiceFactory.getInstance().register(new ChangelogLock());
    }

    @Override
    public int getPriority() {
        return super.getPriority() + 1;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof SQLiteDatabase;
    }

    @Override
    public void waitForLock() throws LockException {
        try {
            awaitOtherWriters(database.getConnection().getURL(), true);
        } catch (SQLException e) {
            throw new LockException(e);
        }
        long deadline = System.nanoTime() + WAIT_FOR_LIVE_HOLDER.toNanos();
        while (!acquireLock()) {
            Optional<Holder> holder = holder();
            if (holder.isPresent() && holder.get().provablyGone() && releaseStale(holder.get())) {
                Console.say("Released a stale Liquibase lock: " + holder.get().whoHere() + " took it at "
                        + holder.get().since() + " and is no longer running.");
                Console.blank();
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw lockedBy(holder.orElse(new Holder(null, null)));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw lockedBy(holder.orElse(new Holder(null, null)));
            }
        }
    }

    /**
     * Waits, up to the busy timeout, while another connection writes to the database (a step still
     * running, a database browser with unsaved changes). SQLite waits for the write lock only in a
     * transaction that has read nothing yet: Liquibase reads the lock row before it writes it, and a
     * transaction that has read fails at once when it comes to write (SQLITE_BUSY, SQLite's way out
     * of a deadlock), so no step ever waited. The wait is done first, here, in a transaction of its
     * own that asks for the write lock at its start (BEGIN IMMEDIATE) and ends at once; said when
     * there is any. Still busy after it: SQLITE_BUSY, said as library.db being busy (Failures).
     * Before Liquibase's lock, too, where its tables may be made (Migrations.watching): there
     * without a word (say false), as a step that only reads (02_setup's history) may be waiting
     * on nothing but another such probe for an instant, and runs that print the same must.
     */
    public static void awaitOtherWriters(String url, boolean say) throws SQLException {
        try (Connection probe = DriverManager.getConnection(url); Statement statement = probe.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            try {
                statement.execute("BEGIN IMMEDIATE");
            } catch (SQLException busy) {
                if (!isBusy(busy)) {
                    throw busy;
                }
                String file = url.replaceFirst("^jdbc:sqlite:", "").replaceFirst("\\?.*$", "");
                if (say) {
                    Console.say("Waiting for " + java.nio.file.Path.of(file).getFileName() + ": another program is writing to it (up to "
                        + Project.SQLITE_BUSY_TIMEOUT_MILLIS / 1000 + " seconds)...");
                }
                statement.execute("PRAGMA busy_timeout = " + Project.SQLITE_BUSY_TIMEOUT_MILLIS);
                statement.execute("BEGIN IMMEDIATE");
            }
            statement.execute("ROLLBACK");
        }
    }

    /** Whether SQLite refused for a lock another connection holds (SQLITE_BUSY, extended codes too, or said so in the message). */
    public static boolean isBusy(SQLException refused) {
        return (refused.getErrorCode() & 0xff) == 5 || String.valueOf(refused.getMessage()).contains("SQLITE_BUSY");
    }

    static LockException lockedBy(Holder holder) {
        LessonError error = new LessonError("library.db is locked by another Liquibase run: " + holder.who()
                + ", since " + holder.since() + ". Nothing was changed.",
                "If that run is still going, let it finish, then run the step again. If it is not (it was\n"
                        + "stopped, or ran on another machine), release the lock and run the step again:\n  " + RELEASE_COMMAND);
        return new LockException(error.getMessage() + "\n" + error.next(), error);
    }

    /**
     * On a server (PostgreSQL, say), Liquibase's own lock service keeps the lock: a run stopped
     * midway (its connection cut, the server restarted) leaves it taken, and every later run fails
     * at once. Said as on SQLite, with the command that releases it, written for that server.
     * SQLite's lock is this class's, which releases a stale one itself: a server's is not, as its
     * LOCKGRANTED is the server's local time, which cannot prove a holder gone.
     */
    public static Optional<LessonError> heldOnServer(Project project, Throwable failure) {
        Matcher held = HELD_ON_SERVER.matcher(String.join("\n", Failures.messages(failure)));
        if (!held.find()) {
            return Optional.empty();
        }
        // The server as the learner named it: the options they typed, or none, for liquibase.properties' url (which ./jbang liquibase reads).
        Holder holder = new Holder(held.group(1).strip(), null);
        // A run of this machine whose process has ended holds it no more (a Ctrl-C, a kill): not released here, as the server is
        // shared, but said as what it is. One of another machine, or still running, may be at work.
        boolean gone = holder.provablyGone() && holder.pid().orElse(-1L) != ProcessHandle.current().pid();
        return Optional.of(new LessonError(ServerConnection.name(project.url()) + " is locked by another Liquibase run: "
                + holder.who() + ", since " + grantedOnServer(project, held.group(1).strip()).orElse(held.group(2).strip())
                + (gone ? ", and that process, on this machine, is no longer running: it was stopped before it could release the lock." : ".")
                + Failures.NOTHING_CHANGED,
                (gone ? "Release the lock, then run the step again:\n  "
                        : "If that run is still going, let it finish, then run the step again. If it is not (it was stopped,\n"
                                + "or lost its connection to the server), release the lock and run the step again:\n  ")
                        + CommandLine.liquibaseOnSameDatabase(project, "release-locks"), LessonError.NOT_READY, failure));
    }

    /**
     * When the server's lock was taken, read from its row: Liquibase's refusal gives the time in
     * the JVM's short form and locale ("12/6/26, 7:35 AM"), where the row holds it to the second
     * (the server's NOW() in the zone of the run that took the lock), as the SQLite message gives
     * it. Only while the row still names the holder the refusal named; empty when it does not,
     * or cannot be read within a few seconds (the server gone meanwhile): Liquibase's words then.
     */
    private static Optional<String> grantedOnServer(Project project, String holder) {
        int patience = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(LOCK_ROW_PATIENCE_SECONDS);
        try (Connection connection = ServerConnection.open(project)) {
            connection.setNetworkTimeout(Runnable::run, LOCK_ROW_PATIENCE_SECONDS * 1000);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(LOCK_ROW_PATIENCE_SECONDS);
                try (ResultSet row = statement.executeQuery("SELECT LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK WHERE ID = 1 AND LOCKED")) {
                    if (!row.next() || !holder.equals(row.getString(1))) {
                        return Optional.empty();
                    }
                    return Optional.ofNullable(row.getObject(2, LocalDateTime.class)).map(time -> time.format(LOCK_TIME_FORMAT) + " (the lock row's time)");
                }
            }
        } catch (SQLException | RuntimeException unreadable) {
            return Optional.empty();
        } finally {
            DriverManager.setLoginTimeout(patience);
        }
    }

    /** The lock row read with plain SQL (Liquibase's own reader fails on SQLite's TEXT dates). */
    Optional<Holder> holder() throws LockException {
        try (Statement statement = connection().createStatement();
             ResultSet row = statement.executeQuery("SELECT LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK WHERE ID = 1 AND LOCKED")) {
            return row.next() ? Optional.of(new Holder(row.getString(1), row.getString(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new LockException(e);
        } finally {
            endReadTransaction();
        }
    }

    /** Clears the lock only if it is still the stale one: a run that took it meanwhile keeps it. */
    private boolean releaseStale(Holder holder) throws LockException {
        try (PreparedStatement release = connection().prepareStatement("UPDATE DATABASECHANGELOGLOCK "
                + "SET LOCKED = 0, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1 AND LOCKED AND LOCKEDBY IS ? AND LOCKGRANTED IS ?")) {
            release.setString(1, holder.lockedBy());
            release.setString(2, holder.granted());
            int released = release.executeUpdate();
            database.commit();
            return released == 1;
        } catch (SQLException | liquibase.exception.DatabaseException e) {
            endReadTransaction();
            throw new LockException(e);
        }
    }

    /** Every lock, with LOCKGRANTED read as the text SQLite stores (./jbang liquibase list-locks). */
    @Override
    public DatabaseChangeLogLock[] listLocks() throws LockException {
        List<DatabaseChangeLogLock> locks = new ArrayList<>();
        if (!isDatabaseChangeLogLockTableCreated(true)) { // Liquibase's own check, asked afresh
            endReadTransaction();
            return new DatabaseChangeLogLock[0];
        }
        try (Statement statement = connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT ID, LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK WHERE LOCKED")) {
            while (rows.next()) {
                Holder holder = new Holder(rows.getString(2), rows.getString(3));
                locks.add(new DatabaseChangeLogLock(rows.getInt(1),
                        Date.from(holder.grantedAt().orElse(Instant.EPOCH)), holder.lockedBy()));
            }
        } catch (SQLException e) {
            throw new LockException(e);
        } finally {
            endReadTransaction();
        }
        return locks.toArray(new DatabaseChangeLogLock[0]);
    }

    private Connection connection() {
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }

    /** A read left open would hold SQLite's shared lock and keep the lock holder from committing. */
    private void endReadTransaction() {
        try {
            database.rollback();
        } catch (liquibase.exception.DatabaseException ignored) {
            // nothing was written; the next statement starts afresh
        }
    }
}
