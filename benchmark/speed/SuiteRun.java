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
 * (a class-data archive or AOT cache written, the models compiled). With the suite's own
 * slowest classes, that says where the time goes.
 */
public record SuiteRun(String command, double seconds, String tally, long cached, String slowest,
        Map<String, Long> launcherRuns, long archivesWritten, long modelCompiles) {

    public static SuiteRun measure(Path project, String... arguments) {
        try (ScratchProject copy = ScratchProject.copyOf(project)) {
            Path trace = Files.createTempFile("suite-trace-", ".txt");
            try {
                long start = System.nanoTime();
                ScratchProject.Result result = Processes.jbang(copy.root(), copy.root(), "",
                        Map.of("JBANG_WRAPPER_TRACE", trace.toString()), arguments);
                double seconds = (System.nanoTime() - start) / 1e9;
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
                        runs.stream().filter(line -> line.startsWith("cds write ") || line.startsWith("aot train ")).count(),
                        runs.stream().filter(line -> line.startsWith("models compile ")).count());
            } finally {
                Files.deleteIfExists(trace);
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
}
