package tutorial.database;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Where SQLite's JDBC driver finds its native library: unpacked once, not on every start.
 *
 * Left alone, sqlite-jdbc works out the platform by running `uname` as a child process,
 * then copies its native library out of its jar into a new temporary file, checksums it and
 * loads it, on every start of every step: about a third of a step that only reads library.db.
 * The driver's own settings org.sqlite.lib.path and org.sqlite.lib.name point it at a library
 * already unpacked instead; this unpacks it once, under ~/.cache/sqlite-jdbc, named after the
 * driver's jar, for the platforms whose folder in that jar is plain to tell from Java's own
 * properties. Anywhere else, or if anything goes wrong, the driver does as it always does.
 */
final class SqliteNativeLibrary {

    private static boolean done;

    private SqliteNativeLibrary() {
    }

    /** Before the first connection: points the driver at the unpacked library, unpacking it if needed. */
    static synchronized void useUnpacked() {
        if (done || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        done = true;
        String folder = platformFolder();
        String name = folder == null ? null : folder.startsWith("Windows") ? "sqlitejdbc.dll"
                : folder.startsWith("Mac") ? "libsqlitejdbc.dylib" : "libsqlitejdbc.so";
        URL resource = folder == null ? null : SqliteNativeLibrary.class.getResource("/org/sqlite/native/" + folder + "/" + name);
        if (resource == null || !resource.getProtocol().equals("jar")) {
            return;
        }
        try {
            String spec = resource.toString(); // jar:file:/.../sqlite-jdbc-3.51.3.0.jar!/org/sqlite/native/...
            int bang = spec.indexOf("!/");
            String jar = spec.substring(spec.lastIndexOf('/', bang) + 1, bang).replaceFirst("\\.jar$", "");
            URLConnection entry = resource.openConnection();
            Path target = Path.of(System.getProperty("user.home"), ".cache", "sqlite-jdbc", jar, folder);
            Path library = target.resolve(name);
            if (!Files.isRegularFile(library) || Files.size(library) != entry.getContentLengthLong()) {
                Files.createDirectories(target);
                Path part = Files.createTempFile(target, ".unpacking-", ".part");
                try (InputStream in = entry.getInputStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            System.setProperty("org.sqlite.lib.path", target.toString());
            System.setProperty("org.sqlite.lib.name", name);
            // Where the driver would unpack its library, and where on every start it deletes what
            // other runs unpacked and left: this folder, not the system's temporary one, in which a
            // program using the driver as it comes (a copied-out block, Liquibase's CLI) unpacks and
            // deletes its own copy at the same moment; the driver then logs the lost race with a
            // stack trace (seen in the suite: "Failed to delete old native lib", NoSuchFileException).
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", target.toString());
            }
        } catch (IOException | RuntimeException e) {
            // the driver unpacks it itself, as it does without this class
        }
    }

    /** The driver's folder for this platform, e.g. "Linux/x86_64"; null where it takes more than Java's properties to tell. */
    private static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        boolean android = System.getProperty("java.vm.vendor", "").toLowerCase(Locale.ROOT).contains("android")
                || System.getProperty("java.runtime.name", "").toLowerCase(Locale.ROOT).contains("android");
        if (arch == null || android) {
            return null;
        }
        if (os.startsWith("linux")) {
            boolean musl = Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1"));
            return (musl ? "Linux-Musl/" : "Linux/") + arch;
        }
        if (os.startsWith("mac")) {
            return "Mac/" + arch;
        }
        if (os.startsWith("windows")) {
            return "Windows/" + arch;
        }
        return null;
    }
}
