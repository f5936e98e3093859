package tutorial.lesson;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import tutorial.database.LibraryDatabase;
import tutorial.project.Project;
import tutorial.project.ProjectLock;
import tutorial.project.WrapperCompiledModels;

/**
 * The frame around every step: its heading (what it does, and which Liquibase and Alembic
 * commands it stands for), its command-line options (read by StepOptions), and what happens
 * when something goes wrong: a message that says what to do next and a non-zero exit, never a
 * stack trace (unless the learner asks with --verbose); when a Ctrl-C stops it, StopNotice.
 *
 * A step reads top to bottom without try/catch: start() installs the handler that turns
 * whatever escapes main() into that message.
 */
public final class Step {

    private final String name;
    private final String title;
    private String liquibaseCommand;
    private String alembicCommand;
    private final StepOptions options;
    private final StopNotice stopNotice;
    private String printsDataWith;
    private boolean changesTheProject;
    /** The tutorial's folder, found when the step starts (none: start() has said where to cd). */
    private java.util.Optional<java.nio.file.Path> root = java.util.Optional.empty();
    private boolean verbose;
    /** Set when the step itself ends the JVM (an error, --help), so the shutdown hook stays quiet. */
    private volatile boolean exiting;

    private Step(String name, String title) {
        this.name = name;
        this.title = title;
        this.options = new StepOptions(command());
        this.stopNotice = new StopNotice(this, name);
    }

    /** A step or tool: its file name (as typed after jbang) and one line saying what it does. */
    public static Step named(String name, String title) {
        return new Step(name, title);
    }

    public Step standsFor(String liquibase, String alembic) {
        this.liquibaseCommand = liquibase;
        this.alembicCommand = alembic;
        return this;
    }

    /** Positional arguments, as shown in the usage line, e.g. "[COUNT]". */
    public Step arguments(String usage) {
        options.arguments(usage);
        return this;
    }

    /**
     * The usage line's options and arguments written out, where the generated "[-m MESSAGE] [--discard]" would read as if
     * none were needed (revision takes one of the two).
     */
    public Step synopsis(String usage) {
        options.synopsis(usage);
        return this;
    }

    /** An option: "--apply" is a flag, "-m MESSAGE" takes a value. */
    public Step option(String option, String help) {
        options.declare(option, help);
        return this;
    }

    /**
     * An option with which the tool's standard output is data to save or pipe (schema --mermaid):
     * then its heading goes to standard error, where the terminal still shows it.
     */
    public Step printsDataWith(String option) {
        this.printsDataWith = option;
        return this;
    }

    /**
     * The step writes library.db, the changelog or the models: it runs alone in its folder, another
     * such command started meanwhile waiting for it (ProjectLock).
     */
    public Step changesTheProject() {
        this.changesTheProject = true;
        return this;
    }

    /** The step compares the models with library.db, in SQLite (03, 04): it takes no --url, and says why when given one. */
    private boolean comparesTheModels;

    public Step comparesTheModels() {
        this.comparesTheModels = true;
        return this;
    }

    /**
     * A step that running again would not finish but repeat (07_rollback by a count: its rollback
     * may have committed just before the stop, and a second run would take one more back): what
     * to say after a stop, in place of "Run it again to finish".
     */
    public Step whenStoppedSay(java.util.function.Function<Step, String> advice) {
        stopNotice.advise(advice, false);
        return this;
    }

    /** The same, for a tool that never opens the project's database: its words alone, with no word of that database. */
    public Step whenStoppedSayOnly(java.util.function.Function<Step, String> advice) {
        stopNotice.advise(advice, true);
        return this;
    }

    /** What the step's arguments must be beyond their options (07_rollback's one COUNT, or --to alone): judged before any heading. */
    private java.util.function.Consumer<Step> argumentCheck = step -> {
    };

    /**
     * A check of the arguments as typed that throws a usage error (step.usageError) where they are wrong: run before the
     * heading, as a missing required option is, so that the heading never names what is then refused ("roll back the last
     * changeset" over "COUNT must be one whole number ... got x").
     */
    public Step checksArguments(java.util.function.Consumer<Step> check) {
        this.argumentCheck = check;
        return this;
    }

