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

import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;
import tutorial.project.TextFiles;

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
    private static final String LOGICAL_FILE_PATH_COMMENT = "# The path DATABASECHANGELOG records, whatever folder the changelog is run from: this file's own.";

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
        if (!Files.exists(master())) {
            return false;
        }
        // An include each, as the tutorial writes them; or a learner's includeAll of a folder, or changesets in the master itself.
        String text = read(master());
        return !includeItems(text).isEmpty() || readsFolder(text) || withoutComments(text).lines().map(String::strip)
                .anyMatch(line -> line.matches("(?i)^-?\\s*\\{?\\s*changeSet\\s*:.*") || line.matches("(?i).*<changeSet\\b.*"));
    }

    /** The included files, as written in the master changelog, in order. */
    public List<String> includes() {
        return includeItems(read(master())).stream().map(Include::file).toList();
    }

    /**
     * The included files as paths, in order: from the master's folder where the include says
     * relativeToChangelogFile: true (as the tutorial writes them), else from the project's folder,
     * where Liquibase looks for them then (a learner's own include may be written either way).
     */
    public List<Path> includedFiles() {
        return includeItems(read(master())).stream().map(this::path).toList();
    }

    /**
     * The changeset files in the changes folder that nothing includes: numbered as revision and 04_autogenerate number them, named
     * nowhere in the master nor in an included file (an include of its own, an sqlFile). Liquibase never reads them:
     * a file discarded and moved back, or one whose include a run stopped before writing. None where the master reads the folder;
     * not one whose path the database records (recorded: DATABASECHANGELOG's FILENAMEs), applied with its include since taken out,
     * which NotListed says with its own way back (the include put back where it was, not at the end).
     */
    public List<Path> notIncluded(java.util.Collection<String> recorded) {
        if (!Files.isDirectory(changesFolder()) || !Files.exists(master()) || readsFolder()) {
            return List.of();
        }
        // Named anywhere in the master (an include in any form: quoted, in braces, in XML, commented out) or in a file it includes:
        // included, or meant to be; the file's name alone, in any case (a case-insensitive file system finds it so).
        String named = Stream.concat(Stream.of(master()), includedFiles().stream()).filter(Files::isRegularFile).map(this::read)
                .collect(java.util.stream.Collectors.joining("\n")).toLowerCase(Locale.ROOT);
        try (Stream<Path> files = Files.list(changesFolder())) {
            return files.filter(file -> NUMBERED.matcher(file.getFileName().toString()).matches()
                            && file.getFileName().toString().matches("(?i).*\\.(ya?ml|xml|json)") && Files.isRegularFile(file))
                    .filter(file -> !named.contains(file.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .filter(file -> recorded.stream().noneMatch(project.relative(file)::equalsIgnoreCase))
                    .sorted().toList();
        } catch (IOException unlisted) {
            return List.of();
        }
    }

    /**
     * Said where the chain is read (history, 05_upgrade): each changeset file nothing includes, and the include that puts it at
     * the end of the chain, ready to paste (it was in no command's words: 05_upgrade said "nothing to upgrade" beside it).
     */
    public void sayNotIncluded(java.util.Collection<String> recorded) {
        for (Path file : notIncluded(recorded)) {
            Console.blank();
            Console.say(project.relative(file) + " is in the changes folder, but no include of " + project.changelogFile()
                    + " names it: Liquibase never reads it. If you do not want it, move it out of the folder; to run it at the end of the "
                    + "chain, paste these lines " + whereToPaste() + ":");
            Console.say(include(file));
        }
    }

    /**
     * Where an include goes by hand: at the end of the master, or, while it reads databaseChangeLog: [] (no include yet), in place
     * of the [] (pasted after it, the YAML would not parse).
     */
    public String whereToPaste() {
        String text = Files.exists(master()) ? read(master()) : "";
        return includeItems(text).isEmpty() && EMPTY_LIST.matcher(text).find()
                ? "in " + project.changelogFile() + ", in place of the [] after databaseChangeLog: (that word alone on its line, these under it)"
                : "at the end of " + project.changelogFile();
    }

    /** The include that puts this changeset file at the end of the chain, as the tutorial writes it (two spaces in). */
    public String include(Path changesetFile) {
        return includeText(master().getParent().relativize(changesetFile.toAbsolutePath().normalize()).toString().replace('\\', '/')).stripTrailing();
    }

    /** The newest changeset file of the chain, as a path; empty when the master includes none. */
    public java.util.Optional<Path> newestFile() {
        List<Include> items = includeItems(read(master()));
        if (items.isEmpty() && readsFolder()) { // includeAll reads the folder's files in the order of their names
            try (var files = Files.list(changesFolder())) {
                return files.filter(file -> file.getFileName().toString().matches("(?i).*\\.(ya?ml|xml|sql|json)")).max(Path::compareTo);
            } catch (IOException none) {
                return java.util.Optional.empty();
            }
        }
        return items.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(path(items.get(items.size() - 1)));
    }

    private Path path(Include include) {
        return (include.relativeToChangelog() ? master().resolveSibling(include.file()) : project.root().resolve(include.file())).normalize();
    }

    /**
     * One "- include:" item of the master changelog: its file as written, whether it is relative
     * to the master, and where its lines start and end in the text (so that one can be taken
     * out, or one added, leaving the others exactly as written).
     */
    record Include(String file, boolean relativeToChangelog, int start, int end) {
    }

    private static final Pattern ITEM = Pattern.compile("(?m)^([ \\t]*)- ");
    private static final Pattern RELATIVE = Pattern.compile("(?m)^\\s*relativeToChangelogFile:\\s*(?:true|\"true\"|'true')\\s*$");

    static List<Include> includeItems(String text) {
        List<Include> items = new ArrayList<>();
        Matcher file = INCLUDE.matcher(text);
        while (file.find()) {
            // The item holding this file: from the last "- " line before it (its indent marks the item's siblings).
            int start = text.lastIndexOf('\n', file.start()) + 1;
            String indent = null;
            Matcher item = ITEM.matcher(text).region(0, file.start());
            while (item.find()) {
                start = item.start();
                indent = item.group(1);
            }
            int end = text.length();
            if (indent != null) {
                Matcher next = Pattern.compile("(?m)^" + Pattern.quote(indent) + "- |^\\S").matcher(text);
                if (next.find(file.end())) {
                    end = next.start();
                }
            }
            items.add(new Include(file.group(1), RELATIVE.matcher(text.substring(start, end)).find(), start, end));
        }
        return items;
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

    /**
     * Adds a changeset file to the end of the chain: an include after the others, which stay
     * exactly as written (a learner's own, relative to the project's folder, say).
     */
    public boolean append(Path changesetFile) {
        if (readsFolder()) {
            return false; // an include as well would have Liquibase read the file twice
        }
        String include = includeText(master().getParent().relativize(changesetFile).toString().replace('\\', '/'));
        String text = Files.exists(master()) ? read(master()) : "";
        Matcher empty = EMPTY_LIST.matcher(text);
        if (includeItems(text).isEmpty() && empty.find()) {
            write(master(), text.substring(0, empty.start()) + "databaseChangeLog:\n" + include + text.substring(empty.end()));
        } else if (includeItems(text).isEmpty() && !ROOT.matcher(text).find()) {
            writeMaster(List.of(master().getParent().relativize(changesetFile).toString().replace('\\', '/')));
        } else {
            write(master(), text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + include);
        }
        return true;
    }

    /**
     * Refuses, before anything is written or moved, a master changelog the learner made read-only where this run writes its
     * includes (an include appended, the newest taken out): not where includeAll reads the folder and the master lists none.
     */
    public void requireIncludesWritable() {
        if (!(readsFolder() && includes().isEmpty())) {
            TextFiles.requireWritable(project, master());
        }
    }

    /**
     * Whether the master reads the changes folder whole (includeAll, as a learner's own master
     * may): every file there is in the chain without an include, in the order of their names.
     */
    public boolean readsFolder() {
        return Files.exists(master()) && readsFolder(read(master()));
    }

    private boolean readsFolder(String master) {
        // Each includeAll's path (the first path: after the word, YAML's or XML's), resolved as Liquibase resolves it.
        Matcher includeAll = INCLUDE_ALL.matcher(withoutComments(master));
        while (includeAll.find()) {
            String path = includeAll.group(1).replaceAll("^[\"']|[\"']$", "");
            boolean relative = Pattern.compile("(?is)relativeToChangelogFile\\s*[:=]\\s*[\"']?true").matcher(includeAll.group()).find();
            Path folder = (relative ? master().getParent().resolve(path) : project.root().resolve(path)).normalize();
            if (folder.equals(changesFolder().normalize())) {
                return true;
            }
        }
        return false;
    }

    /** The master's text without its YAML comment lines. */
    private static String withoutComments(String text) {
        return text.lines().filter(line -> !line.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** An includeAll and its attributes up to its path (YAML's path: or XML's path="..."), and a relativeToChangelogFile near it. */
    private static final Pattern INCLUDE_ALL = Pattern.compile(
            "(?is)includeAll\\b[^<]*?\\bpath\\s*[:=]\\s*(\"[^\"]*\"|'[^']*'|[^\\s,}\"'/>]+/?)[^<\\n]*(?:\\n[ \\t]+relativeToChangelogFile[^\\n]*)?");

    /** Takes the newest include out of the master changelog, leaving the others exactly as written. */
    public void removeNewest() {
        String text = read(master());
        List<Include> items = includeItems(text);
        if (items.isEmpty()) {
            return;
        }
        Include newest = items.get(items.size() - 1);
        String rest = text.substring(0, newest.start()) + text.substring(newest.end());
        if (items.size() == 1 && !readsFolder()) { // the list is empty now (with an includeAll left in it, it is not)
            rest = ROOT.matcher(rest).replaceFirst("databaseChangeLog: []");
        }
        write(master(), rest);
    }

    private static final Pattern EMPTY_LIST = Pattern.compile("(?m)^databaseChangeLog:[ \\t]*\\[\\s*\\][ \\t]*\\n?");

    private static String includeText(String file) {
        return "  - include:\n      file: " + file + "\n      relativeToChangelogFile: true\n";
    }

    /** Rewrites the master changelog to include exactly these files, in this order. */
    public void writeMaster(List<String> files) {
        StringBuilder text = new StringBuilder(MASTER_HEADER);
        if (files.isEmpty()) {
            text.append("databaseChangeLog: []\n");
        } else {
            text.append("databaseChangeLog:\n");
            for (String file : files) {
                text.append(includeText(file));
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

    /** Writes a file of the changelog, but never one the learner made read-only (reset alone writes over those: it was asked to). */
    public void write(Path file, String text) {
        TextFiles.requireWritable(project, file);
        TextFiles.write(project, file, text);
    }
}
