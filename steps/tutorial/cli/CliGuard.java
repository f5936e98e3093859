package tutorial.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import liquibase.changelog.ChangeSet;
import tutorial.database.LibraryDatabase;
import tutorial.database.ServerConnection;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Quiet;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.liquibase.DataLoss;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.Revisions;
import tutorial.liquibase.RollbackTarget;
import tutorial.project.Project;

/**
 * What ./jbang liquibase does before the CLI starts: it refuses, in the steps' words (a LessonError), what the CLI would run
 * into or do harm with, and keeps a copy of a SQLite file the command changes. Each refusal leaves everything as it was.
 */
public final class CliGuard {

    private CliGuard() {
    }

    /**
     * Where the database the command works on was named outside it, said: LIQUIBASE_COMMAND_URL or LIQUIBASE_DEFAULTS_FILE,
     * exported for another project maybe, would act unseen. A defaults file that is not there is refused: the CLI says it
     * cannot find it, then runs on library.db (a DELETE meant for other.db).
     */
    public static void sayWhatNamesTheDatabase(TypedCommand command) {
        if (command.urlFromVariable() != null) {
            System.err.println("LIQUIBASE_COMMAND_URL names the database: " + CommandLine.withoutQuery(command.urlFromVariable()));
            return;
        }
        String defaults = command.defaultsFile();
        if (defaults == null || command.needsNoDatabase() || command.urlTyped()) {
            return;
        }
        boolean typed = command.defaultsFileTyped();
        if (command.defaultsFileMissing()) {
            Path file = Path.of(defaults);
            throw new LessonError(typed ? "No defaults file " + defaults + (file.isAbsolute() ? "" : " in " + Path.of("").toAbsolutePath()
                    + " (the CLI reads it from the folder you are in)") + ". Nothing was run."
                    : "LIQUIBASE_DEFAULTS_FILE names " + defaults + ", which is no file here. Nothing was run.",
                    typed ? "Name it from here, or by its whole path, then run the command again."
                            : "Unset it (unset LIQUIBASE_DEFAULTS_FILE) to use the tutorial's liquibase.properties, or name a file that is there.");
        }
        if (!typed) {
            System.err.println("LIQUIBASE_DEFAULTS_FILE names the settings: " + defaults + " (not the tutorial's liquibase.properties)");
        }
    }

