package tutorial.lesson;

import static tutorial.lesson.Failures.NOTHING_CHANGED;
import static tutorial.lesson.Failures.error;
import static tutorial.lesson.Failures.fromProjectFolder;
import static tutorial.lesson.Failures.inLiquibasesWords;
import static tutorial.lesson.Failures.masterChangelog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.project.Project;
import tutorial.project.TextFiles;

/**
 * A file the changelog names is not there: an included changeset file, the SQL an sqlFile runs, or the master itself.
 * Said with the ways out that apply (an applied file must come back; one never applied can lose its include), and where
 * a copy of it is, if the tutorial or the learner kept one.
 */
public final class MissingChangelogFile {

    private static final Pattern MISSING_FILE = Pattern.compile("The file (\\S+) was not found in the configured search path");
    private static final Pattern PARSING = Pattern.compile("Error parsing (\\S+) :");

    /** 07_rollback takes changesets back newest first, so it reaches an older one only through every one after it. */
    private static final String UNDO_NEWEST_FIRST = "(newest first: every changeset applied after it goes back too)";

    private MissingChangelogFile() {
    }

    /** Liquibase did not find a file the changelog names: what is missing, who names it, and the ways out. */
    static Optional<LessonError> explain(Throwable failure, String messages,
            java.util.function.Function<String, Optional<Boolean>> appliedFrom, Project project) {
        Matcher missing = MISSING_FILE.matcher(messages);
        if (!missing.find()) {
            return Optional.empty();
        }
        String file = missing.group(1);
        if (Path.of(file).normalize().equals(Path.of(masterChangelog()).normalize())) { // an XML or SQL master, said as not found
            return Optional.of(masterMissing(failure));
        }
        Matcher master = PARSING.matcher(messages);
        String includer = master.find() ? master.group(1) : "the master changelog";
        String restore = restoreLine(file);
        // Not an include: the SQL a changeset's sqlFile runs (a path typed wrong, or a file not written yet).
        Optional<SqlFileRun> runBy = sqlFileNamedIn(file);
        if (runBy.isPresent()) {
            String changeset = runBy.get().changeset();
            String sql = runBy.get().file(); // from the project folder, as the learner would look for it
            String restoreSql = restoreLine(sql);
            Optional<Boolean> ran = appliedFrom.apply(changeset);
            String write = "that file (the SQL the changeset runs), or correct its path in " + changeset + ": a path is read "
                    + "from the project folder,\nor from the changeset file's own folder with relativeToChangelogFile: true.\n";
            return Optional.of(error(failure, inLiquibasesWords(missing.group()) + sql + " is missing, but the sqlFile of "
                    + changeset + " runs it." + NOTHING_CHANGED, ran.isEmpty()
                    ? "If its changeset was applied, the file must come back as it was:\n" + restoreSql + "If not: write " + write
                    : ran.get()
                    ? "Its changeset was applied (the database records it), so the file must come back as it was:\n" + restoreSql
                    : "Write " + write + "Or, if it was there before:\n" + restoreSql));
        }
        Optional<Boolean> applied = appliedFrom.apply(file);
        String waysOut = applied.isEmpty()
                ? "Ways out:\n" + restore
                        + "  - or, if it was never applied: delete its include from " + includer + "\n"
                        + "  - or, if it was applied: restore it; to be rid of what it did, add a new changeset that reverses it\n"
                        + "    and keep both, or roll it back with " + CommandLine.onSameDatabase(project, "steps/07_rollback.java") + " "
                        + UNDO_NEWEST_FIRST + "\n"
                        + "    before you remove it"
                : applied.get()
                ? "It was applied (the database records it), so it must come back:\n" + restore + writtenAgain(file)
                        + "  - then, to be rid of what it did: add a new changeset that reverses it, and keep both (a fresh\n"
                        + "    database runs one, then the other); or roll it back with " + CommandLine.onSameDatabase(project, "steps/07_rollback.java") + "\n"
                        + "    " + UNDO_NEWEST_FIRST + ", and only then remove it and its include"
                : "It was never applied, so either way works:\n" + restore
                        + "  - or delete its include from " + includer;
        return Optional.of(error(failure, inLiquibasesWords(missing.group()) + file + " is missing, but " + includer
                        + " still includes it." + NOTHING_CHANGED, waysOut));
    }

