//DEPS org.liquibase:liquibase-core:4.33.0
package tutorial.liquibase;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.TagCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * What the tutorial adds to Liquibase, around the steps' own blocks (watching: the listener,
 * the lock, one transaction per changeset, the friendly failures), and the Liquibase calls of
 * the tools and previews (update and rollback by count or tag, tag, what is applied and
 * pending, the changelog read whole or file by file), each a thin call into Liquibase's own
 * commands on the step's connection. What they print themselves is kept out of the way; what they did (which
 * changesets, which SQL) comes back as values to show (ChangeSetRecorder listens for it). The
 * steps' own work is in their blocks. The history chain is HistoryChain's; what an applied
 * changeset adds and library.db lacks, AppliedButAbsent's.
 */
public final class Migrations {

    /**
     * A changeset that ran (or rolled back) and the SQL Liquibase sent to the database for it;
     * or one its precondition skipped, as skip says.
     */
    public record Run(String id, String author, String file, String description, List<String> sql, Skip skip) {
        /** Skipped by its precondition and recorded as ran (onFail: MARK_RAN): none of its changes ran. */
        public boolean markedRan() {
            return skip == Skip.MARK_RAN;
        }

        /** Skipped by its precondition and not recorded (onFail: CONTINUE): the next update tries it again. */
        public boolean continued() {
            return skip == Skip.CONTINUE;
        }
    }

    /** Applied as library.db records it, but skipped by its precondition (onFail: MARK_RAN): none of its changes ran. */
    public static boolean markedRan(RanChangeSet ran) {
        return ran != null && ran.getExecType() == ChangeSet.ExecType.MARK_RAN;
    }

    /** Whether a precondition skipped a changeset, and how Liquibase recorded that. */
    public enum Skip {
        NONE, MARK_RAN, CONTINUE
    }

    private final Project project;
    private final Database database;

    /**
     * The changelog as changelog() last read it, handed to the next update or rollback so that
     * Liquibase does not read it a second time (05_upgrade checks the pending changesets first,
     * 07_rollback their rollbacks). Handed over once: a command's run leaves its changesets'
     * state behind, so the command after it reads the changelog afresh.
     */
    private DatabaseChangeLog readForNextCommand;
    /** The changelog as changelog() last read it: what notListed reads, the files being the same within one step. */
    private DatabaseChangeLog lastRead;

    private Migrations(Project project, Database database) {
        this.project = project;
        this.database = database;
    }

    public static Migrations on(Project project, LibraryDatabase library) {
        registerExtensions();
        return on(project, wrap(library.connection()));
    }

    /**
     * What this project plugs into Liquibase in code, for the steps and the real CLI alike: the
     * lock that copes with killed runs (first: it tags this process before Liquibase's lock
     * statement is loaded), one transaction per changeset, and settings looked up among
     * Liquibase's own names only (see LiquibaseSettings). Native ADD/DROP COLUMN and the
     * service locator arrive as Liquibase services instead (NativeAlterTable,
     * ClassPathServiceLocator).
     */
    public static void registerExtensions() {
        ChangelogLock.register();
        OneTransactionPerChangeSet.register();
        LiquibaseSettings.lookUpLiquibaseNamesOnly();
    }

    /**
     * A step's copy-paste block: plain Liquibase and JDBC code, with nothing of the tutorial
     * inside, as a learner would write it in a main method of their own.
     */
    @FunctionalInterface
    public interface Block {
        void run() throws Exception;
    }

