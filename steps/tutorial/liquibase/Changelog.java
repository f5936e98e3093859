package tutorial.liquibase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import liquibase.changelog.ChangeSet;
import liquibase.serializer.core.yaml.YamlChangeLogSerializer;

import tutorial.lesson.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

/**
 * The changelog folder: the master changelog (the history chain, oldest first) and the
 * numbered changeset files it includes. Alembic keeps the chain inside each revision file
 * (down_revision); Liquibase keeps it as the order of includes in the master file.
 */
public final class Changelog {

    static final String CHANGES_FOLDER = "changes";
    private static final Pattern INCLUDE = Pattern.compile("^\\s*file:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4})_.*");
    private static final Pattern ROOT = Pattern.compile("(?m)^databaseChangeLog:[ \\t]*$");
    private static final Pattern LOGICAL_FILE_PATH = Pattern.compile("(?m)^- logicalFilePath:.*$");
    private static final String LOGICAL_FILE_PATH_COMMENT = "# The path DATABASECHANGELOG records, whatever folder the changelog is run from.";

    private static final String MASTER_HEADER = """
            # The history chain: Liquibase runs the files below in this order, oldest first.
            # 04_autogenerate and `./jbang revision` append to it; never reorder what is applied.
            # Liquibase remembers each changeset by file path, id and author in DATABASECHANGELOG.
            """;

    private final Project project;

    public Changelog(Project project) {
        this.project = project;
    }

    public Path master() {
        return project.changelogPath();
    }

    public Path changesFolder() {
        return master().resolveSibling(CHANGES_FOLDER);
    }

    /** Whether the master changelog includes a changeset file yet (step 4 writes the first). */
    public boolean hasChangesets() {
        return Files.exists(master()) && !includes().isEmpty();
    }

    /** The included files, as written in the master changelog (relative to it), in order. */
    public List<String> includes() {
        List<String> files = new ArrayList<>();
        Matcher matcher = INCLUDE.matcher(read(master()));
        while (matcher.find()) {
            files.add(matcher.group(1));
        }
        return files;
    }

    /** The included files as paths (from the master's folder), in order. */
    public List<Path> includedFiles() {
        return includes().stream().map(include -> master().resolveSibling(include).normalize()).toList();
    }

    /** A new changeset file named from the message, numbered after every file there is or was listed. */
    public Path newChangesetFile(String message) {
        int next = Stream.concat(includes().stream().map(f -> Path.of(f).getFileName().toString()), existingFiles())
                .map(NUMBERED::matcher).filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0) + 1;
        return changesFolder().resolve(String.format("%04d_%s.yaml", next, slug(message)));
    }

    private Stream<String> existingFiles() {
        if (!Files.isDirectory(changesFolder())) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(changesFolder())) {
            return files.map(f -> f.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            throw new LessonError("Cannot list " + project.relative(changesFolder()) + ": " + e.getMessage(), "Check its permissions.");
        }
    }

    /** A file name from any message: ASCII letters and digits joined by underscores. */
    static String slug(String message) {
        String ascii = Normalizer.normalize(message, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "migration" : slug;
    }

    /** Writes changesets to a new file, with a comment saying where they came from. */
    public void writeChangeSets(Path file, String header, List<ChangeSet> changeSets) {
        ByteArrayOutputStream yaml = new ByteArrayOutputStream();
        try {
            new YamlChangeLogSerializer().write(changeSets, yaml);
        } catch (IOException e) {
            throw Failures.explain(e);
        }
        writeChangeset(file, header + yaml.toString(StandardCharsets.UTF_8));
    }

    /** Writes a changeset file, its logicalFilePath set to its own path in the project (see withLogicalFilePath). */
    public void writeChangeset(Path file, String yaml) {
        write(file, withLogicalFilePath(yaml, project.relative(file)));
    }

    /**
     * The file's text with "- logicalFilePath: PATH" as the first item of its databaseChangeLog
     * list. DATABASECHANGELOG remembers a changeset by path, id and author, and the path is the
     * one Liquibase was given: changelog/changes/... from this folder, but
     * src/main/resources/db/changelog/changes/... from a Maven plugin given that folder, or
     * db/changelog/changes/... from Spring Boot's classpath:db/changelog/..., and each of those
     * would run every changeset again on a database the steps made (docs/your-project.md). A
     * logicalFilePath is recorded instead, wherever the file is read from.
     * PATH is what the steps recorded before there was one, so databases made then still match.
     */
    static String withLogicalFilePath(String yaml, String path) {
        if (LOGICAL_FILE_PATH.matcher(yaml).find()) {
            return LOGICAL_FILE_PATH.matcher(yaml).replaceFirst(Matcher.quoteReplacement("- logicalFilePath: " + path));
        }
        return ROOT.matcher(yaml).replaceFirst(Matcher.quoteReplacement("databaseChangeLog:\n" + LOGICAL_FILE_PATH_COMMENT
                + "\n- logicalFilePath: " + path));
    }

    /** Adds a changeset file to the end of the chain. */
    public void append(Path changesetFile) {
        List<String> files = new ArrayList<>(includes());
        files.add(master().getParent().relativize(changesetFile).toString().replace('\\', '/'));
        writeMaster(files);
    }

    /** Rewrites the master changelog to include exactly these files, in this order. */
    public void writeMaster(List<String> files) {
        StringBuilder text = new StringBuilder(MASTER_HEADER);
        if (files.isEmpty()) {
            text.append("databaseChangeLog: []\n");
        } else {
            text.append("databaseChangeLog:\n");
            for (String file : files) {
                text.append("  - include:\n")
                        .append("      file: ").append(file).append('\n')
                        .append("      relativeToChangelogFile: true\n");
            }
        }
        write(master(), text.toString());
    }

    /** Removes a file this run wrote, when the run cannot finish. */
    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Console.error("Could not remove " + project.relative(file) + ": delete it by hand.");
        }
    }

    String read(Path file) {
        return TextFiles.read(project, file);
    }

    public void write(Path file, String text) {
        TextFiles.write(project, file, text);
    }
}
