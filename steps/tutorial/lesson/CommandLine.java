package tutorial.lesson;

/**
 * The running step's command line as the learner typed it after ./jbang, kept for advice that
 * repeats it ("run ./jbang steps/05_upgrade.java --url ... again", a driver added to it).
 * Step.start records it; the database and tool code below the step only read it.
 */
public final class CommandLine {

    private static String typed = "";

    private CommandLine() {
    }

    /** Records the command (steps/05_upgrade.java, or a tool's name) and its arguments, each quoted where a shell would need it. */
    static void remember(String command, String[] args) {
        StringBuilder line = new StringBuilder(command);
        for (String arg : args) {
            line.append(' ').append(arg.isEmpty() || arg.matches(".*[\\s\"'$&|;<>()*?].*") ? "'" + arg + "'" : arg);
        }
        typed = line.toString();
    }

    /** The command line as typed after ./jbang, e.g. "steps/05_upgrade.java --url jdbc:...". */
    public static String typed() {
        return typed;
    }
}