    /** Whether Liquibase's two tables are there (a block run before they are makes them: its first write). */
    private boolean hasLiquibaseTables() throws java.sql.SQLException {
        try (java.sql.Statement statement = ((JdbcConnection) database.getConnection()).getUnderlyingConnection().createStatement();
             java.sql.ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                     + "AND upper(name) IN ('DATABASECHANGELOG', 'DATABASECHANGELOGLOCK')")) {
            return tables.next() && tables.getInt(1) == 2;
        }
    }

    /**
     * Runs a step's block with the tutorial's extras attached from outside, through Liquibase's
     * own extension points, so that the block needs no line of ours: the lock that copes with a
     * killed run and one transaction per changeset (registered with Liquibase's factories, which
     * the block's DatabaseFactory call and command then find), native ALTER TABLE (a Liquibase
     * service on the class path), and a change-exec listener that records each changeset and
     * its SQL, handed to every command the block runs as the Scope value Liquibase reads command
     * arguments from (with the changelog the step has already read, when it has). What
     * Liquibase prints itself (status, history, the update summary) is kept, shown with
     * --verbose only; a failure becomes the tutorial's message. Returns the changesets that ran
     * (or rolled back), in order.
     */
    public List<Run> watching(boolean rollingBack, boolean verbose, Block block) {
        // The block opens a connection of its own: the step's, which Liquibase keeps out of
        // autocommit, ends the read it has open, or SQLite would keep the block from writing.
        try {
            boolean makesTables = database instanceof liquibase.database.core.SQLiteDatabase && !hasLiquibaseTables();
            database.commit();
            if (makesTables) { // the block's first write, before Liquibase's lock (which waits for other writers itself)
                ChangelogLock.awaitOtherWriters(database.getConnection().getURL(), false);
            }
        } catch (Exception e) {
            throw Failures.explain(e);
        }
        registerExtensions();
        ChangeSetRecorder recorder = new ChangeSetRecorder(rollingBack);
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> values = new java.util.HashMap<>(Map.of(
                Scope.Attr.ui.name(), new LoggerUIService(),
                "liquibase.command." + ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG.getName(), recorder,
                "liquibase.command.showSummaryOutput", "LOG"));
        if (readForNextCommand != null) {
            // The changelog the step has just read, as the block's command would read it: handed
            // over the same way, so Liquibase does not parse the same files a second time.
            values.put("liquibase.command." + DatabaseChangelogCommandStep.CHANGELOG_ARG.getName(), readForNextCommand);
            readForNextCommand = null;
        }
        try (ServerLockWait lockWait = ServerLockWait.during(project, database, console)) {
            Scope.child(recorder.sql, values, () -> {
                block.run();
                return null;
            });
        } catch (Exception e) {
            LessonError failure = explain(e);
            throw recorder.runs.isEmpty() ? failure : partly(failure, recorder);
        } finally {
            System.setOut(console);
            if (verbose) {
                console.print(said.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return recorder.runs;
    }

    static Migrations on(Project project, Database database) {
        return new Migrations(project, database);
    }

    static Database wrap(java.sql.Connection connection) {
        try {
            return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        } catch (Exception e) {
            throw Failures.explain(e);
        }
    }

    Database database() {
        return database;
    }

    Project project() {
        return project;
    }

    /** liquibase update: every pending changeset, in changelog order. */
    public List<Run> update() {
        return recorded(false, command(UpdateCommandStep.COMMAND_NAME));
    }

    /** liquibase update-count: the next COUNT pending changesets, in changelog order. */
    public List<Run> updateCount(int count) {
        return recorded(false, command(UpdateCountCommandStep.COMMAND_NAME).addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count));
    }

    /** liquibase rollback-count: the last COUNT applied changesets, newest first. */
    public List<Run> rollbackCount(int count) {
        return recorded(true, command(RollbackCountCommandStep.COMMAND_NAME).addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
    }

    /** The changesets of the changelog these applied ones are (newest first, say); one whose file is gone is left out. */
    public List<ChangeSet> changeSetsOf(List<RanChangeSet> applied) {
        DatabaseChangeLog changelog = changelogAsLastRead();
        return applied.stream().map(changelog::getChangeSet).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The applied changesets the changelog no longer lists (an include taken out of the master
     * changelog, a file moved), in the order given: update passes over them, and rollback has no
     * rollback for them, so rolls nothing back. A row that only carries a tag is no changeset.
     */
    public List<RanChangeSet> notListed(List<RanChangeSet> applied) {
        DatabaseChangeLog changelog = changelogAsLastRead();
        return applied.stream().filter(ran -> !tagOnly(ran) && changelog.getChangeSet(ran) == null).toList();
    }

    /** liquibase rollback --tag: every changeset applied after the one that carries the tag, newest first. */
    public List<Run> rollbackToTag(String tag) {
        return recorded(true, command(RollbackCommandStep.COMMAND_NAME).addArgumentValue(RollbackCommandStep.TAG_ARG, tag));
    }

    /** Runs a command over the changelog, recording which changesets ran (or rolled back) and their SQL. */
    private List<Run> recorded(boolean rollingBack, CommandScope command) {
        ChangeSetRecorder recorder = new ChangeSetRecorder(rollingBack);
        command.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, project.changelogFile())
                .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, recorder);
        if (readForNextCommand != null) {
            command.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, readForNextCommand);
            readForNextCommand = null;
        }
        run(recorder, command);
        return recorder.runs;
    }

    /** liquibase tag: names the newest applied changeset, a point to roll back to later. */
    public void tag(String tag) {
        if (applied().isEmpty()) {
            throw new LessonError("Nothing is applied to library.db yet: there is no changeset to tag.",
                    "Apply a changeset first (./jbang steps/05_upgrade.java), then tag.");
        }
        run(null, command(TagCommandStep.COMMAND_NAME).addArgumentValue(TagCommandStep.TAG_ARG, tag));
    }

    /**
     * A row Liquibase writes only to carry a tag (liquibase tag on a database with nothing
     * applied yet): no changeset of any changelog, so not part of the chain.
     */
    public static boolean tagOnly(RanChangeSet ran) {
        return "liquibase-internal".equalsIgnoreCase(ran.getChangeLog());
    }

    /** The changesets Liquibase has recorded as applied, oldest first. */
    public List<RanChangeSet> applied() {
        return inScope(() -> Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                .getChangeLogService(database).getRanChangeSets());
    }

    /**
     * The rows DATABASECHANGELOG has now that it did not have before (the changesets an update recorded, the ones it applied before
     * a failure included); none where it cannot be read now. Best effort, for notes.
     */
    public static List<RanChangeSet> recordedSince(Migrations migrations, List<RanChangeSet> before) {
        try {
            return notIn(migrations.applied(), before);
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The rows of these that those do not have (by id, author and file): recorded since, read one way; rolled back, the other. */
    public static List<RanChangeSet> notIn(List<RanChangeSet> these, List<RanChangeSet> those) {
        return these.stream().filter(row -> those.stream().noneMatch(was -> was.getId().equals(row.getId())
                && was.getAuthor().equals(row.getAuthor()) && was.getChangeLog().equals(row.getChangeLog()))).toList();
    }

    /** Stops, with the reason and the ways out, when Liquibase cannot read the changelog whole. */
    public void requireReadableChangelog() {
        changelog();
    }

    /** The changelog as Liquibase reads it: the master file and every file it includes. */
    public DatabaseChangeLog changelog() {
        DatabaseChangeLog read = parse(project.changelogFile());
        RepeatedChangeSet.refuseIn(read.getChangeSets()); // before it is kept: changelogAsLastRead() would hand it on unrefused
        readForNextCommand = read;
        lastRead = read;
        return read;
    }

    /**
     * The changelog as this run last read it, if it did (05_upgrade asks after its update, the files
     * being the same within one step): a parse is a tenth of a step's time.
     */
    public DatabaseChangeLog changelogAsLastRead() {
        return lastRead != null ? lastRead : changelog();
    }

    /**
     * The changelog's changesets, with why it could not be read whole (null when it could): read
     * whole, or, when a file it includes is missing or broken (break-2), file by file, so that
     * only what is really missing is missing. What history and the exercise checks read.
     */
    public record Readable(List<ChangeSet> changeSets, LessonError unreadable) {
    }

    public Readable readable() {
        try {
            return new Readable(changelogAsLastRead().getChangeSets(), null); // 02_setup has read it for its block already
        } catch (LessonError whole) {
            List<ChangeSet> found = new ArrayList<>();
            for (java.nio.file.Path file : new Changelog(project).includedFiles()) {
                if (java.nio.file.Files.isRegularFile(file)) {
                    try {
                        found.addAll(parse(project.relative(file)).getChangeSets());
                    } catch (LessonError broken) {
                        // This file is the broken one: its applied changesets show as missing.
                    }
                }
            }
            return new Readable(found, whole);
        }
    }

    /** One changelog file as Liquibase reads it (a path relative to the project), with whatever it includes. */
    DatabaseChangeLog parse(String file) {
        return inScope(() -> {
            ResourceAccessor files = Scope.getCurrentScope().getResourceAccessor();
            return ChangeLogParserFactory.getInstance().getParser(file, files)
                    .parse(file, new ChangeLogParameters(database), files);
        });
    }

    /**
     * Liquibase's validation of the changelog against library.db, which its update and rollback
     * do first: an applied changeset edited since (its checksum), a changeset listed twice, a
     * change this database cannot run. Called before the tutorial says or keeps anything for a
     * run that this would stop.
     */
    public void requireValid() {
        DatabaseChangeLog changelog = changelog();
        changelog.getChangeSets().forEach(ChangeSet::clearCheckSum); // computed for this kind of database, below
        forChecksums(() -> {
            changelog.validate(database, new Contexts(), new LabelExpression());
            return null;
        });
    }

    /**
     * The changesets library.db has not recorded yet, in changelog order: Liquibase's own list
     * (what update would run), asked not to create its tables on a database that has none.
     */
    public List<ChangeSet> pending() {
        DatabaseChangeLog changelog = changelog();
        return inScope(() -> new Liquibase(changelog, Scope.getCurrentScope().getResourceAccessor(), database)
                .listUnrunChangeSets(new Contexts(), new LabelExpression(), false));
    }

    /**
     * The changelog's changesets library.db has not recorded, read without Liquibase's validation,
     * which would stop at the first change SQLite cannot run: the lint is there to name those.
     */
    public List<ChangeSet> notApplied() {
        List<RanChangeSet> applied = applied();
        return changelogAsLastRead().getChangeSets().stream()
                .filter(changeSet -> applied.stream().noneMatch(ran -> ran.isSameAs(changeSet))).toList();
    }

    /**
     * What an update will run: every changeset not applied, and the applied ones Liquibase runs
     * again (runAlways: true; runOnChange: true, edited since). What is about to be lost is read
     * from these (DataLoss, the lint): a runAlways DELETE ran unsaid on every upgrade after its first.
     */
    public List<ChangeSet> willRun() {
        List<RanChangeSet> applied = applied();
        return changelogAsLastRead().getChangeSets().stream().filter(changeSet -> {
            RanChangeSet ran = applied.stream().filter(one -> one.isSameAs(changeSet)).findFirst().orElse(null);
            return ran == null || changeSet.isAlwaysRun() || changeSet.isRunOnChange() && ran.getLastCheckSum() != null
                    && !checkSumMatches(changeSet, ran);
        }).toList();
    }

    /**
     * Whether this changeset, applied as ran, was edited since: the checksum library.db recorded against the file's now, in
     * the scope that finds the project's files (an sqlFile's checksum is its file's). One that runs on every change
     * (runOnChange, runAlways) is not.
     */
    public boolean editedSince(ChangeSet changeSet, RanChangeSet ran) {
        return ran.getLastCheckSum() != null && !changeSet.isRunOnChange() && !changeSet.isAlwaysRun()
                && !checkSumMatches(changeSet, ran);
    }

    /**
     * Whether the changeset's checksum now is the one library.db recorded as it ran (Liquibase's own check), computed as
     * Liquibase computes it when it runs the changeset: in the scope that finds the project's files (an sqlFile's checksum is
     * its file's), for this kind of database (checksum v9 leaves out an sql change whose dbms is another's: without one, every
     * such changeset read as edited since). A sum computed before without it (a listing of what is pending, say) is not read again.
     */
    public boolean checkSumMatches(ChangeSet changeSet, RanChangeSet ran) {
        changeSet.clearCheckSum();
        return forChecksums(() -> changeSet.isCheckSumValid(ran.getLastCheckSum()));
    }

    /**
     * Work that computes checksums: in inScope, with a database of library.db's kind in Liquibase's Scope, one with no connection.
     * A connected one would do more than name the kind: Liquibase, finding it there, makes its tables wherever it reads an include.
     */
    private <T> T forChecksums(Scope.ScopedRunnerWithReturn<T> work) {
        Database kind;
        try {
            kind = database.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException notMade) {
            return inScope(work);
        }
        return inScope(() -> Scope.child(Map.of(Scope.Attr.database.name(), kind), work));
    }

    /** The changesets of the changelog with this id, or in this file (a path as the learner types it). */
    public List<ChangeSet> changeSetsNamed(String idOrFile) {
        List<ChangeSet> all = changelog().getChangeSets();
        String file = idOrFile.replace('\\', '/').replaceFirst("^\\./", "");
        List<ChangeSet> named = all.stream().filter(changeSet -> changeSet.getId().equals(idOrFile)).toList();
        if (named.isEmpty()) {
            named = all.stream().filter(changeSet -> changeSet.getFilePath().equals(file)).toList();
        }
        if (named.isEmpty()) {
            throw new LessonError("The changelog has no changeset with the id or file " + idOrFile + ".",
                    "./jbang history lists every changeset with its id and file.", 2, null);
        }
        return named;
    }

    static String describe(ChangeSet changeSet) {
        String comment = changeSet.getComments();
        return comment != null && !comment.isBlank() ? comment.strip() : changeSet.getDescription();
    }

    /** A Liquibase command by name; only an unknown name fails here, which would be a bug of ours. */
    static CommandScope command(String... name) {
        try {
            return new CommandScope(name);
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase has no command " + String.join(" ", name), e);
        }
    }

    private void run(ChangeSetRecorder recorder, CommandScope command) {
        ChangelogLock.register(); // Liquibase resets its lock services after every command
        command.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database);
        command.setOutput(OutputStream.nullOutputStream());
        try {
            inScope(() -> {
                if (recorder == null) {
                    return command.execute();
                }
                return Scope.child(recorder.sql, Map.of(), command::execute);
            });
        } catch (LessonError failure) {
            throw recorder == null || recorder.runs.isEmpty() ? failure : partly(failure, recorder);
        }
    }

    /**
     * A failure after some changesets went through: each of those is applied (or rolled back)
     * whole, with its record, so say which, instead of "Nothing was changed".
     */
    private static LessonError partly(LessonError failure, ChangeSetRecorder recorder) {
        List<String> ran = recorder.runs.stream().filter(run -> run.skip() == Skip.NONE).map(Run::id).toList();
        List<String> skipped = recorder.runs.stream().filter(Run::markedRan).map(Run::id).toList();
        List<String> continued = recorder.runs.stream().filter(Run::continued).map(Run::id).toList();
        List<String> said = new ArrayList<>();
        if (!ran.isEmpty()) {
            said.add((ran.size() == 1 ? "changeset " : "changesets ") + were(ran, (recorder.rollingBack ? "rolled back" : "applied") + " in full"));
        }
        if (!skipped.isEmpty()) {
            said.add(were(skipped, skippedBy(skipped.size()) + " and recorded as ran"));
        }
        if (!continued.isEmpty()) {
            said.add(were(continued, skippedBy(continued.size()) + " and not recorded"));
        }
        String what = failure.whatAlone()
                + BEFORE_THAT + String.join("; ", said) + "; the one that failed left nothing behind.";
        return new LessonError(what, failure.next(), failure.exitCode(), failure.getCause());
    }

    /** How a failure midway goes on to say what went through before it (a preview says "on the copy" there). */
    public static final String BEFORE_THAT = "\nBefore that, ";

    /** "A, B were WHAT", or "A was WHAT". */
    private static String were(List<String> ids, String what) {
        return String.join(", ", ids) + (ids.size() == 1 ? " was " : " were ") + what;
    }

    /** "skipped by its precondition", or "skipped by their preconditions" for more changesets than one. */
    public static String skippedBy(long changesets) {
        return "skipped by " + (changesets == 1 ? "its precondition" : "their preconditions");
    }

    <T> T inScope(Scope.ScopedRunnerWithReturn<T> work) {
        try {
            return Scope.child(Map.of(
                    Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(project.root()),
                    Scope.Attr.ui.name(), new LoggerUIService()), work);
        } catch (Exception e) {
            throw explain(e);
        }
    }

    /** Failures in the learner's words; a server's changelog lock left taken needs the server's own release command. */
    private LessonError explain(Exception e) {
        return ChangelogLock.heldOnServer(project, e).orElseGet(() -> Failures.explain(e, this::recordsChangeSetsOf,
                file -> Revisions.takeBack(project, file), project));
    }

    /** Whether the database records a changeset of this file as applied; empty when it cannot be asked. */
    private Optional<Boolean> recordsChangeSetsOf(String file) {
        if (askingForRecords) {
            return Optional.empty(); // asked while explaining a failure of that very question
        }
        askingForRecords = true;
        try {
            List<RanChangeSet> ranAll = applied();
            boolean applied = ranAll.stream().anyMatch(ran -> ran.getChangeLog().equals(file));
            // break-2, for check once the file is back (fix-3 halfway); not a changeset file that is there, whose sqlFile is missing.
            if (applied && !java.nio.file.Files.exists(project.root().resolve(file))) {
                MissingFileSeen.note(project, file, ranAll);
            }
            return Optional.of(applied);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        } finally {
            askingForRecords = false;
        }
    }

    private boolean askingForRecords;
}
