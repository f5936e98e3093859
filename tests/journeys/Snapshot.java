package journeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tutorial.exercises.EarlyUpgrade;
import tutorial.project.ScratchProject;

/**
 * The learner's side of a scratch project at one moment (library.db, the changelog, the
 * models), held in memory, to lay into a scratch copy: the same copy between tests, or
 * another copy altogether (the suite's lesson states are snapshots).
 */
final class Snapshot {

    private static final List<String> JOURNALS = List.of("library.db-journal", "library.db-wal", "library.db-shm");

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private Snapshot() {
    }

    static Snapshot take(ScratchProject project) {
        Snapshot snapshot = new Snapshot();
        try (Stream<Path> changelog = Files.walk(project.path("changelog"))) {
            // The note of an upgrade before any changeset goes with library.db: it says how to read its Liquibase tables.
            for (Path file : Stream.concat(Stream.of(project.path("library.db"), project.path(EarlyUpgrade.NOTE), project.path(Learner.MODELS)), changelog)
                    .filter(Files::isRegularFile).toList()) {
                snapshot.files.put(project.root().relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snapshot;
    }

    /** Puts every file into the project as it was, and removes what was not there (a database, a journal, a new changeset). */
    void restoreInto(ScratchProject project) {
        try {
            for (String journal : JOURNALS) {
                Files.deleteIfExists(project.path(journal));
            }
            Files.deleteIfExists(project.path("library.db"));
            Files.deleteIfExists(project.path(EarlyUpgrade.NOTE));
            try (Stream<Path> changelog = Files.walk(project.path("changelog"))) {
                for (Path file : changelog.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(file) && !files.containsKey(project.root().relativize(file).toString())) {
                        Files.delete(file);
                    }
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = project.path(file.getKey());
                // Rewriting an unchanged model would make JBang rebuild every step.
                if (!Files.exists(path) || !Arrays.equals(Files.readAllBytes(path), file.getValue())) {
                    Files.createDirectories(path.getParent());
                    Files.write(path, file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
