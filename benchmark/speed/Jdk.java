package speed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JDK the steps can run on, chosen with JAVA_HOME. The start-up part measures two where both
 * are installed: one older than 25 (the learner's floor is 17), where the steps map JBang's
 * class-data archives, and one of 25 or newer, where the wrapper links the archives' classes ahead of time.
 */
public record Jdk(int major, Path home) {

    /** Where JDKs are installed: Debian's packages, JBang's own downloads, SDKMAN, macOS. */
    private static final List<Path> INSTALL_FOLDERS = List.of(Path.of("/usr/lib/jvm"),
            Path.of(System.getProperty("user.home"), ".jbang", "cache", "jdks"),
            Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java"),
            Path.of("/Library/Java/JavaVirtualMachines"));

    /** The first version whose archives the wrapper writes with classes linked ahead of time (JEP 483). */
    public static final int AOT_CLASS_LINKING = 25;

    public String label() {
        return "Java " + major;
    }

    public boolean linksClassesAheadOfTime() {
        return major >= AOT_CLASS_LINKING;
    }

    public Map<String, String> environment() {
        return Map.of("JAVA_HOME", home.toString());
    }

    /** The JDK this program runs on (the one ./jbang picks by default), and one from the other side of 25 if installed: oldest first. */
    public static List<Jdk> toMeasure() {
        Path home = Path.of(System.getProperty("java.home"));
        Jdk current = at(home).orElse(new Jdk(Runtime.version().feature(), home));
        List<Jdk> installed = installed();
        Optional<Jdk> other = current.linksClassesAheadOfTime()
                ? installed.stream().filter(jdk -> !jdk.linksClassesAheadOfTime()).min(Comparator.comparingInt(Jdk::major))
                : installed.stream().filter(Jdk::linksClassesAheadOfTime).max(Comparator.comparingInt(Jdk::major));
        List<Jdk> measured = new ArrayList<>(List.of(current));
        other.ifPresent(measured::add);
        measured.sort(Comparator.comparingInt(Jdk::major));
        return measured;
    }

    private static List<Jdk> installed() {
        List<Jdk> found = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        for (Path folder : INSTALL_FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(folder)) {
                for (Path home : homes.sorted().toList()) {
                    Path macHome = home.resolve("Contents/Home");
                    Optional<Jdk> jdk = at(Files.isDirectory(macHome) ? macHome : home);
                    if (jdk.isPresent() && !seen.contains(jdk.get().home().toRealPath())) {
                        seen.add(jdk.get().home().toRealPath());
                        found.add(jdk.get());
                    }
                }
            } catch (IOException e) {
                // an unreadable folder holds no JDK we can use
            }
        }
        return found;
    }

    /** The JDK at home, from its release file (JAVA_VERSION="25.0.3"), when it has a java. */
    static Optional<Jdk> at(Path home) {
        try {
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String major = version.startsWith("1.") ? "8" : version.split("[^0-9]")[0];
                    return Optional.of(new Jdk(Integer.parseInt(major), home));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no release file, or one we cannot read: not a JDK to measure
        }
        return Optional.empty();
    }
}
