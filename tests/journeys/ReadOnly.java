package journeys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Assumptions;

/**
 * A file or folder made read-only for real, then writable again on close. Root ignores
 * permissions, so as root this uses chattr +i (immutable: not even root may write); where
 * neither works, the test is skipped with the reason, never passed without proof.
 */
final class ReadOnly implements AutoCloseable {

    private final Path path;
    private final boolean immutable;

    private ReadOnly(Path path, boolean immutable) {
        this.path = path;
        this.immutable = immutable;
    }

    static ReadOnly make(Path path) {
        boolean root = "0".equals(run("id", "-u").strip());
        ReadOnly readOnly;
        if (root) {
            String said = run("chattr", "+i", path.toString());
            readOnly = new ReadOnly(path, true);
            if (!said.isBlank()) {
                readOnly.close();
                Assumptions.abort("running as root, and chattr +i " + path.getFileName() + " did not work here: " + said.strip());
            }
        } else {
            if (!path.toFile().setWritable(false, false)) {
                Assumptions.abort("cannot take write permission away from " + path);
            }
            readOnly = new ReadOnly(path, false);
        }
        if (canWrite(path)) {
            readOnly.close();
            Assumptions.abort(path.getFileName() + " is still writable after " + (root ? "chattr +i (as root)" : "chmod a-w"));
        }
        return readOnly;
    }

    /** Tries for real: append to the file, or create a file in the folder. */
    private static boolean canWrite(Path path) {
        try {
            if (Files.isDirectory(path)) {
                Files.delete(Files.createTempFile(path, ".probe-", ".tmp"));
            } else {
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.APPEND)) {
                    out.flush();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (immutable) {
            run("chattr", "-i", path.toString());
        } else {
            path.toFile().setWritable(true, true);
        }
    }

    /** Runs a command; what it printed (empty when it said nothing), or the failure to start it. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            int exit = process.waitFor();
            return exit == 0 || !output.isBlank() ? output : command[0] + " exited with " + exit;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
