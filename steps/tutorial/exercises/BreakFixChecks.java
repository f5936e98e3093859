package tutorial.exercises;

import static tutorial.exercises.Exercise.Verdict.done;
import static tutorial.exercises.Exercise.Verdict.missing;

import java.util.List;
import java.util.Optional;

import liquibase.changelog.ChangeSet;

import tutorial.exercises.Exercise.Verdict;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.liquibase.MissingFileSeen;
import tutorial.liquibase.RollbackBlocks;

/**
 * How check judges the Break and Fix exercises, each Break with the Fix that puts it right (break-1 and fix-1, break-2 and fix-3,
 * break-3 and fix-2), from library.db and the changelog as they are now (Evidence): one method an exercise, named in the one list
 * (Exercises.ALL).
 */
final class BreakFixChecks {

    private static final String MEND_IN_PLACE = AlterChecks.MEND_IN_PLACE;

    private BreakFixChecks() {
    }

    static Verdict break1(Evidence evidence) {
        Optional<ChangeSet> byAnUpgrade = evidence.addedByAnUpgrade("books", "notes");
        return evidence.column("books", "notes").isEmpty() ? notesTakenBack(evidence).orElse(missing("books has no notes column: add it by hand first."))
            : byAnUpgrade.isPresent() ? notesMadeByAnUpgrade(byAnUpgrade.get())
            : evidence.modelColumn("books", "notes").isPresent()
            ? done("books.notes exists in library.db, made by hand; the models declare it too now (fix-1), so autogenerate no longer proposes to drop it.")
            : done("books.notes exists in library.db, made by hand. Autogenerate proposes dropColumn notes: the models do not have it.");
    }

    static Verdict fix1(Evidence evidence) {
        if (evidence.column("books", "notes").isEmpty()) {
            return notesTakenBack(evidence).orElse(missing("Do break-1 first: library.db has no hand-made notes column to keep."));
        }
        if (evidence.modelColumn("books", "notes").isEmpty()) {
            return missing("The models do not declare notes yet.");
        }
        String modelled = evidence.modelColumn("books", "notes").get().type();
        String stored = evidence.column("books", "notes").get().type();
        if (!modelled.equalsIgnoreCase(stored)) {
            return missing("notes is " + modelled + " in the models, " + stored + " in library.db: declare it as library.db has it.");
        }
        // changelog-sync records every pending changeset: break-1's proposal too, when it was not taken back.
        List<ChangeSet> drops = evidence.appliedChangeSetsWith("dropColumn", "notes");
        if (!drops.isEmpty()) {
            ChangeSet drop = drops.get(0);
            return missing("library.db records " + drop.getId() + " (" + drop.getFilePath() + ") as applied, and it drops notes: "
                    + "break-1's proposal, recorded with the rest by changelog-sync. Yet notes is there, and a teammate's clone "
                    + "would run it. Take back its record (./jbang explore, then sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '"
                    + drop.getId() + "'\")), then delete its file and its include in the master changelog.");
        }
        // revision's template has rollback: [], which over an addColumn tells Liquibase there is nothing to undo.
        for (ChangeSet adds : evidence.appliedChangeSetsWith("addColumn", "notes")) {
            Optional<RollbackBlocks.EmptyRollback> undoesNothing = RollbackBlocks.emptyOver(evidence.migrations(), adds);
            if (undoesNothing.isPresent()) {
                return missing(adds.getId() + " adds notes, and its empty rollback block (" + RollbackBlocks.emptyRollback(adds)
                        + ", from revision's template) tells Liquibase there is nothing to undo: rolled back, in a teammate's clone "
                        + "too, notes would stay while its record went. " + undoesNothing.get().wayOut(adds)
                        + " (a rollback block is not part of the checksum, so this edit is safe on an applied changeset).");
            }
        }
        if (!evidence.appliedChange("addColumn", "notes")) {
            return missing("No applied changeset adds notes: write one, then mark it applied with changelog-sync.");
        }
        Optional<ChangeSet> byAnUpgrade = evidence.addedByAnUpgrade("books", "notes");
        if (byAnUpgrade.isPresent()) {
            return notesMadeByAnUpgrade(byAnUpgrade.get());
        }
        // Recorded without running, the changeset's type is never checked against library.db's: a teammate's clone,
        // which runs it, would get its type.
        Optional<String> recorded = evidence.typeFirstAdded("books", "notes");
        if (recorded.isPresent() && !Evidence.sameType(recorded.get(), stored)) {
            return missing("notes is " + stored + " in library.db, but the applied changeset that adds it says " + recorded.get()
                    + ": it never ran here, and a teammate's clone, which runs it, would get " + recorded.get() + ". Write the type "
                    + "as library.db has it, then ./jbang liquibase clear-checksums (nothing of it ran: the record takes the edit).");
        }
        return done("notes is in the models, in library.db, and in an applied changeset: all three agree.");
    }

