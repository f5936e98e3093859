package tutorial.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One command at a time changes a project: the steps and tools that write library.db, the
 * changelog or the models (Step.changesTheProject, reset once answered, ./jbang liquibase) take
 * this lock (a file lock on .tutorial/project.lock) for their whole run, so that two started at
 * once take turns, each seeing what the other left, as if typed one after the other. Without it, two upgrades at once had the loser read library.db
 * half-way and send the learner to autogenerate a changeset that had just been applied, and two
 * autogenerates wrote the same changeset twice. The operating system lets go of the lock when
 * the process ends, however it ends (a kill included), so none is ever left behind. Commands
 * that only read (check, drift, history, lint, schema, explore) take none: they never wait.
 *
 * A command that runs others in the same folder (solve and reset run the steps) hands its lock
 * down: Processes names the folder in {@link #HELD} for the processes it starts, which then go
 * on without taking it.
 */
public final class ProjectLock {

    /** Set, to the project's folder, for the processes a holder of the lock starts. */
    static final String HELD = "TUTORIAL_PROJECT_LOCK_HELD";
    /** Set beside it, to the holder's process id: the lock it hands down lasts as long as that process. */
    static final String HOLDER = "TUTORIAL_PROJECT_LOCK_HOLDER";

    /** The folder whose lock this JVM holds (or was handed), if any. */
    private static Path heldFor;
    /** Kept referenced for the life of the JVM: a lock whose channel is collected is released. */
    private static FileChannel channel;
    private static FileLock lock;

    private ProjectLock() {
    }

    /**
     * Takes the project's lock, waiting (and saying so on standard error) while another command
     * holds it; returns whether it had to wait. In a folder where the lock file cannot be made
     * (read-only), goes on without it: the command then says itself what it cannot write.
     */
    public static synchronized boolean take(Path root, String command) {
        if (heldFor != null) {
            return false;
        }
        if (root.toString().equals(System.getenv(HELD))) {
            heldFor = root; // a command that holds it runs this one
            endWithHolder();
            return false;
        }
        boolean waited = false;
        try {
            Path folder = Files.createDirectories(root.resolve(".tutorial"));
            channel = FileChannel.open(folder.resolve("project.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            lock = channel.tryLock();
            // A command that only read may hold it for an instant (awaitHolder's look): not worth a "Waiting for" line.
            for (int look = 0; lock == null && look < 5 && !Thread.currentThread().isInterrupted(); look++) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // returns at once once interrupted: then the wait below
                lock = channel.tryLock();
            }
            // Who holds it, in a file of its own: Windows locks are mandatory, so the locked file itself could not be read.
            Path holder = folder.resolve("project.holder");
            if (lock == null) {
                System.err.println("Waiting for " + holder(holder) + " to finish: commands that change library.db, the changelog "
                        + "or the models take turns.");
                lock = channel.lock();
                waited = true;
            }
            heldFor = root;
            // Shown to whoever waits, in another terminal maybe: a password typed on the command line is not.
            Files.writeString(holder, command.replaceAll("(--password[=\\s]+)('[^']*'|\\S+)", "$1****") + " (process " + ProcessHandle.current().pid() + ")");
        } catch (IOException | OverlappingFileLockException | SecurityException cannot) {
            // No lock where none can be made: the command's own checks say what is read-only.
        }
        return waited;
    }

    /**
     * For a command that takes no lock (it only reads) and found what a holder may be making: library.db empty (0 bytes), as
     * SQLite leaves it between 01_create's connection and its first table. Where another command holds the project's lock, waits
     * until it lets go, saying so, and returns true (read again then); false at once where none does, or where this process or
     * the one that ran it holds it (then the file is as it is). Not for every read: read-only commands never wait otherwise.
     */
    public static boolean awaitHolder(Path root, String databaseName) {
        Path folder = root.resolve(".tutorial");
        if (heldFor != null || root.toString().equals(System.getenv(HELD)) || !Files.isRegularFile(folder.resolve("project.lock"))) {
            return false;
        }
        try (FileChannel reading = FileChannel.open(folder.resolve("project.lock"), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock free = reading.tryLock();
            if (free != null) {
                free.release();
                return false;
            }
            System.err.println("Waiting for " + holder(folder.resolve("project.holder")) + " to finish: " + databaseName
                    + " is empty (0 bytes) while it runs.");
            reading.lock().release();
            return true;
        } catch (IOException | OverlappingFileLockException | SecurityException cannot) {
            return false;
        }
    }

    /**
     * A command run under a holder's lock ends when that holder ends: killed (a kill, a timeout, an IDE's stop button, none of
     * which reaches its children as Ctrl-C does), the holder let go of the lock, and this one went on without it, writing into
     * the project after reset's way back had put the learner's work back (04_autogenerate's changeset, in reset's replay). It
     * stops as at a Ctrl-C, within a quarter of a second: SQLite undoes a transaction not committed. The holder is known by its
     * process id and the instant it started, so that a number reused by another process is not taken for it.
     */
    private static void endWithHolder() {
        String holder = System.getenv(HOLDER);
        if (holder == null || !holder.matches("\\d{1,18}:\\d{1,19}")) {
            return;
        }
        long pid = Long.parseLong(holder.substring(0, holder.indexOf(':')));
        long started = Long.parseLong(holder.substring(holder.indexOf(':') + 1));
        java.util.function.BooleanSupplier running = () -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().startInstant()).map(instant -> instant.toEpochMilli() == started).orElse(false);
        if (!running.getAsBoolean()) {
            ended(pid); // gone already
        }
        Thread watch = new Thread(() -> {
            try {
                while (running.getAsBoolean()) {
                    Thread.sleep(250);
                }
                ended(pid);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "holder-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** The holder as HOLDER names it for the processes it starts: its process id and start instant (epoch milliseconds). */
    static String holderOfThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + ":" + self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    private static void ended(long holder) {
        System.err.println("The command that ran this one (process " + holder + ") has ended: stopping here too, without the lock it held.");
        System.exit(143);
    }

    /**
     * Who holds the lock, as its holder wrote it. A holder takes the lock, then writes its name: read
     * in between, the file still names the command before it, whose process has ended. That is
     * waited out a moment; past it, "another command", never a process that is gone.
     */
    private static String holder(Path file) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                String holder = Files.readString(file).strip();
                java.util.regex.Matcher process = HOLDER_PROCESS.matcher(holder);
                if (!holder.isEmpty() && (!process.find() || ProcessHandle.of(Long.parseLong(process.group(1))).filter(ProcessHandle::isAlive).isPresent())) {
                    return holder;
                }
                Thread.sleep(25);
            } catch (IOException | NumberFormatException unreadable) {
                return "another command";
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "another command";
    }

    /** "./jbang steps/07_rollback.java (process 4242)": the holder's process. */
    private static final java.util.regex.Pattern HOLDER_PROCESS = java.util.regex.Pattern.compile("\\(process (\\d+)\\)$");

    /** The folder whose lock this JVM holds, for the processes it starts there. */
    static Optional<Path> held() {
        return Optional.ofNullable(heldFor);
    }
}
