package tutorial.lesson;

import java.util.List;

import tutorial.project.Project;

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

    /**
     * Records the command (steps/05_upgrade.java, or a tool's name) and its arguments: Step does, and the liquibase alias,
     * which leaves its options to Liquibase's CLI.
     */
    public static void remember(String typedCommand, String[] args) {
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
        return options(arguments.toArray(String[]::new), names);
    }

    /**
     * These options among these arguments, each with its value, as --url VALUE or --url=VALUE typed them (in any case, as
     * Liquibase's CLI reads its options), said as --url VALUE.
     */
    public static String options(String[] typed, String... names) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < typed.length; i++) {
            for (String name : names) {
                String value = valueAt(typed, i, name);
                if (value != null) {
                    line.append(' ').append(name).append(' ').append(quoted(value));
                }
            }
        }
        return line.toString();
    }

    /** The value of this option among these arguments (the first, in any case), or null where it is not given. */
    public static String value(String[] typed, String name) {
        for (int i = 0; i < typed.length; i++) {
            String value = valueAt(typed, i, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value given at this argument to this option (--NAME VALUE or --NAME=VALUE), or null where it is not that option. */
    private static String valueAt(String[] typed, int i, String name) {
        if (typed[i].equalsIgnoreCase(name) && i + 1 < typed.length) {
            return typed[i + 1];
        }
        return typed[i].regionMatches(true, 0, name + "=", 0, name.length() + 1) ? typed[i].substring(name.length() + 1) : null;
    }

    /** SQL to run by hand on library.db, as advice: in ./jbang explore, whose sql(...) runs it. */
    public static String inExplore(String sql) {
        return "./jbang explore" + thenType(sql);
    }

    /** The same on the database this run works on: explore with the --url, --username and --password typed, and a server's driver. */
    public static String inExplore(Project project, String sql) {
        return onSameDatabase(project, "explore") + thenType(sql);
    }

    private static String thenType(String sql) {
        return "   then type:   sql(" + javaString(sql) + ")";
    }

    /** Text as a Java string literal, quotes included: typed into JShell, it is this text again. */
    public static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A command whose paths are the project folder's (cp .reset/…/library.db library.db), as it is typed where this run was
     * started: from a subfolder of the project, with a cd to the project's folder first (pasted there as printed, it found no
     * .reset/).
     */
    public static String fromProjectFolder(Project project, String command) {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath().normalize();
        java.nio.file.Path root = project.root().toAbsolutePath().normalize();
        if (here.equals(root) || !here.startsWith(root)) {
            return command;
        }
        return "cd " + quoted(here.relativize(root).toString().replace('\\', '/')) + " && " + command;
    }

    /**
     * "mv NAME NAME.bak" (quoted where need be), for the database file at this path that the advice calls NAME: the .bak a name
     * not taken yet (NAME.bak2, NAME.bak3, ...), so that the same advice followed twice never puts the second file over the
     * first, the learner's rows in it.
     */
    public static String moveAside(java.nio.file.Path file, String name) {
        String suffix = ".bak";
        for (int n = 2; java.nio.file.Files.exists(file.resolveSibling(file.getFileName() + suffix)); n++) {
            suffix = ".bak" + n;
        }
        return "mv " + quoted(name) + " " + quoted(name + suffix);
    }

    /** JBang's own options, which go before the script: typed after it, JBang hands them to the script. */
    public static final List<String> JBANG_OPTIONS = List.of("--deps", "--java", "--repos", "--cp", "--class-path", "--fresh");

    /** As a POSIX shell reads it back: as it is when it holds nothing the shell treats specially, else in single quotes. */
    public static String quoted(String argument) {
        return argument.matches("[A-Za-z0-9_./:=@%+,-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }

    /** A name as psql takes it: as it is where plain lower case (folded so), in double quotes otherwise (Learner, my-user). */
    public static String psqlName(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Why --url VALUE (or another option naming a database), which does not start with jdbc:, names no database: no driver
     * takes it, and "no JDBC driver" would send the learner to add one. PostgreSQL's driver takes jdbc:postgresql: only, where
     * its own URLs also say postgres://, and a user and password in them (postgres://ada:secret@host/db) it does not read:
     * those go to --username and --password.
     */
    public static String notJdbcUrl(String option, String url) {
        String takes = option + " takes a JDBC URL, which starts with jdbc: (jdbc:postgresql://localhost:5432/library, jdbc:sqlite:other.db); ";
        if (url.isBlank()) {
            return takes + "it was given none.";
        }
        java.util.regex.Matcher login = java.util.regex.Pattern.compile("(?i)^postgres(?:ql)?://([^:@/]+)(?::([^@]*))?@([^@]*)$").matcher(url);
        String meant = login.matches() ? quoted("jdbc:postgresql://" + login.group(3)) + " --username " + quoted(login.group(1))
                + (login.group(2) == null ? "" : " --password " + quoted(login.group(2)))
                : url.regionMatches(true, 0, "jdbc:", 0, 5) ? quoted(schemesSmall(url))
                : url.matches("(?i)[^:]*\\.(db|sqlite3?)") ? quoted("jdbc:sqlite:" + url) // a file's name alone
                : quoted("jdbc:" + url.replaceFirst("(?i)^postgres(ql)?:", "postgresql:"));
        return takes + url + " does not." + (url.matches("(?i)(jdbc|postgres(ql)?|sqlite|mysql|h2):.*|[^:]*\\.(db|sqlite3?)")
                ? " Did you mean " + option + " " + meant + "?" : "");
    }

    /**
     * Why a SQLite URL names no database, or null where it names a file: jdbc:sqlite: with nothing after it ("Cannot read :
     * Is a directory" followed), or a database in memory (gone when the command ends; a step asked for a driver for it).
     */
    public static String sqliteWithoutFile(String option, String url) {
        return url.matches("(?i)jdbc:sqlite:(\\s*|:memory:.*|file::memory:.*)")
                ? option + " " + url + " names no file: SQLite's URL is jdbc:sqlite: and the file's path (jdbc:sqlite:other.db), and a "
                        + "database in memory would be gone when the command ends."
                : null;
    }

    /** JDBC:SQLITE:Other.db as the drivers take it, jdbc:sqlite:Other.db: the two schemes small, the rest as typed. */
    private static String schemesSmall(String url) {
        int second = url.indexOf(':', 5);
        return second < 0 ? url.toLowerCase(java.util.Locale.ROOT)
                : url.substring(0, second + 1).toLowerCase(java.util.Locale.ROOT) + url.substring(second + 1);
    }

    // Advice that names a command on the database this run works on (--url and the rest typed, a server's driver): without
    // them the command would work on library.db, not on the database the learner meant. A null project (none found, or no
    // step running) is the lesson's own library.db.

    /** The file that pins the PostgreSQL driver (with the embedded server of ./jbang postgres), read for the advice. */
    public static final String DRIVER_PINNED_IN = "steps/postgres/ThrowAwayPostgres.java";
    private static final java.util.regex.Pattern PINNED_DRIVER = java.util.regex.Pattern.compile("^//DEPS\\s+(org\\.postgresql:postgresql:\\S+)",
            java.util.regex.Pattern.MULTILINE);

    /** A command typed after ./jbang, on the database this run works on: with the --url, --username and --password typed, and a server's driver. */
    public static String onSameDatabase(Project project, String typed) {
        String line = typed + options("--url", "--username", "--password");
        return onSqlite(project) ? "./jbang " + line : withDriver(project, line);
    }

    /** The liquibase alias with a command of Liquibase's CLI, on the database this run works on: the options go before the command, as the CLI reads them. */
    public static String liquibaseOnSameDatabase(Project project, String command) {
        String line = "liquibase" + options("--url", "--username", "--password") + " " + command;
        return onSqlite(project) ? "./jbang " + line : withDriver(project, line);
    }

    /** The command line of this run, to type again: with a server's driver (--deps), as it was run. */
    public static String again(Project project) {
        return onSqlite(project) ? "./jbang " + typed() : withDriver(project, typed());
    }

    /** The database the project works on, as the steps name it: library.db, another SQLite file by its path, a server by its URL. */
    public static String databaseName(Project project) {
        return project == null ? Project.DEFAULT_DATABASE
                : project.databaseFile() != null ? project.relative(project.databaseFile()) : withoutQuery(project.url());
    }

    /** The URL without its query (where a password may be), as the steps name a server's database. */
    public static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The command line typed after ./jbang, run with the driver this URL needs. */
    public static String withDriver(Project project, String typed) {
        return "./jbang --deps " + driver(project) + " " + typed;
    }

    /** org.postgresql:postgresql:VERSION as pinned in the project, or a placeholder for other databases. */
    public static String driver(Project project) {
        if (!project.url().startsWith("jdbc:postgresql:") && !project.url().startsWith("jdbc:postgres:")) { // (the scheme's slip too)
            return "GROUP:ARTIFACT:VERSION";
        }
        try {
            java.util.regex.Matcher pinned = PINNED_DRIVER.matcher(java.nio.file.Files.readString(project.root().resolve(DRIVER_PINNED_IN)));
            if (pinned.find()) {
                return pinned.group(1);
            }
        } catch (java.io.IOException e) {
            // fall through to the unversioned name
        }
        return "org.postgresql:postgresql:VERSION";
    }

    /** Whether the project works on a SQLite file (library.db or another), not a server. */
    public static boolean onSqlite(Project project) {
        return project == null || project.url().startsWith("jdbc:sqlite:");
    }

    /**
     * Run from a subfolder (cd steps, then ../jbang 05_upgrade.java), the ./jbang commands a step shows are still the tutorial
     * folder's (./jbang steps/07_rollback.java found no steps/steps/ there): said once, at the end, where one was shown. Not
     * after a Ctrl-C, whose own message ends the output.
     */
    public static void sayWhereCommandsAreTyped(java.nio.file.Path root, java.util.function.BooleanSupplier stoppedMidway,
            java.util.function.BooleanSupplier dataOnStdout) {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath().normalize();
        java.nio.file.Path project = root.toAbsolutePath().normalize();
        if (here.equals(project) || !here.startsWith(project)) {
            return;
        }
        String note = "(Run from " + project.relativize(here).toString().replace('\\', '/') + "/: the ./jbang commands above are typed in "
                + "the tutorial's folder, so cd " + quoted(here.relativize(project).toString().replace('\\', '/')) + " first.)";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stoppedMidway.getAsBoolean()) {
                return;
            }
            int shown = Console.streamOfCommandShown();
            if (shown == 1 && !dataOnStdout.getAsBoolean()) {
                Console.say(note);
            } else if (shown != 0) {
                System.err.println(note); // beside what it goes with, or kept out of data on standard output (schema --mermaid > file)
            }
        }));
    }
}
