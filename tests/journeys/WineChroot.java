package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import tutorial.project.Folders;
import tutorial.project.Processes;
import tutorial.project.ScratchProject.Result;

/**
 * Where WindowsTest runs Windows programs: Wine 10 in a Debian trixie chroot, made once by
 * tests/windows/prepare-wine.sh under /var/tmp (WINDOWS_TEST_CHROOT names another folder), with
 * /proc and /dev mounted while it is open and a folder of this run's own inside it (the share),
 * removed on close with whatever was mounted. Wine sees the chroot's files as drive Z:.
 */
final class WineChroot implements AutoCloseable {

    static final Path ROOT = Path.of(System.getenv().getOrDefault("WINDOWS_TEST_CHROOT", "/var/tmp/jbang-wine-trixie"));
    /** The stand-in for a JDK that prepare-wine.sh compiles (tests/windows/java-stand-in.c), as Wine names it. */
    static final String JAVA_HOME = "Z:\\opt\\stand-in-jdk";

    private final List<String> mounted = new ArrayList<>();
    private Path share;

    private WineChroot() {
    }

    /** Made (the first time) and opened; the test is skipped, with the reason, where it cannot be. */
    static WineChroot open() throws IOException {
        Assumptions.assumeTrue(isRoot(), "needs root (debootstrap, chroot and mount make the Wine 10 chroot)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "needs apt-get (a Debian or Ubuntu machine) to make the Wine 10 chroot");
        // The chroot takes about 2.3 GB the first time: where the disk has not that much to spare, skip
        // rather than fill it (a full disk would fail every other test too).
        Path made = Files.exists(ROOT) ? ROOT : ROOT.getParent();
        Assumptions.assumeTrue(Files.exists(ROOT.resolve("usr/bin/wine")) || Files.getFileStore(made).getUsableSpace() > 4L << 30,
                "needs about 2.3 GB free under " + made + " to make the Wine 10 chroot the first time (with room to spare)");
        Result prepared = Processes.run(Learner.projectRoot(), List.of("bash",
                Learner.projectRoot().resolve("tests/windows/prepare-wine.sh").toString(), ROOT.toString()), "");
        assertEquals(0, prepared.exitCode(), () -> "prepare-wine.sh: " + prepared.output());
        WineChroot chroot = new WineChroot();
        chroot.mount("proc", "-t", "proc", "proc");
        chroot.mount("dev", "--bind", "/dev");
        Files.createDirectories(ROOT.resolve("w"));
        chroot.share = Files.createTempDirectory(ROOT.resolve("w"), "run-");
        // Kept running between the cases, so each cmd starts in about a second.
        chroot.run(Map.of(), chroot.share, "wineserver", "-p");
        return chroot;
    }

    /** This run's folder inside the chroot (Z:\w\run-...). */
    Path share() {
        return share;
    }

    /** The stand-in java.exe, as a file of the host. */
    Path standInJava() {
        return ROOT.resolve("opt/stand-in-jdk/bin/java.exe");
    }

    /** What Wine calls this file of the chroot. */
    String windows(Path path) {
        return "Z:\\" + ROOT.relativize(path).toString().replace('/', '\\');
    }

    /**
     * A command run in the chroot from a folder there, with a clean environment plus these
     * variables (a UTF-8 locale, so non-ASCII names reach Windows as Unicode); output with Unix
     * line ends. At most two minutes: a wrapper that hands over to itself forever would hang.
     */
    Result run(Map<String, String> environment, Path folder, String... command) {
        List<String> line = new ArrayList<>(List.of("chroot", ROOT.toString(), "env", "-i", "HOME=/root", "PATH=/usr/bin:/bin",
                "LANG=C.UTF-8", "WINEDEBUG=-all", "XDG_RUNTIME_DIR=/tmp"));
        environment.forEach((key, value) -> line.add(key + "=" + value));
        line.addAll(List.of("sh", "-c", "cd \"$1\" && shift && exec timeout 120 \"$@\"", "sh", "/" + ROOT.relativize(folder)));
        line.addAll(List.of(command));
        Result result = Processes.run(share, line, "");
        return new Result(result.command(), result.exitCode(), result.output().replace("\r\n", "\n"));
    }

    @Override
    public void close() throws IOException {
        if (share != null) {
            run(Map.of(), share, "wineserver", "-k");
            try {
                Folders.deleteTree(share);
            } catch (UncheckedIOException e) {
                // A leftover of this run under the chroot's w/ harms nothing; the next run makes a folder of its own.
            }
        }
        for (int i = mounted.size() - 1; i >= 0; i--) {
            Processes.run(Path.of("/"), List.of("umount", "-l", mounted.get(i)), "");
        }
    }

    private void mount(String target, String... how) {
        Path point = ROOT.resolve(target);
        if (Processes.run(Path.of("/"), List.of("mountpoint", "-q", point.toString()), "").exitCode() == 0) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(how));
        command.add(point.toString());
        Result result = Processes.run(Path.of("/"), command, "");
        assertEquals(0, result.exitCode(), () -> "mount " + point + ": " + result.output());
        mounted.add(point.toString());
    }

    private static boolean isRoot() {
        return Processes.run(Path.of("/"), List.of("id", "-u"), "").output().strip().equals("0");
    }
}
