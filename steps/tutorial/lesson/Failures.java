package tutorial.lesson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.precondition.FailedPrecondition;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import tutorial.project.Project;
import tutorial.project.TextFiles;

/**
 * Turns what went wrong deep inside SQLite or Liquibase into a sentence a learner can act
 * on. Each known failure is recognised by its type or its message, anywhere in the chain of
 * causes. docs/troubleshooting.md ("When something goes wrong") lists these messages: keep the two in step.
 */
public final class Failures {

    public static final String NOTHING_CHANGED = " Nothing was changed.";

    private static final Pattern EMPTY_FILE = Pattern.compile("Empty file (\\S+)");
    private static final Pattern MISSING_FILE = Pattern.compile("The file (\\S+) was not found in the configured search path");
    private static final Pattern PARSING = Pattern.compile("Error parsing (\\S+) :");
    private static final Pattern CHECKSUM = Pattern.compile("(\\S+)::(\\S+)::(\\S+) was: (\\S+) but is now: \\S+");
    /** The checksum of a changeset with no changes (an MD5 of nothing): one recorded while still empty. */
    private static final String EMPTY_CHECKSUM = "d41d8cd98f00b204e9800998ecf8427e";
    private static final Pattern YAML_FILE = Pattern.compile("Syntax error in file (\\S+?):");
    private static final Pattern ALREADY_THERE = Pattern.compile(
            "duplicate column name: (\\w+)|(table|index) \"?(\\w+)\"? already exists", Pattern.CASE_INSENSITIVE);
    private static final Pattern FAILED_CHANGESET = Pattern.compile("changeset (\\S+?)::(\\S+?)::");
    private static final Pattern NOT_SUPPORTED = Pattern.compile("(\\w+) is not supported on (\\w+), (\\S+?)::(\\S+?)::");
    private static final Pattern XML_ERROR = Pattern.compile("Error parsing line (\\d+) column (\\d+) of (\\S+?): (.*)");

    private Failures() {
    }

    public static LessonError explain(Throwable failure) {
        // Said deep inside (a schema read, a database opened): of the database this run's step works on, --url kept.
        return explain(failure, Step.projectOfThisRun());
    }

    /** The same, its ways out on the database this project works on (--url kept; null: library.db). */
    public static LessonError explain(Throwable failure, Project project) {
        return explain(failure, file -> Optional.empty(), file -> "take it back with ./jbang revision --discard if it is the newest changeset", project);
    }

    /**
     * The same, where the database can be asked whether it records changesets of a file (a
     * missing file's ways out are then only those that apply: restoring an applied one is a
     * must; deleting the include is only for one never applied), and what takes back a changeset
     * file not applied can be said for that file (revision --discard takes back the newest alone).
     */
    public static LessonError explain(Throwable failure, java.util.function.Function<String, Optional<Boolean>> appliedFrom,
            java.util.function.UnaryOperator<String> takeBack) {
        return explain(failure, appliedFrom, takeBack, null);
    }

