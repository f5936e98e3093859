package tutorial.cli;

import java.nio.file.Files;
import java.util.List;

import liquibase.changelog.RanChangeSet;
import tutorial.database.LibraryDatabase;
import tutorial.exercises.EarlyUpgrade;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.ChangelogFailures;
import tutorial.lesson.Quiet;
import tutorial.liquibase.AppliedButAbsent;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.MissingFileSeen;
import tutorial.liquibase.RanHere;
import tutorial.liquibase.Revisions;
import tutorial.liquibase.RollbackTarget;
import tutorial.project.Project;

/**
 * What ./jbang liquibase says and notes once the CLI has run: check's notes kept up to date (tables made early, a tag made on a
 * broken chain), and, after what the CLI printed, the tutorial's way on where the CLI's own advice does not fit here. Reads
 * library.db before the run, to tell what the run changed.
 */
public final class CliNotes {

    private final TypedCommand command;
    /** Whether library.db had Liquibase's tables before the run, and how many rows DATABASECHANGELOG held; null where unread. */
    private final long[] changelogRowsBefore;
    /** For a tag command: the tag the changesets applied last carried before it, or null. */
    private final String tagBefore;
    /** For a rollback or an update: the rows applied before it (the tags that may go with them, what it ran); empty for another command. */
    private final List<RanChangeSet> appliedBefore;

    private CliNotes(TypedCommand command, long[] changelogRowsBefore, String tagBefore, List<RanChangeSet> appliedBefore) {
        this.command = command;
        this.changelogRowsBefore = changelogRowsBefore;
        this.tagBefore = tagBefore;
        this.appliedBefore = appliedBefore;
    }

    /** Read before the CLI runs. */
    public static CliNotes lookingAt(TypedCommand command) {
        return new CliNotes(command, changelogRows(command), newestTag(command),
                (command.rollsBack() || command.recording() != null) && command.onDatabaseThere() ? applied(command) : List.of());
    }

    /** The rows applied to the database the command works on; none where it cannot be read (the CLI says why). */
    private static List<RanChangeSet> applied(TypedCommand command) {
        return reading(command.onDatabaseGiven(), (library, migrations) -> migrations.applied(), List.of()); // none: no note
    }

    /**
     * What a reading of this database gives, with Liquibase's INFO lines kept out; orElse where it cannot be read (a LessonError
     * too: the CLI says what is wrong). Each note reads it so, best effort: the command is done either way.
     */
    private static <T> T reading(Project target, java.util.function.BiFunction<LibraryDatabase, Migrations, T> read, T orElse) {
        List<T> result = new java.util.ArrayList<>(java.util.Collections.singletonList(orElse));
        Quiet.whileReading(() -> {
            try (LibraryDatabase library = LibraryDatabase.open(target)) {
                result.set(0, read.apply(library, Migrations.on(target, library)));
            } catch (RuntimeException unreadable) {
                // orElse
            }
        });
        return result.get(0);
    }

    /** The tag on the changeset applied last, for a tag command on the project's library.db; null for none, or another command. */
    private static String newestTag(TypedCommand command) {
        if (command.tag() == null || !command.onDatabaseThere()) {
            return null;
        }
        return reading(command.onDatabaseGiven(), (library, migrations) -> {
            List<RanChangeSet> applied = migrations.applied();
            return applied.isEmpty() ? null : applied.get(applied.size() - 1).getTag();
        }, null);
    }

    /** After the CLI ended with this code, having printed what it said. */
    public void say(int code, String said) {
        noteEarlyTables();
        // The rows after an update, a changelog-sync or a rollback, read once for the two notes below.
        List<RanChangeSet> appliedAfter = command.rollsBack() || command.recording() != null ? applied(command) : List.of();
        noteRanHere(appliedAfter); // a failed update ran those before the one that failed
        if (code == 0) {
            noteTag();
            sayTagsGone(appliedAfter);
            saySyncedWithoutTheirWork(appliedAfter);
        }
        sayNotSupported(code, said);
        sayPreviewOnSqlite(said);
        sayBusy(code, said);
        sayHelpHere(said);
    }

