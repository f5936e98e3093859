package tutorial.lesson;

import static tutorial.lesson.Failures.NOTHING_CHANGED;
import static tutorial.lesson.Failures.error;
import static tutorial.lesson.Failures.find;
import static tutorial.lesson.Failures.fromProjectFolder;
import static tutorial.lesson.Failures.inLiquibasesWords;
import static tutorial.lesson.Failures.innermost;
import static tutorial.lesson.Failures.masterChangelog;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import tutorial.project.Project;

/**
 * The changelog cannot be read or run as it stands: a file missing (MissingChangelogFile), an applied changeset edited
 * since, a YAML or XML slip, an empty file, a change Liquibase cannot run on this database.
 */
public final class ChangelogFailures {

    private static final Pattern EMPTY_FILE = Pattern.compile("Empty file (\\S+)");
    private static final Pattern CHECKSUM = Pattern.compile("(\\S+)::(\\S+)::(\\S+) was: (\\S+) but is now: \\S+");
    /** The checksum of a changeset with no changes (an MD5 of nothing): one recorded while still empty. */
    private static final String EMPTY_CHECKSUM = "d41d8cd98f00b204e9800998ecf8427e";
    private static final Pattern YAML_FILE = Pattern.compile("Syntax error in file (\\S+?):");
    private static final Pattern NOT_SUPPORTED = Pattern.compile("(\\w+) is not supported on (\\w+), (\\S+?)::(\\S+?)::");
    private static final Pattern XML_ERROR = Pattern.compile("Error parsing line (\\d+) column (\\d+) of (\\S+?): (.*)");

    /**
     * How a changelog Liquibase could not read is said, before its reason (history says its own words first, and this once).
     * No compile-time constant, as Failures.NOTHING_CHANGED is not: history's script reads it.
     */
    public static final String CANNOT_READ = String.valueOf("Liquibase cannot read the changelog: ");

    private ChangelogFailures() {
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

    /** The changelog cannot be read: a file missing, edited after it was applied, or not valid YAML/XML. */
    static Optional<LessonError> changelogProblem(Throwable failure, String messages,
            java.util.function.Function<String, Optional<Boolean>> appliedFrom, Project project) {
        Optional<LessonError> missing = MissingChangelogFile.explain(failure, messages, appliedFrom, project);
        if (missing.isPresent()) {
            return missing;
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
    static Optional<LessonError> unreadableChangelog(Throwable failure, String messages) {
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
        String says = CANNOT_READ + reason + (reason.endsWith(".") ? "" : ".") + NOTHING_CHANGED;
        // The master itself gone (moved, deleted): git's copy lacks the includes made since, and 05_upgrade then names them.
        // (Whole path parts: a master named main.yaml is not an include named changes/domain.yaml.)
        Matcher gone = Pattern.compile("(\\S*" + Pattern.quote(masterChangelog()) + ") does not exist").matcher(messages);
        if (gone.find() && Path.of(gone.group(1)).normalize().endsWith(Path.of(masterChangelog()).normalize())) {
            return Optional.of(MissingChangelogFile.masterMissing(failure));
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
}
