package tutorial.liquibase;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;

import tutorial.database.ServerConnection;
import tutorial.project.Project;

/**
 * On PostgreSQL, says so when the step's block waits for a lock another session holds on a
 * table it changes: a psql left in an open transaction (BEGIN; SELECT ... FROM books;) keeps
 * an ALTER TABLE or a DROP INDEX waiting for as long as it stays open, and the step would
 * only seem to hang. A second connection looks, once a second after the first two, for a
 * session of this database, opened as it is from the same address, that started since the
 * block did and waits on a lock; it says
 * so once, on the terminal, and the step goes on waiting (Ctrl-C stops it, the server rolling
 * back what it had begun). SQLite waits for its own lock a few seconds and says so itself.
 */
final class ServerLockWait implements AutoCloseable {

    private static final long FIRST_LOOK_MILLIS = 2_000;
    private static final long LOOK_EVERY_MILLIS = 1_000;

    private final Thread watcher;
    private volatile boolean done;

    private ServerLockWait(Project project, PrintStream terminal) {
        long started = System.nanoTime();
        watcher = new Thread(() -> watch(project, terminal, started), "server-lock-wait");
        watcher.setDaemon(true);
    }

    /** Watches while the block runs, on PostgreSQL; on any other database, does nothing. */
    static ServerLockWait during(Project project, Database database, PrintStream terminal) {
        ServerLockWait wait = new ServerLockWait(project, terminal);
        if (database instanceof PostgresDatabase) {
            wait.watcher.start();
        } else {
            wait.done = true;
        }
        return wait;
    }

    private void watch(Project project, PrintStream terminal, long started) {
        try {
            Thread.sleep(FIRST_LOOK_MILLIS);
            if (done) {
                return;
            }
            try (Connection connection = ServerConnection.open(project);
                 PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                         + "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND backend_start >= now() - make_interval(secs => ?) "
                         // Opened as this one is (the same driver's name, or the URL's ApplicationName), from the same address: not
                         // another terminal's psql that happens to wait too.
                         + "AND application_name = current_setting('application_name') AND client_addr IS NOT DISTINCT FROM inet_client_addr()")) {
                while (!done) {
                    // The block's connection was opened after it started: a session that started since, in the server's own clock.
                    waiting.setDouble(1, (System.nanoTime() - started) / 1e9 + 1);
                    try (ResultSet count = waiting.executeQuery()) {
                        if (count.next() && count.getLong(1) > 0) {
                            synchronized (this) { // not once the block has ended: close() takes the same lock
                                if (done) {
                                    return;
                                }
                                terminal.println("Waiting for the server: a statement of this step waits for a lock another session holds on a "
                                    + "table it changes (an open transaction in psql, say). It goes on once that session commits or rolls back; "
                                    + "Ctrl-C stops it, and the server undoes what it had begun.");
                                terminal.flush();
                            }
                            return;
                        }
                    }
                    Thread.sleep(LOOK_EVERY_MILLIS);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException unseen) {
            // Only a courtesy: the step itself says what is wrong with the server, if anything.
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        watcher.interrupt();
    }
}
