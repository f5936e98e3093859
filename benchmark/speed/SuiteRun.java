package speed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tutorial.project.Processes;
import tutorial.project.ScratchProject;

/**
 * The test suite run as CI runs it (./jbang test, in a scratch copy of the project), timed
 * whole, with the step processes it started counted by the wrapper itself: each ./jbang run,
 * nested ones included, writes one line to the file JBANG_WRAPPER_TRACE names, saying whether
 * it skipped JBang's launcher (launch cache) or ran it.
 */
public record SuiteRun(String command, double seconds, String tally, long cached, long launcher) {

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
                return new SuiteRun("./jbang " + String.join(" ", arguments), seconds, tally,
                        runs.stream().filter(line -> line.startsWith("cached ")).count(),
                        runs.stream().filter(line -> line.startsWith("launcher ")).count());
            } finally {
                Files.deleteIfExists(trace);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long stepProcesses() {
        return cached + launcher;
    }
}