    /**
     * The changelog file (relative to the project) whose sqlFile names this file, if one does: path: P (YAML, JSON) or
     * path="P" (XML) in a file that has an sqlFile, P as Liquibase said it (it says the path as written). Said from the
     * project folder: P itself, or P from the changeset file's folder where that sqlFile is relativeToChangelogFile. A
     * changelog file missing (YAML, XML, JSON) is an include's, never an sqlFile's.
     */
    private static Optional<SqlFileRun> sqlFileNamedIn(String file) {
        if (file.matches(".*\\.(ya?ml|xml|json)$")) {
            return Optional.empty();
        }
        Path missing = Path.of(file).normalize();
        try {
            Project project = Project.find();
            List<Path> changelogFiles;
            try (var files = Files.walk(project.changelogPath().getParent())) {
                changelogFiles = files.filter(Files::isRegularFile).filter(path -> path.toString().matches(".*\\.(ya?ml|xml|json)$")).sorted().toList();
            }
            for (Path changelogFile : changelogFiles) {
                String text = Files.readString(changelogFile);
                if (!text.contains("sqlFile")) {
                    continue;
                }
                for (Matcher written = SQL_FILE_PATH.matcher(text); written.find(); ) {
                    if (!Path.of(written.group(1)).normalize().equals(missing)) {
                        continue;
                    }
                    // Its own settings: from its sqlFile to its path, and after its path up to the next change or changeset.
                    String rest = text.substring(written.end());
                    Matcher next = Pattern.compile("(?m)^\\s*-\\s|</sqlFile>|/>").matcher(rest);
                    String before = text.substring(Math.max(0, text.lastIndexOf("sqlFile", written.start())), written.start()); // XML: an attribute before
                    boolean relative = RELATIVE.matcher(next.find() ? rest.substring(0, next.end()) : rest).find() || RELATIVE.matcher(before).find();
                    Path fromProject = relative ? project.root().relativize(changelogFile.getParent().resolve(missing).normalize()) : missing;
                    return Optional.of(new SqlFileRun(project.relative(changelogFile), fromProject.toString().replace('\\', '/')));
                }
            }
        } catch (java.io.IOException | RuntimeException notInTheProject) {
            // said as a missing include
        }
        return Optional.empty();
    }

    /** path: P, "path": "P" or path="P": a key of its own (not classpath:). */
    private static final Pattern SQL_FILE_PATH = Pattern.compile("(?<![\\w:])\"?path\"?\\s*[:=]\\s*[\"']?([^\"'\\s,}>]+)");
    private static final Pattern RELATIVE = Pattern.compile("relativeToChangelogFile\"?\\s*[:=]\\s*[\"']?true", Pattern.CASE_INSENSITIVE);

    /** A changeset file whose sqlFile runs a file (named from the project folder). */
    private record SqlFileRun(String changeset, String file) {
    }

    /** The master changelog itself gone: said as TextFiles says it where history, 02 and revision read it. */
    static LessonError masterMissing(Throwable failure) {
        LessonError said;
        try {
            said = TextFiles.missing(Project.find(), masterChangelog());
        } catch (RuntimeException notInTheProject) {
            said = new LessonError("The master changelog, " + masterChangelog() + ", is missing (moved or deleted).", "Put it back where it was.");
        }
        return error(failure, said.getMessage() + NOTHING_CHANGED, said.next());
    }

    /** The way out that restores a missing file: from a copy or backup, git or a stash, or the copy beside it. */
    private static String restoreLine(String file) {
        return "  - restore it from your copy or backup (if you committed it: " + fromProjectFolder("git checkout HEAD -- " + file)
                + "; if you stashed it: git stash pop)\n" + copyBeside(file);
    }

    /**
     * Where no copy is at hand, the way out that is left: the file written again. Liquibase's checksum is of the changes, not
     * of the text (comments and layout aside; a formatted .sql file's is of its SQL, spaces aside), and validation compares it
     * with the one recorded, so a rewrite that does what the file did passes, and one that does not is named by the next run.
     */
    private static String writtenAgain(String file) {
        return copyOf(file).isPresent() ? "" : "  - no copy anywhere: " + writeItAgain() + "\n";
    }

    /**
     * The rewrite's words, for every command that finds an applied changeset's file gone and no copy of it. A method, not a
     * constant: javac copies a constant into each script that reads it, and a script is not compiled again when only the
     * machinery changes.
     */
    public static String writeItAgain() {
        return "write it again as it was, each changeset's id, author and changes the same (an .sql\n"
                + "    file's SQL as written): the next run compares them with the checksums the database recorded, and says if one differs";
    }

    /** "    a copy is beside it: mv FILE.bak FILE" when there is one (break-2 keeps it so), or nothing. */
    private static String copyBeside(String file) {
        return copyOf(file).map(way -> "    " + way + "\n").orElse("");
    }

    /**
     * Where a copy of a missing file is, and the command that puts it back: beside it (break-2 keeps it so: FILE.bak), else the
     * newest a command of the tutorial set aside under .reset/ (a reset stopped midway, which moved some changeset files and not
     * the rest, left the chain missing them). Empty where there is none.
     */
    public static Optional<String> copyOf(String file) {
        try {
            Path root = Project.find().root();
            for (String suffix : List.of(".bak", ".orig", "~")) {
                if (Files.isRegularFile(root.resolve(file + suffix))) {
                    return Optional.of("a copy is beside it: " + fromProjectFolder("mv " + file + suffix + " " + file));
                }
            }
            Path setAside = root.resolve(Project.SET_ASIDE_FOLDER);
            if (Files.isDirectory(setAside)) {
                try (var folders = Files.list(setAside)) {
                    return folders.map(folder -> folder.resolve(file)).filter(Files::isRegularFile).max(Path::compareTo)
                            .map(copy -> "the newest copy kept in " + Project.SET_ASIDE_FOLDER + "/ (the next step says if it is not the one applied): "
                                    + fromProjectFolder("cp " + CommandLine.quoted(root.relativize(copy).toString().replace('\\', '/')) + " " + file));
                }
            }
        } catch (RuntimeException | java.io.IOException notInTheProject) {
            // the message stands without it
        }
        return Optional.empty();
    }
}
