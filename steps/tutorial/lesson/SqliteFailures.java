package tutorial.lesson;

import static tutorial.lesson.Failures.FAILED_CHANGESET;
import static tutorial.lesson.Failures.NOTHING_CHANGED;
import static tutorial.lesson.Failures.error;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.project.Project;

/** SQLite's refusals: busy, read-only, not a database, damaged, full; or a changeset adds what the database has. */
final class SqliteFailures {

    private static final Pattern ALREADY_THERE = Pattern.compile(
            "duplicate column name: (\\w+)|(table|index) \"?(\\w+)\"? already exists", Pattern.CASE_INSENSITIVE);

    private SqliteFailures() {
    }

    /**
     * SQLite refused: busy, read-only, not a database, damaged, full; or the database has what a changeset adds. Each said of
     * the database this run works on, with ways out that work on it (05_upgrade --url other.db: other.db's, never library.db's).
     */
    static Optional<LessonError> sqliteProblem(Throwable failure, String messages, Project project) {
        String lower = messages.toLowerCase();
        String db = CommandLine.databaseName(project);
        java.util.function.UnaryOperator<String> onIt = command -> CommandLine.onSameDatabase(project, command);
        // Made aside only where the database is a file (a server's URL is no path: Windows refuses its colon).
        Path file = project == null ? Path.of(db) : project.databaseFile();
        String anew = (file == null ? "" : CommandLine.moveAside(file, db) + " && ") + onIt.apply("steps/01_create.java");
        if (lower.contains("sqlite_busy") || lower.contains("database is locked")) {
            return Optional.of(error(failure, db + " is busy: another program is using it (another step still running, "
                            + "or a database browser with unsaved changes or a query left open)." + NOTHING_CHANGED,
                    "Let that step finish, or end what the browser has open (write or revert its changes, finish its query, or close it), then run the step again."));
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
}
