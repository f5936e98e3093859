package tutorial.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import tutorial.lesson.CommandLine;
import tutorial.project.Project;

/**
 * The command a learner gave ./jbang liquibase, read as the CLI will read it: which database it
 * works on (--url, LIQUIBASE_COMMAND_URL, a defaults file's url), which command it is (the CLI
 * takes changelog-sync, changelogSync and CHANGELOG-SYNC alike), and what tag it names. The CLI
 * parses it again, with picocli; this reading is only for what the tutorial does around it.
 */
public final class TypedCommand {

    /**
     * The commands that record the pending changesets in library.db (applied, or marked as applied without running), by their
     * words with the dashes left out and in lower case, with what they do to a changeset.
     */
    private static final Map<String, String> RECORDING = Map.of("update", "applied", "updatecount", "applied", "updatetotag", "applied",
            "updatetestingrollback", "applied", "changelogsync", "synced", "changelogsynctotag", "synced", "marknextchangesetran", "marked as ran");

    /** The commands that change the database's tables or rows (their previews, update-sql and the like, change nothing). */
    private static final Set<String> CHANGING = Set.of("update", "updatecount", "updatetotag", "updatetestingrollback",
            "rollback", "rollbackcount", "rollbacktodate", "executesql");

    private final Project project;
    private final String[] typed;
    private final String[] args;
    /** LIQUIBASE_COMMAND_URL, where it named the database (the command has no --url of its own); null otherwise. */
    private final String urlFromVariable;
    /** Where the defaults file the CLI would read (typed, or LIQUIBASE_DEFAULTS_FILE) is no file: said, and nothing runs. */
    private final boolean defaultsFileMissing;
    /** Whether the learner typed a --url themselves. */
    private final boolean urlTyped;
    /** The settings of the learner's own defaults file, where it names one that reads; empty otherwise. */
    private final Properties defaults;

    private TypedCommand(Project project, String[] typed, String[] args, String urlFromVariable, boolean defaultsFileMissing,
            Properties defaults) {
        this.project = project;
        this.typed = typed;
        this.args = args;
        this.urlTyped = CommandLine.value(typed, "--url") != null;
        this.urlFromVariable = urlFromVariable;
        this.defaultsFileMissing = defaultsFileMissing;
        this.defaults = defaults;
    }

    /**
     * The command as typed, with the database the learner chose outside it written in as --url: Liquibase's own
     * LIQUIBASE_COMMAND_URL, or the url of a defaults file of theirs. Left out, the alias gave library.db's --url, which the CLI
     * puts over both (a DELETE meant for other.db emptied library.db); written in, it is one --url for the copy kept first and
     * for the CLI alike. A SQLite file --url names is then made absolute, from the project's folder as the steps read it.
     */
    public static TypedCommand read(Project project, String[] typed) {
        Properties defaults = new Properties();
        boolean missing = false;
        String file = defaultsFile(typed);
        if (file != null && !needsNoDatabase(typed)) {
            try {
                Path path = Path.of(file);
                missing = !Files.isRegularFile(path);
                if (!missing) {
                    try (java.io.Reader reader = Files.newBufferedReader(path)) {
                        defaults.load(reader);
                    }
                }
            } catch (java.io.IOException | RuntimeException unreadable) { // an InvalidPathException too
                defaults.clear(); // the CLI says what is wrong with the name or the file
            }
        }
        String variable = setting(System.getenv("LIQUIBASE_COMMAND_URL"));
        String url = CommandLine.value(typed, "--url") != null ? null : variable != null ? variable : setting(defaults, "url");
        String[] args = sqliteFromTheProject(project, url == null ? typed : withUrl(typed, url));
        return new TypedCommand(project, typed, args, CommandLine.value(typed, "--url") == null ? variable : null, missing, defaults);
    }

    /** A setting of a defaults file, in either of Liquibase's names (liquibase.command.url or url); null where it has none. */
    private static String setting(Properties settings, String name) {
        return setting(settings.getProperty("liquibase.command." + name, settings.getProperty(name)));
    }