    /**
     * An option the step cannot do without (04_autogenerate's -m): shown without brackets in the
     * usage line; missing or empty, a usage error saying whenMissing, before any heading.
     */
    public Step requiredOption(String option, String help, String whenMissing) {
        options.require(option, help, whenMissing);
        return this;
    }

    /**
     * --url, --username and --password: the step works on the database they name instead of the
     * one liquibase.properties names (a PostgreSQL server, say). See project().
     */
    public Step databaseOptions() {
        option("--url URL", "work on this database instead of liquibase.properties' url");
        option("--username NAME", "the user to connect as (default: username in liquibase.properties)");
        option("--password WORD", "that user's password (default: password in liquibase.properties)");
        return this;
    }

    /** Reads the command line, prints the heading, and from here on turns failures into messages. */
    public Step start(String[] typed) {
        running = this;
        String[] args = options.splitAtEquals(typed);
        verbose = List.of(args).contains("--verbose");
        CommandLine.remember(command().substring("./jbang ".length()), args);
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> exitWith(failure));
        Thread stepThread = Thread.currentThread();
        if (isLessonStep() || stopNotice.hasAdvice()) { // a tool with something to say when stopped (reset: where the work went)
            stopNotice.sayWhenStopped(stepThread, () -> exiting);
        }
        Quiet.liquibase(verbose);
        root = Project.findRoot();
        // From a subfolder, where the commands it shows are typed, its usage included: said last.
        root.ifPresent(folder -> CommandLine.sayWhereCommandsAreTyped(folder, () -> stepThread.isAlive() && !exiting || stopNotice.said(),
                () -> printsDataWith != null && has(printsDataWith)));
        parse(args);
        argumentCheck.accept(this);
        // After a model edit, ./jbang may still be compiling them: nothing here has asked for them
        // yet, and nothing may before this returns (a compile error stops here, before any heading,
        // with javac's messages alone: the step never started, so there is nothing to run again).
        if (!WrapperCompiledModels.await(LibraryDatabase::warmUp)) {
            exiting = true;
            System.exit(1);
        }
        // Outside the tutorial's folder nothing can run: said alone, with no heading printed first (on standard output, for a script).
        if (root.isEmpty()) {
            Project.find(); // throws, saying where to cd
        }
        if (printsDataWith != null && has(printsDataWith)) {
            Console.errorHeading(title);
            System.err.println();
        } else {
            Console.say(Console.bold(title));
            if (liquibaseCommand != null) {
                Console.say(Console.dim("  Liquibase: " + liquibaseCommand + "   Alembic: " + alembicCommand));
            }
            Console.blank();
        }
        sayLiquibaseUrlVariableUnread();
        if (changesTheProject) {
            takeTurn();
        }
        return this;
    }

    /**
     * LIQUIBASE_COMMAND_URL, exported for ./jbang liquibase (which takes it, as the CLI does): a step that takes --url reads
     * liquibase.properties' url without one, and says so, where it went on library.db without a word.
     */
    private void sayLiquibaseUrlVariableUnread() {
        String variable = System.getenv("LIQUIBASE_COMMAND_URL");
        if (variable == null || variable.isBlank() || !options.declares("--url URL") || has("--url")) {
            return;
        }
        Project project = project();
        Project named = project.withConnection(variable.strip(), null, null);
        if (named.databaseFile() != null ? named.databaseFile().equals(project.databaseFile()) : named.url().equals(project.url())) {
            return; // the same database either way
        }
        Console.say("LIQUIBASE_COMMAND_URL is set (" + CommandLine.withoutQuery(variable.strip()) + "), but the steps do not read it: this "
                + "works on " + CommandLine.databaseName(project) + ", liquibase.properties' url. To work on that database, give it as "
                + "--url (with --username and --password where it needs them).");
        Console.blank();
    }

    /**
     * Runs on alone in the project's folder (ProjectLock), waiting for another command that changes it.
     * start() does it for a step that changesTheProject(); reset, which asks first, does it once answered.
     */
    public void takeTurn() {
        root.ifPresent(folder -> {
            java.nio.file.attribute.FileTime models = modelsEdited(folder);
            if (ProjectLock.take(folder, "./jbang " + CommandLine.typed()) && !java.util.Objects.equals(models, modelsEdited(folder))) {
                // This JVM runs the models as ./jbang compiled them before it started: the command it waited for changed them.
                throw new LessonError("steps/models/Models.java changed while this waited for its turn, so it would work with the "
                        + "models as they were." + Failures.NOTHING_CHANGED, "Run the same command again: ./jbang " + CommandLine.typed());
            }
        });
    }

    /** When the models were last written (null if they cannot be read: the step says itself what is missing). */
    private static java.nio.file.attribute.FileTime modelsEdited(java.nio.file.Path root) {
        try {
            return java.nio.file.Files.getLastModifiedTime(root.resolve(Project.MODELS_FILE));
        } catch (java.io.IOException gone) {
            return null;
        }
    }

    private void parse(String[] args) {
        if (!options.read(args, this::unknownOptionHint)) {
            description().ifPresent(what -> {
                Console.say(what);
                Console.blank();
            });
            Console.say(usage());
            exiting = true;
            System.exit(0);
        }
        String url = options.value("--url");
        if (url != null && !url.startsWith("jdbc:")) {
            throw usageError(CommandLine.notJdbcUrl("--url", url));
        }
        if (url != null && CommandLine.sqliteWithoutFile("--url", url) != null) {
            throw usageError(CommandLine.sqliteWithoutFile("--url", url));
        }
    }

    /** Whether this run was stopped (a Ctrl-C or kill, said already): what it would start next goes with it. */
    public static boolean stopping() {
        Step step = running;
        return step != null && step.stopNotice.said();
    }

    /**
     * A command this one ran (solve's, reset's replay) ended by the Ctrl-C that reached this one too (exit 130): this one stops as a Ctrl-C stops it, with what it says then, whichever of the two the JVM saw first. (Its own
     * shutdown hook said nothing when the child's exit came first: the child's stop was read as the solution failing.)
     */
    public static void stopIfChildStopped(int childExitCode) {
        Step step = running;
        if (step == null || childExitCode != 130) { // 143 is also a step's own end, when its lock holder has ended (ORPHAN)
            return;
        }
        step.stopNotice.say();
        step.exiting = true;
        System.exit(130);
    }

    public LessonError usageError(String what) {
        return options.usageError(what);
    }

    /** One of the numbered steps (01_create ...), as opposed to a tool (tour, explore). */
    private boolean isLessonStep() {
        return name.matches("\\d\\d_.*");
    }

    /**
     * What an unknown option most likely meant: a database option given to a command that works on library.db only, JBang's own
     * option typed after the script (where JBang hands it to the script), or the start of one of this command's options.
     */
    private String unknownOptionHint(String arg) {
        // The commands that read library.db and take no --url (postgres makes a server of its own, revision writes files).
        boolean readsLibraryDb = isLessonStep() || List.of("check", "hint", "solve", "drift", "lint", "roundtrip", "schema", "reset").contains(name);
        if (List.of("--url", "--username", "--password").contains(arg) && readsLibraryDb) {
            String takers = "01_create, 02_setup, 05_upgrade, 06_verify, 07_rollback, history and explore";
            return comparesTheModels ? " " + name + " works on library.db only (the models are compared in SQLite); what it leads to runs on "
                    + "another database with --url: " + takers + " take it."
                    : " " + name + " works on library.db only; on another database, with --url: " + takers + ".";
        }
        if (CommandLine.JBANG_OPTIONS.contains(arg)) {
            return " " + arg + " is JBang's own: it goes before the script, as in ./jbang " + arg + (arg.equals("--fresh") ? " " : " VALUE ")
                    + command().substring("./jbang ".length()) + " ...";
        }
        return options.didYouMean(arg);
    }

    /** The command that runs this step, as the learner types it: ./jbang steps/05_upgrade.java, or ./jbang tour. */
    public String command() {
        return isLessonStep() ? "./jbang steps/" + name + ".java" : "./jbang " + name;
    }

    public String usage() {
        return options.usage();
    }

    /** What the step does, from its script's //DESCRIPTION line (the one ./jbang alias list shows): for --help. */
    private java.util.Optional<String> description() {
        return Project.findRoot().map(root -> root.resolve(isLessonStep() ? "steps/" + name + ".java" : "steps/tools/" + name + ".java"))
                .filter(java.nio.file.Files::isRegularFile).flatMap(script -> {
                    try (var lines = java.nio.file.Files.lines(script)) {
                        return lines.filter(line -> line.startsWith("//DESCRIPTION ")).findFirst().map(line -> line.substring(14));
                    } catch (java.io.IOException | java.io.UncheckedIOException unreadable) {
                        return java.util.Optional.empty();
                    }
                });
    }

    /** The heading start() prints first, e.g. "Check your work". */
    public String title() {
        return title;
    }

    public boolean has(String option) {
        return options.has(option);
    }

    public String value(String option) {
        return options.value(option);
    }

    public List<String> positional() {
        return options.positional();
    }

    public boolean verbose() {
        return verbose;
    }

    /** The project, working on the database --url names when it is given (see databaseOptions()). */
    public Project project() {
        Project project = root.map(Project::at).orElseGet(Project::find);
        if (has("--url") || has("--username") || has("--password")) {
            return project.withConnection(value("--url"), value("--username"), value("--password"));
        }
        return project;
    }

    /**
     * For a tool that works on library.db as a SQLite file (check, hint and solve judge the exercises there; schema reads SQLite's
     * catalogue; drift compares the models in SQLite): where liquibase.properties names a server instead, said before connecting,
     * where the server's driver would be asked for first (check failed on a file that is none).
     */
    public void requireSqliteFile() {
        Project project = project();
        if (project.databaseFile() == null) {
            throw new LessonError(name + " works on library.db (SQLite) only, and " + Project.SETTINGS_FILE + " names another database: "
                    + CommandLine.databaseName(project) + ".", "Put url=jdbc:sqlite:library.db back in " + Project.SETTINGS_FILE + " for " + name
                    + ". The steps take a server with --url (01_create, 02_setup, 05_upgrade, 06_verify, 07_rollback: docs/postgres.md).");
        }
    }

    /** This very command again, as typed (its options kept), to finish what a stop cut short. */
    public String again() {
        Project project = projectIfFound();
        return project == null ? command() : CommandLine.again(project);
    }

    /** A command typed after ./jbang, as advice, on the database this step works on (--url and the rest, a server's driver). */
    public String onSameDatabase(String typed) {
        return CommandLine.onSameDatabase(projectIfFound(), typed);
    }

    /** The step this process runs (one a process), once started: what a failure said deep inside names (Failures.explain). */
    private static volatile Step running;

    /** The project the step of this process works on (--url kept), or null before one started or outside a project. */
    static Project projectOfThisRun() {
        Step step = running;
        return step == null ? null : step.projectIfFound();
    }

    /** The project, or null outside one (said after a stop, where nothing may fail). */
    Project projectIfFound() {
        try {
            return project();
        } catch (RuntimeException none) {
            return null;
        }
    }

    /** Ends the step with this exit code, its work done (not stopped midway: nothing said of Ctrl-C). */
    public void exit(int code) {
        exiting = true;
        System.out.flush();
        System.exit(code);
    }

    /**
     * Ends the step of this process as exit does, for code that ends it without the Step at hand (check's verdict, drift's and
     * lint's findings): System.exit alone reads as a Ctrl-C to the hooks, which then held back what they say at the end.
     */
    public static void exitDone(int code) {
        Step step = running;
        if (step != null) {
            step.exiting = true;
        }
        System.out.flush();
        System.exit(code);
    }

    private void exitWith(Throwable failure) {
        System.exit(reportFailure(failure));
    }

    /**
     * Says what failed, as a step that stops on it says it (with its stack trace under --verbose), and returns the exit code
     * to end with: for a step with something to say after it (postgres: that its server is gone), then exit.
     */
    public int reportFailure(Throwable failure) {
        exiting = true; // before the report: a Ctrl-C meanwhile is not this step's doing
        System.out.flush();
        LessonError error = failure instanceof LessonError lesson ? lesson : Failures.explain(failure, projectIfFound());
        error.report();
        // A command typed wrong has no trace worth reading (revision -m --verbose read --verbose as both -m's value and the flag).
        if (verbose && error.exitCode() != LessonError.USAGE) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            System.err.print(trace);
        }
        System.err.flush();
        return error.exitCode();
    }
}
