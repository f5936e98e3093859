package tutorial.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folders the machinery, the bench and the tests make for a while and remove again. */
public final class Folders {

    private Folders() {
    }

    /** What is made for a while and not removed yet: removed by one shutdown hook where the JVM ends first (Ctrl-C, a kill). */
    private static final java.util.Set<Path> TEMPORARY = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A folder or file made for a while (a scratch copy), removed by whoever made it (then done), or
     * at the JVM's end if that comes first: a Ctrl-C of ./jbang test left every scratch copy under way in the temporary folder,
     * some megabytes each, run after run.
     */
    public static Path temporary(Path path) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMPORARY.forEach(Folders::removeQuietly), "temporary-files"));
        }
        TEMPORARY.add(path);
        return path;
    }

    /** Removed by whoever made it, or kept on purpose: no longer the hook's. */
    public static void done(Path path) {
        TEMPORARY.remove(path);
    }

    private static void removeQuietly(Path path) {
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(path);
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException stillInUse) {
            // a process in it still writing as the JVM ends: left, as before
        }
    }

    /**
     * Removes a folder and everything in it, deepest first; a folder that is not there is no
     * error. Symbolic links are removed, never followed: a scratch copy's link to the learner's
     * files must not take those files with it. A file that comes or goes meanwhile (a process
     * that ran in the folder still finishing its writes) is met by going over the tree again,
     * 50 ms later, five times at most; a tree still there after that is an error.
     */
    public static void deleteTree(Path root) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (attempt > 0) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try (Stream<Path> paths = Files.walk(root)) {
                List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
                for (Path path : deepestFirst) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException | UncheckedIOException e) {
                last = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            }
        }
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException("Cannot remove " + root, last != null ? last : new IOException("still there"));
        }
    }
}