    static Verdict break2(Evidence evidence) {
        if (!evidence.appliedButFileMissing().isEmpty()) {
            return done("Broken as asked: library.db records " + evidence.appliedButFileMissing().get(0)
                    + " as applied, and the file is gone. Now do fix-3.");
        }
        return fix3Done(evidence)
                ? done("Broken, then repaired in fix-3: the chain is whole again.")
                : evidence.fileFoundMissing().isPresent()
                ? done("Broken as asked (" + evidence.fileFoundMissing().get() + " was found missing), and the file is back: "
                        + "now tag the repaired chain (fix-3).")
                : missing("Every applied changeset's file is in place: nothing is broken yet.");
    }

    static Verdict fix3(Evidence evidence) {
        if (!evidence.appliedButFileMissing().isEmpty()) {
            return missing("library.db records " + evidence.appliedButFileMissing().get(0) + " as applied, but the file is gone.");
        }
        if (fix3Done(evidence)) {
            return done("Every applied changeset's file is in place, and a tag marks the repaired chain.");
        }
        if (evidence.fileFoundMissing().isEmpty()) {
            return missing("Do break-2 first: no applied changeset's file has been found missing, so there is no chain to repair.");
        }
        List<String> before = MissingFileSeen.tags(evidence.migrations().applied()).stream().distinct().toList(); // one tag on several rows: once
        return before.isEmpty() ? missing("The chain is whole, but no applied changeset carries a tag yet (./jbang liquibase tag NAME).")
                : missing("The chain is whole, but its " + (before.size() == 1 ? "tag " : "tags ") + String.join(", ", before) + " marked it before "
                        + "the file was back: tag the repaired chain now (./jbang liquibase tag NAME; the same name will do).");
    }

    /** The chain whole, and a tag made since a file of it was found missing (break-2). */
    private static boolean fix3Done(Evidence evidence) {
        return evidence.appliedButFileMissing().isEmpty() && !evidence.tagsSinceFileMissing().isEmpty();
    }

    static Verdict break3(Evidence evidence) {
        Optional<Table.Column> modelled = evidence.modelColumn("books", "isbn");
        Optional<LibraryDatabase.ColumnInfo> stored = evidence.column("books", "isbn");
        if (modelled.isEmpty() || stored.isEmpty()) {
            return missing("Do alter-1 first: this exercise changes the type of isbn.");
        }
        // Broken: the models' type is not library.db's; or it was, and fix-2 has migrated library.db since.
        String added = evidence.typeFirstAdded("books", "isbn").orElse(stored.get().type());
        if (modelled.get().type().equalsIgnoreCase(stored.get().type()) && stored.get().type().equalsIgnoreCase(added)) {
            return missing("The models still declare isbn as " + modelled.get().type() + ", as library.db has it: change its type in the models only.");
        }
        if (modelled.get().type().equalsIgnoreCase(added)) { // library.db changed by a changeset (fix-2's, first), the models never
            return missing("The models still declare isbn as " + modelled.get().type() + ", as alter-1 added it, while library.db has "
                    + stored.get().type() + " (a changeset changed it, before the models did): break-3 changes its type in the models; declare it "
                    + stored.get().type() + " in steps/models/Models.java.");
        }
        return done("The models declare isbn as " + modelled.get().type() + "; library.db has "
                + stored.get().type() + (modelled.get().type().equalsIgnoreCase(stored.get().type())
                ? " (migrated since, in fix-2)." : ". Nothing crashes: SQLite stores any value in any column."));
    }