    /** The same, on the database this run works on (--url kept): the ways out that name it name that one (null: library.db). */
    public static LessonError explain(Throwable failure, java.util.function.Function<String, Optional<Boolean>> appliedFrom,
            java.util.function.UnaryOperator<String> takeBack, Project project) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LessonError lesson) {
                return lesson; // said in the learner's words already, deeper down (e.g. by the changelog lock)
            }
        }
        String messages = String.join("\n", messages(failure));
        return changelogProblem(failure, messages, appliedFrom, project).or(() -> notSupported(messages, takeBack)).or(() -> serverGone(failure))
                .or(() -> permissionDenied(failure, project))
                .or(() -> preconditionStopped(failure, messages))
                .or(() -> sqliteProblem(failure, messages, project))
                .or(() -> unreadableChangelog(failure, messages))
                .orElseGet(() -> {
                    // Liquibase names the changeset it was running: said first, as the cause's own words do not.
                    Matcher changeSet = FAILED_CHANGESET.matcher(messages);
                    if (changeSet.find() && messages.contains("out of range for type integer")) {
                        // fix-2's INTEGER isbn: 64 bits on SQLite, 32 on PostgreSQL, where a 13-digit ISBN does not fit.
                        return error(failure, "Changeset " + changeSet.group(2) + " (" + changeSet.group(1) + ") failed: " + innermost(failure),
                                "PostgreSQL's INTEGER holds 32 bits (up to 2147483647), SQLite's 64: a value that fits on SQLite may not here.\n"
                                        + "Give the column BIGINT on PostgreSQL (a changeset can name the dbms it is for), or keep it a string.");
                    }
                    if (changeSet.find(0)) {
                        return error(failure, "Changeset " + changeSet.group(2) + " (" + changeSet.group(1) + ") failed: " + innermost(failure),
                                "Mend that changeset: the database refused it in the words above (SQL written for one database, say:\n"
                                        + "Liquibase's change types are written in each database's own SQL, and an sql change can name its dbms).\n"
                                        + "Run the step again with --verbose to see the details.");
                    }
                    return error(failure, "Something went wrong: " + innermost(failure), "Run the step again with --verbose to see the details.");
                });
    }

    /**
     * Liquibase's own refusal, quoted on a line of its own before the tutorial explains it: the
     * words a learner will meet again in their own project, where no tutorial explains them.
     */
    private static String inLiquibasesWords(String said) {
        return "Liquibase: \"" + said.strip() + "\"\n";
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
    private static LessonError masterMissing(Throwable failure) {
        LessonError said;
        try {
            said = TextFiles.missing(Project.find(), masterChangelog());
        } catch (RuntimeException notInTheProject) {
            said = new LessonError("The master changelog, " + masterChangelog() + ", is missing (moved or deleted).", "Put it back where it was.");
        }
        return error(failure, said.getMessage() + NOTHING_CHANGED, said.next());
    }

    /** The master changelog's name: liquibase.properties' changeLogFile, renamed or not (the default outside a project). */
    private static String masterChangelog() {
        try {
            return Project.find().changelogFile();
        } catch (RuntimeException notInTheProject) {
            return Project.MASTER_CHANGELOG_FILE;
        }
    }

    /**
     * A command on a file named from the project's folder (mv, git checkout), to type where the learner is: from a subfolder, with
     * a cd to the project's folder first, as the way-back commands have it (pasted there as printed, mv found no file).
     */
    private static String fromProjectFolder(String command) {
        try {
            return CommandLine.fromProjectFolder(Project.find(), command);
        } catch (RuntimeException notInTheProject) {
            return command;
        }
    }

    /** The way out that restores a missing file: from a copy or backup, git or a stash, or the copy beside it. */
    private static String restoreLine(String file) {
        return "  - restore it from your copy or backup (if you committed it: " + fromProjectFolder("git checkout HEAD -- " + file)
                + "; if you stashed it: git stash pop)\n" + copyBeside(file);
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

    /**
     * The other ways out of a changelog file that cannot be read: git has it only once committed
     * (a changeset revision or autogenerate just wrote is not), and the newest changeset, while
     * not applied, can be taken back whole.
     */
    private static String restoreOrDiscard(String file) {
        return "or, if you committed it, restore it: " + fromProjectFolder("git checkout HEAD -- " + file) + "\n"
                + "or, if it is the newest changeset and not applied yet, take it back: ./jbang revision --discard";
    }

    /**
     * A changeset's precondition stopped the run (onFail or onError HALT, Liquibase's default):
     * what it said, its onFailMessage where it has one, quoted; none of that changeset's changes ran.
     */
    private static Optional<LessonError> preconditionStopped(Throwable failure, String messages) {
        PreconditionFailedException failed = find(failure, PreconditionFailedException.class);
        PreconditionErrorException errored = find(failure, PreconditionErrorException.class);
        if (failed == null && errored == null) {
            return Optional.empty();
        }
        List<String> said = failed != null
                ? failed.getFailedPreconditions().stream().map(FailedPrecondition::getMessage).toList()
                : errored.getMessage() != null && !errored.getMessage().startsWith("Precondition Error")
                ? List.of(errored.getMessage()) // its onErrorMessage
                : errored.getErrorPreconditions().stream().map(error -> error.getCause() == null ? error.toString() : innermost(error.getCause())).toList();
        Matcher changeSet = FAILED_CHANGESET.matcher(messages);
        String which = changeSet.find() ? "Changeset " + changeSet.group(2) + " (" + changeSet.group(1) + ")" : "A changeset";
        return Optional.of(error(failure, inLiquibasesWords(String.join("; ", said)) + which + (failed != null
                        ? " did not run: its precondition failed, and stops the upgrade there (onFail: HALT). None of its changes ran."
                        : " did not run: its precondition could not be checked, and stops the upgrade there (onError: HALT). None of its changes ran."),
                failed != null
                        ? "Do what the precondition's message says (it checks the database as it is now), then run the step again."
                        : "Mend the precondition (the words above are the database's), then run the step again."));
    }

    /** 07_rollback takes changesets back newest first, so it reaches an older one only through every one after it. */
    private static final String UNDO_NEWEST_FIRST = "(newest first: every changeset applied after it goes back too)";

    /** The changelog cannot be read: a file missing, edited after it was applied, or not valid YAML/XML. */
    private static Optional<LessonError> changelogProblem(Throwable failure, String messages,
            java.util.function.Function<String, Optional<Boolean>> appliedFrom, Project project) {
        Matcher missing = MISSING_FILE.matcher(messages);
        if (missing.find()) {
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
                    ? "It was applied (the database records it), so it must come back:\n" + restore
                            + "  - then, to be rid of what it did: add a new changeset that reverses it, and keep both (a fresh\n"
                            + "    database runs one, then the other); or roll it back with " + CommandLine.onSameDatabase(project, "steps/07_rollback.java") + "\n"
                            + "    " + UNDO_NEWEST_FIRST + ", and only then remove it and its include"
                    : "It was never applied, so either way works:\n" + restore
                            + "  - or delete its include from " + includer;
            return Optional.of(error(failure, inLiquibasesWords(missing.group()) + file + " is missing, but " + includer
                            + " still includes it." + NOTHING_CHANGED, waysOut));
        }
        Set<String> edited = new LinkedHashSet<>();
        Matcher checksum = CHECKSUM.matcher(messages);
        String liquibaseSaid = null;
        boolean recordedEmpty = true;
        while (checksum.find()) {
            edited.add(checksum.group(1) + " (changeset " + checksum.group(2) + ")");
            liquibaseSaid = liquibaseSaid == null ? checksum.group() : liquibaseSaid;
            recordedEmpty &= checksum.group(4).endsWith(":" + EMPTY_CHECKSUM);
        }
        if (!edited.isEmpty()) {
            LessonError explained = recordedEmpty ? recordedWhileEmpty(List.copyOf(edited), failure, project)
                    : editedAfterApplied(List.copyOf(edited), failure, project);
            return Optional.of(new LessonError(inLiquibasesWords("Validation Failed: " + liquibaseSaid) + explained.getMessage(),
                    explained.next(), explained.exitCode(), failure));
        }
        MarkedYAMLException yaml = find(failure, MarkedYAMLException.class);
        Matcher yamlFile = YAML_FILE.matcher(messages);
        if (yaml != null && yaml.getProblemMark() != null) {
            String file = yamlFile.find() ? yamlFile.group(1) : "A changelog file";
            return Optional.of(error(failure, file + " is not valid YAML: line " + (yaml.getProblemMark().getLine() + 1)
                            + ", column " + (yaml.getProblemMark().getColumn() + 1) + ": " + yaml.getProblem() + "." + NOTHING_CHANGED
                            + "\n" + yaml.getProblemMark().get_snippet(),
                    "Fix that line, or the one before it (YAML may only notice a slip on the next line; it counts spaces:\n"
                            + "indent it like the lines around it),\n" + restoreOrDiscard(file)));
        }
        Matcher xml = XML_ERROR.matcher(messages);
        if (xml.find() && xml.group(4).contains("cvc-elt.1") && xml.group(4).contains("'databaseChangeLog'")) {
            // Well-formed, but read against no schema: Liquibase validates XML changelogs, and finds its
            // schema (inside its own jar, no network) only where the root element names it.
            return Optional.of(error(failure, xml.group(3) + " does not name Liquibase's XML namespace and schema: its <databaseChangeLog> (line "
                            + xml.group(1) + ") needs both xmlns and xsi:schemaLocation, as Liquibase reads an XML changelog only against its schema."
                            + NOTHING_CHANGED,
                    "Start the file's databaseChangeLog as Liquibase's own XML changelogs do (the schema comes from Liquibase's jar):\n"
                            + XML_HEADER + "\n" + restoreOrDiscard(xml.group(3))));
        }
        if (xml.find(0)) {
            return Optional.of(error(failure, xml.group(3) + " is not valid XML: line " + xml.group(1) + ", column " + xml.group(2)
                            + ": " + xml.group(4) + NOTHING_CHANGED,
                    "Fix that line (or the one before it),\n" + restoreOrDiscard(xml.group(3))));
        }
        return Optional.empty();
    }

    /** The root element of Liquibase's XML changelogs, as its documentation starts them. */
    static final String XML_HEADER = """
            <databaseChangeLog
                xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">""";

    /**
     * Applied changesets ("FILE (changeset ID)") whose files were edited since: what 05, 07 and
     * history say of them, with the ways out, on the database the run works on (null: library.db).
     */
    public static LessonError editedAfterApplied(List<String> edited, Throwable cause, Project project) {
        String file = edited.get(0).replaceFirst(" \\(changeset .*", "");
        return error(cause, String.join(", ", edited) + (edited.size() == 1 ? " was" : " were")
                        + " edited after it was applied: its checksum no longer matches the one " + CommandLine.databaseName(project) + " recorded." + NOTHING_CHANGED,
                "Liquibase never runs an applied changeset again, so the edit would silently do nothing. Ways out:\n"
                        + "  - undo the edit (if you committed the file: " + fromProjectFolder("git checkout HEAD -- " + file) + ")\n"
                        + "  - or, only where " + CommandLine.databaseName(project) + " already has what the edited changeset does (a\n"
                        + "    comment or a typo mended, say), keep the edit as the record of what was done, without running it:\n"
                        + "    " + CommandLine.liquibaseOnSameDatabase(project, "clear-checksums") + "\n"
                        + "  - or undo the edit and make the change in a new changeset: ./jbang steps/04_autogenerate.java -m ...\n"
                        + "    for a change of the schema the models show, ./jbang revision -m ... for one of the data\n"
                        + "  - or, if it was applied while still empty: set its changes back to [] (keep your edit aside),\n"
                        + "    roll it back (" + CommandLine.onSameDatabase(project, "steps/07_rollback.java") + "), put your edit back and upgrade");
    }

    /**
     * The same, where what the database recorded is an empty changeset's checksum: it was recorded
     * before it had changes (changelog-sync right after ./jbang revision, say), so none of what
     * it holds now ever ran, and only one way out is right.
     */
    private static LessonError recordedWhileEmpty(List<String> edited, Throwable cause, Project project) {
        LessonError said = editedAfterApplied(edited, cause, project);
        String db = CommandLine.databaseName(project);
        return error(cause, said.getMessage(),
                db + " recorded it while it had no changes yet (its checksum is an empty changeset's: a Liquibase of\n"
                        + "your own ran changelog-sync before you filled it in, say), so none of what it holds now ever ran. Record it afresh:\n"
                        + "  set its changes back to [] (keep your edit aside), roll it back (" + CommandLine.onSameDatabase(project, "steps/07_rollback.java") + ":\n"
                        + "  it undoes nothing), put your edit back, then upgrade (" + CommandLine.onSameDatabase(project, "steps/05_upgrade.java") + "); or, where " + db + "\n"
                        + "  has what it does already (a column made by hand, as in fix-1), record it again in place of the upgrade:\n"
                        + "  " + CommandLine.liquibaseOnSameDatabase(project, "changelog-sync"));
    }

    /**
     * A change Liquibase refuses to run on this database at all (modifyDataType on SQLite, break-3's proposal), from the failure's
     * messages, or from what the real CLI printed (./jbang liquibase keeps its exception to itself): the tutorial's words for it.
     */
    public static Optional<LessonError> notSupported(String messages, java.util.function.UnaryOperator<String> takeBack) {
        Matcher change = NOT_SUPPORTED.matcher(messages);
        if (!change.find()) {
            return Optional.empty();
        }
        return Optional.of(new LessonError(change.group(3) + " (changeset " + change.group(4) + ") uses " + change.group(1)
                + ", which Liquibase cannot run on " + ("sqlite".equals(change.group(2)) ? "SQLite" : change.group(2)) + "." + NOTHING_CHANGED,
                // The proposal first: --discard takes back the newest changeset, which a file written by hand would then be.
                "SQLite cannot do this in place. First " + takeBack.apply(change.group(3)) + ";\nthen write the change by hand, as fix-2 "
                        + "does for a column's type (./jbang lint names such changes before they run).", 1, null));
    }

    /** Any other reason Liquibase gives for not reading the changelog (a misspelt change type, say). */
    private static Optional<LessonError> unreadableChangelog(Throwable failure, String messages) {
        if (find(failure, liquibase.exception.ChangeLogParseException.class) == null) {
            return Optional.empty();
        }
        // A changeset file emptied (truncated, or saved empty): Liquibase names the master that includes it first.
        Matcher empty = EMPTY_FILE.matcher(messages);
        if (empty.find()) {
            return Optional.of(error(failure, empty.group(1) + " is empty: Liquibase cannot read a changelog file with nothing in it."
                    + NOTHING_CHANGED, "Write its changeset into it (databaseChangeLog: and a changeSet, as the other files show),\n"
                    + restoreOrDiscard(empty.group(1))));
        }
        // The file alone, never the whole folder: a checkout of it would take out the includes of every changeset made since.
        // The deepest file Liquibase names ("Error parsing X:" or "Error parsing X :"), wherever in its messages.
        Matcher named = Pattern.compile("Error parsing (\\S+?)\\s?:").matcher(messages);
        String file = null;
        while (named.find()) {
            file = named.group(1);
        }
        String reason = file == null || innermost(failure).contains(file) ? innermost(failure) : file + ": " + innermost(failure);
        String says = "Liquibase cannot read the changelog: " + reason + (reason.endsWith(".") ? "" : ".") + NOTHING_CHANGED;
        // The master itself gone (moved, deleted): git's copy lacks the includes made since, and 05_upgrade then names them.
        // (Whole path parts: a master named main.yaml is not an include named changes/domain.yaml.)
        Matcher gone = Pattern.compile("(\\S*" + Pattern.quote(masterChangelog()) + ") does not exist").matcher(messages);
        if (gone.find() && Path.of(gone.group(1)).normalize().endsWith(Path.of(masterChangelog()).normalize())) {
            return Optional.of(masterMissing(failure));
        }
        if (file == null) {
            return Optional.of(error(failure, says, "Fix the file it names where Liquibase says; restore from git that file alone, not the "
                    + "changelog folder,\nwhose master would lose the includes of the changesets made since."));
        }
        if (file.contains("master")) { // the master itself: git has it without the includes made since
            return Optional.of(error(failure, says,
                    "Fix " + file + " by hand where Liquibase says (each include is three lines, as the others show): the copy\n"
                            + "git has lacks the includes of the changesets made since, so a checkout of it is no way out."));
        }
        return Optional.of(error(failure, says, "Fix " + file + " where Liquibase says; or, if you committed it, restore that file alone: "
                + fromProjectFolder("git checkout HEAD -- " + file) + "\n(not the whole changelog folder, whose master would lose the includes "
                + "of the changesets made since)."));
    }

    /**
     * A server's connection lost midway (SQLState class 08: the server stopped, was killed, or
     * the network went): the driver says only "This connection has been closed" or "An I/O error
     * occurred". Or ended by the server itself (57P01, an administrator's command: a shutdown, or
     * pg_terminate_backend; 57P02, a crash shutdown). What a server had not committed it rolls
     * back itself.
     */
    private static Optional<LessonError> serverGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = cause instanceof java.sql.SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
            boolean ended = state.matches("57P0[12]");
            if (ended || state.startsWith("08")) {
                String said = java.util.Objects.toString(cause.getMessage(), "SQLState " + state).strip();
                return Optional.of(error(failure, "The connection to the database server was " + (ended ? "ended by the server" : "lost") + " midway ("
                                + said + "): " + (ended ? "it was shut down or restarted, or an administrator ended the session."
                                : "the server stopped, was killed, or the network to it went.") + " What it had not committed, the server rolls back itself.",
                        (ended ? "Once the server answers again, run the command again." : "Start the server again (or find why it stopped), then run "
                                + "the command again.") + " If the run that was cut held Liquibase's lock,\nthe next run says so, and prints the "
                                + "command that releases it."));
            }
        }
        return Optional.empty();
    }

    /**
     * The server refused the login a right (SQLState 42501, insufficient_privilege), said with the psql that gives it. Most often,
     * since PostgreSQL 15, a database the login does not own (made by another user, a CREATE DATABASE without OWNER), whose schema
     * public only its owner may create tables in: "permission denied for schema public", where the step said "Something went
     * wrong". Tables another user made: reading them needs a grant ("permission denied for table books"), changing them needs
     * their ownership ("must be owner of table books").
     */
    private static Optional<LessonError> permissionDenied(Throwable failure, Project given) {
        Project project = given != null ? given : Step.projectOfThisRun(); // null where said of library.db: this run's server, if any
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState()) && project != null
                    && project.databaseFile() == null) {
                String said = java.util.Objects.toString(sql.getMessage(), "permission denied").lines().findFirst().orElse("").replaceFirst("^(ERROR|FATAL):\\s*", "").strip();
                String user = project.username().isEmpty() ? urlParameter(project.url(), "user").orElse(System.getProperty("user.name")) : project.username();
                String database = databaseOf(project.url(), user);
                String asked = "The server at " + CommandLine.databaseName(project) + " refused " + user + " what this needs: " + said + ".";
                String login = "Log in as the user that owns it instead (--username and --password, or username= and password= in "
                        + Project.SETTINGS_FILE + "), or have that user or a superuser run, in psql on " + database + ":\n  ";
                Matcher owner = Pattern.compile("must be owner of (\\w+) (\\S+)").matcher(said);
                if (said.contains("for schema")) {
                    return Optional.of(error(failure, asked, "Since PostgreSQL 15 only a database's owner (and whom it grants) may create tables in "
                            + "its schema public, and " + user + " does not own " + database + ".\n" + login + "ALTER DATABASE "
                            + CommandLine.psqlName(database) + " OWNER TO " + CommandLine.psqlName(user) + ";\nthen run the command again."));
                }
                Matcher ofDatabase = Pattern.compile("permission denied for database \"?([^\"\\s]+)").matcher(said);
                if (ofDatabase.find()) { // CONNECT revoked from PUBLIC, or no CREATE: the database's owner grants them
                    return Optional.of(error(failure, asked, "The database's owner has not granted " + user + " what this needs there.\n"
                            + login + "GRANT CONNECT, CREATE ON DATABASE " + CommandLine.psqlName(ofDatabase.group(1)) + " TO "
                            + CommandLine.psqlName(user) + ";\nthen run the command again."));
                }
                if (owner.find()) { // a table (or index, sequence) another user made: only its owner may alter or drop it
                    return Optional.of(error(failure, asked, "Another user made it, and only its owner may change it.\n" + login + "ALTER "
                            + owner.group(1).toUpperCase(java.util.Locale.ROOT) + " " + owner.group(2) + " OWNER TO " + CommandLine.psqlName(user)
                            + ";\n(and the same for each table the changesets change), then run the command again."));
                }
                return Optional.of(error(failure, asked, "Another user made what it names, and has not granted " + user + " the right.\n" + login
                        + "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + CommandLine.psqlName(user) + ";\n  GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "
                        + CommandLine.psqlName(user) + ";\nthen run the command again."));
            }
        }
        return Optional.empty();
    }

    /** A parameter of a JDBC URL's query (?user=bob&ssl=true), where the driver reads the login too. */
    private static Optional<String> urlParameter(String url, String name) {
        int query = url.indexOf('?');
        return query < 0 ? Optional.empty() : java.util.Arrays.stream(url.substring(query + 1).split("&"))
                .filter(pair -> pair.startsWith(name + "=")).map(pair -> pair.substring(name.length() + 1)).findFirst();
    }

    /**
     * The database a server's URL names, as PostgreSQL's driver reads it: jdbc:postgresql://host:5432/library and
     * jdbc:postgresql:library name library; with none named (jdbc:postgresql://host/), the user's name, as the driver takes it.
     */
    static String databaseOf(String url, String user) {
        String rest = CommandLine.withoutQuery(url).replaceFirst("^jdbc:[^:]+:", "");
        String database = rest.startsWith("//") ? (rest.indexOf('/', 2) < 0 ? "" : rest.substring(rest.indexOf('/', 2) + 1)) : rest;
        return database.isEmpty() ? user : database;
    }

    /**
     * SQLite refused: busy, read-only, not a database, damaged, full; or the database has what a changeset adds. Each said of
     * the database this run works on, with ways out that work on it (05_upgrade --url other.db: other.db's, never library.db's).
     */
    private static Optional<LessonError> sqliteProblem(Throwable failure, String messages, Project project) {
        String lower = messages.toLowerCase();
        String db = CommandLine.databaseName(project);
        java.util.function.UnaryOperator<String> onIt = command -> CommandLine.onSameDatabase(project, command);
        // Made aside only where the database is a file (a server's URL is no path: Windows refuses its colon).
        Path file = project == null ? Path.of(db) : project.databaseFile();
        String anew = (file == null ? "" : CommandLine.moveAside(file, db) + " && ") + onIt.apply("steps/01_create.java");
        if (lower.contains("sqlite_busy") || lower.contains("database is locked")) {
            return Optional.of(error(failure, db + " is busy: another program is writing to it (another step still running, "
                            + "or a database browser with unsaved changes)." + NOTHING_CHANGED,
                    "Let that step finish, or write or revert the browser's changes (or close it), then run the step again."));
        }
        Matcher there = ALREADY_THERE.matcher(messages);
        if (there.find()) {
            String what = there.group(1) != null ? "the column " + there.group(1) : there.group(2).toLowerCase() + " " + there.group(3);
            Matcher changeSet = FAILED_CHANGESET.matcher(messages);
            String which = changeSet.find() ? "changeset " + changeSet.group(2) + " (" + changeSet.group(1) + ")" : "a changeset";
            String sync = CommandLine.liquibaseOnSameDatabase(project, "changelog-sync");
            String upgrade = onIt.apply("steps/05_upgrade.java");
            return Optional.of(error(failure, db + " already has " + what + ", which " + which + " adds. Likely cause: "
                            + db + " was made by 01_create from models that already had it, before a changeset added it "
                            + "(once one does, 01_create leaves it out), added by hand, or left by a rollback that did not take it out." + NOTHING_CHANGED,
                    "Two honest ways out:\n"
                            + "  - " + db + " truly has everything that changeset does: record it as applied without running it,\n"
                            + "    " + sync + " (it marks every pending changeset: check " + onIt.apply("history") + " first)\n"
                            + "  - or start from a fresh database, which 01_create builds as it was before the first changeset:\n"
                            + "    " + (project == null || project.databaseFile() != null ? anew + " && " + upgrade
                                    : "a new, empty database on the server, then " + onIt.apply("steps/01_create.java") + " && " + upgrade)));
        }
        if (lower.contains("cannot add a not null column with default value null")) {
            return Optional.of(error(failure, "SQLite cannot add a NOT NULL column without a default: the rows already in the "
                            + "table would hold NULL in it." + NOTHING_CHANGED,
                    "Give the column a defaultValue in the changeset (every row gets it), or add it without nullable: false. If "
                            + "04_autogenerate wrote it, the models say NOT_NULL too (and cannot declare a default): take NOT_NULL out of the column's "
                            + "line in Models.java, then ./jbang revision --discard and autogenerate again."));
        }
        if (lower.contains("sqlite_readonly") || lower.contains("readonly database")) {
            return Optional.of(error(failure, db + " is read-only: the file, or the folder it is in, cannot be written." + NOTHING_CHANGED,
                    "Make both writable (chmod u+w " + CommandLine.quoted(db) + " " + CommandLine.quoted(folderOf(db)) + ") and run the step again."));
        }
        if (lower.contains("sqlite_notadb") || lower.contains("file is not a database")) {
            return Optional.of(error(failure, db + " is not a SQLite database." + NOTHING_CHANGED, "Move it aside and create it again: " + anew));
        }
        if (lower.contains("sqlite_corrupt") || lower.contains("malformed")) {
            return Optional.of(error(failure, db + " is damaged: SQLite says its disk image is malformed." + NOTHING_CHANGED,
                    "Move it aside and create it again: " + anew));
        }
        if (lower.contains("sqlite_full") || lower.contains("disk is full")) {
            return Optional.of(error(failure, "The disk is full: " + db + " cannot grow." + NOTHING_CHANGED,
                    "Free some space and run the step again."));
        }
        if (lower.contains("sqlite_cantopen") || lower.contains("unable to open database")) {
            return Optional.of(error(failure, db + " cannot be written: " + (folderOf(db).equals(".") ? "the project folder" : "its folder, "
                            + folderOf(db) + ",") + " is read-only or not accessible "
                            + "(SQLite writes a journal file next to it)." + NOTHING_CHANGED,
                    "Make the folder writable (chmod u+w " + CommandLine.quoted(folderOf(db)) + ") and run the step again."));
        }
        return Optional.empty();
    }

    /** The folder a database file is in, as typed from the project folder: . for library.db. */
    private static String folderOf(String db) {
        Path parent = Path.of(db).getParent();
        return parent == null ? "." : parent.toString();
    }

    private static LessonError error(Throwable cause, String what, String next) {
        return new LessonError(what, next, LessonError.NOT_READY, cause);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The root cause's own words: Liquibase's wrappers repeat them behind a chain of class names. */
    private static String innermost(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage().strip();
    }

    /** The message of the failure and of each of its causes, outermost first. */
    public static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(t.getMessage() == null ? t.getClass().getName() : t.getMessage());
        }
        return messages;
    }
}
