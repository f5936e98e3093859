package journeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * A step started as a real process and not waited for: to be killed, interrupted, or run
 * alongside another. ./jbang runs JBang's launcher first and then execs java in the same
 * process, so once the process's command is java, the PID is the step's own JVM.
 */
final class RunningStep {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final List<String> command;
    private final Process process;
    private final Path output;
    /** When the last await ended: finish() says how long the run went on from there. */
    private long markNanos;

    private RunningStep(List<String> command, Process process, Path output) {
        this.command = command;
        this.process = process;
        this.output = output;
    }

    static RunningStep start(ScratchProject project, String... arguments) {
        return start(project, false, false, java.util.Map.of(), arguments);
    }

    /** The same, with these environment variables set for it (and what it starts). */
    static RunningStep startWith(ScratchProject project, java.util.Map<String, String> environment, String... arguments) {
        return start(project, false, false, environment, arguments);
    }

    /** The step started with someone at the keyboard: what type() sends reaches its standard input, as from a terminal. */
    static RunningStep startAtKeyboard(ScratchProject project, String... arguments) {
        return start(project, false, true, java.util.Map.of(), arguments);
    }

    /**
     * The step started so that JBang's launcher really runs first: the wrapper's launch cache,
     * which skips the launcher once a command has run, is turned off for it.
     */
    static RunningStep startThroughLauncher(ScratchProject project, String... arguments) {
        return start(project, true, false, java.util.Map.of(), arguments);
    }

    private static RunningStep start(ScratchProject project, boolean throughLauncher, boolean keyboard, java.util.Map<String, String> environment,
            String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(project.root().resolve("jbang").toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("step-output-", ".txt");
            output.toFile().deleteOnExit(); // finish() deletes it; a step killed and never finished leaves it to the runner's end
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.root().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("NO_COLOR", "1");
            builder.environment().putAll(environment);
            if (throughLauncher) {
                builder.environment().put("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1");
            }
            Process process = builder.start();
            if (!keyboard) {
                process.getOutputStream().close(); // no one at the keyboard
            }
            return new RunningStep(command, process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until JBang has built the step and exec'ed its JVM (or the process ended first). */
    RunningStep awaitJava() {
        await(() -> !process.isAlive() || process.info().command().map(c -> c.endsWith("/java") || c.endsWith("java.exe")).orElse(false));
        return this;
    }

    /** Waits until this file exists (or the step ended): library.db-journal exists while a write transaction is open. */
    RunningStep awaitFile(Path file) {
        await(() -> !process.isAlive() || Files.exists(file));
        return this;
    }

    /** Waits until the step has printed this text (or ended). */
    RunningStep awaitOutput(String text) {
        await(() -> !process.isAlive() || output().contains(text));
        return this;
    }

    /**
     * Waits at most this long until the step has printed this text, and fails the test with
     * what it printed if it has not (or if it ended first).
     */
    RunningStep awaitOutput(String text, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = (process.isAlive() ? "Waited " + patience.toSeconds() + " s" : "The process ended (exit code "
                        + process.exitValue() + ")") + " and " + command + " did not print:\n" + text + "\nIt printed:\n" + output();
                process.destroyForcibly();
                throw new AssertionError(why);
            }
            pause();
        }
        markNanos = System.nanoTime();
        return this;
    }

    /** What the step has printed so far (output and errors together). */
    String printed() {
        return output();
    }

    /** A line typed at the keyboard, Enter included (for a step started with startAtKeyboard). */
    void type(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hook, no cleanup, as when the machine or the terminal dies. */
    void kill() {
        process.destroyForcibly();
    }

    /** kill -9 of the wrapper and every process it started (JBang's launcher, the step), waiting until they are gone. */
    void killAll() {
        java.util.List<ProcessHandle> started = process.descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        started.forEach(child -> child.onExit().join());
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until JBang's launcher (a java process under ./jbang, in the subshell that keeps a copy
     * of its messages) is at work, before the step's own JVM.
     */
    RunningStep awaitLauncher() {
        await(() -> !process.isAlive() || process.descendants().anyMatch(child -> child.info().command()
                .map(c -> c.endsWith("/java") || c.endsWith("java.exe")).orElse(false)));
        return this;
    }

    /** kill -s NAME to the step and whatever it started, as Ctrl-C (INT) reaches every process of the job. */
    void signal(String name) {
        List<ProcessHandle> children = process.descendants().toList();
        java.util.Map<Long, java.util.Optional<java.time.Instant>> started = new java.util.HashMap<>();
        children.forEach(child -> started.put(child.pid(), child.info().startInstant()));
        if (!kill(name, process.pid())) {
            throw new IllegalStateException("kill -s " + name + " " + process.pid() + " failed");
        }
        // A child may end between listing and signalling (the wrapper's short-lived helpers): not a failure. Its number may then
        // be another's already (a machine with 32768 of them, the suite's classes side by side): signalled only while it is the
        // same process, started at the same instant (a solve of another class got this SIGINT, and stopped midway).
        for (ProcessHandle child : children) {
            java.util.Optional<java.time.Instant> now = ProcessHandle.of(child.pid()).flatMap(same -> same.info().startInstant());
            if (now.isPresent() && now.equals(started.get(child.pid()))) {
                kill(name, child.pid());
            }
        }
    }

    private static boolean kill(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the end, and says how long the step went on after the last thing awaited. */
    Ended finish() {
        try {
            if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - markNanos);
            Result result = new Result(command, process.exitValue(), output());
            Files.deleteIfExists(output);
            return new Ended(result, ran);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Ended(Result result, Duration ranAfterAwait) {
    }

    private String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out waiting on " + command);
            }
            pause();
        }
        markNanos = System.nanoTime();
    }

    private static void pause() {
        try {
            Thread.sleep(10); // each poll takes CPU from the step itself on two cores
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
