///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DEPS info.picocli:picocli:4.7.7
//DESCRIPTION The real Liquibase CLI on this project's liquibase.properties and library.db, e.g. ./jbang liquibase history

// liquibase-core holds the CLI's code but not picocli, the library that parses its command
// line: that is the one dependency added here. The project's liquibase.properties and folder
// are passed explicitly, so the CLI finds them from any folder inside the project. The native
// ADD/DROP COLUMN of tutorial/NativeAlterTable.java reaches the CLI as a Liquibase service, as
// it reaches the steps; the lock that copes with killed runs and one transaction per changeset
// are plugged in as the steps do, so both behave the same. The CLI's licence line says what
// this is (Liquibase Community) instead of asking to re-install Liquibase: see CommunityLicense.

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.license.LicenseServiceFactory;
import tutorial.database.LibraryDatabase;
import tutorial.lesson.LessonError;
import tutorial.liquibase.CommunityLicense;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.Revisions;
import tutorial.project.Project;

class LiquibaseCli {
    public static void main(String[] typed) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Project project = Project.find();
        String[] args = sqliteFromTheProject(project, databaseNamed(typed));
        refuseUrlWithoutJdbc(args);
        tutorial.lesson.CommandLine.remember("liquibase", typed); // what the advice below repeats, --url and the rest kept
        reachServer(project, args);
        // update, rollback, changelog-sync and tag change library.db: one command at a time in the folder, as the steps.
        tutorial.project.ProjectLock.take(project.root(), "./jbang liquibase " + String.join(" ", args));
        Migrations.registerExtensions();
        refuseWithoutDatabase(project, args);
        refuseToRecordEmpty(project, args);
        refuseDropAllOnSqlite(project, args);
        refuseTagReadOtherwise(project, args);
        keepCopyBeforeChanging(project, args);
        Scope.getCurrentScope().getSingleton(LicenseServiceFactory.class).register(new CommunityLicense());
        List<String> cli = new ArrayList<>(List.of("--search-path=" + project.root(), "--show-banner=false"));
        if (defaultsFileGiven(args) == null) { // one of the learner's own takes its place (the CLI refuses two, or puts ours first)
            cli.add(0, "--defaults-file=" + project.root().resolve(Project.SETTINGS_FILE));
        }
        // library.db made absolute, unless the command names a database of its own (--url jdbc:postgresql://...).
        if (urlGiven(args) == null) {
            cli.add("--url=" + project.url());
        }
        cli.addAll(List.of(args));
        // As LiquibaseCommandLine.main, with check's note kept up to date between the run and the exit.
        System.setProperty("org.fusesource.jansi.Ansi.disable", "true");
        long[] before = changelogRows(project, args);
        // What the CLI says goes to the terminal as ever, and is kept too, for the advice after it.
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        // Encoded as the terminal's own streams encode (stdout.encoding from Java 19, sun.stdout.encoding on a Windows console before).
        java.nio.charset.Charset terminal = java.nio.charset.Charset.forName(System.getProperty("stdout.encoding",
                System.getProperty("sun.stdout.encoding", java.nio.charset.Charset.defaultCharset().name())));
        System.setOut(new java.io.PrintStream(new Tee(out, said), true, terminal));
        System.setErr(new java.io.PrintStream(new Tee(err, said), true, terminal));
        int code;
        try {
            code = new liquibase.integration.commandline.LiquibaseCommandLine().execute(cli.toArray(String[]::new));
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        noteEarlyTables(project, before);
        if (code == 0) {
            noteTagOfBrokenChain(project, args);
        }
        sayPreviewOnSqlite(project, args, said.toString(java.nio.charset.StandardCharsets.UTF_8));
        sayBusy(project, args, code, said.toString(java.nio.charset.StandardCharsets.UTF_8));
        sayHelpHere(said.toString(java.nio.charset.StandardCharsets.UTF_8));
        System.exit(code);
    }

