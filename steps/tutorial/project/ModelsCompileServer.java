package tutorial.project;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * javac, kept warm between model edits. A compile of Models.java by a new javac takes a JVM's
 * start and javac's own warm-up, about 0.4 s, where the step that waits for it takes half a
 * second; a javac that has compiled it a few times compiles it again in about 50 ms. So
 * ./jbang starts this server (one per JDK, in its home) once a step that reads the models has
 * ended, or once javac has compiled them, when none runs, and hands it the
 * compiles: a request is a file in the server's folder, REQUEST.request, holding three lines
 * (the class path, the folder to write the classes to, the source), which the server takes by
 * renaming it REQUEST.taken, and answers by renaming that REQUEST.ok, REQUEST.failed (javac
 * found an error: its messages in REQUEST.out) or REQUEST.declined (anything else: ./jbang
 * runs javac instead). A request it has not taken within a second, ./jbang takes back and
 * compiles with javac as before; so does a compile the server dies during. The server claims
 * its folder with a link named pid (to its process id), writes a file named ready once it has
 * warmed up (the benchmark waits for it), and ends ten minutes after the last request or run of a
 * step (each touches the file alive in its folder), or once its folder is gone or is not the
 * learner's alone. docs/how-it-works.md says why.
 */
public final class ModelsCompileServer {

    /** Ten minutes, or the seconds JBANG_WRAPPER_COMPILE_SERVER_IDLE names (a test's few). */
    private static final long IDLE_MILLIS = idleMillis(System.getenv("JBANG_WRAPPER_COMPILE_SERVER_IDLE"));
    /** Where the kernel cannot say when a request comes (not Linux), how often it looks: every 5 ms while the learner is at work, every 25 ms after a quiet minute. */
    private static final long LOOK_EVERY_MILLIS = 5;
    private static final long LOOK_WHEN_QUIET_MILLIS = 25;
    private static final long QUIET_MILLIS = TimeUnit.MINUTES.toMillis(1);
    /** Polling, the folder listed this often whatever its time says (a file system may keep it to a tick). */
    private static final long LIST_AT_LEAST_EVERY_MILLIS = 100;
    /** With the kernel's watch, how often the server looks for its folder gone (or moved: the watch does not say) or claimed by another. */
    private static final long LOOK_FOR_ENDS_MILLIS = 1000;
    /** How long the main loop waits for a request taken before it looks at the warm-up and the idle time again. */
    private static final long WARM_UP_LOOK_MILLIS = 50;
    private static final long IDLE_LOOK_MILLIS = 1000;
    /** When a request came last (or a run of a step, the file alive touched, as read at the idle check); read by the requests' thread too. */
    private static volatile long lastActivity = System.currentTimeMillis();

    private ModelsCompileServer() {
    }

    /**
     * Whether the pid link names a live process of this user that runs java: a process that
     * took the id of a server that was killed (a container's small ids come round again) is not one.
     */
    private static boolean running(Path pid) {
        try {
            long owner = Long.parseLong(Files.readSymbolicLink(pid).toString());
            return ProcessHandle.of(owner).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().user().map(System.getProperty("user.name")::equals).orElse(true))
                    .filter(process -> process.info().command().map(command -> command.endsWith("java")).orElse(true))
                    .isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Arguments: the server's folder, then a source and its class path to warm javac up with. */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]).toAbsolutePath();
        Path pid = folder.resolve("pid");
        if (!learnersAlone(folder) || !claim(pid)) {
            return; // a folder others can write, or another server has it: before javac is loaded, which costs
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            letGo(folder, pid);
            return;
        }
        // Stopped by a signal (a logout, Ctrl-C in a script), it lets go of its folder too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> letGo(folder, pid)));
        Object folderKey = Files.readAttributes(folder, BasicFileAttributes.class).fileKey();
        BlockingQueue<Path> taken = new LinkedBlockingQueue<>();
        Thread taker = new Thread(() -> takeRequests(folder, folderKey, pid, taken), "requests");
        taker.setDaemon(true);
        taker.start();
        WarmUp warmUp = new WarmUp(javac, folder, args[1], args[2]);
        Path alive = folder.resolve("alive");
        while (taker.isAlive()) {
            // A request wakes it at once; between them it looks at the warm-up (a reading of the load every
            // 200 ms) while that lasts, then only at the idle time.
            Path request = taken.poll(warmUp.done() ? IDLE_LOOK_MILLIS : WARM_UP_LOOK_MILLIS, TimeUnit.MILLISECONDS);
            if (request != null) {
                answer(javac, request);
                lastActivity = System.currentTimeMillis();
            } else {
                warmUp.step();
            }
            if (System.currentTimeMillis() - lastActivity >= IDLE_MILLIS) {
                // Idle, unless a step ran meanwhile: read alive's time only now, not at every look.
                lastActivity = Math.max(lastActivity, touched(alive));
                if (System.currentTimeMillis() - lastActivity >= IDLE_MILLIS) {
                    break;
                }
            }
        }
        System.exit(0); // the shutdown hook lets go of the folder
    }

