package tutorial.lesson;

import java.util.function.Function;

import tutorial.project.Project;

/**
 * What a step says when a Ctrl-C (or kill) ends it midway: that nothing half-done stays in the database, and what to
 * type next. Said once, whether the step's own shutdown hook or a stopped child command (solve's, reset's) comes first.
 */
final class StopNotice {

    private final Step step;
    private final String name;
    /** What to do after the stop, where running the step again does not simply finish it (null: run it again). */
    private Function<Step, String> advice;
    /** Whether the advice is all there is to say: a tool that works on no database (tour: on a copy). */
    private boolean adviceSaysItAll;
    /**
     * Said once, by whichever comes first: the shutdown hook of a Ctrl-C, or a child's stop. The other waits until it is said:
     * the JVM halts once its hooks are done, and a hook that returned at once cut the main thread's saying of it short.
     */
    private volatile boolean said;

    StopNotice(Step step, String name) {
        this.step = step;
        this.name = name;
    }

    void advise(Function<Step, String> advice, boolean saysItAll) {
        this.advice = advice;
        this.adviceSaysItAll = saysItAll;
    }

    boolean hasAdvice() {
        return advice != null;
    }

    boolean said() {
        return said;
    }

    /**
     * Ctrl-C (or kill) ends the JVM through its shutdown hooks while the step's own thread is still at work: then, and only
     * then, say what happened. Nothing here touches the database: SQLite rolls back the unfinished transaction, and the
     * next step releases Liquibase's lock.
     */
    void sayWhenStopped(Thread stepThread, java.util.function.BooleanSupplier exiting) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stepThread.isAlive() && !exiting.getAsBoolean()) {
                say();
            }
        }));
    }

    synchronized void say() {
        if (said) {
            return;
        }
        said = true;
        System.out.flush();
        if (adviceSaysItAll) {
            Console.error("Stopped before " + name + " finished. " + advice.apply(step));
            System.err.flush();
            return;
        }
        Project project = step.projectIfFound();
        boolean sqlite = CommandLine.onSqlite(project);
        String database = CommandLine.databaseName(project);
        // On a server, Liquibase's own lock service keeps its lock from a run cut short: the next run says so (ChangelogLock).
        Console.error("Stopped before " + name + " finished. Nothing half-done stays in " + database + ": "
                + (sqlite ? "SQLite" : "the server") + " undoes an unfinished transaction, and a changeset is applied or rolled back whole."
                + (sqlite ? "" : " If Liquibase's lock stays taken there, the next run says so, with the command that releases it."));
        System.err.println(advice != null ? advice.apply(step)
                : "Run it again to finish: " + step.again());
        System.err.flush();
    }
}
