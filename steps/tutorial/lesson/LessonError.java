package tutorial.lesson;

/**
 * Something the learner can put right: what happened, and what to type next.
 * Steps throw it; Step prints it without a stack trace and exits with its code.
 */
public class LessonError extends RuntimeException {

    /** Exit code for "the project is not in the state this step needs" (wrong order, bad file). */
    public static final int NOT_READY = 1;
    /** Exit code for a command typed wrong (unknown flag, missing value). */
    public static final int USAGE = 2;

    private final String next;
    private final int exitCode;

    public LessonError(String what, String next) {
        this(what, next, NOT_READY, null);
    }

    public LessonError(String what, String next, int exitCode, Throwable cause) {
        super(what, cause);
        this.next = next;
        this.exitCode = exitCode;
    }

    public String next() {
        return next;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What went wrong, without the " Nothing was changed." it may end with: said inside a message of another's. */
    public String whatAlone() {
        return getMessage().replace(Failures.NOTHING_CHANGED, "");
    }

    /** Says it on standard error as every step does: what went wrong, then what to do next. */
    public void report() {
        Console.error(getMessage());
        if (next != null && !next.isBlank()) {
            Console.errorPlain(next);
        }
    }
}
