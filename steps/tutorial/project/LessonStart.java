package tutorial.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;

/**
 * The lesson's start: the files a learner changes on the way (the models and the changelog)
 * as git has them at HEAD, the way a fresh clone has them.
 */
public final class LessonStart {

    /** The paths the walkthrough and the exercises edit; everything else is the tutorial itself. */
    public static final List<String> LEARNER_PATHS = List.of(Project.MODELS_FILE, "changelog");

    private LessonStart() {
    }

    /** The learner's paths at HEAD, relative to the project; empty when the project is not a git checkout. */
    public static List<String> filesAtHead(Path project) {
        List<String> command = new ArrayList<>(List.of("git", "ls-tree", "-r", "--name-only", "HEAD", "--"));
        command.addAll(LEARNER_PATHS);
        String listing = git(project, command);
        return listing == null ? List.of() : listing.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A file's content at HEAD. */
    public static String atHead(Path project, String file) {
        String content = git(project, List.of("git", "show", "HEAD:" + file));
        if (content == null) {
            throw new IllegalStateException("git cannot show " + file + " at HEAD");
        }
        return content;
    }

    /**
     * Puts the learner's paths in target back as HEAD has them: files restored, files that HEAD
     * does not have (generated changesets) removed. Does nothing outside a git checkout.
     */
    public static boolean restore(Path project, Path target) {
        List<String> files = filesAtHead(project);
        if (files.isEmpty()) {
            return false;
        }
        try {
            for (String learnerPath : LEARNER_PATHS) {
                Path path = target.resolve(learnerPath);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> all = Files.walk(path)) {
                        for (Path file : all.sorted(Comparator.reverseOrder()).toList()) {
                            String relative = target.relativize(file).toString().replace('\\', '/');
                            if (Files.isRegularFile(file) && !files.contains(relative)) {
                                Files.delete(file);
                            }
                        }
                    }
                }
            }
            for (String file : files) {
                Files.createDirectories(target.resolve(file).getParent());
                Files.writeString(target.resolve(file), atHead(project, file));
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String git(Path project, List<String> command) {
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
