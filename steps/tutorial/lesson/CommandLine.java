package tutorial.lesson;

import java.util.List;

/**
 * The running step's command line as the learner typed it after ./jbang, kept for advice that
 * repeats it ("run ./jbang steps/05_upgrade.java --url ... again", a driver added to it), each
 * argument quoted where a shell needs it, so that the advice pastes as it is shown.
 * Step.start records it; the database and tool code below the step only read it.
 */
public final class CommandLine {

    private static String command = "";
    private static List<String> arguments = List.of();

    private CommandLine() {
    }

    /** Records the command (steps/05_upgrade.java, or a tool's name) and its arguments. */
    static void remember(String typedCommand, String[] args) {
        command = typedCommand;
        arguments = List.of(args);
    }

    /** The command line as typed after ./jbang, e.g. "steps/05_upgrade.java --url jdbc:...". */
    public static String typed() {
        StringBuilder line = new StringBuilder(command);
        arguments.forEach(argument -> line.append(' ').append(quoted(argument)));
        return line.toString();
    }

    /** These options as typed, each with its value (" --url 'jdbc:...?a=1&b=2' --username ada"), or "" for none typed. */
    public static String options(String... names) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < arguments.size() - 1; i++) {
            if (List.of(names).contains(arguments.get(i))) {
                line.append(' ').append(arguments.get(i)).append(' ').append(quoted(arguments.get(i + 1)));
            }
        }
        return line.toString();
    }

    /** As a POSIX shell reads it back: as it is when it holds nothing the shell treats specially, else in single quotes. */
    public static String quoted(String argument) {
        return argument.matches("[A-Za-z0-9_./:=@%+,-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
