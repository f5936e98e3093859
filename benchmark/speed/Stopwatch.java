package speed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a learner would (a real process, from a folder) and measures it: wall
 * time from start to exit, and peak memory, the largest resident set of any process the
 * command ran (the launcher JVM and the step's JVM are two processes; the larger counts).
 *
 * Peak memory comes from GNU time (/usr/bin/time -f %M) when the machine has it; otherwise
 * the command's own process is polled for VmHWM in /proc while it runs (that sees the step's
 * JVM, which JBang's launcher execs in its place); where neither exists it is left out.
 */
public final class Stopwatch {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** One run: how long, how much memory at most (0 when unknown), how it ended, what it printed. */
    public record Sample(double millis, long peakKb, int exitCode, String output) {
    }

    private Stopwatch() {
    }

    public static String memorySource() {
        if (Files.isExecutable(GNU_TIME)) {
            return "GNU time's maximum resident set size";
        }
        return Files.isDirectory(Path.of("/proc/self")) ? "VmHWM of the process, polled in /proc" : "not measured on this machine";
    }

    public static Sample run(Path folder, List<String> command, Map<String, String> environment) {
        try {
            Path output = Files.createTempFile("bench-output-", ".txt");
            Path peak = Files.createTempFile("bench-peak-", ".txt");
            try {
                List<String> measured = new ArrayList<>();
                boolean gnuTime = Files.isExecutable(GNU_TIME);
                if (gnuTime) {
                    measured.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", peak.toString()));
                }
                measured.addAll(command);
                ProcessBuilder builder = new ProcessBuilder(measured).directory(folder.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().put("NO_COLOR", "1");
                builder.environment().putAll(environment);
                long start = System.nanoTime();
                Process process = builder.start();
                long polledKb = gnuTime ? 0 : pollPeak(process);
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + command);
                }
                double millis = (System.nanoTime() - start) / 1e6;
                long peakKb = gnuTime ? lastNumber(Files.readString(peak)) : polledKb;
                return new Sample(millis, peakKb, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(peak);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The highest VmHWM seen while the process lives; a little memory is missed at the very end. */
    private static long pollPeak(Process process) throws InterruptedException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peakKb = 0;
        while (process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakKb = Math.max(peakKb, lastNumber(line));
                    }
                }
            } catch (IOException | UncheckedIOException gone) {
                break; // the process ended between isAlive() and the read
            }
            Thread.sleep(5);
        }
        return peakKb;
    }

    private static long lastNumber(String text) {
        String[] words = text.strip().replaceAll("[^0-9]+", " ").strip().split(" ");
        return words.length == 0 || words[words.length - 1].isEmpty() ? 0 : Long.parseLong(words[words.length - 1]);
    }
}
