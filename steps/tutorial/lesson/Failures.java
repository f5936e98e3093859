package tutorial.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.precondition.FailedPrecondition;

import tutorial.project.Project;

/**
 * Turns what went wrong deep inside SQLite or Liquibase into a sentence a learner can act
 * on. Each known failure is recognised by its type or its message, anywhere in the chain of
 * causes. docs/troubleshooting.md ("When something goes wrong") lists these messages: keep the two in step.
 * The changelog's failures are ChangelogFailures' (a missing file MissingChangelogFile's), a server's ServerFailures',
 * SQLite's SqliteFailures'; a precondition that stopped the run, and what nothing else names, are said here.
 */
public final class Failures {

    /**
     * Said after a refusal. String.valueOf makes it no compile-time constant: javac would copy a constant into each script that
     * reads it (reset does), and a script is not compiled again when only the machinery changes, so a new wording would not
     * reach it.
     */
    public static final String NOTHING_CHANGED = String.valueOf(" Nothing was changed.");

    static final Pattern FAILED_CHANGESET = Pattern.compile("changeset (\\S+?)::(\\S+?)::");

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
        return ChangelogFailures.changelogProblem(failure, messages, appliedFrom, project)
                .or(() -> ChangelogFailures.notSupported(messages, takeBack))
                .or(() -> ServerFailures.serverGone(failure))
                .or(() -> ServerFailures.permissionDenied(failure, project))
                .or(() -> preconditionStopped(failure, messages))
                .or(() -> SqliteFailures.sqliteProblem(failure, messages, project))
                .or(() -> ChangelogFailures.unreadableChangelog(failure, messages))
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
    static String inLiquibasesWords(String said) {
        return "Liquibase: \"" + said.strip() + "\"\n";
    }

    /** The master changelog's name: liquibase.properties' changeLogFile, renamed or not (the default outside a project). */
    static String masterChangelog() {
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
    static String fromProjectFolder(String command) {
        try {
            return CommandLine.fromProjectFolder(Project.find(), command);
        } catch (RuntimeException notInTheProject) {
            return command;
        }
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

    static LessonError error(Throwable cause, String what, String next) {
        return new LessonError(what, next, LessonError.NOT_READY, cause);
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The root cause's own words: Liquibase's wrappers repeat them behind a chain of class names. */
    static String innermost(Throwable failure) {
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
