package tutorial.lesson;

import java.util.List;

import tutorial.project.Project;

/** The walkthrough's commands, in order, as the README gives them: one list for the tour and its test. */
public final class Walkthrough {

    public static final String MODELS = Project.MODELS_FILE;

    /** A command as typed after ./jbang, or the learner's edit of the models. */
    public record Command(String... arguments) {
        public boolean isModelEdit() {
            return arguments.length == 0;
        }

        public String typed() {
            return isModelEdit() ? "$EDITOR " + MODELS : Walkthrough.typed(arguments);
        }
    }

    public static final List<Command> COMMANDS = List.of(
            new Command("steps/01_create.java"),
            new Command("steps/02_setup.java"),
            new Command("steps/03_change_model.java"),
            new Command(),
            new Command("steps/03_change_model.java"),
            new Command("steps/04_autogenerate.java", "-m", "add genre column to books"),
            new Command("steps/05_upgrade.java"),
            new Command("steps/06_verify.java"),
            new Command("steps/07_rollback.java"),
            new Command("steps/06_verify.java"));

    /** A command as the learner types it: ./jbang and the arguments, quoted where they hold spaces. */
    public static String typed(String... arguments) {
        StringBuilder typed = new StringBuilder("./jbang");
        for (String argument : arguments) {
            typed.append(' ').append(argument.contains(" ") ? "\"" + argument + "\"" : argument);
        }
        return typed.toString();
    }

    /** The walkthrough up to its upgrade: where the exercises start. */
    public static final List<Command> TO_UPGRADE = List.of(
            new Command("steps/01_create.java"),
            new Command(),
            new Command("steps/04_autogenerate.java", "-m", "add genre column to books"),
            new Command("steps/05_upgrade.java"));

    private Walkthrough() {
    }
}