    /**
     * JBang's own options typed after liquibase (./jbang liquibase --deps ...): JBang hands them to the CLI, which names an option
     * of its own as the "possible solution"; and --user, for --username. Said before anything runs, with what to type.
     */
    public static void refuseOptionsOfAnother(TypedCommand command) {
        for (String arg : command.args()) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (CommandLine.JBANG_OPTIONS.contains(option)) {
                throw new LessonError("Unknown option " + option + ": it is JBang's own, and goes before liquibase, as in ./jbang " + option
                        + (option.equals("--fresh") ? "" : " VALUE") + " liquibase ... Nothing was run.", "Type the command again with "
                        + option + " before liquibase.", LessonError.USAGE, null);
            }
            if (option.equals("--user")) {
                throw new LessonError("Unknown option --user. Did you mean --username? Nothing was run.",
                        "Type the command again with --username.", LessonError.USAGE, null);
            }
        }
    }

    /**
     * --url sqlite:other.db or postgres://... (--reference-url too, which diff reads): the CLI would say only "Driver class
     * was not specified". Said as the steps say it, before anything runs.
     */
    public static void refuseUrlWithoutJdbc(TypedCommand command) {
        String source = command.urlSource();
        if (source != null && !source.equals("--url") && !command.url().startsWith("jdbc:")) { // named outside the command
            throw new LessonError(source + " names " + CommandLine.withoutQuery(command.url()) + ", which is no JDBC URL: one starts with jdbc: "
                    + "(jdbc:postgresql://localhost:5432/library, jdbc:sqlite:other.db). Nothing was run.",
                    source.startsWith("LIQUIBASE") ? "Set it to a jdbc: URL, or unset it (unset LIQUIBASE_COMMAND_URL) to use library.db."
                            : "Write a jdbc: URL there, then run the command again.", LessonError.USAGE, null);
        }
        for (String option : List.of("--url", "--reference-url", "--referenceUrl")) {
            String url = command.value(option);
            if (url != null && !url.startsWith("jdbc:")) {
                throw new LessonError(CommandLine.notJdbcUrl(option, url), "Nothing was run. Type the command again with a jdbc: URL.",
                        LessonError.USAGE, null);
            }
            if (url != null && CommandLine.sqliteWithoutFile(option, url) != null) {
                throw new LessonError(CommandLine.sqliteWithoutFile(option, url), "Nothing was run.", LessonError.USAGE, null);
            }
        }
    }

    /**
     * A database on a server (--url, or liquibase.properties' url): reached first as the steps reach it, so that a driver not
     * added, jdbc:postgres: for jdbc:postgresql:, no server there, or a refused password is said as the steps say it, where
     * the CLI printed its exception details. Reached, the connection is closed, and the CLI makes its own.
     */
    public static void reachServer(TypedCommand command) {
        String url = command.url();
        // The user and password as the CLI finds them (--username, LIQUIBASE_COMMAND_USERNAME, a defaults file's), where those
        // of liquibase.properties were asked for and the server said none was given.
        Project target = command.project().withConnection(url, command.username(), command.password());
        if (target.databaseFile() != null || command.needsNoDatabase() || !target.url().startsWith("jdbc:")) {
            return; // SQLite's file, or nothing to reach
        }
        if (command.recording() == null) {
            try {
                ServerConnection.open(target).close();
            } catch (SQLException closing) {
                // reached: the CLI's own connection says the rest
            }
            return;
        }
        // update or changelog-sync on a database with no tables of the lesson (a new one): the first changeset (genre's addColumn)
        // failed there with the CLI's exception details, leaving Liquibase's tables behind. Said as the steps say it.
        try (LibraryDatabase server = LibraryDatabase.openOrCreate(target)) {
            if (!server.tableNames().contains("books")) {
                // The user and password as typed; found elsewhere (a variable, a defaults file), which the steps do not read: the
                // user named, the password to type.
                String credentials = command.options("--username", "--password")
                        + (command.value("--username") == null && command.username() != null ? " --username " + CommandLine.quoted(command.username()) : "")
                        + (command.value("--password") == null && command.password() != null ? " --password PASSWORD" : "");
                throw new LessonError(server.name() + " has no books table yet. Nothing was run.",
                        "Create the tables there first, as 01_create made them in library.db:\n  "
                                + CommandLine.withDriver(target, "steps/01_create.java --url " + CommandLine.quoted(url == null ? target.url() : url)
                                + credentials));
            }
        }
    }

    /** What the command would run into on the project's database, refused; then, where it changes a SQLite file, a copy kept. */
    public static void refuseOrKeepCopy(TypedCommand command) {
        refuseWithoutDatabase(command);
        refuseUnreadableChangelog(command);
        refuseToRecordEmpty(command);
        refuseDropAllOnSqlite(command);
        refuseTagReadOtherwise(command);
        keepCopyBeforeChanging(command);
    }

    /**
     * A command on the project's library.db before 01_create made it: the CLI would make an empty
     * file (status, history) or one with Liquibase's tables alone, and 01_create would then refuse
     * it and the steps after find no books table. Said as the steps say it, changing nothing. The
     * same for a SQLite file --url names that is not there (a typo made a new file of Liquibase's
     * tables alone beside library.db), and for one the steps refuse. The CLI's help and version need no database; a server's is
     * the CLI's own business.
     */
    private static void refuseWithoutDatabase(TypedCommand command) {
        if (command.needsNoDatabase()) {
            return;
        }
        for (String option : List.of("--reference-url", "--referenceUrl")) { // the reference diff compares with: made empty, all differs
            String reference = command.value(option);
            Project named = reference == null || !reference.startsWith("jdbc:sqlite:") ? null : command.project().withConnection(reference, null, null);
            if (named != null && named.databaseFile() != null && !Files.exists(named.databaseFile())) {
                throw new LessonError(option + " names " + command.project().relative(named.databaseFile()) + ", which is not there: SQLite would "
                        + "make it, empty, and the diff would list everything as unexpected. Nothing was run.",
                        "Name a database that is there (jdbc:sqlite:library.db, say), then run the command again.");
            }
        }
        Project target = command.onDatabaseGiven();
        if (target.databaseFile() == null) {
            return;
        }
        if (Files.exists(target.databaseFile())) {
            if (command.changelogOfTheirOwn()) {
                return; // a file of their own for a changelog of their own: the CLI's business, an empty one too
            }
            // One the steps refuse (0 bytes, not SQLite, damaged): refused alike, where status said it was up to date, exit 0, and
            // wrote Liquibase's tables into an empty file, which 01_create then called not the lesson's. The project's own with no
            // books table and nothing recorded is not the lesson's either (one a recorded migration took books from is: the CLI
            // rolls it back); another file --url names may hold anything (snapshot, generate-changelog of a database of their own).
            try (LibraryDatabase library = LibraryDatabase.openWhateverItHolds(target)) {
                if (command.onProjectsDatabase() && !library.tableNames().contains("books")
                        && (!library.hasChangelogTable() || library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") == 0)) {
                    LibraryDatabase.open(target).close(); // its "no books table" message, and the way out
                }
            }
            return;
        }
        try {
            LibraryDatabase.open(target).close(); // a missing file: its message, and what to do
        } catch (LessonError missing) {
            String source = command.urlSource();
            if (source == null || source.equals("--url")) {
                throw missing; // its advice repeats the --url typed
            }
            // Named by a variable or a defaults file, which the steps do not read: the --url to type, said.
            throw new LessonError(missing.whatAlone().strip().replaceFirst("\\.$", "") + " (" + source + " names it).", "Create it first with: ./jbang steps/01_create.java --url "
                    + CommandLine.quoted(command.url()) + "\n(or, if library.db is the database you meant, unset LIQUIBASE_COMMAND_URL or mend "
                    + "the url of your defaults file)");
        }
    }

    /**
     * A command that reads the changelog, while it cannot be read (break-2's file moved away, a YAML slip): said as the steps say
     * it, with the file and the ways back, where the CLI printed its exception details (and kept a copy first, for nothing).
     */
    private static void refuseUnreadableChangelog(TypedCommand command) {
        Project target = command.onDatabaseGiven();
        if (!command.readsTheChangelog() || command.changelogOfTheirOwn()
                || (target.databaseFile() != null && !Files.isRegularFile(target.databaseFile()))) {
            return;
        }
        Quiet.whileReading(() -> {
            LibraryDatabase library;
            try {
                library = LibraryDatabase.open(target);
            } catch (LessonError unopened) {
                return; // the CLI says what is wrong with the database
            }
            try (library) {
                Migrations.on(target, library).requireReadableChangelog();
            }
        });
    }

    /**
     * Stock Liquibase records a changeset ./jbang revision started and nobody filled in yet, empty,
     * and filling it in later breaks its checksum: 05_upgrade refuses it, and so does this, for
     * update and changelog-sync alike, on library.db (a server given with --url is the CLI's own
     * business). Nor does it record anything in a library.db not made yet: the CLI would make an
     * empty file, with no tables but its own. Where the changelog cannot be read, the CLI says why.
     */
    private static void refuseToRecordEmpty(TypedCommand command) {
        // On any SQLite file the command names (library.db by --url, LIQUIBASE_COMMAND_URL or a defaults file, or another).
        Project project = command.onDatabaseGiven();
        String recording = command.recording();
        if (recording == null || project.databaseFile() == null || command.changelogOfTheirOwn()) {
            return;
        }
        Quiet.whileReading(() -> {
            List<ChangeSet> pending;
            try (LibraryDatabase library = LibraryDatabase.open(project)) { // missing or broken: its message, and what to do
                try {
                    pending = Migrations.on(project, library).notApplied();
                } catch (LessonError unreadable) {
                    return;
                }
            }
            if (command.recordsOnlyTheNext() && !pending.isEmpty()) {
                pending = pending.subList(0, 1);
            }
            // Filled in, a changeset is applied (05_upgrade), or synced only where library.db has what it does already (fix-1).
            Revisions.requireFilledIn(project, pending, recording, recording.equals("applied")
                    ? "run ./jbang liquibase " + command + " again"
                    : "apply it (./jbang steps/05_upgrade.java), or, where " + CommandLine.databaseName(project)
                            + " has what it does already (fix-1's column),\n"
                            + "run ./jbang liquibase " + command + " again");
        });
    }

    /**
     * drop-all on library.db: Liquibase 4.33 drops the foreign keys first, which SQLite has no
     * statement for, and stops there with "Cannot find generators", having dropped nothing. Said
     * before it starts, with the tutorial's ways to start over; on a database --url names it is
     * the CLI's own business.
     */
    private static void refuseDropAllOnSqlite(TypedCommand command) {
        Project project = command.project();
        if (command.dropsAll() && command.onProjectsDatabase()) {
            String db = CommandLine.databaseName(project);
            throw new LessonError("drop-all cannot run on SQLite with Liquibase 4.33: it drops the foreign keys first, which SQLite has no "
                    + "statement for, and stops there." + Failures.NOTHING_CHANGED,
                    "To start over: ./jbang reset (the lesson's start: what it takes away, " + db + " too, is moved under .reset/), or "
                            + CommandLine.moveAside(project.databaseFile(), db) + " && ./jbang steps/01_create.java");
        }
    }

    /**
     * A tag named base, or as a changeset of the changelog or applied to the database is, or as an older row's tag is: 07_rollback
     * --to would never come back to it (RollbackTarget.tagReadOtherwise and tagUsedBefore, refused by 05_upgrade --tag too), on
     * library.db or any database --url names.
     */
    private static void refuseTagReadOtherwise(TypedCommand command) {
        String tag = command.tag();
        if (tag == null || !command.onDatabaseThere()) {
            return;
        }
        Project target = command.onDatabaseGiven(); // library.db, another SQLite file, or a server: 07_rollback --url reads them alike
        String[] readOtherwise = {null};
        Quiet.whileReading(() -> {
            try (LibraryDatabase library = LibraryDatabase.open(target)) {
                Migrations migrations = Migrations.on(target, library);
                readOtherwise[0] = RollbackTarget.tagReadOtherwise(tag, migrations);
                if (readOtherwise[0] == null) {
                    readOtherwise[0] = RollbackTarget.tagUsedBefore(tag, migrations.applied(), false); // the CLI's tag applies nothing
                }
            } catch (RuntimeException unreadable) { // a LessonError too: the CLI says what is wrong
                readOtherwise[0] = tag.equalsIgnoreCase("base") ? RollbackTarget.tagReadOtherwise(tag, null) : null;
            }
        });
        if (readOtherwise[0] != null) {
            throw new LessonError("A tag named " + tag + " " + readOtherwise[0] + " Nothing was changed.",
                    "Pick a name of its own, not base, a changeset's id nor an older tag: ./jbang liquibase tag NAME.");
        }
    }

    /**
     * Before a command that changes a SQLite file, library.db or another --url names (jdbc:sqlite:/elsewhere/other.db, kept as
     * 07_rollback --url keeps it, under outside/ when it is outside the project), a copy of it is kept under .reset/, with its way
     * back said, as 05_upgrade and 07_rollback keep one before they lose values: the CLI keeps none, and a rollback-count over
     * alter-2's changeset set every genre back to NULL, over an added column's it dropped the column with its values. The same
     * bytes kept last time are not kept again (SetAside). A server's database is the server's to back up; where the file cannot
     * be opened, the CLI says why. Where no copy can be kept (no room, say), the command does not run.
     */
    private static void keepCopyBeforeChanging(TypedCommand command) {
        Project target = command.onDatabaseGiven();
        if (!command.changes() || target.databaseFile() == null || !Files.isRegularFile(target.databaseFile())) {
            return;
        }
        LibraryDatabase library;
        try {
            library = LibraryDatabase.open(target);
        } catch (LessonError unopened) {
            return;
        }
        try (library) {
            DataLoss.copyKept(target, library, "this command");
        }
    }
}
