package journeys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tutorial.project.ScratchProject.Result;

/**
 * What the steps say when something goes wrong, exactly as docs/troubleshooting.md's "When something goes
 * wrong" lists them: the fault tests expect these in the steps' real output, and the guide
 * test holds that page to this same list. "…" stands for text that varies (a process
 * number, a time, a line of the file).
 */
final class Messages {

    static final String FETCH_REFUSED = "jbang wrapper: could not fetch JBang 0.132.1 from …: …. Check your connection (a proxy goes in "
            + "HTTPS_PROXY; a Maven mirror, and Maven's own proxy, in ~/.m2/settings.xml) and run the command again, or install JBang "
            + "(or Maven, where it is not installed).";
    static final String REPOSITORY_UNWRITABLE = "jbang wrapper: cannot keep JBang 0.132.1 in …: …. …, or give the wrapper folders it can write, "
            + "outside this project: export MAVEN_REPO=/writable/m2 JBANG_WRAPPER_HOME=/writable/jbang-wrapper; then run the command again.";
    static final String NO_DATABASE = "library.db does not exist yet.";
    static final String EMPTY_FILE = "library.db is an empty file (0 bytes), not a SQLite database.";
    static final String NOT_SQLITE = "library.db is not a SQLite database (its first bytes are not \"SQLite format 3\").";
    static final String DAMAGED = "library.db is damaged: SQLite says its disk image is malformed. Nothing was changed.";
    static final String NO_BOOKS = "library.db has no books table: it was not made by 01_create.";
    static final String RENAMED_AWAY = "The models have books.title, which 0002-1 renamed to headline: rename it in steps/models/Models.java too, "
            + "or roll that changeset back (./jbang steps/07_rollback.java). Autogenerate would add it anew and drop headline, values and all.";
    static final String NO_BOOK_COLUMN = "books in library.db has no title column now (its columns: …): a migration renamed or dropped it, and the "
            + "tutorial lists the books by id, title and author.";
    static final String DROP_ALL = "drop-all cannot run on SQLite with Liquibase 4.33: it drops the foreign keys first, which SQLite has no "
            + "statement for, and stops there. Nothing was changed.";
    static final String BUSY = "library.db is busy: another program is using it (another step still running, "
            + "or a database browser with unsaved changes or a query left open). Nothing was changed.";
    static final String LOCKED = "library.db is locked by another Liquibase run: process … on …, since … UTC. Nothing was changed.";
    static final String RELEASED = "Released a stale Liquibase lock: process … on … took it at … UTC and is no longer running.";
    /** On a server given with --url (PostgresStepsTest): Liquibase's own lock, which a stopped run leaves taken. */
    static final String SERVER_LOCKED = "jdbc:postgresql://… is locked by another Liquibase run: …, since … (the lock row's time). Nothing was changed.";
    static final String POSTGRES_SCHEME = "No JDBC driver takes jdbc:postgres://…: PostgreSQL's URLs start with jdbc:postgresql:, not jdbc:postgres:.";
    static final String NO_PASSWORD = "The server at … asks for a password, and none was given.";
    /** A database the login does not own, or tables another user made, to read or to change (PostgresStepsTest). */
    static final String SERVER_PERMISSION = "The server at … refused … what this needs: ….";
    /** A server's connection cut midway (PostgresStepsTest, through CuttingProxy). */
    static final String SERVER_GONE = "The connection to the database server was lost midway (…): the server stopped, was killed, "
            + "or the network to it went. What it had not committed, the server rolls back itself.";
    /** A loss said before a step on a server (PostgresStepsTest: alter-2's rollback), where no copy can be kept. */
    static final String SERVER_NO_COPY = "… is on a server, where this step cannot keep a copy first: what is said above would be gone for good. "
            + "Nothing was changed.";
    /** A changeset the database refused, in its own words (PostgresToolTest: SQLite's AUTOINCREMENT on PostgreSQL). */
    static final String CHANGESET_FAILED = "Changeset … (changelog/changes/….yaml) failed: …";
    /** A changeset's precondition that failed (ExercisesTest: fix-2's reference solution on ISBNs with hyphens). */
    static final String PRECONDITION_FAILED = "Changeset … (changelog/changes/….yaml) did not run: its precondition failed, and stops the upgrade "
            + "there (onFail: HALT). None of its changes ran.";
    static final String STOPPED = "Stopped before … finished. Nothing half-done stays in library.db: SQLite undoes an "
            + "unfinished transaction, and a changeset is applied or rolled back whole.";
    static final String NOT_STARTED = "Stopped before the script started (JBang was still preparing it): nothing ran, nothing changed.";
    /** Said by ./jbang itself (its build lock), before JBang's own lines: BuildLockTest makes each happen. */
    static final String WAITING_BUILD = "[jbang] Waiting for another build of a script (process …) to finish...";
    /** Said by a step that changes the project while another such command runs in the same folder (FaultsRaceTest). */
    static final String WAITING_TURN = "Waiting for … to finish: commands that change library.db, the changelog or the models take turns.";
    static final String MODELS_CHANGED_WAITING = "steps/models/Models.java changed while this waited for its turn, so it would work "
            + "with the models as they were. Nothing was changed.";
    /** Said by ./jbang (and jbang.cmd) where no build lock can be made: BuildLockTest and WindowsTest make it happen. */
    static final String CACHE_UNWRITABLE = "Cannot write in JBang's cache folder, … (…): nothing was run.";
    static final String REBUILDING = "[jbang] Building … again: its last build was not seen to finish.";
    static final String MISSING_CHANGESET = "changelog/changes/0001_add_genre_column_to_books.yaml is missing, "
            + "but changelog/db.changelog-master.yaml still includes it. Nothing was changed.";
    /** FaultsChangelogTest makes the SQL file a changeset's sqlFile runs go missing (a path typed wrong). */
    static final String SQL_FILE_MISSING = "changelog/sql/genres.sql is missing, but the sqlFile of changelog/changes/0002_set_genres.yaml "
            + "runs it. Nothing was changed.";
    static final String EDITED_CHANGESET = "changelog/changes/0001_add_genre_column_to_books.yaml (changeset 0001-1) was edited "
            + "after it was applied: its checksum no longer matches the one library.db recorded. Nothing was changed.";
    static final String NOT_YAML = "changelog/changes/0001_add_genre_column_to_books.yaml is not valid YAML: line …, column …: …. Nothing was changed.";
    static final String NOT_XML = "changelog/changes/0002_add_lang_column_to_books.xml is not valid XML: line …, column …: … Nothing was changed.";
    static final String XML_NO_SCHEMA = "changelog/changes/0002_add_lang_column_to_books.xml does not name Liquibase's XML namespace and "
            + "schema: its <databaseChangeLog> (line …) needs both xmlns and xsi:schemaLocation, as Liquibase reads an XML changelog only against "
            + "its schema. Nothing was changed.";
    static final String REPEATED_CHANGESET = "changelog/changes/0002_add_lang_column_to_books.yaml repeats changeset 0001-1 of "
            + "changelog/changes/0001_add_genre_column_to_books.yaml: both name the path changelog/changes/0001_add_genre_column_to_books.yaml "
            + "(its logicalFilePath line), the id 0001-1 and the author …. Liquibase knows a changeset by these three, so it takes them for one: "
            + "the second would never run, and its changes would look like an edit of the first. Nothing was changed.";
    static final String INCLUDED_TWICE = "The changelog includes changelog/changes/0001_add_genre_column_to_books.yaml twice, so Liquibase reads "
            + "its changeset 0001-1 twice. Nothing was changed.";
    static final String EMPTY_ROLLBACK = "Changeset … (…) has an empty rollback block (rollback: []), which tells Liquibase there is nothing to "
            + "undo: rolled back, its … would stay in the database while its record went, and the next upgrade would fail on what is already "
            + "there. Nothing was changed.";
    static final String UNREADABLE = "Liquibase cannot read the changelog: Error parsing changelog/changes/0001_add_genre_column_to_books.yaml: …. "
            + "Nothing was changed.";
    static final String ALREADY_THERE = "library.db already has the column genre, which changeset 0001-1 "
            + "(changelog/changes/0001_add_genre_column_to_books.yaml) adds. Likely cause: library.db was made by 01_create from models "
            + "that already had it, before a changeset added it (once one does, 01_create leaves it out), added by hand, or left by a rollback that did not take it out. Nothing was changed.";
    static final String LEFT_BEHIND = "The rollback left … in library.db: the rollback block of …, written by hand, does not take out what "
            + "the changeset adds. Liquibase took the record away all the same, so 05_upgrade would now fail adding it again.";
    static final String NOT_JDBC_URL = "--url takes a JDBC URL, which starts with jdbc: (jdbc:postgresql://localhost:5432/library, "
            + "jdbc:sqlite:other.db); … does not.";
    static final String NOT_NULL_NO_DEFAULT = "SQLite cannot add a NOT NULL column without a default: the rows already in the "
            + "table would hold NULL in it. Nothing was changed.";
    static final String LOSSY_REBUILD = "SQLite's ALTER TABLE cannot do this (…), so Liquibase would rebuild the table, and its "
            + "rebuild would lose: …. The changeset was stopped before it ran: library.db is as it was before it.";
    static final String EMPTIED = "changelog/changes/… is empty: Liquibase cannot read a changelog file with nothing in it. Nothing was changed.";
    static final String NOT_ON_SQLITE = "changelog/changes/… (changeset …) uses modifyDataType, which Liquibase cannot run on SQLite. Nothing was changed.";
    static final String EMPTY_CHANGESET = "changelog/changes/… (changeset …) has no changes yet: applied now, it would be recorded empty, "
            + "and filling it in later would break its checksum. Nothing was changed.";
    static final String PLACEHOLDER = "changelog/changes/… (changeset NNNN-…) still has the reference file's placeholder NNNN: "
            + "recorded so, it would stay NNNN-… for good.";
    static final String MODELS_AHEAD = "The models have books.genre, which library.db does not, and no changeset adds it yet:";
    static final String MADE_WITH_GENRE = "library.db has books.genre from the start: 01_create made it after the genre line of the models "
            + "was uncommented";
    static final String READ_ONLY = "library.db is read-only: the file, or the folder it is in, cannot be written. Nothing was changed.";
    static final String FOLDER_READ_ONLY = "library.db cannot be written: the project folder is read-only or not accessible "
            + "(SQLite writes a journal file next to it). Nothing was changed.";
    static final String CHANGES_READ_ONLY = "Cannot write changelog/changes/0001_add_genre_column_to_books.yaml: its folder is read-only.";
    static final String FILE_READ_ONLY = "Cannot write changelog/db.changelog-master.yaml: the file is read-only. Nothing was changed.";
    static final String UNKNOWN_OPTION = "Unknown option --force.";
    static final String UNKNOWN_COMMAND = "This tutorial has no command chek. Did you mean check? Its commands: ….";
    static final String NO_FILE = "No file steps/05_upgrade in this folder (…).";
    static final String NO_STEP_NAMED = "No step or alias named …: a step is its Java file, …";
    static final String OUTSIDE_THE_TUTORIAL = "steps/06_verify.java is part of the tutorial in …: run it from there (cd …), as ./jbang steps/06_verify.java.";
    static final String WRAPPER_TWICE = "… is this wrapper, typed twice: it runs the step itself. Type it once: …";
    static final String MODELS_DO_NOT_COMPILE = "steps/models/Models.java does not compile: mend the line javac names above "
            + "(git diff HEAD -- steps/models/Models.java shows what you changed). Only to throw away every edit of it since your last commit "
            + "(the lesson's start, if you have not committed), from the tutorial's folder: git checkout HEAD -- steps/models/Models.java";
    static final String NEEDS_VALUE = "The option -m needs a value: -m MESSAGE.";
    static final String NO_MESSAGE = "Say what the changeset does with -m, e.g. -m \"add genre column to books\".";
    static final String UNQUOTED = "Unexpected arguments: genre column. A value with spaces goes in quotes: -m \"add genre column\"";
    static final String BAD_COUNT = "COUNT must be one whole number of changesets, 1 or more: got two.";
    static final String TOO_MANY = "Cannot roll back … changesets: only … applied to library.db. Nothing was changed.";
    static final String NO_ROLLBACK = "Changeset … (…) cannot be rolled back: Liquibase cannot work out the rollback of …, "
            + "and the changeset has no rollback block. Nothing was changed.";

