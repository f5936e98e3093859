package tutorial.project;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * javac, kept warm between model edits. A compile of Models.java by a new javac takes a JVM's
 * start and javac's own warm-up, about 0.4 s, where the step that waits for it takes half a
 * second; a javac that has compiled it a few times compiles it again in about 50 ms. So
 * 03_change_model starts this server (one per JDK, in ./jbang's home) as it asks for a model
 * edit, and so does ./jbang after a compile by javac, when none runs. ./jbang hands it the
 * compiles: a request is a file in the server's folder, REQUEST.request, holding three lines
 * (the class path, the folder to write the classes to, the source), which the server takes by
 * renaming it REQUEST.taken, and answers by renaming it REQUEST.ok or REQUEST.failed, with
 * javac's messages in REQUEST.out. A request it has not taken within a second, ./jbang takes
 * back and compiles with javac as before; so does a compile the server dies during. The server
 * claims its folder with a link named pid (to its process id), writes a file named ready once
 * it has warmed up (the benchmark waits for it), looks for requests every 5 ms (a look at the
 * folder's modification time), and ends after ten minutes without one, or once its folder is
 * gone. docs/how-it-works.md says why.
 */
public final class ModelsCompileServer {

    private static final long IDLE_NANOS = 600_000_000_000L; // ten minutes
    private static final long LOOK_EVERY_MILLIS = 5;

    private ModelsCompileServer() {
    }

    /**
     * Starts a server for the model edit the learner is about to make, in the folder ./jbang
     * names for this JDK (JBANG_WRAPPER_COMPILE_SERVER), unless one runs there: 03_change_model
     * calls it as it asks for the genre line, so that javac has warmed up by the time the edit
     * is made, and even a session's first edit is compiled in milliseconds. Nothing when the
     * script was started otherwise; the server's output goes nowhere, and it outlives this JVM.
     */
    public static void startForTheNextEdit(Path models) {
        String folder = System.getenv("JBANG_WRAPPER_COMPILE_SERVER");
        if (folder == null || folder.isEmpty() || running(Path.of(folder, "pid"))) {
            return;
        }
        String machinery = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith("/Machinery.jar")).findFirst().orElse(null);
        if (machinery == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(folder));
            // The options ./jbang starts it with (start_compile_server).
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xlog:disable", "-classpath", machinery,
                    ModelsCompileServer.class.getName(), folder, models.toAbsolutePath().toString(), machinery)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            // Only a head start: the first compile is javac's, which starts a server after it.
        }
    }

    /** Whether the pid link names a live process. */
    private static boolean running(Path pid) {
        try {
            long owner = Long.parseLong(Files.readSymbolicLink(pid).toString());
            return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Arguments: the server's folder, then a source and its class path to warm javac up with. */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Path pid = folder.resolve("pid");
        Files.createDirectories(folder);
        if (!claim(pid)) {
            return; // another server has this folder
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            Files.deleteIfExists(pid);
            return;
        }
        Path scratch = Files.createTempDirectory(folder, ".warm-up-");
        try {
            serve(javac, folder, pid, new WarmUp(javac, folder, scratch, args[1], args[2]));
        } finally {
            try {
                deleteTree(scratch);
            } catch (IOException gone) {
                // with the folder
            }
            if (ours(pid)) {
                Files.deleteIfExists(folder.resolve("ready"));
                Files.deleteIfExists(pid);
            }
        }
    }

    private static boolean claim(Path pid) throws IOException {
        String self = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createSymbolicLink(pid, Path.of(self));
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

    /**
     * Four compiles of the source the server was started for, thrown away (javac's code compiled
     * by the JIT), one at a time between looks for requests, so that a request never waits for
     * more than one. Each waits until the cores are mostly idle (5 s at most after the start): a
     * script that runs the steps one after the other has its next steps start as the server
     * does, and the warm-up (a second of CPU) would share the cores with them. A learner's next
     * command comes later than that. Then the server writes its ready file.
     */
    private static final class WarmUp {
        private final JavaCompiler javac;
        private final Path folder;
        private final Path scratch;
        private final String source;
        private final String classPath;
        private final com.sun.management.OperatingSystemMXBean system =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final long patientUntil = System.nanoTime() + 5_000_000_000L;
        private long nextReading = System.nanoTime();
        private int quietReadings;
        private int done;

        WarmUp(JavaCompiler javac, Path folder, Path scratch, String source, String classPath) {
            this.javac = javac;
            this.folder = folder;
            this.scratch = scratch;
            this.source = source;
            this.classPath = classPath;
            system.getCpuLoad(); // the first reading only starts the measure
        }

        /** One compile of the warm-up when it is time for one; the ready file after the last. */
        void step() throws IOException {
            if (done == 4) {
                return;
            }
            long now = System.nanoTime();
            if (now >= nextReading) { // the load over the last 200 ms
                nextReading = now + 200_000_000L;
                double load = system.getCpuLoad();
                quietReadings = load >= 0 && load < 0.3 ? quietReadings + 1 : 0;
            }
            if (quietReadings < 3 && now < patientUntil) {
                return;
            }
            compile(javac, classPath, scratch.resolve(Integer.toString(done)), source);
            if (++done == 4) {
                Files.writeString(folder.resolve("ready"), Long.toString(ProcessHandle.current().pid()));
                trace("models server ready");
            }
        }
    }

    private static void serve(JavaCompiler javac, Path folder, Path pid, WarmUp warmUp) throws IOException, InterruptedException {
        long idleSince = System.nanoTime();
        FileTime seen = null;
        for (long look = 0; Files.isDirectory(folder) && ours(pid) && System.nanoTime() - idleSince < IDLE_NANOS; look++) {
            // A file system may keep a folder's time to a clock tick of some milliseconds: a request
            // renamed in within the tick of the last look leaves it as it was, so every 20th look lists anyway.
            FileTime modified = Files.getLastModifiedTime(folder);
            boolean answered = false;
            if (!modified.equals(seen) || look % 20 == 0) {
                seen = modified;
                try (DirectoryStream<Path> requests = Files.newDirectoryStream(folder, "*.request")) {
                    for (Path request : requests) {
                        answer(javac, request);
                        idleSince = System.nanoTime();
                        answered = true;
                    }
                }
                if (look % 12_000 == 0) { // once a minute
                    removeAnswersLeft(folder);
                }
            }
            if (!answered) {
                warmUp.step();
            }
            Thread.sleep(LOOK_EVERY_MILLIS);
        }
    }

    /** Answers no run came for (a ./jbang killed while it waited), after ten minutes. */
    private static void removeAnswersLeft(Path folder) throws IOException {
        long old = System.currentTimeMillis() - 600_000;
        try (DirectoryStream<Path> answers = Files.newDirectoryStream(folder, "*.{ok,failed,out}")) {
            for (Path answer : answers) {
                if (Files.getLastModifiedTime(answer).toMillis() < old) {
                    Files.deleteIfExists(answer);
                }
            }
        }
    }

    private static void answer(JavaCompiler javac, Path request) throws IOException {
        String name = request.getFileName().toString();
        String base = name.substring(0, name.length() - ".request".length());
        Path taken = request.resolveSibling(base + ".taken");
        List<String> lines;
        try {
            Files.move(request, taken, StandardCopyOption.ATOMIC_MOVE);
            lines = Files.readAllLines(taken, StandardCharsets.UTF_8);
        } catch (IOException withdrawn) {
            return; // ./jbang took it back
        }
        boolean compiled = false;
        String messages;
        if (lines.size() < 3) {
            messages = "A compile request needs three lines: the class path, the output folder, the source.\n";
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            compiled = compile(javac, lines.get(0), Path.of(lines.get(1)), lines.get(2), out);
            messages = out.toString(StandardCharsets.UTF_8);
        }
        Files.writeString(request.resolveSibling(base + ".out"), messages, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(taken, request.resolveSibling(base + (compiled ? ".ok" : ".failed")), StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean compile(JavaCompiler javac, String classPath, Path output, String source) {
        return compile(javac, classPath, output, source, new ByteArrayOutputStream());
    }

    /** The options ./jbang gives javac when it runs it itself; javac's messages to messages. */
    private static boolean compile(JavaCompiler javac, String classPath, Path output, String source, ByteArrayOutputStream messages) {
        try {
            Files.createDirectories(output);
            return javac.run(null, messages, messages, "-proc:none", "-encoding", "UTF-8", "-cp", classPath, "-d", output.toString(), source) == 0;
        } catch (IOException | RuntimeException e) {
            messages.writeBytes(("javac could not run: " + e + "\n").getBytes(StandardCharsets.UTF_8));
            return false;
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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