    static Verdict fix2(Evidence evidence) {
        Optional<LibraryDatabase.ColumnInfo> stored = evidence.column("books", "isbn");
        Optional<Table.Column> modelled = evidence.modelColumn("books", "isbn");
        if (stored.isEmpty() || modelled.isEmpty()) {
            return missing("Do alter-1 and break-3 first.");
        }
        String added = evidence.typeFirstAdded("books", "isbn").orElse(stored.get().type());
        if (!stored.get().type().equalsIgnoreCase(modelled.get().type())) {
            return missing(stored.get().type().equalsIgnoreCase(added)
                    ? "library.db still has isbn as " + stored.get().type() + "; the models say " + modelled.get().type() + ": change it with a "
                            + "changeset of your own, with a rollback, and apply it (./jbang steps/05_upgrade.java)."
                    : "library.db has isbn as " + stored.get().type() + " now (a changeset changed it); the models still say "
                            + modelled.get().type() + ": declare it " + stored.get().type() + " in steps/models/Models.java too (break-3).");
        }
        if (stored.get().type().equalsIgnoreCase(added)) {
            return missing("Do break-3 first: isbn is " + added + " in the models and library.db, as alter-1 added it.");
        }
        Optional<ChangeSet> changed = evidence.laterChangeWithRollback("books", "isbn");
        if (changed.isEmpty()) {
            return missing("isbn is " + stored.get().type() + " in library.db (it was " + added + "), but not through an applied changeset with a rollback block.");
        }
        // ISBNs it cut when it ran (a CAST with no precondition), still cut now: library.db no longer shows what they
        // were, and 05_upgrade said so before it ran.
        List<String> cut = evidence.stillCut(changed.get(), "books", "isbn");
        if (!cut.isEmpty()) {
            return missing(evidence.cutSaid(changed.get(), cut));
        }
        // Its own rollback, tried on a copy: one that leaves isbn_number behind, or isbn not as it was (TEXT where alter-1
        // added VARCHAR(20)), is no rollback yet.
        Evidence.RollbackCheck rollback = evidence.rollbackFaults(changed.get(), "books", "isbn", evidence.typeFirstAdded("books", "isbn").orElse(null));
        // Not its rollback's fault: the changeset itself drops the values (drop isbn, add it again), which the trip shows where
        // the values are (the changelog's own build, filled with ISBN digits), not on a library.db whose isbn was empty.
        java.util.Optional<String> dropsValues = rollback.faults().stream().filter(fault -> fault.contains(tutorial.safety.RoundTrip.VALUES_NOT_COPIED)).findFirst();
        if (dropsValues.isPresent()) {
            return missing("isbn is " + stored.get().type() + " in library.db, by " + changed.get().getId() + ", but that changeset loses the "
                    + "values instead of copying them (./jbang roundtrip " + changed.get().getId() + " shows the whole trip): "
                    + dropsValues.get().replaceFirst("^on a fresh database the changelog builds, with the sample books: ", "on a fresh database the changelog builds, ")
                    + ". Roll it back (./jbang steps/07_rollback.java), make it copy them (rename isbn aside, add the new isbn, copy with "
                    + "CAST, drop the old one: ./jbang hint fix-2), and upgrade again.");
        }
        return rollback.faults().isEmpty()
                ? done("isbn is " + stored.get().type() + " in library.db (it was " + added + "), changed by a hand-written changeset with a rollback."
                        + rollback.notTried(changed.get()))
                : missing("isbn is " + stored.get().type() + " in library.db, by " + changed.get().getId() + ", but its rollback does not "
                        + "undo it (./jbang roundtrip " + changed.get().getId() + " shows the whole trip): " + rollback.faults().get(0).replaceFirst("\\.$", "")
                        + ". " + MEND_IN_PLACE);
    }

    /**
     * notes made by an applied changeset that an upgrade ran here (model, autogenerate, 05_upgrade: the ordinary way), where break-1
     * makes it by hand, outside any migration, and fix-1 records a changeset for it without running it (Liquibase's record says
     * EXECUTED of both: RanHere tells them apart). Both were called done over it.
     */
    private static Verdict notesMadeByAnUpgrade(ChangeSet adds) {
        return missing("books.notes was made by " + adds.getId() + " (" + adds.getFilePath() + "), which an upgrade ran: break-1 makes it by "
                + "hand, outside any migration, and fix-1 then records a changeset for it without running it (changelog-sync). To do them as "
                + "the lesson has them: roll " + adds.getId() + " back (./jbang steps/07_rollback.java; it drops notes), take notes out of the "
                + "models and the changeset back (./jbang revision --discard), then add the column by hand: "
                + "./jbang explore, then sql(\"ALTER TABLE books ADD COLUMN notes TEXT\").");
    }

    /**
     * No notes column, while a changeset that adds it waits in the changelog: fix-1 done, then taken
     * back by 07_rollback (which ran its addColumn's inverse, a drop). Adding notes by hand again
     * would leave that changeset to fail on the next upgrade; applying it puts both exercises back.
     */
    private static Optional<Exercise.Verdict> notesTakenBack(Evidence evidence) {
        return evidence.notAppliedChangeSetsWith("addColumn", "books", "notes").stream().findFirst()
                .map(adds -> missing("books has no notes column, but " + adds.getFilePath() + " adds it and is not applied (taken back by "
                        + "07_rollback?). Apply it again: ./jbang steps/05_upgrade.java (adding notes by hand instead would make it fail)."));
    }
}