    /**
     * The CLI's "try 'liquibase --help'" (and its "Did you mean: liquibase tag"), which a learner types here as ./jbang liquibase:
     * said so after it, where a bare liquibase is no command on their machine.
     */
    private static void sayHelpHere(String said) {
        if (said.contains("try 'liquibase --help'")) {
            System.err.println("In this tutorial, liquibase is ./jbang liquibase: ./jbang liquibase --help, or ./jbang liquibase COMMAND --help.");
        }
    }

    /**
     * Whether library.db (the project's own, there already) has Liquibase's tables, and how many
     * rows DATABASECHANGELOG holds: {1 or 0, rows}; null for a database --url names, or one not
     * readable now (the CLI says why).
     */
    private static long[] changelogRows(Project project, String[] args) {
        boolean url = urlGiven(args) != null;
        if (url || project.databaseFile() == null || !java.nio.file.Files.isRegularFile(project.databaseFile())) {
            return null;
        }
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            boolean tables = library.hasChangelogTable();
            return new long[] {tables ? 1 : 0, tables ? library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") : 0};
        } catch (RuntimeException unreadable) { // a LessonError too
            return null;
        }
    }

    /**
     * Any CLI command makes Liquibase's tables where they are missing (status and history too):
     * made before a changeset was recorded, they do not say one was applied, and check is told
     * (EarlyUpgrade), as 05_upgrade tells it; a rollback that took a row back says the opposite.
     */
    private static void noteEarlyTables(Project project, long[] before) {
        if (before == null) {
            return;
        }
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            boolean tookOneBack = library.hasChangelogTable() && library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") < before[1];
            tutorial.exercises.EarlyUpgrade.after(project, library, before[0] == 1, tookOneBack);
        } catch (RuntimeException unreadable) { // a LessonError too
            // best effort, as EarlyUpgrade's note is
        }
    }

    /** The name a tag command gives (tag NAME, --tag NAME, --tag=NAME), or null where the command is no tag or names none. */
    private static String tagTyped(String[] args) {
        if (Arrays.stream(args).noneMatch(arg -> arg.equalsIgnoreCase("tag"))) {
            return null;
        }
        String typed = tutorial.lesson.CommandLine.value(args, "--tag");
        for (int i = 0; typed == null && i < args.length - 1; i++) {
            typed = args[i].equalsIgnoreCase("tag") && !args[i + 1].startsWith("-") ? args[i + 1] : null;
        }
        return typed;
    }

    /**
     * A tag named base, or as a changeset of the changelog or applied to library.db is: 07_rollback --to reads base as before the
     * first changeset, and a tag before an id, so the tag never came back where meant (refused by 05_upgrade --tag too, in its words).
     */
    private static void refuseTagReadOtherwise(Project project, String[] args) {
        String tag = tagTyped(args);
        if (tag == null || needsNoDatabase(args) || !onProjectsDatabase(project, args) || !java.nio.file.Files.isRegularFile(project.databaseFile())) {
            return;
        }
        boolean base = tag.equalsIgnoreCase("base");
        boolean anId = !base && readQuietly(() -> { // applied, or in the changelog to be applied later: either is out of --to's reach then
            try (LibraryDatabase library = LibraryDatabase.open(project)) {
                Migrations migrations = Migrations.on(project, library);
                return migrations.applied().stream().anyMatch(ran -> ran.getId().equals(tag)) || readQuietly(() ->
                        migrations.changelogAsLastRead().getChangeSets().stream().anyMatch(changeSet -> changeSet.getId().equals(tag)));
            }
        });
        if (base || anId) {
            refuse(new LessonError("A tag named " + tag + (base ? " names no point to come back to: 07_rollback --to base means before the first "
                    + "changeset, everything rolled back." : " is read as that tag by 07_rollback --to " + tag + ", not as the changeset " + tag
                    + ", which it could then no longer reach.") + " Nothing was changed.",
                    "Pick a name of your own, not base nor a changeset's id: ./jbang liquibase tag NAME."));
        }
    }

    /** What this reading of library.db finds, Liquibase's own INFO lines kept out (quietly); false where it fails. */
    private static boolean readQuietly(java.util.function.BooleanSupplier reading) {
        boolean[] found = {false};
        quietly(() -> {
            try {
                found[0] = reading.getAsBoolean();
            } catch (RuntimeException unreadable) { // a LessonError too: the CLI says what is wrong
                found[0] = false;
            }
        });
        return found[0];
    }

    /**
     * Runs a reading of the tutorial's own, not the command's, with Liquibase's INFO lines kept out of it (the CLI sets its own
     * log level, --log-level included, once it starts).
     */
    private static void quietly(Runnable reading) {
        java.util.logging.Level level = LIQUIBASE_LOG.getLevel();
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            reading.run();
        } finally {
            LIQUIBASE_LOG.setLevel(level);
        }
    }

    /**
     * A tag made on the project's library.db while an applied changeset's file is missing (break-2, not yet repaired): said, and
     * noted as check notes a missing file (MissingFileSeen), so that fix-3 counts only a tag made once the file is back, whether
     * or not a check looked while it was away; one made once it is back is noted as such, whatever its name. Best effort: the
     * tag is made either way.
     */
    private static void noteTagOfBrokenChain(Project project, String[] args) {
        if (tagTyped(args) == null || needsNoDatabase(args) || !onProjectsDatabase(project, args) || !java.nio.file.Files.isRegularFile(project.databaseFile())) {
            return; // tag --help tags nothing (the newest row's tag, made before, was noted as made now)
        }
        quietly(() -> {
            try (LibraryDatabase library = LibraryDatabase.open(project)) {
                Migrations migrations = Migrations.on(project, library);
                List<liquibase.changelog.RanChangeSet> applied = migrations.applied();
                // The tag typed, once a row carries it: the CLI put it on the rows applied last.
                String named = tagTyped(args);
                String tagged = named != null && applied.stream().anyMatch(row -> named.equals(row.getTag())) ? named : null;
                tutorial.liquibase.MissingFileSeen.noteTagged(project, migrations, tagged).ifPresent(missing -> {
                    System.err.println();
                    System.err.println("Tagged while " + missing + ", applied, is missing: this tag marks a chain not repaired yet. "
                            + "Put the file back, then tag again (fix-3).");
                });
            } catch (RuntimeException unreadable) { // a LessonError too
                // best effort, as the note is
            }
        });
    }

    /**
     * The CLI's commands that record the pending changesets in library.db (applied, or marked as
     * applied without running), by their words with the dashes left out and in lower case: the CLI
     * takes changelog-sync, changelogSync and CHANGELOG-SYNC alike.
     */
    private static final Map<String, String> RECORDING = Map.of("update", "applied", "updatecount", "applied", "updatetotag", "applied",
            "updatetestingrollback", "applied", "changelogsync", "synced", "changelogsynctotag", "synced", "marknextchangesetran", "marked as ran");

    /**
     * --url sqlite:other.db or postgres://... (--reference-url too, which diff reads): the CLI would say only "Driver class
     * was not specified". Said as the steps say it, before anything runs.
     */
    private static void refuseUrlWithoutJdbc(String[] args) {
        for (String option : List.of("--url", "--reference-url", "--referenceUrl")) {
            String url = tutorial.lesson.CommandLine.value(args, option);
            if (url != null && !url.startsWith("jdbc:")) {
                refuse(new LessonError(tutorial.lesson.CommandLine.notJdbcUrl(option, url), "Nothing was run. Type the command again with a "
                        + "jdbc: URL.", LessonError.USAGE, null));
            }
            if (url != null && tutorial.lesson.CommandLine.sqliteWithoutFile(option, url) != null) {
                refuse(new LessonError(tutorial.lesson.CommandLine.sqliteWithoutFile(option, url), "Nothing was run.", LessonError.USAGE, null));
            }
        }
    }

    /**
     * A database on a server (--url, or liquibase.properties' url): reached first as the steps reach it, so that a driver not
     * added, jdbc:postgres: for jdbc:postgresql:, no server there, or a refused password is said as the steps say it, where
     * the CLI printed its exception details. Reached, the connection is closed, and the CLI makes its own.
     */
    private static void reachServer(Project project, String[] args) {
        String url = urlGiven(args);
        Project target = url == null ? project : project.withConnection(url, tutorial.lesson.CommandLine.value(args, "--username"),
                tutorial.lesson.CommandLine.value(args, "--password"));
        boolean noDatabase = needsNoDatabase(args);
        if (target.databaseFile() != null || noDatabase || !target.url().startsWith("jdbc:")) {
            return; // SQLite's file, or nothing to reach
        }
        try {
            tutorial.database.ServerConnection.open(target).close();
        } catch (LessonError unreachable) {
            refuse(unreachable);
        } catch (java.sql.SQLException closing) {
            // reached: the CLI's own connection says the rest
        }
    }

    /**
     * A command on the project's library.db before 01_create made it: the CLI would make an empty
     * file (status, history) or one with Liquibase's tables alone, and 01_create would then refuse
     * it and the steps after find no books table. Said as the steps say it, changing nothing. The
     * same for a SQLite file --url names that is not there (a typo made a new file of Liquibase's
     * tables alone beside library.db). The CLI's help and version need no database; a server's is
     * the CLI's own business.
     */
    private static void refuseWithoutDatabase(Project project, String[] args) {
        Project target = onDatabaseGiven(project, args);
        if (needsNoDatabase(args) || target.databaseFile() == null || java.nio.file.Files.exists(target.databaseFile())) {
            return;
        }
        try {
            LibraryDatabase.open(target).close(); // a missing file: its message, and what to do
        } catch (LessonError missing) {
            refuse(missing);
        }
    }

    /**
     * drop-all on library.db: Liquibase 4.33 drops the foreign keys first, which SQLite has no
     * statement for, and stops there with "Cannot find generators", having dropped nothing. Said
     * before it starts, with the tutorial's ways to start over; on a database --url names it is
     * the CLI's own business.
     */
    private static void refuseDropAllOnSqlite(Project project, String[] args) {
        boolean dropAll = Arrays.stream(args).anyMatch(arg -> arg.replace("-", "").equalsIgnoreCase("dropall"));
        if (dropAll && onProjectsDatabase(project, args)) {
            String db = tutorial.lesson.CommandLine.databaseName(project);
            refuse(new LessonError("drop-all cannot run on SQLite with Liquibase 4.33: it drops the foreign keys first, which SQLite has no "
                    + "statement for, and stops there." + tutorial.lesson.Failures.NOTHING_CHANGED,
                    "To start over: ./jbang reset (the lesson's start: what it takes away, " + db + " too, is moved under .reset/), or "
                            + tutorial.lesson.CommandLine.moveAside(project.databaseFile(), db) + " && "
                            + "./jbang steps/01_create.java"));
        }
    }

    /**
     * Whether the command works on the project's own database file (library.db, or the file liquibase.properties names), named by
     * --url or not; another database is the CLI's own business.
     */
    private static boolean onProjectsDatabase(Project project, String[] args) {
        String url = urlGiven(args);
        return project.databaseFile() != null && (url == null || url.startsWith("jdbc:sqlite:")
                && project.root().resolve(url.substring("jdbc:sqlite:".length())).normalize().equals(project.databaseFile().normalize()));
    }

    /**
     * The CLI's commands that change the database's tables or rows, by their words with the dashes left out and in lower case
     * (their previews, update-sql and the like, change nothing).
     */
    private static final java.util.Set<String> CHANGING = java.util.Set.of("update", "updatecount", "updatetotag", "updatetestingrollback",
            "rollback", "rollbackcount", "rollbacktodate", "executesql");

    /**
     * Before such a command on the project's database, a copy of it is kept under .reset/, with its way back said, as 05_upgrade
     * and 07_rollback keep one before they lose values: the CLI keeps none, and a rollback-count over alter-2's changeset set every
     * genre back to NULL, over an added column's it dropped the column with its values. The same bytes kept last time are not
     * kept again (SetAside). Where the database cannot be opened, the CLI says why.
     */
    private static void keepCopyBeforeChanging(Project project, String[] args) {
        boolean changing = Arrays.stream(args).map(arg -> arg.replace("-", "").toLowerCase(java.util.Locale.ROOT)).anyMatch(CHANGING::contains)
                && !needsNoDatabase(args); // help update, update --help: nothing runs
        // Any SQLite file the command changes, library.db or another --url names (jdbc:sqlite:/elsewhere/other.db, kept as 07_rollback
        // --url keeps it, under outside/ when it is outside the project); a server's database is the server's to back up.
        Project target = onDatabaseGiven(project, args); // a server's: no file, nothing kept
        if (!changing || target.databaseFile() == null || !java.nio.file.Files.isRegularFile(target.databaseFile())) {
            return;
        }
        LibraryDatabase library;
        try {
            library = LibraryDatabase.open(target);
        } catch (LessonError unopened) {
            return; // the CLI says what is wrong with it
        }
        try (library) {
            tutorial.liquibase.DataLoss.copyKept(target, library, "this command");
        } catch (LessonError notKept) { // no room, say: the command does not run without its copy
            refuse(notKept);
        }
    }

    /**
     * A preview (update-sql, rollback-sql and the like) that stopped on SQLite with Liquibase 4.33's "requires access to up to date
     * database metadata": Liquibase writes a change it makes there by rebuilding the table (addColumn, dropColumn) from the live
     * table, which a preview does not read. The step's preview runs it on a copy of the same database instead.
     */
    private static void sayPreviewOnSqlite(Project project, String[] args, String said) {
        String url = urlGiven(args);
        if (!said.contains("requires access to up to date database metadata") || !(url == null ? project.url() : url).startsWith("jdbc:sqlite:")) {
            return;
        }
        boolean rollback = Arrays.stream(args).anyMatch(arg -> arg.replace("-", "").toLowerCase(java.util.Locale.ROOT).startsWith("rollback"));
        String options = tutorial.lesson.CommandLine.options(args, "--url", "--username", "--password");
        System.err.println();
        System.err.println("On SQLite, Liquibase 4.33 cannot preview a change it makes by rebuilding a table (addColumn, dropColumn):");
        System.err.println("it needs the table itself. This shows the SQL, run on a copy of the database:");
        System.err.println("  ./jbang " + (rollback ? "steps/07_rollback.java --sql" : "steps/05_upgrade.java --sql") + options
                + (rollback ? "   (with the COUNT or --to you mean)" : ""));
    }

    /**
     * The CLI stopped by SQLite's busy (another program writing to the file, a database browser with changes not saved): its
     * exception's class and code, said as the steps say it. Liquibase applies a changeset and its record in one transaction,
     * so what stopped there left nothing half-done; changesets before it may have gone through, and history says which.
     */
    private static void sayBusy(Project project, String[] args, int code, String said) {
        if (code == 0 || !said.contains("SQLITE_BUSY")) {
            return;
        }
        Project target = onDatabaseGiven(project, args);
        String name = target.databaseFile() == null ? tutorial.lesson.CommandLine.databaseName(target) : target.relative(target.databaseFile());
        System.err.println();
        System.err.println(name + " was busy: another program is writing to it (a step still running, or a database browser with unsaved "
                + "changes), and Liquibase stopped there.");
        System.err.println("Let it finish (save or close the browser's changes), then run the command again; ./jbang liquibase history "
                + "shows what was applied before the stop.");
    }

    /** What the CLI writes, to where it was going and to a copy (its first megabyte: enough for its messages). */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream terminal;
        private final java.io.ByteArrayOutputStream copy;

        Tee(java.io.OutputStream terminal, java.io.ByteArrayOutputStream copy) {
            this.terminal = terminal;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            terminal.write(b);
            if (copy.size() < 1 << 20) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            terminal.write(bytes, offset, length);
            if (copy.size() < 1 << 20) {
                copy.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            terminal.flush();
        }
    }

    /** The CLI's help and version, which need no database. */
    private static boolean needsNoDatabase(String[] args) {
        return args.length == 0 || Arrays.stream(args).anyMatch(arg -> List.of("--help", "-h", "--version", "-v", "help").contains(arg));
    }

    /** Said as the steps say it, and the CLI never started. */
    private static void refuse(LessonError error) {
        error.report();
        System.exit(error.exitCode());
    }

    /**
     * The arguments with a SQLite file --url names made absolute, from the project's folder as the steps read it: the CLI would
     * read jdbc:sqlite:x.db from the folder it runs in (a subfolder of the project, say) while the copy kept before it was made
     * of the project folder's x.db, so it changed one file and kept another, or none.
     */
    private static String[] sqliteFromTheProject(Project project, String[] typed) {
        String[] args = typed.clone();
        for (int i = 0; i < args.length; i++) {
            boolean separate = args[i].equalsIgnoreCase("--url") && i + 1 < args.length;
            boolean joined = args[i].regionMatches(true, 0, "--url=", 0, "--url=".length());
            String url = separate ? args[i + 1] : joined ? args[i].substring("--url=".length()) : null;
            if (url == null || !url.regionMatches(true, 0, "jdbc:sqlite:", 0, "jdbc:sqlite:".length())
                    || url.substring("jdbc:sqlite:".length()).isBlank() || url.contains(":memory:")) {
                continue;
            }
            java.nio.file.Path file = project.withConnection("jdbc:sqlite:" + url.substring("jdbc:sqlite:".length()), null, null).databaseFile();
            if (file == null) {
                continue;
            }
            String absolute = "jdbc:sqlite:" + file + (url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?'))); // its settings kept
            if (separate) {
                args[++i] = absolute;
            } else {
                args[i] = "--url=" + absolute;
            }
        }
        return args;
    }

    /** The project on the database the command works on: the one --url names, or liquibase.properties'. */
    private static Project onDatabaseGiven(Project project, String[] args) {
        String url = urlGiven(args);
        return url == null ? project : project.withConnection(url, null, null);
    }

    /** The database --url names (--url VALUE or --url=VALUE, in any case, as the CLI reads it), or null where the command names none. */
    private static String urlGiven(String[] args) {
        return tutorial.lesson.CommandLine.value(args, "--url");
    }

    /**
     * The arguments with the database the learner chose outside them written in as --url: Liquibase's own LIQUIBASE_COMMAND_URL,
     * or the url of a --defaults-file of theirs. Left out, the alias gave library.db's --url, which the CLI puts over both (a
     * DELETE meant for other.db emptied library.db); written in, it is one --url for the copy kept first and for the CLI alike,
     * a relative file read from the project's folder (sqliteFromTheProject), where the CLI read the variable's from the folder
     * it ran in.
     */
    private static String[] databaseNamed(String[] typed) {
        if (urlGiven(typed) != null) {
            return typed;
        }
        String url = System.getenv("LIQUIBASE_COMMAND_URL");
        String defaults = defaultsFileGiven(typed);
        boolean defaultsTyped = defaultsFileTyped(typed) != null;
        if (url != null && !url.isBlank()) {
            // Exported for another project, maybe: said, as the database this command works on.
            System.err.println("LIQUIBASE_COMMAND_URL names the database: " + url.strip());
        } else if (defaults != null && !needsNoDatabase(typed)) {
            java.nio.file.Path file;
            try {
                file = java.nio.file.Path.of(defaults);
            } catch (java.nio.file.InvalidPathException badName) {
                return typed; // the CLI says what is wrong with the name
            }
            if (!java.nio.file.Files.isRegularFile(file)) {
                // The CLI says it cannot find it, then runs on: on library.db, the alias's --url (a DELETE meant for other.db).
                refuse(new LessonError(defaultsTyped ? "No defaults file " + defaults + (file.isAbsolute() ? "" : " in "
                        + java.nio.file.Path.of("").toAbsolutePath() + " (the CLI reads it from the folder you are in)") + ". Nothing was run."
                        : "LIQUIBASE_DEFAULTS_FILE names " + defaults + ", which is no file here. Nothing was run.",
                        defaultsTyped ? "Name it from here, or by its whole path, then run the command again."
                                : "Unset it (unset LIQUIBASE_DEFAULTS_FILE) to use the tutorial's liquibase.properties, or name a file that is there."));
            }
            if (!defaultsTyped) {
                System.err.println("LIQUIBASE_DEFAULTS_FILE names the settings: " + defaults + " (not the tutorial's liquibase.properties)");
            }
            java.util.Properties settings = new java.util.Properties();
            try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
                settings.load(reader);
                url = settings.getProperty("liquibase.command.url", settings.getProperty("url"));
            } catch (java.io.IOException | RuntimeException unreadable) {
                return typed; // the CLI says what is wrong with the file
            }
        }
        if (url == null || url.isBlank()) {
            return typed;
        }
        List<String> with = new ArrayList<>(List.of(typed));
        with.add(0, "--url=" + url.strip());
        return with.toArray(String[]::new);
    }

    /** The learner's own defaults file, as the CLI takes it: --defaults-file or --defaultsFile, or LIQUIBASE_DEFAULTS_FILE; null for none. */
    private static String defaultsFileGiven(String[] args) {
        String typed = defaultsFileTyped(args);
        String variable = System.getenv("LIQUIBASE_DEFAULTS_FILE");
        return typed != null ? typed : variable != null && !variable.isBlank() ? variable : null;
    }

    /** The defaults file the command names itself, in either of the CLI's spellings; null for none. */
    private static String defaultsFileTyped(String[] args) {
        String typed = tutorial.lesson.CommandLine.value(args, "--defaults-file");
        return typed != null ? typed : tutorial.lesson.CommandLine.value(args, "--defaultsFile");
    }

    /** Held here: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    /**
     * Stock Liquibase records a changeset ./jbang revision started and nobody filled in yet, empty,
     * and filling it in later breaks its checksum: 05_upgrade refuses it, and so does this, for
     * update and changelog-sync alike, on library.db (a server given with --url is the CLI's own
     * business). Nor does it record anything in a library.db not made yet: the CLI would make an
     * empty file, with no tables but its own. Where the changelog cannot be read, the CLI says why.
     */
    private static void refuseToRecordEmpty(Project project, String[] args) {
        String command = Arrays.stream(args).map(arg -> arg.replace("-", "").toLowerCase(java.util.Locale.ROOT))
                .filter(RECORDING::containsKey).findFirst().orElse(null);
        boolean url = urlGiven(args) != null;
        if (command == null || url || project.databaseFile() == null) {
            return;
        }
        quietly(() -> {
            try {
                List<ChangeSet> pending;
                try (LibraryDatabase library = LibraryDatabase.open(project)) { // missing or broken: its message, and what to do
                    try {
                        pending = Migrations.on(project, library).notApplied();
                    } catch (LessonError unreadable) {
                        return;
                    }
                }
                if (command.equals("marknextchangesetran") && !pending.isEmpty()) {
                    pending = pending.subList(0, 1);
                }
                // Filled in, a changeset is applied (05_upgrade), or synced only where library.db has what it does already (fix-1).
                Revisions.requireFilledIn(project, pending, RECORDING.get(command), RECORDING.get(command).equals("applied")
                        ? "run ./jbang liquibase " + String.join(" ", args) + " again"
                        : "apply it (./jbang steps/05_upgrade.java), or, where " + tutorial.lesson.CommandLine.databaseName(project)
                                + " has what it does already (fix-1's column),\n"
                                + "run ./jbang liquibase " + String.join(" ", args) + " again");
            } catch (LessonError refused) {
                refuse(refused);
            }
        });
    }
}
