package tutorial;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what went wrong deep inside SQLite or Liquibase into a sentence a learner can act
 * on. Each known failure is recognised by its message, anywhere in the chain of causes.
 */
final class Failures {

    private Failures() {
    }

    static LessonError explain(Throwable failure) {
        if (failure instanceof LessonError lesson) {
            return lesson;
        }
        String messages = String.join("\n", messages(failure));
        String lower = messages.toLowerCase();
        if (lower.contains("sqlite_busy") || lower.contains("database is locked")) {
            return error(failure, "library.db is busy: another program holds a lock on it (an open transaction, "
                    + "perhaps in a database browser). Nothing was changed.",
                    "Finish or close that program's transaction, then run the step again.");
        }
        if (lower.contains("sqlite_readonly") || lower.contains("readonly database")) {
            return error(failure, "library.db cannot be written: the file or its folder is read-only. Nothing was changed.",
                    "Make both writable (chmod u+w library.db .) and run the step again.");
        }
        if (lower.contains("sqlite_notadb") || lower.contains("file is not a database")) {
            return error(failure, "library.db is not a SQLite database.",
                    "Move it aside and create it again: mv library.db library.db.bak && ./jbang steps/01_create.java");
        }
        if (lower.contains("sqlite_cantopen") || lower.contains("unable to open database")) {
            return error(failure, "library.db cannot be opened: its folder is missing or not accessible.",
                    "Check the project folder's permissions and run the step again.");
        }
        String first = messages(failure).stream().filter(m -> !m.isBlank()).findFirst().orElse(failure.getClass().getSimpleName());
        return error(failure, "Something went wrong: " + first,
                "Run the step again with --verbose to see the details.");
    }

    private static LessonError error(Throwable cause, String what, String next) {
        return new LessonError(what, next, LessonError.NOT_READY, cause);
    }

    /** The message of the failure and of each of its causes, outermost first. */
    static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(t.getMessage() == null ? t.getClass().getName() : t.getMessage());
        }
        return messages;
    }
}
