package speed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Properties;

/** Which machine the figures come from: cores, processor, Java, JBang, and how busy it was. */
public record Machine(int cores, String processor, String java, String jbang) {

    public static Machine now(Path project) {
        return new Machine(Runtime.getRuntime().availableProcessors(), processorName(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"), jbang(project));
    }

    public String describe(LocalDate date) {
        return "Measured on " + date + ": " + cores + " cores (" + processor + "), Java " + java + ", JBang " + jbang
                + "; load average at the start " + loadAverage() + ".";
    }

    /** The 1-minute load average: other programs' work on the same cores (0 on an idle machine). */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String processorName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("processor unknown");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    /** What ./jbang runs: a jbang found on the PATH, else the version pinned in jbang-wrapper.properties. */
    private static String jbang(Path project) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "jbang");
            try {
                if (Files.isExecutable(candidate) && !Files.isSameFile(candidate, project.resolve("jbang"))) {
                    return "from the PATH (" + candidate + "), so without the wrapper's launch cache";
                }
            } catch (IOException e) {
                // not this one
            }
        }
        Properties pinned = new Properties();
        try (var in = Files.newBufferedReader(project.resolve("jbang-wrapper.properties"))) {
            pinned.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return pinned.getProperty("jbang.version", "unknown") + " through ./jbang";
    }
}