    static final String NO_START = "Cannot tell the lesson's start: this folder has no git history (a zip download?), and its models "
            + "or changelog have moved on.";
    static final String ORPHAN = "The command that ran this one (process …) has ended: stopping here too, without the lock it held.";
    static final String RECORDED_NOT_THERE = "library.db records … as applied, but does not have …, which it adds: recorded without running "
            + "(changelog-sync does that), or undone by hand since. Do not autogenerate it again.";

    /** Every message above, in the order docs/troubleshooting.md lists them. */
    static final List<String> ALL = List.of(FETCH_REFUSED, REPOSITORY_UNWRITABLE, NO_DATABASE, EMPTY_FILE, NOT_SQLITE, DAMAGED, NO_BOOKS, RENAMED_AWAY, NO_BOOK_COLUMN, DROP_ALL, BUSY, LOCKED, RELEASED, SERVER_LOCKED, POSTGRES_SCHEME, NO_PASSWORD, SERVER_PERMISSION, SERVER_GONE, SERVER_NO_COPY, CHANGESET_FAILED, PRECONDITION_FAILED, STOPPED,
            NOT_STARTED, WAITING_BUILD, WAITING_TURN, MODELS_CHANGED_WAITING, CACHE_UNWRITABLE, REBUILDING, MISSING_CHANGESET, SQL_FILE_MISSING, EDITED_CHANGESET, NOT_YAML, EMPTIED, NOT_XML, XML_NO_SCHEMA, REPEATED_CHANGESET, INCLUDED_TWICE, EMPTY_ROLLBACK, UNREADABLE, ALREADY_THERE, LEFT_BEHIND, NOT_NULL_NO_DEFAULT, LOSSY_REBUILD, NOT_ON_SQLITE, EMPTY_CHANGESET, PLACEHOLDER, MODELS_AHEAD, MADE_WITH_GENRE, READ_ONLY, FOLDER_READ_ONLY, CHANGES_READ_ONLY, FILE_READ_ONLY,
            UNKNOWN_OPTION, NOT_JDBC_URL, UNKNOWN_COMMAND, NO_FILE, NO_STEP_NAMED, OUTSIDE_THE_TUTORIAL, WRAPPER_TWICE, MODELS_DO_NOT_COMPILE, NEEDS_VALUE, NO_MESSAGE, UNQUOTED, BAD_COUNT, TOO_MANY, NO_ROLLBACK, NO_START,
            ORPHAN, RECORDED_NOT_THERE);

    private Messages() {
    }

    /** The message as a pattern: "…" matches any text within the line. */
    static Pattern pattern(String message) {
        return Pattern.compile(Arrays.stream(message.split("…", -1)).map(Pattern::quote).collect(Collectors.joining(".*?")));
    }

    static void assertSays(Result result, String message) {
        assertTrue(pattern(message).matcher(result.shown()).find(),
                () -> "expected the output of " + result.command() + " to say:\n" + message + "\nbut it was:\n" + result.output());
    }

    /** The step gave up as it should: this exit code, this message, and never a stack trace. */
    static void assertRefused(Result result, int exitCode, String message) {
        Learner.assertExit(exitCode, result);
        assertSays(result, message);
        assertNoStackTrace(result);
    }

    static void assertNoStackTrace(Result result) {
        assertTrue(!result.output().contains("Exception") && !result.output().matches("(?s).*\\n\\s+at [\\w.$]+\\(.*"),
                () -> result.command() + " printed a stack trace:\n" + result.output());
    }
}
