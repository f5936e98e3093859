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
     * The same for standard error, which System.console() does not look at (it asks of standard input and output): a terminal's output with errors sent to a file
     * (2>errors.txt) put colour codes in the file. Where /proc says what descriptor 2 is (Linux), colour only on a terminal.
     */
    private static final boolean ERROR_COLOUR = COLOUR && onATerminal(2, true);

    /** Whether this file descriptor is a terminal, where /proc says (Linux); elsewhere, otherwise. */
    private static boolean onATerminal(int descriptor, boolean otherwise) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + descriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.startsWith("/dev/console");
        } catch (java.io.IOException | RuntimeException noProc) {
            return otherwise; // macOS, Windows
        }
    }

    /**
     * Whether an answer typed at a prompt comes from a terminal, which shows it as typed: from a pipe (echo y | ./jbang
     * reset), the prompt and what followed it shared a line. Where /proc cannot tell, as System.console() says.
     */
    public static boolean inputFromTerminal() {
        return onATerminal(0, System.console() != null);
    }

    /**
     * The standard output as the step started with it: what the tutorial says reaches the learner
     * even while a step's block runs with System.out captured (Liquibase's own printing, see
     * Migrations.watching), a note of the changelog lock, say.
     */
    private static final java.io.PrintStream OUT = System.out;

    /**
     * Whether a ./jbang command to type was shown (on standard output, on standard error): such a command is typed in the
     * tutorial's folder, which a step run from a subfolder then says once, at its end (CommandLine.sayWhereCommandsAreTyped).
     */
    private static volatile boolean commandShownOnOut;
    private static volatile boolean commandShownOnErr;

    private Console() {
    }

    public static void say(String line) {
        commandShownOnOut |= showsCommandToType(line);
        OUT.println(line);
    }

    /** Text that ends its own lines (a child process's output shown whole), on standard output. */
    public static void print(String text) {
        commandShownOnOut |= showsCommandToType(text);
        OUT.print(text);
    }

    /** A line on standard error, uncoloured: what to do next, after a message said with error. */
    public static void errorPlain(String line) {
        commandShownOnErr |= showsCommandToType(line);
        System.err.println(line);
    }

    public static void blank() {
        OUT.println();
    }

    /** Lines set in by two spaces: the output of a command shown inside a step's own output. */
    public static void indented(List<String> lines) {
        lines.forEach(line -> say(line.isBlank() ? "" : "  " + line));
    }

    /** A heading on standard error (where standard output carries data: schema --mermaid > diagram.mmd), bold on a terminal. */
    public static void errorHeading(String title) {
        System.err.println(ERROR_COLOUR ? bold(title) : title);
    }

    public static void error(String line) {
        commandShownOnErr |= showsCommandToType(line);
        System.err.println(ERROR_COLOUR ? red(line) : line);
    }

    /**
     * A ./jbang command, other than one after a cd to the tutorial's folder (cd .. && ./jbang reset --yes) or one for the
     * subfolder itself (../jbang 06_verify.java), which paste as shown.
     */
    private static boolean showsCommandToType(String text) {
        return text.replace("../jbang ", "").replace("&& ./jbang ", "").contains("./jbang ");
    }

    /** 2 where a ./jbang command was shown on standard error, else 1 where one was on standard output, 0 where none was. */
    static int streamOfCommandShown() {
        return commandShownOnErr ? 2 : commandShownOnOut ? 1 : 0;
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