    /**
     * Whether library.db (the project's own, there already) has Liquibase's tables, and how many
     * rows DATABASECHANGELOG holds: {1 or 0, rows}; null for a database --url names, or one not
     * readable now (the CLI says why).
     */
    private static long[] changelogRows(TypedCommand command) {
        Project project = command.project();
        if (command.url() != null || project.databaseFile() == null || !Files.isRegularFile(project.databaseFile())) {
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
    private void noteEarlyTables() {
        if (changelogRowsBefore == null) {
            return;
        }
        try (LibraryDatabase library = LibraryDatabase.open(command.project())) {
            boolean tookOneBack = library.hasChangelogTable()
                    && library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") < changelogRowsBefore[1];
            EarlyUpgrade.after(command.project(), library, changelogRowsBefore[0] == 1, tookOneBack);
        } catch (RuntimeException unreadable) { // a LessonError too
            // best effort, as EarlyUpgrade's note is
        }
    }

    /**
     * A tag that took the place of the one the changesets applied last carried: said, as 05_upgrade --tag says it. A tag made
     * on the project's library.db while an applied changeset's file is missing (break-2, not yet repaired): said, and
     * noted as check notes a missing file (MissingFileSeen), so that fix-3 counts only a tag made once the file is back, whether
     * or not a check looked while it was away; one made once it is back is noted as such, whatever its name. Best effort: the
     * tag is made either way.
     */
    private void noteTag() {
        String named = command.tag();
        if (named == null || !command.onDatabaseThere()) {
            return; // tag --help tags nothing (the newest row's tag, made before, was noted as made now)
        }
        Project project = command.project();
        Project target = command.onDatabaseGiven();
        Quiet.whileReading(() -> {
            try (LibraryDatabase library = LibraryDatabase.open(target)) {
                Migrations migrations = Migrations.on(target, library);
                List<RanChangeSet> applied = migrations.applied();
                // The tag typed, once a row carries it: the CLI put it on the rows applied last.
                String tagged = applied.stream().anyMatch(row -> named.equals(row.getTag())) ? named : null;
                String lost = tagged == null ? null : RollbackTarget.tagReplaced(tagBefore, tagged, applied);
                if (lost != null) {
                    System.err.println(lost);
                }
                // On several rows (applied in one second), where 07_rollback --to it comes back to: said as 05_upgrade --tag says it.
                List<String> landed = tagged == null ? List.of() : RollbackTarget.taggedLast(tagged, applied);
                if (landed.size() > 1) {
                    Console.errorPlain(RollbackTarget.taggedWhere(tagged, landed,
                            CommandLine.onSameDatabase(target, "steps/07_rollback.java --to " + CommandLine.quoted(tagged))));
                }
                if (!command.onProjectsDatabase()) {
                    return; // fix-3's note is of the project's library.db
                }
                MissingFileSeen.noteTagged(project, migrations, tagged).ifPresent(missing -> {
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
     * What an update ran, changelog-sync recorded, or a rollback took back, on the project's library.db: fix-1's check tells a
     * run from changelog-sync's record.
     */
    private void noteRanHere(List<RanChangeSet> now) {
        if (!command.onProjectsDatabase() || !(command.rollsBack() || command.recording() != null)) {
            return;
        }
        if (command.rollsBack()) {
            RanHere.noteRolledBack(command.project(), appliedBefore, now);
        } else if ("applied".equals(command.recording())) {
            RanHere.noteRan(command.project(), Migrations.notIn(now, appliedBefore));
        } else if ("synced".equals(command.recording())) {
            RanHere.noteSynced(command.project(), Migrations.notIn(now, appliedBefore));
        }
    }

    /**
     * After a changelog-sync (or mark-next-changeset-ran), each changeset it recorded whose work the database does not have (a column it adds, not there): the
     * record now says what the database is not (Explain it 3's "lie"), which the CLI recorded without a word, and later steps met
     * as a failing rollback or a column autogenerate wrote twice. Said with the way to take that record back; fix-1's sync, over a
     * column made by hand, says nothing.
     */
    private void saySyncedWithoutTheirWork(List<RanChangeSet> now) {
        // changelog-sync and mark-next-changeset-ran record without running; a changelog of their own is theirs to read.
        if (command.recording() == null || "applied".equals(command.recording()) || !command.onDatabaseThere() || command.changelogOfTheirOwn()) {
            return;
        }
        List<RanChangeSet> recorded = Migrations.notIn(now, appliedBefore);
        if (recorded.isEmpty()) {
            return;
        }
        Project target = command.onDatabaseGiven();
        String said = reading(target, (library, migrations) -> {
            List<AppliedButAbsent> absent = AppliedButAbsent.ofSynced(migrations, library, recorded);
            return absent.isEmpty() ? null : String.join("\n", absent.stream().map(one -> one.disagreement(library.name()) + ".").toList())
                    + "\n" + AppliedButAbsent.takeBackRecords(target, absent.stream().map(AppliedButAbsent::id).toList());
        }, null);
        if (said != null) {
            Console.errorPlain(said);
        }
    }

    /**
     * After a rollback, the tags that went with the rows it took back, as 07_rollback says them: applying the changesets again
     * does not bring them back (fix-3's tag, rolled back with rollback-count and applied again with update, was gone unsaid).
     */
    private void sayTagsGone(List<RanChangeSet> now) {
        if (appliedBefore.isEmpty() || !command.rollsBack()) {
            return;
        }
        String gone = RollbackTarget.tagsGone(appliedBefore, now,
                tag -> CommandLine.liquibaseOnSameDatabase(command.onDatabaseGiven(), "tag " + CommandLine.quoted(tag)),
                cli -> CommandLine.liquibaseOnSameDatabase(command.onDatabaseGiven(), cli));
        if (gone != null) {
            Console.errorPlain(gone);
        }
    }

    /**
     * A change SQLite cannot run, in a changelog the CLI validated (changelog-sync and update over break-3's modifyDataType): said as
     * 05_upgrade says it, with the way to take it back, after Liquibase's "Validation Failed" and its exception details.
     */
    private void sayNotSupported(int code, String said) {
        if (code == 0) {
            return;
        }
        ChangelogFailures.notSupported(said, file -> Revisions.takeBack(command.project(), file)).ifPresent(refused -> {
            System.err.println();
            refused.report();
        });
    }

    /**
     * A preview (update-sql, rollback-sql and the like) that stopped on SQLite with Liquibase 4.33's "requires access to up to date
     * database metadata": Liquibase writes a change it makes there by rebuilding the table (addColumn, dropColumn) from the live
     * table, which a preview does not read. The step's preview runs it on a copy of the same database instead.
     */
    private void sayPreviewOnSqlite(String said) {
        String url = command.url();
        if (!said.contains("requires access to up to date database metadata")
                || !(url == null ? command.project().url() : url).startsWith("jdbc:sqlite:")) {
            return;
        }
        boolean rollback = command.previewsARollback();
        String options = command.options("--url", "--username", "--password");
        System.err.println();
        System.err.println("On SQLite, Liquibase 4.33 cannot preview a change it makes by rebuilding a table (addColumn, dropColumn):");
        System.err.println("it needs the table itself. This shows the SQL, run on a copy of the database:");
        Console.errorPlain("  ./jbang " + (rollback ? "steps/07_rollback.java --sql" : "steps/05_upgrade.java --sql") + options
                + (rollback ? "   (with the COUNT or --to you mean)" : ""));
    }

    /**
     * The CLI stopped by SQLite's busy (another program writing to the file, a database browser with changes not saved), said as
     * the steps say it. The CLI keeps its exception to itself and prints it: its code's name in what it printed is all there is
     * to read (ChangelogLock.isBusy reads the exception, where the steps have it). Liquibase applies a changeset and its record in one transaction,
     * so what stopped there left nothing half-done; changesets before it may have gone through, and history says which.
     */
    private void sayBusy(int code, String said) {
        if (code == 0 || !said.contains("SQLITE_BUSY")) {
            return;
        }
        Project target = command.onDatabaseGiven();
        String name = target.databaseFile() == null ? CommandLine.databaseName(target) : target.relative(target.databaseFile());
        System.err.println();
        System.err.println(name + " was busy: another program is using it (a step still running, or a database browser with unsaved "
                + "changes or a query left open), and Liquibase stopped there.");
        Console.errorPlain("Let it finish (write, revert or close the browser's work), then run the command again; ./jbang liquibase history "
                + "shows what was applied before the stop.");
    }

    /**
     * The CLI's "try 'liquibase --help'" (and its "Did you mean: liquibase tag"), which a learner types here as ./jbang liquibase:
     * said so after it, where a bare liquibase is no command on their machine.
     */
    private static void sayHelpHere(String said) {
        if (said.contains("try 'liquibase --help'")) {
            Console.errorPlain("In this tutorial, liquibase is ./jbang liquibase: ./jbang liquibase --help, or ./jbang liquibase COMMAND --help.");
        }
    }
}
