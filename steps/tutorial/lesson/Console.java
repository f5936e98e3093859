package tutorial.lesson;

import java.util.List;

/**
 * Everything a step prints goes through here, so every step looks alike and colour appears
 * only on a real terminal: never when piped, never with NO_COLOR set, so copied output,
 * the README and the tests all read the same.
 */
public final class Console {

    private static final boolean COLOUR = System.console() != null
            && System.getenv("NO_COLOR") == null
            && !"dumb".equals(System.getenv("TERM"));

    /**
     * The standard output as the step started with it: what the tutorial says reaches the learner
     * even while a step's block runs with System.out captured (Liquibase's own printing, see
     * Migrations.watching), a note of the changelog lock, say.
     */
    private static final java.io.PrintStream OUT = System.out;

    private Console() {
    }

    public static void say(String line) {
        OUT.println(line);
    }

    public static void blank() {
        OUT.println();
    }

    /** Lines set in by two spaces: the output of a command shown inside a step's own output. */
    public static void indented(List<String> lines) {
        lines.forEach(line -> say(line.isBlank() ? "" : "  " + line));
    }

    public static void error(String line) {
        System.err.println(red(line));
    }

    public static String bold(String text) {
        return style("1", text);
    }

    public static String dim(String text) {
        return style("2", text);
    }

    public static String green(String text) {
        return style("32", text);
    }

    public static String red(String text) {
        return style("31", text);
    }

    public static String yellow(String text) {
        return style("33", text);
    }

    private static String style(String code, String text) {
        return COLOUR ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