    static long idleMillis(String seconds) {
        try {
            return TimeUnit.SECONDS.toMillis(Long.parseLong(seconds.strip()));
        } catch (NullPointerException | NumberFormatException unset) {
            return TimeUnit.MINUTES.toMillis(10);
        }
    }

    /** When a file was last modified, or 0 when it is not there. */
    private static long touched(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The folder is this user's, and no one else may write in it: a request names where classes go. */
    private static boolean learnersAlone(Path folder) {
        try {
            if (!Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
            return !permissions.contains(PosixFilePermission.GROUP_WRITE) && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean claim(Path pid) throws IOException {
        String self = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createSymbolicLink(pid, Path.of(self));
                Files.deleteIfExists(pid.resolveSibling("ready")); // a killed server's
                return true;
            } catch (FileAlreadyExistsException taken) {
                if (running(pid)) {
                    return false;
                }
                Files.deleteIfExists(pid); // left by a server that was killed
            }
        }
        return false;
    }

    private static boolean ours(Path pid) {
        try {
            return Files.readSymbolicLink(pid).toString().equals(Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            return false;
        }
    }

    private static void letGo(Path folder, Path pid) {
        try {
            if (ours(pid)) { // a folder another server has claimed meanwhile is its, warm-up included
                Folders.deleteTree(folder.resolve(WarmUp.SCRATCH));
                Files.deleteIfExists(folder.resolve("ready"));
                Files.deleteIfExists(pid);
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            // with the folder
        }
    }

    /**
     * Takes each request as it comes (renamed .taken), on a thread of its own, so that ./jbang
     * knows it is taken at once even while javac is busy with another or with the warm-up. Ends
     * when the folder is gone (or another folder has its name: a wrapper home deleted and made
     * again), or another server has claimed it. On Linux the kernel says when the folder changes
     * (inotify, through a WatchService), so the server sleeps until a request comes, looking
     * once a second for the ends above: a server waiting for the next edit costs nothing
     * (looking every 5 ms, one took 5 % of a core through a run of the test suite). Elsewhere
     * (macOS's WatchService polls every few seconds) it looks every 5 ms, or every 25 ms once a
     * minute has passed without a request: the folder's modification time, and its list when
     * that changed.
     */
    private static void takeRequests(Path folder, Object folderKey, Path pid, BlockingQueue<Path> taken) {
        FileTime seen = null;
        long listedAt = 0;
        try (WatchService changes = kernelWatch(folder)) {
            if (changes == null) {
                trace("models server polling");
            }
            while (Objects.equals(folderKey, Files.readAttributes(folder, BasicFileAttributes.class).fileKey()) && ours(pid)) {
                FileTime modified = changes == null ? Files.getLastModifiedTime(folder) : null;
                // A file system may keep a folder's time to a clock tick of some milliseconds: a request
                // renamed in within the tick of the last look leaves it as it was, so it lists every 100 ms anyway.
                long now = System.currentTimeMillis();
                // With the kernel's watch, each look follows a change it reported or a second without one
                // (listed then too: a watch that stopped working costs a second, not every request).
                if (changes != null || (!modified.equals(seen) || now - listedAt >= LIST_AT_LEAST_EVERY_MILLIS)) {
                    seen = modified;
                    listedAt = now;
                    try (DirectoryStream<Path> requests = Files.newDirectoryStream(folder, "*.request")) {
                        for (Path request : requests) {
                            String name = request.getFileName().toString();
                            Path claimed = request.resolveSibling(name.substring(0, name.length() - ".request".length()) + ".taken");
                            try {
                                Files.move(request, claimed, StandardCopyOption.ATOMIC_MOVE);
                                taken.add(claimed);
                            } catch (IOException withdrawn) {
                                // ./jbang took it back
                            }
                        }
                    }
                }
                if (changes == null) {
                    Thread.sleep(now - lastActivity < QUIET_MILLIS ? LOOK_EVERY_MILLIS : LOOK_WHEN_QUIET_MILLIS);
                } else {
                    // Woken by a change (a request renamed in, a step touching alive), or after a second to look for the ends.
                    WatchKey changed = changes.poll(LOOK_FOR_ENDS_MILLIS, TimeUnit.MILLISECONDS);
                    if (changed != null) {
                        changed.pollEvents();
                        changed.reset();
                    }
                }
            }
        } catch (IOException | InterruptedException | java.nio.file.ClosedWatchServiceException gone) {
            // the folder is gone
        }
    }

    /**
     * A watch on the folder's new and changed files where the kernel tells at once (Linux), or
     * null: then the server polls, as it does where JBANG_WRAPPER_COMPILE_SERVER_POLL is set (so
     * that macOS's way is tested on Linux too).
     */
    private static WatchService kernelWatch(Path folder) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || System.getenv("JBANG_WRAPPER_COMPILE_SERVER_POLL") != null) {
            return null;
        }
        WatchService changes = null;
        try {
            changes = folder.getFileSystem().newWatchService();
            folder.register(changes, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return changes;
        } catch (IOException | UnsupportedOperationException e) { // no watch left (the user's inotify instances all taken, say)
            try {
                if (changes != null) {
                    changes.close();
                }
            } catch (IOException ignored) {
                // it goes with the process
            }
            return null;
        }
    }

    /**
     * Compiles a request taken, and always answers it: .ok, .failed with javac's messages (a
     * compile error, javac's exit code 1), or .declined for anything else, which ./jbang then
     * compiles with javac itself.
     */
    private static void answer(JavaCompiler javac, Path taken) throws IOException {
        String name = taken.getFileName().toString();
        String base = name.substring(0, name.length() - ".taken".length());
        String outcome = "declined";
        try {
            List<String> lines = Files.readAllLines(taken, StandardCharsets.UTF_8);
            // Four lines: the class path, the output folder, the source, and the Java release to compile for (./jbang's
            // javac_release, the tutorial's floor: classes Java 17 reads, whatever JDK this is; Java 25's stopped every step on 17).
            // A request of another shape (a wrapper older or newer than this server) is declined: ./jbang runs javac itself.
            if (lines.size() == 4) {
                ByteArrayOutputStream messages = new ByteArrayOutputStream();
                int exit = compile(javac, lines.get(0), Path.of(lines.get(1)), lines.get(2), lines.get(3), messages);
                if (exit == 0 || exit == 1) {
                    Files.write(taken.resolveSibling(base + ".out"), messages.toByteArray(), StandardOpenOption.CREATE_NEW);
                    outcome = exit == 0 ? "ok" : "failed";
                }
            }
        } catch (IOException | RuntimeException e) {
            outcome = "declined";
        }
        Files.move(taken, taken.resolveSibling(base + "." + outcome), StandardCopyOption.ATOMIC_MOVE);
        removeAnswersLeft(taken.getParent());
    }

    /** Answers no run came for (a ./jbang killed while it waited), after ten minutes. */
    private static void removeAnswersLeft(Path folder) throws IOException {
        long old = System.currentTimeMillis() - IDLE_MILLIS;
        try (DirectoryStream<Path> answers = Files.newDirectoryStream(folder, "*.{ok,failed,declined,out}")) {
            for (Path answer : answers) {
                if (Files.getLastModifiedTime(answer).toMillis() < old) {
                    Files.deleteIfExists(answer);
                }
            }
        }
    }

    /**
     * javac with the options ./jbang gives it when it runs it itself, into a folder that must be
     * there or whose parent must (never made again with its parents: a folder deleted stays
     * deleted); javac's messages to messages. Returns javac's exit code: 0 compiled, 1 errors.
     */
    private static int compile(JavaCompiler javac, String classPath, Path output, String source, String release,
            ByteArrayOutputStream messages) throws IOException {
        if (!Files.isDirectory(output)) {
            Files.createDirectory(output);
        }
        return javac.run(null, messages, messages, "--release", release, "-proc:none", "-encoding", "UTF-8", "-cp", classPath, "-d",
                output.toString(), source);
    }

    /**
     * Four compiles of the source the server was started for, thrown away (javac's code compiled
     * by the JIT), one at a time between requests. Each waits until the cores are mostly idle
     * (5 s at most after the start): a script that runs the steps one after the other has its
     * next steps start as the server does, and the warm-up (a second of CPU) would share the
     * cores with them. A learner's next command comes later than that. Then the server writes
     * its ready file.
     */
    private static final class WarmUp {
        static final String SCRATCH = ".warm-up";
        private final JavaCompiler javac;
        private final Path folder;
        private final String source;
        private final String classPath;
        private final com.sun.management.OperatingSystemMXBean system =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final long patientUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        private long nextReading = System.nanoTime();
        private int quietReadings;
        private int done;

        WarmUp(JavaCompiler javac, Path folder, String source, String classPath) {
            this.javac = javac;
            this.folder = folder;
            this.source = source;
            this.classPath = classPath;
            system.getCpuLoad(); // the first reading only starts the measure
        }

        boolean done() {
            return done == 4;
        }

        /** One compile of the warm-up when it is time for one; the ready file after the last. */
        void step() throws IOException {
            if (done == 4) {
                return;
            }
            long now = System.nanoTime();
            if (now >= nextReading) { // the load over the last 200 ms
                nextReading = now + TimeUnit.MILLISECONDS.toNanos(200);
                double load = system.getCpuLoad();
                quietReadings = load >= 0 && load < 0.3 ? quietReadings + 1 : 0;
            }
            if (quietReadings < 3 && now < patientUntil) {
                return;
            }
            Path scratch = folder.resolve(SCRATCH);
            try {
                compile(javac, classPath, scratch, source, String.valueOf(Runtime.version().feature()), new ByteArrayOutputStream());
            } catch (IOException gone) {
                // the folder went: the taker ends the server
            }
            Folders.deleteTree(scratch);
            if (++done == 4 && Files.isDirectory(folder)) {
                Files.writeString(folder.resolve("ready"), Long.toString(ProcessHandle.current().pid()));
                trace("models server ready");
            }
        }
    }

    private static void trace(String line) {
        String trace = System.getenv("JBANG_WRAPPER_TRACE");
        if (trace != null && !trace.isEmpty()) {
            try {
                Files.writeString(Path.of(trace), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // a trace only
            }
        }
    }
}
