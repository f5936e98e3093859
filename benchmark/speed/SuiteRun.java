package speed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tutorial.project.Processes;
import tutorial.project.ScratchProject;

/**
 * The test suite run as CI runs it (./jbang test, in a scratch copy of the project), timed
 * whole, with the step processes it started counted by the wrapper itself: each ./jbang run,
 * nested ones included, writes one line to the file JBANG_WRAPPER_TRACE names, saying whether
 * it skipped JBang's launcher (launch cache) or ran it, and what else it did that costs time
 * (a class-data archive written, the models compiled). With the suite's own
 * slowest classes, that says where the time goes. Where GNU time is, the CPU time of the suite
 * and every process it waited for (user and system, seconds; 0 when unknown) says how busy it
 * kept the machine's cores: a suite that keeps them all busy is made faster only by less work.
 */
public record SuiteRun(String command, double seconds, String tally, long cached, String slowest,
        Map<String, Long> launcherRuns, long archivesWritten, long modelCompiles, double userSeconds, double systemSeconds) {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    public static SuiteRun measure(Path project, String... arguments) {
        try (ScratchProject copy = ScratchProject.copyOf(project)) {
            Path trace = Files.createTempFile("suite-trace-", ".txt");
            Path cpu = Files.createTempFile("suite-cpu-", ".txt");
            try {
                List<String> command = new java.util.ArrayList<>();
                if (Files.isExecutable(GNU_TIME)) {
                    command.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S", "-o", cpu.toString()));
                }
                command.add(copy.root().resolve("jbang").toString());
                command.addAll(List.of(arguments));
                long start = System.nanoTime();
                // As long as CI gives a run (90 minutes): the suite took 7 to 12 minutes on these machines, over a step's 10.
                ScratchProject.Result result = Processes.run(copy.root(), command, "", Map.of("JBANG_WRAPPER_TRACE", trace.toString()),
                        java.time.Duration.ofMinutes(90));
                double seconds = (System.nanoTime() - start) / 1e9;
                // The last line: GNU time writes "Command exited with non-zero status N" above it when the suite fails.
                String[] userSystem = Files.readString(cpu).strip().lines().reduce((first, last) -> last).orElse("").split("\\s+");
                boolean timed = userSystem.length == 2 && userSystem[0].matches("[0-9.]+") && userSystem[1].matches("[0-9.]+");
                List<String> runs = Files.readAllLines(trace).stream().skip(1).toList(); // the first is ./jbang test itself
                String tally = result.output().lines().filter(line -> line.matches("\\d+ passed, \\d+ failed, \\d+ skipped"))
                        .reduce((first, last) -> last).orElse("no tally (exit " + result.exitCode() + ")");
                // A failing or skipped test is named, with its reason, so that a figure is never read off a broken
                // or a partial run.
                result.output().lines().filter(line -> line.startsWith("FAIL ") || line.startsWith("SKIP ") || line.startsWith("     ")).limit(40)
                        .forEach(line -> System.out.println("  " + line));
                String slowest = result.output().lines().filter(line -> line.startsWith("Slowest test classes: "))
                        .map(line -> line.substring("Slowest test classes: ".length())).reduce((first, last) -> last).orElse("");
                // Which scripts JBang's launcher ran, most often first (a first run, a test that turns the cache off).
                Map<String, Long> launcherRuns = runs.stream().filter(line -> line.startsWith("launcher "))
                        .collect(Collectors.groupingBy(line -> line.substring("launcher ".length()), Collectors.counting()));
                return new SuiteRun("./jbang " + String.join(" ", arguments), seconds, tally,
                        runs.stream().filter(line -> line.startsWith("cached ")).count(), slowest,
                        launcherRuns.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)),
                        runs.stream().filter(line -> line.startsWith("cds write ")).count(),
                        runs.stream().filter(line -> line.startsWith("models compile ")).count(),
                        timed ? Double.parseDouble(userSystem[0]) : 0, timed ? Double.parseDouble(userSystem[1]) : 0);
            } finally {
                Files.deleteIfExists(trace);
                Files.deleteIfExists(cpu);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many runs went through JBang's launcher, every script counted. */
    public long launcher() {
        return launcherRuns.values().stream().mapToLong(Long::longValue).sum();
    }

    public long stepProcesses() {
        return cached + launcher();
    }

    /** CPU seconds of the suite and the processes it waited for (0 when GNU time is not there). */
    public double cpuSeconds() {
        return userSeconds + systemSeconds;
    }
}