    private static String setting(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The user the CLI connects as: --username, LIQUIBASE_COMMAND_USERNAME, or the learner's defaults file's; null for none of them. */
    String username() {
        return credential("username");
    }

    /** The password the CLI connects with, found as the user is. */
    String password() {
        return credential("password");
    }

    private String credential(String name) {
        String typed = value("--" + name);
        String variable = setting(System.getenv("LIQUIBASE_COMMAND_" + name.toUpperCase(Locale.ROOT)));
        return typed != null ? typed : variable != null ? variable : setting(defaults, name);
    }

    private static String[] withUrl(String[] typed, String url) {
        List<String> with = new ArrayList<>(List.of(typed));
        with.add(0, "--url=" + url);
        return with.toArray(String[]::new);
    }

    public Project project() {
        return project;
    }

    /** The arguments the CLI gets after the tutorial's own (the search path, the defaults file, the url). */
    public List<String> args() {
        return List.of(args);
    }

    /**
     * The command as the learner typed it, for the advice that repeats it: what the variables named is not written in, and an
     * argument the shell would split (a space) is quoted, so that the line pastes as typed.
     */
    @Override
    public String toString() {
        return Arrays.stream(typed).map(CommandLine::quoted).collect(java.util.stream.Collectors.joining(" "));
    }

    /** The value of an option (--url VALUE or --url=VALUE, in any case, as the CLI reads it), or null where the command has none. */
    public String value(String option) {
        return CommandLine.value(args, option);
    }

    /** The options named, as they were given, for a command of the steps said after this one. */
    String options(String... names) {
        return CommandLine.options(args, names);
    }

    /** The database --url names, or null where the command names none (liquibase.properties' then). */
    public String url() {
        return value("--url");
    }

    /** The CLI's help and version, which need no database. */
    public boolean needsNoDatabase() {
        return needsNoDatabase(args);
    }

    private static boolean needsNoDatabase(String[] args) {
        return args.length == 0 || Arrays.stream(args).anyMatch(arg -> List.of("--help", "-h", "--version", "-v", "help").contains(arg));
    }

    /** Whether a word of the command, dashes left out and in any case, is one of these (update, rollbackcount...). */
    private boolean says(Set<String> words) {
        return Arrays.stream(args).map(TypedCommand::word).anyMatch(words::contains);
    }

    private static String word(String arg) {
        return arg.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The changing commands that cannot run without an argument of their own (rollback-count's count: "missing required
     * argument", nothing run), by RECORDING's words.
     */
    private static final Set<String> REQUIRING = Set.of("updatecount", "rollbackcount", "updatetotag", "rollback", "rollbacktodate",
            "executesql");

    /** A command that changes the database's tables or rows, and runs (not its --help, nor one typed bare that cannot run bare). */
    public boolean changes() {
        return says(CHANGING) && !needsNoDatabase() && !bareWithoutWhatItRequires();
    }

    /**
     * Sure that the command lacks what it requires: typed bare (rollback-count, alone but for the --url written in), with no
     * Liquibase setting from elsewhere that could give it (Liquibase reads the count or the tag from an option before or after the
     * command, the word after it, LIQUIBASE_COMMAND_* variables, a defaults file, -D properties). Anything more, and it may run:
     * the copy is kept, which costs less than one not kept.
     */
    private boolean bareWithoutWhatItRequires() {
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("--url=")).toList();
        return words.size() == 1 && REQUIRING.contains(word(words.get(0))) && defaults.isEmpty()
                && System.getenv().keySet().stream().noneMatch(name -> name.startsWith("LIQUIBASE_COMMAND_")
                        && !List.of("LIQUIBASE_COMMAND_URL", "LIQUIBASE_COMMAND_USERNAME", "LIQUIBASE_COMMAND_PASSWORD").contains(name))
                && System.getProperties().stringPropertyNames().stream().noneMatch(name -> name.startsWith("liquibase.command."));
    }

    /**
     * What a command that records pending changesets does to each (applied, synced, marked as ran), or null for another command,
     * or its --help (nothing runs).
     */
    String recording() {
        return needsNoDatabase() ? null
                : Arrays.stream(args).map(TypedCommand::word).filter(RECORDING::containsKey).findFirst().map(RECORDING::get).orElse(null);
    }

    /** The commands that read the changelog (the others, history and tag say, read only the database), as RECORDING's words. */
    private static final Set<String> READING_THE_CHANGELOG = Set.of("update", "updatecount", "updatetotag", "updatetestingrollback",
            "updatesql", "updatecountsql", "updatetotagsql", "rollback", "rollbackcount", "rollbacktodate", "rollbacksql",
            "rollbackcountsql", "rollbacktodatesql", "futurerollbacksql", "futurerollbackcountsql", "status", "validate",
            "changelogsync", "changelogsynctotag", "changelogsyncsql", "marknextchangesetran", "unexpectedchangesets");

    /** A command that reads the changelog, and runs (not its --help). */
    boolean readsTheChangelog() {
        return says(READING_THE_CHANGELOG) && !needsNoDatabase();
    }

    /** Where the database the command works on was named: --url, LIQUIBASE_COMMAND_URL, the url of a defaults file; null for none. */
    String urlSource() {
        return urlTyped ? "--url" : urlFromVariable != null ? "LIQUIBASE_COMMAND_URL" : url() != null ? "the url of " + defaultsFile() : null;
    }

    /**
     * Whether the database the command works on is there to read: a SQLite file that exists, or a server (reached before); not
     * for a command's --help.
     */
    boolean onDatabaseThere() {
        Project target = onDatabaseGiven();
        return !needsNoDatabase() && (target.databaseFile() == null ? target.url().startsWith("jdbc:") : Files.isRegularFile(target.databaseFile()));
    }

    /** Whether the command records only the next pending changeset (mark-next-changeset-ran). */
    boolean recordsOnlyTheNext() {
        return says(Set.of("marknextchangesetran"));
    }

    boolean dropsAll() {
        return says(Set.of("dropall"));
    }

    /** A rollback that runs (rollback, rollback-count, rollback-to-date; not a -sql preview, nor --help). */
    boolean rollsBack() {
        return says(Set.of("rollback", "rollbackcount", "rollbacktodate")) && !needsNoDatabase();
    }

    boolean previewsARollback() {
        return Arrays.stream(args).map(TypedCommand::word).anyMatch(arg -> arg.startsWith("rollback"));
    }

    /** The name a tag command gives (tag NAME, --tag NAME, --tag=NAME), or null where the command is no tag or names none. */
    String tag() {
        if (Arrays.stream(args).noneMatch(arg -> arg.equalsIgnoreCase("tag"))) {
            return null;
        }
        String typed = value("--tag");
        for (int i = 0; typed == null && i < args.length - 1; i++) {
            typed = args[i].equalsIgnoreCase("tag") && !args[i + 1].startsWith("-") ? args[i + 1] : null;
        }
        return typed;
    }

    /** The project on the database the command works on: the one --url names, or liquibase.properties'. */
    Project onDatabaseGiven() {
        String url = url();
        // As the CLI connects: --username and --password, Liquibase's variables, a defaults file's (liquibase.properties' else).
        return url == null && username() == null && password() == null ? project : project.withConnection(url, username(), password());
    }

    /**
     * Whether the command reads a changelog other than the one liquibase.properties names, or the same with parameters the
     * tutorial does not give it (-D, Liquibase's variables, a defaults file of the learner's own): the CLI's own business.
     */
    boolean changelogOfTheirOwn() {
        return value("--changelog-file") != null || value("--changelogFile") != null || defaultsFile() != null
                || System.getenv("LIQUIBASE_COMMAND_CHANGELOG_FILE") != null || Arrays.stream(args).anyMatch(arg -> arg.startsWith("-D"));
    }

    /**
     * Whether the command works on the project's own database file (library.db, or the file liquibase.properties names), named by
     * --url or not; another database is the CLI's own business.
     */
    boolean onProjectsDatabase() {
        String url = url();
        return project.databaseFile() != null && (url == null || url.startsWith("jdbc:sqlite:")
                && project.root().resolve(url.substring("jdbc:sqlite:".length())).normalize().equals(project.databaseFile().normalize()));
    }

    /** The learner's own defaults file, as the CLI takes it: --defaults-file or --defaultsFile, or LIQUIBASE_DEFAULTS_FILE; null for none. */
    public String defaultsFile() {
        return defaultsFile(args);
    }

    private static String defaultsFile(String[] args) {
        String typed = defaultsFileTyped(args);
        String variable = System.getenv("LIQUIBASE_DEFAULTS_FILE");
        return typed != null ? typed : variable != null && !variable.isBlank() ? variable : null;
    }

    /** Whether the command names its defaults file itself (LIQUIBASE_DEFAULTS_FILE otherwise). */
    boolean defaultsFileTyped() {
        return defaultsFileTyped(args) != null;
    }

    boolean urlTyped() {
        return urlTyped;
    }

    boolean defaultsFileMissing() {
        return defaultsFileMissing;
    }

    String urlFromVariable() {
        return urlFromVariable;
    }

    /** The defaults file the command names itself, in either of the CLI's spellings; null for none. */
    private static String defaultsFileTyped(String[] args) {
        String typed = CommandLine.value(args, "--defaults-file");
        return typed != null ? typed : CommandLine.value(args, "--defaultsFile");
    }

    /**
     * The arguments with a SQLite file --url (or --reference-url, which diff reads) names made absolute, from the project's folder
     * as the steps read it: the CLI would read jdbc:sqlite:x.db from the folder it runs in (a subfolder of the project, say)
     * while the copy kept before it was made of the project folder's x.db, so it changed one file and kept another, or none.
     */
    private static String[] sqliteFromTheProject(Project project, String[] typed) {
        String[] args = typed.clone();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = Stream.of("--url", "--reference-url", "--referenceUrl").filter(name -> arg.regionMatches(true, 0, name + "=", 0,
                    name.length() + 1) || arg.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (option == null) {
                continue;
            }
            boolean separate = args[i].equalsIgnoreCase(option) && i + 1 < args.length;
            boolean joined = !separate && args[i].length() > option.length();
            String url = separate ? args[i + 1] : joined ? args[i].substring(option.length() + 1) : null;
            // As typed (JDBC:SQLITE: is left for the refusal that says it, which the driver would not take).
            if (url == null || !url.startsWith("jdbc:sqlite:") || url.substring("jdbc:sqlite:".length()).isBlank() || url.contains(":memory:")) {
                continue;
            }
            Path file = project.withConnection("jdbc:sqlite:" + url.substring("jdbc:sqlite:".length()), null, null).databaseFile();
            if (file == null) {
                continue;
            }
            String absolute = "jdbc:sqlite:" + file + (url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?'))); // its settings kept
            if (separate) {
                args[++i] = absolute;
            } else {
                args[i] = option + "=" + absolute;
            }
        }
        return args;
    }
}
