package tutorial.project;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs ./jbang as a separate process, the way a learner runs it from a terminal. */
public final class Processes {

    private Processes() {
    }

    /** ./jbang ARGS in a folder of the project at root, with text on standard input; output and errors together. */
    public static ScratchProject.Result jbang(Path root, Path folder, String input, String... arguments) {
        return jbang(root, folder, input, Map.of(), arguments);
    }

    /** The same, with these variables added to the environment (a null value removes the variable). */
    public static ScratchProject.Result jbang(Path root, Path folder, String input, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        command.add(root.resolve(windows ? "jbang.cmd" : "jbang").toString());
        command.addAll(List.of(arguments));
        return run(folder, command, input, environment);
    }

    public static ScratchProject.Result run(Path folder, List<String> command, String input) {
        return run(folder, command, input, Map.of());
    }

    public static ScratchProject.Result run(Path folder, List<String> command, String input, Map<String, String> environment) {
        return run(folder, command, input, environment, java.time.Duration.ofMinutes(10));
    }

    /** The same, given as long as patience says before it is stopped (the whole suite, in the bench, takes longer than a step). */
    public static ScratchProject.Result run(Path folder, List<String> command, String input, Map<String, String> environment,
            java.time.Duration patience) {
        try {
            // Not Folders.temporary: removed by its shutdown hook as a Ctrl-C ended this JVM, it was gone while solve still read the
            // step it ran (its checkpoint then closed as if done, and the stop named no copy of library.db: CI, twice in three runs).
            Path output = Files.createTempFile("step-output-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("NO_COLOR", "1");
                // Liquibase's own variables (LIQUIBASE_COMMAND_URL, exported for another project) are not handed on: what this
                // starts works on the project's database, as the steps do (solve's liquibase tag would have tagged the other).
                builder.environment().keySet().removeIf(name -> name.startsWith("LIQUIBASE_"));
                // What this command runs in its folder runs under its lock, not waiting for it.
                ProjectLock.held().ifPresent(root -> {
                    builder.environment().put(ProjectLock.HELD, root.toString());
                    builder.environment().put(ProjectLock.HOLDER, ProjectLock.holderOfThisProcess()); // it ends with this one
                });
                environment.forEach((name, value) -> {
                    if (value == null) {
                        builder.environment().remove(name);
                    } else {
                        builder.environment().put(name, value);
                    }
                });
                Process process = builder.start();
                try (OutputStream keyboard = process.getOutputStream()) { // then no one is at the keyboard
                    keyboard.write(input.getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + command);
                }
                return new ScratchProject.Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
