import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A fingerprint of the learner's own files (library.db, the models, the changelog), to compare after the tests. */
record LearnerFiles(Path root, Map<String, String> digests) {

    static LearnerFiles snapshot(Path root) {
        return new LearnerFiles(root, digest(root));
    }

    List<String> changesSince() {
        Map<String, String> now = digest(root);
        List<String> changes = new ArrayList<>();
        digests.forEach((file, digest) -> {
            if (!digest.equals(now.get(file))) {
                changes.add(file);
            }
        });
        now.keySet().stream().filter(file -> !digests.containsKey(file)).forEach(changes::add);
        return changes;
    }

    private static Map<String, String> digest(Path root) {
        Map<String, String> digests = new TreeMap<>();
        List<Path> files = new ArrayList<>(List.of(root.resolve("library.db"), root.resolve(tutorial.project.Project.MODELS_FILE)));
        try (Stream<Path> changelog = Files.walk(root.resolve("changelog"))) {
            changelog.filter(Files::isRegularFile).forEach(files::add);
            for (Path file : files) {
                if (Files.exists(file)) {
                    digests.put(root.relativize(file).toString(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }
}
