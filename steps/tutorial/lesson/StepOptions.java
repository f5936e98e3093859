package tutorial.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A step's command line: the options and arguments it declares, what was typed, and the usage line built from the
 * declarations. By hand, not picocli: a dozen options across the steps, refused in words that name the tutorial's own
 * commands, where one more library would be on every script's class path and in its start.
 */
final class StepOptions {

    /** The command that runs the step, as typed: the usage line starts with it. */
    private final String command;
    /** Each option as the usage shows it ("-m MESSAGE" takes a value, "--apply" is a flag), with its help. */
    private final Map<String, String> help = new LinkedHashMap<>();
    /** The options a step cannot do without, with what to say when one is missing or empty. */
    private final Map<String, String> required = new LinkedHashMap<>();
    private final Map<String, String> given = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private String arguments = "";
    private String synopsis;

    StepOptions(String command) {
        this.command = command;
    }

    void declare(String option, String text) {
        help.put(option, text);
    }

    void require(String option, String text, String whenMissing) {
        required.put(option, whenMissing);
        declare(option, text);
    }

    void arguments(String usage) {
        this.arguments = usage;
    }

    void synopsis(String usage) {
        this.synopsis = usage;
    }

    /** Whether the step declares this option, as written in its usage ("--url URL"). */
    boolean declares(String option) {
        return help.containsKey(option);
    }

    /**
     * --url=jdbc:... as --url jdbc:...: the form Liquibase's own CLI and many tools take, for an
     * option of this step that takes a value (anything else is left for read to judge).
     */
    String[] splitAtEquals(String[] typed) {
        List<String> args = new ArrayList<>();
        for (String arg : typed) {
            int equals = arg.indexOf('=');
            String name = equals > 2 && arg.startsWith("--") ? arg.substring(0, equals) : null;
            if (name != null && help.keySet().stream().anyMatch(known -> known.startsWith(name + " "))) {
                args.add(name);
                args.add(arg.substring(equals + 1));
            } else {
                args.add(arg);
            }
        }
        return args.toArray(String[]::new);
    }

    /**
     * Reads the typed arguments, throwing a usage error for what is wrong; false where --help (or -h) was asked, which the
     * step answers instead of running. unknownOptionHint says what an unknown option most likely meant (with a space first).
     */
    boolean read(String[] args, UnaryOperator<String> unknownOptionHint) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--verbose")) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return false;
            }
            if (arg.startsWith("-") && !arg.matches("-?\\d+")) {
                String option = help.keySet().stream()
                        .filter(known -> known.split(" ")[0].equals(arg)).findFirst()
                        .orElseThrow(() -> usageError("Unknown option " + arg + "." + unknownOptionHint.apply(arg)));
                boolean takesValue = option.contains(" ");
                if (takesValue && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                    throw usageError("The option " + arg + " needs a value: " + option + ".");
                }
                given.put(arg, takesValue ? args[++i] : ""); // given twice, the last counts, as in most command lines
            } else {
                positional.add(arg);
            }
        }
        required.forEach((option, whenMissing) -> {
            String value = given.get(option.split(" ")[0]);
            if (value == null || value.isBlank()) {
                throw usageError(whenMissing);
            }
        });
        if (arguments.isEmpty() && !positional.isEmpty()) {
            String words = String.join(" ", positional);
            String valued = given.entrySet().stream().filter(option -> !option.getValue().isEmpty()).map(Map.Entry::getKey)
                    .reduce((first, second) -> second).orElse(null);
            throw usageError("Unexpected argument" + (positional.size() > 1 ? "s" : "") + ": " + words + "."
                    + (valued == null ? "" : " A value with spaces goes in quotes: " + valued + " \"" + given.get(valued) + " " + words + "\""));
        }
        return true;
    }

    /** " Did you mean --apply?" where an unknown option is the start of one of these (three characters at least), else "". */
    String didYouMean(String arg) {
        return help.keySet().stream().map(known -> known.split(" ")[0])
                .filter(known -> arg.length() >= 3 && known.startsWith(arg)).findFirst().map(known -> " Did you mean " + known + "?").orElse("");
    }

    LessonError usageError(String what) {
        return new LessonError(what, usage(), LessonError.USAGE, null);
    }

    String usage() {
        StringBuilder text = new StringBuilder("Usage: " + command);
        if (synopsis != null) {
            text.append(" ").append(synopsis);
        } else {
            help.keySet().forEach(option -> text.append(required.containsKey(option) ? " " + option : " [" + option + "]"));
            if (!arguments.isEmpty()) {
                text.append(" ").append(arguments);
            }
        }
        help.forEach((option, line) -> text.append(String.format("%n  %-16s %s", option, line)));
        text.append(String.format("%n  %-16s %s", "--verbose", "show Liquibase's own log and full errors"));
        return text.toString();
    }

    boolean has(String option) {
        return given.containsKey(option);
    }

    String value(String option) {
        return given.get(option);
    }

    List<String> positional() {
        return List.copyOf(positional);
    }
}
