package tutorial.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tutorial.lesson.LessonError;

/**
 * The lesson's start: the files a learner changes on the way (the models and the changelog) as
 * a fresh clone has them. Found by content, not by a name: the newest commit of HEAD's history
 * whose models still have the genre line commented out and whose changelog holds no changeset,
 * so a learner's own commits, branches, uncommitted edits and pulls of a newer tutorial all
 * leave it where it is (docs/how-it-works.md, Tests). With no git history (a zip download) the
 * working tree is the start, as long as it is still at the start itself.
 */
public record LessonStart(Map<String, String> files) {

    /** The paths the walkthrough and the exercises edit; everything else is the tutorial itself. */
    public static final List<String> LEARNER_PATHS = List.of(Project.MODELS_FILE, "changelog");

    /** How a changelog includes a changeset file; the start's master changelog has none. */
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*-\\s*include(All)?:");

    /** The start for the project at this folder; empty when neither git nor the working tree has it. */
    public static Optional<LessonStart> find(Path project) {
        Optional<LessonStart> committed = inHistory(project);
        if (committed.isPresent()) {
            return committed;
        }
        Map<String, String> files = inWorkingTree(project);
        return isStart(files::get, List.copyOf(files.keySet())) ? Optional.of(new LessonStart(files))
                : Optional.empty();
    }

    /** The same, or a LessonError saying why there is none and what to do. */
    public static LessonStart require(Project project) {
        return find(project.root()).orElseThrow(() -> new LessonError(
                "Cannot tell the lesson's start: " + (git(project.root(), "rev-parse", "--git-dir") != null
                        ? "no commit of this project's history has the models and changelog as the lesson starts."
                        : "this folder has no git history (a zip download?), and its models or changelog have moved on."),
                "Clone the tutorial again with git (or download it again) into a new folder, and run this there."));
    }

    /** The learner's paths as a fresh clone has them, relative to the project. */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    public String content(String path) {
        return files.get(path);
    }

    /**
     * Puts the learner's paths in target back as they are at the start: files restored, files the
     * start does not have (generated changesets) removed.
     */
    public void restore(Path target) {
        try {
            for (String learnerPath : LEARNER_PATHS) {
                Path path = target.resolve(learnerPath);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> all = Files.walk(path)) {
                        for (Path file : all.sorted(Comparator.reverseOrder()).toList()) {
                            if (Files.isRegularFile(file) && !files.containsKey(relative(target, file))) {
                                Files.delete(file);
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.createDirectories(target.resolve(file.getKey()).getParent());
                Files.writeString(target.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What every state of the lesson after its first move breaks: the walkthrough's first edit
     * uncomments the genre line, and every later move adds a changeset (reset undoes both).
     */
    static boolean isStart(Function<String, String> read, List<String> paths) {
        String models = read.apply(Project.MODELS_FILE);
        String master = read.apply(Project.MASTER_CHANGELOG_FILE);
        if (models == null || master == null || INCLUDE.matcher(master).find()) {
            return false;
        }
        boolean genreCommented = models.lines().filter(line -> line.contains(ModelEdit.MARKER))
                .anyMatch(line -> line.stripLeading().startsWith("//"));
        boolean noChangeset = paths.stream().filter(path -> path.startsWith("changelog/"))
                .allMatch(path -> path.equals(Project.MASTER_CHANGELOG_FILE) || path.endsWith("/.gitkeep"));
        return genreCommented && noChangeset;
    }

    /** Newest first, as git log shows HEAD's history: the first commit at the start wins. */
    private static Optional<LessonStart> inHistory(Path project) {
        // The tutorial may sit in a folder of a larger repository: git names paths from its top.
        String prefix = git(project, "rev-parse", "--show-prefix");
        String commits = prefix == null ? null : git(project, "rev-list", "--topo-order", "HEAD");
        if (commits == null) {
            return Optional.empty();
        }
        String inRepository = prefix.strip();
        Map<String, String> blobs = new HashMap<>(); // one read per distinct file, however many commits share it
        for (String commit : commits.lines().filter(line -> !line.isBlank()).toList()) {
            List<String> arguments = new ArrayList<>(List.of("ls-tree", "-r", "--full-tree", commit, "--"));
            LEARNER_PATHS.forEach(path -> arguments.add(inRepository + path));
            String listing = git(project, arguments.toArray(String[]::new));
            if (listing == null) {
                continue;
            }
            Map<String, String> blobOf = new LinkedHashMap<>();
            listing.lines().map(line -> line.split("\\s+", 4)).filter(fields -> fields.length == 4)
                    .forEach(fields -> blobOf.put(fields[3].substring(inRepository.length()), fields[2]));
            Function<String, String> read = path -> blobOf.containsKey(path)
                    ? blobs.computeIfAbsent(blobOf.get(path), blob -> git(project, "cat-file", "blob", blob)) : null;
            if (isStart(read, List.copyOf(blobOf.keySet()))) {
                Map<String, String> files = new LinkedHashMap<>();
                blobOf.keySet().forEach(path -> files.put(path, read.apply(path)));
                return Optional.of(new LessonStart(files));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> inWorkingTree(Path project) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String learnerPath : LEARNER_PATHS) {
            Path path = project.resolve(learnerPath);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(path)) {
                for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(relative(project, file), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** git's output, or null when git is missing, fails, or this is not a checkout. */
    private static String git(Path project, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("git-", ".txt");
            try {
                Process git = new ProcessBuilder(command).directory(project.toFile())
                        .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                git.getOutputStream().close();
                if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                    return null;
                }
                return Files.readString(output);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return null; // no git on this machine: the working tree is all there is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
