package tutorial.safety;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.liquibase.AppliedButAbsent;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.Overwrites;
import tutorial.liquibase.ProgramsOnACopy;
import tutorial.liquibase.Revisions;
import tutorial.liquibase.RollbackBlocks;
import tutorial.project.Project;

/**
 * Proves that a migration round-trips: on a throw-away copy of library.db, apply it, roll it back and apply it again, and after each compare the whole
 * database, schema and rows ({@link DatabaseSnapshot}), with what it was: after the rollback
 * with the state before the apply, after applying again with the state after the first apply.
 * The learner's own library.db, models and changelog are only ever read, to be copied.
 *
 * What is round-tripped: the pending changesets together, as 05_upgrade would apply them; or
 * one changeset, from the state just before it: on the copy, the changesets applied after it
 * (and it, when it is applied) are rolled back first, and pending ones before it applied.
 * ./jbang roundtrip and the mastery check both go through here, so they cannot disagree.
 */
public final class RoundTrip {

    /**
     * What the round trip did on the copy, and every difference it found: faithful when there is
     * none. nothingToDo, when not null, says why nothing ran. changesets: "0001-1", or "0002-1, 0003-1". typesAtStart: each
     * column's type ("books.isbn", in lower case) where the trip started: for an applied changeset, after its own rollback.
     */
    public record Result(String nothingToDo, String changesets, List<Migrations.Run> rolledBackFirst, List<Migrations.Run> appliedFirst,
                         List<Migrations.Run> applied, List<Migrations.Run> rolledBack, List<Migrations.Run> appliedAgain,
                         List<String> differences, List<String> notes, String rowCounts, boolean comparedWithYours, boolean applyChangedNothing,
                         java.util.Map<String, String> typesAtStart) {

        /**
         * Faithful: rolled back and applied again, it came back as it was. applyChangedNothing: applying it changed nothing on
         * the copy, so faithful says nothing of its rollback (for an applied changeset: a rollback that undid nothing, SELECT 1
         * or one that makes the same again; for a pending one: a changeset that does nothing here).
         */
        public boolean faithful() {
            return nothingToDo == null && differences.isEmpty();
        }
    }

    /** How a difference says that a changeset which changes a column's type drops its values instead of copying them. */
    public static final String VALUES_NOT_COPIED = "it does not copy them into the column's new type";

    private RoundTrip() {
    }

    /** The pending changesets, all together. */
    public static Result ofPending(Project project, List<Table> models) {
        return onCopy(project, models, null, false);
    }

    /** One changeset of the changelog, by id, applied or pending. */
    public static Result of(Project project, List<Table> models, String id) {
        return onCopy(project, models, id, false);
    }

    /** The newest changeset applied to library.db: the mastery check's "rolls back and applies again". */
    public static Result ofNewestApplied(Project project, List<Table> models) {
        return onCopy(project, models, null, true);
    }

    /** models: what 01_create builds the changelog's start from, for an applied changeset's state before it (ReplayedBefore). */
    private static Result onCopy(Project project, List<Table> models, String id, boolean newestApplied) {
        Path database = project.databaseFile();
        if (database == null) {
            throw new LessonError("The round trip works on a throw-away copy of library.db, and liquibase.properties names a "
                    + "database server (" + project.url() + ").",
                    "On a server, ./jbang postgres runs your changelog on a throw-away PostgreSQL server and rolls it all back.");
        }
        if (!Files.isRegularFile(database)) {
            throw new LessonError(project.relative(database) + " does not exist yet.", "Create it first with: ./jbang steps/01_create.java");
        }
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            // What the trip runs or rolls back: the changeset named (or the newest applied, or the first pending) and all after it.
            Migrations migrations = Migrations.on(project, library);
            List<liquibase.changelog.ChangeSet> all = migrations.changelog().getChangeSets();
            List<liquibase.changelog.RanChangeSet> applied = migrations.applied();
            int from = id != null || newestApplied ? 0 : all.size();
            for (int i = all.size() - 1; i >= 0; i--) {
                liquibase.changelog.ChangeSet changeSet = all.get(i);
                boolean isApplied = applied.stream().anyMatch(ran -> ran.isSameAs(changeSet));
                if (id != null ? changeSet.getId().equals(id) : newestApplied ? isApplied : !isApplied) {
                    from = i;
                    if (id != null || newestApplied) {
                        break;
                    }
                }
            }
            ProgramsOnACopy.refuse("a round trip", all.subList(from, all.size()));
        }
        // Only library.db is copied: the changelog and models are read where they are, as --sql does.
        return LibraryDatabase.onCopy(database, "the round trip", copy -> new Trip(project, models, copy).run(id, newestApplied));
    }

    /** One round trip on the copy: the plan, then apply, roll back, apply again, with a snapshot after each. */
    private static final class Trip {
        /** The learner's project, whose database the copy is of: the ways out name that one. */
        private final Project project;
        private final List<Table> models;
        private final Migrations migrations;
        private final LibraryDatabase library;
        private final List<Migrations.Run> rolledBackFirst = new ArrayList<>();
        private final List<Migrations.Run> appliedFirst = new ArrayList<>();
        private final List<Migrations.Run> applied = new ArrayList<>();
        private final List<Migrations.Run> rolledBack = new ArrayList<>();
        private final List<Migrations.Run> appliedAgain = new ArrayList<>();
        private final List<String> differences = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String rowCounts = "";
        /** What is round-tripped: "0001-1", or "0002-1, 0003-1". */
        private String planned = "";
        private List<ChangeSet> plannedChangeSets = List.of();
        /** One changeset (update-count 1), or every pending one (update). */
        private boolean one;
        /** Applying it changed nothing on the copy: the round trip shows nothing of its rollback. */
        private boolean applyChangedNothing;
        /**
         * The copy as it came, when the changeset round-tripped is the newest applied to it (and
         * nothing else had to move): applying it after its rollback must give this back.
         */
        private DatabaseSnapshot yours;
        /** The copy as the target's own rollback left it, where nothing ran after (the trip's start: not read again). */
        private DatabaseSnapshot rolledBackTo;
        private final java.util.Map<String, String> typesAtStart = new java.util.HashMap<>();

        Trip(Project project, List<Table> models, LibraryDatabase library) {
            this.project = project;
            this.models = models;
            this.library = library;
            this.migrations = Migrations.on(project, library);
        }

        Result run(String id, boolean newestApplied) {
            List<ChangeSet> changelog = migrations.changelog().getChangeSets();
            List<RanChangeSet> ran = migrations.applied();
            if (id == null && !newestApplied) {
                List<ChangeSet> pending = migrations.pending();
                if (pending.isEmpty()) {
                    return nothing(changelog.isEmpty()
                            ? "Nothing to round-trip: the changelog has no changeset yet (04_autogenerate writes the first)."
                            : ran.isEmpty() ? "Nothing to round-trip: Liquibase would run no changeset of the changelog on library.db."
                            : "Nothing to round-trip: no changeset is pending, every one is applied to library.db.\nName one to try it "
                            + "anyway, e.g. the newest applied: ./jbang roundtrip " + ran.get(ran.size() - 1).getId());
                }
                // An empty changeset (or one with no change for SQLite) 05_upgrade refuses: refused here too, where the trip applied it
                // on the copy and called it faithful.
                Revisions.requireRunnable(project, migrations, pending, library.name(), "round-trip it");
                RollbackBlocks.require(migrations, pending);
                planned = String.join(", ", pending.stream().map(ChangeSet::getId).toList());
                plannedChangeSets = pending;
            } else {
                ChangeSet target = newestApplied ? newestApplied(changelog, ran) : named(changelog, id);
                // update-count 1 runs the first changeset Liquibase finds to run, and one that runs on every update is always
                // found: before the target, it would be applied and rolled back in the target's place, and the verdict be its.
                ChangeSet always = changelog.subList(0, changelog.indexOf(target)).stream().filter(ChangeSet::isAlwaysRun).findFirst().orElse(null);
                if (always != null) {
                    throw new LessonError("Cannot round-trip " + target.getId() + " alone: " + always.getId() + " (" + always.getFilePath()
                            + "), before it in the changelog, runs on every update (runAlways: true), so Liquibase would run it again in "
                            + target.getId() + "'s place." + Failures.NOTHING_CHANGED,
                            "Round-trip a changeset while it is pending, with the others pending beside it: ./jbang roundtrip");
                }
                // The same for the pending ones the trip applies, up to it.
                List<ChangeSet> applying = migrations.notApplied().stream().filter(changeSet -> changelog.indexOf(changeSet) <= changelog.indexOf(target)).toList();
                Revisions.requireRunnable(project, migrations, applying, library.name(), "round-trip it");
                planned = target.getId();
                plannedChangeSets = List.of(target);
                one = true;
                if (!prepare(target, ran)) {
                    return result();
                }
            }
            return roundTrip();
        }

        private ChangeSet newestApplied(List<ChangeSet> changelog, List<RanChangeSet> ran) {
            if (ran.isEmpty()) {
                throw new LessonError("No changeset is applied to library.db yet: there is nothing to roll back and apply again.",
                        "Apply one first: ./jbang steps/05_upgrade.java");
            }
            // A changeset that only tags (a release marker) changes neither schema nor rows: the newest that does is tried, the
            // marker rolled back first on the copy.
            for (int i = ran.size() - 1; i >= 0; i--) {
                RanChangeSet one = ran.get(i);
                ChangeSet found = changelog.stream().filter(one::isSameAs).findFirst().orElse(null);
                if (found == null && !Migrations.tagOnly(one)) {
                    break; // said below, of the newest
                }
                if (found != null && (found.getChanges().isEmpty()
                        || !found.getChanges().stream().allMatch(liquibase.change.core.TagDatabaseChange.class::isInstance))) {
                    return found;
                }
            }
            RanChangeSet newest = ran.get(ran.size() - 1);
            return changelog.stream().filter(newest::isSameAs).findFirst().orElseThrow(() -> new LessonError(
                    "The newest changeset applied to library.db, " + newest.getId() + " (" + newest.getChangeLog()
                            + "), is no longer in the changelog.", "./jbang history shows the chain and what is missing from it."));
        }

        private ChangeSet named(List<ChangeSet> changelog, String id) {
            List<ChangeSet> called = changelog.stream().filter(changeSet -> changeSet.getId().equals(id)).toList();
            List<String> ids = changelog.stream().map(ChangeSet::getId).distinct().toList();
            if (called.isEmpty()) {
                throw new LessonError("No changeset of the changelog is called " + id + ". "
                        + (ids.isEmpty() ? "The changelog has none yet." : "The changesets: " + String.join(", ", ids) + "."),
                        "./jbang history lists every changeset of the changelog, with its id.", LessonError.USAGE, null);
            }
            if (called.size() > 1) {
                throw new LessonError("Several changesets of the changelog are called " + id + ": " + String.join(", ", called.stream()
                        .map(changeSet -> changeSet.getFilePath() + " (author " + changeSet.getAuthor() + ")").toList())
                        + ". The round trip needs one.", "Give each changeset an id of its own.", LessonError.USAGE, null);
            }
            return called.get(0);
        }

        /**
         * Brings the copy to the state just before the target: it, and the changesets applied
         * after it, rolled back (newest first); pending changesets before it in the changelog applied.
         * False when the target's own rollback failed: that is the round trip's finding.
         */
        private boolean prepare(ChangeSet target, List<RanChangeSet> ran) {
            int at = -1;
            for (int i = 0; i < ran.size(); i++) {
                if (ran.get(i).isSameAs(target)) {
                    at = i;
                }
            }
            if (at >= 0 && Migrations.markedRan(ran.get(at))) {
                // Its rollback would undo what was there before it (a column made by hand), not what it did: nothing.
                throw new LessonError("Cannot round-trip " + target.getId() + ": its precondition skipped it (onFail: MARK_RAN), so it is "
                        + "recorded as ran but ran none of its changes, and rolling it back would undo what was there before it."
                        + Failures.NOTHING_CHANGED,
                        "./jbang history marks it so. A round trip proves a changeset that ran: name one that history shows [applied].");
            }
            List<RanChangeSet> undone = new ArrayList<>(at < 0 ? List.of() : ran.subList(at, ran.size()));
            // The newest applied, the first the copy rolls back, recorded as applied while library.db lacks what it adds
            // (changelog-sync on a database without it): its rollback fails by the record's fault, not the rollback's, and no
            // round trip can start. As 07_rollback asks; older ones are looked at by their own rollback, newest first.
            List<AppliedButAbsent> absent = undone.isEmpty() ? List.of()
                    : AppliedButAbsent.of(migrations, library, undone.subList(undone.size() - 1, undone.size()));
            if (!absent.isEmpty()) {
                AppliedButAbsent first = absent.get(0);
                String which = first.id().equals(target.getId()) ? "it" : first.id() + ", applied after it and so rolled back first on the copy,";
                throw new LessonError("Cannot round-trip " + target.getId() + ": " + which + " " + first.recordDisagrees(CommandLine.databaseName(project))
                        + ", so that rollback cannot run." + Failures.NOTHING_CHANGED, AppliedButAbsent.takeBackRecord(project, first.id()));
            }
            java.util.Collections.reverse(undone);
            // Said before anything runs: first the target's own rollback, the one under test.
            RollbackBlocks.require(migrations, List.of(target));
            try {
                RollbackBlocks.require(migrations, migrations.changeSetsOf(undone));
            } catch (LessonError later) {
                throw new LessonError(later.getMessage() + "\nThe round trip of " + target.getId() + " starts from just before it, so on the "
                        + "copy every changeset applied after it is rolled back first.", later.next());
            }
            if (at >= 0) {
                if (undone.size() > 1) {
                    setUp(() -> rolledBackFirst.addAll(migrations.rollbackCount(undone.size() - 1)),
                            "rolling back the changesets applied after " + target.getId());
                }
                DatabaseSnapshot whileApplied = DatabaseSnapshot.of(library);
                if (undone.size() == 1) {
                    yours = whileApplied;
                }
                if (!step(() -> rolledBackFirst.addAll(migrations.rollbackCount(1)), "rolling back " + target.getId())) {
                    return false; // its own rollback failed: that is what the round trip found
                }
                // The trip compares with what this rollback gave: what it lost, and the apply makes again, only the changelog's
                // own build of the state before it shows.
                DatabaseSnapshot rolledBack = DatabaseSnapshot.of(library);
                rolledBackTo = rolledBack;
                ReplayedBefore.of(project, models, target).ifPresent(replayed -> {
                    ReplayedBefore.lostByRollback(replayed, whileApplied, rolledBack, target.getId())
                            .forEach(line -> differences.add("after its rollback: " + line));
                    replayed.rowsNotBack().forEach(line -> differences.add("on a fresh database the changelog builds, with the sample "
                            + "books: " + line));
                });
            }
            List<ChangeSet> pending = migrations.pending();
            int before = pending.indexOf(target);
            if (before < 0) {
                throw new LessonError("Liquibase leaves " + target.getId() + " out on library.db (a precondition, a context, a label "
                        + "or its dbms), so there is nothing to round-trip.", "./jbang history shows the chain.");
            }
            if (before > 0) {
                yours = null; // the copy then holds changesets the learner's library.db has not applied
                rolledBackTo = null;
                setUp(() -> appliedFirst.addAll(migrations.updateCount(before)), "applying the pending changesets before " + target.getId());
            }
            return true;
        }

        /** A move that only brings the copy to where the round trip starts: when it fails, the round trip cannot start. */
        private void setUp(Runnable operation, String doing) {
            try {
                operation.run();
            } catch (LessonError failure) {
                throw new LessonError("On a copy of the project, " + doing + " failed, so the round trip could not start: "
                        + failure.whatAlone() + " Your library.db was not touched.",
                        failure.next(), failure.exitCode(), failure);
            }
        }

        private Result roundTrip() {
            DatabaseSnapshot before = rolledBackTo != null ? rolledBackTo : DatabaseSnapshot.of(library);
            rowCounts = before.rowCounts();
            before.parts().values().stream().filter(DatabaseSnapshot.ColumnPart.class::isInstance).map(DatabaseSnapshot.ColumnPart.class::cast)
                    .forEach(column -> typesAtStart.put(DatabaseSnapshot.lower(column.table()) + "." + DatabaseSnapshot.lower(column.name()), column.type()));
            if (rolledBackFirst.isEmpty()) {
                try {
                    applied.addAll(apply());
                } catch (LessonError failure) { // not the rollback's doing: nothing was rolled back yet
                    throw new LessonError("Applying " + planned + " failed on a copy of the project, before any rollback: "
                            + failure.whatAlone() + " Your library.db was not touched.",
                            failure.next(), failure.exitCode(), failure);
                }
            } else if (!step(() -> applied.addAll(apply()), "applying " + planned + " after rolling it back")) {
                return result();
            }
            DatabaseSnapshot afterApply = DatabaseSnapshot.of(library);
            if (yours != null) {
                // A column the changeset adds, and does not fill, comes back empty: what was put in it since (by hand before a
                // changelog-sync, as fix-1 has notes; by a later change) no rollback of it can keep. Said, and not held against it.
                // One it fills (an UPDATE copying genre into it) is compared: the values it fills from may be what the rollback lost.
                // Where the changeset writes no other column, a column it fills comes back filled from what the rollback kept: a value
                // that differs was edited since (a slug edited by hand), not counted either. Where it writes others too (copies genre
                // into category, then empties genre), what the fill reads may be what the rollback lost: compared.
                List<String> all = addedColumns(before, afterApply);
                boolean writesOthers = plannedChangeSets.stream().flatMap(changeSet -> changeSet.getChanges().stream())
                        .flatMap(change -> Overwrites.of(change).stream()).anyMatch(set -> all.stream()
                                .noneMatch(column -> set.writes(column.split("\\.", 2)[0], column.split("\\.", 2)[1])));
                List<String> added = all.stream().filter(column -> !writesOthers || !fills(plannedChangeSets, column)).toList();
                for (String filled : all.stream().filter(column -> !added.contains(column)).toList()) {
                    String[] tableAndColumn = filled.split("\\.", 2);
                    long rows = yours.rowsDifferingIn(afterApply, tableAndColumn[0], tableAndColumn[1]);
                    if (rows > 0) {
                        notes.add(planned + " fills " + filled + " itself, and fills it otherwise than your library.db has it in " + rows
                                + (rows == 1 ? " row" : " rows") + ": from values its rollback did not bring back (the differences below), or "
                                + "from an edit by hand since.");
                    }
                }
                SnapshotDiff.between(yours.withoutValuesOf(added), afterApply.withoutValuesOf(added), "in your library.db", before.withoutValuesOf(added))
                        .forEach(line -> differences.add("compared with your library.db, after its rollback and apply: " + line));
                for (String column : added) {
                    String[] tableAndColumn = column.split("\\.", 2);
                    long rows = yours.rowsDifferingIn(afterApply, tableAndColumn[0], tableAndColumn[1]);
                    if (rows > 0) {
                        notes.add("Not counted: " + column + " differs from your library.db in " + rows + (rows == 1 ? " row" : " rows") + ". "
                                + planned + " adds that column, so rolled back and applied again it comes back as " + planned + " fills it: "
                                + "values put in it otherwise (by hand, or by a later change) no rollback can bring back, and this round "
                                + "trip does not ask it to.");
                    }
                }
            }
            if (SnapshotDiff.same(before, afterApply)) {
                applyChangedNothing = true;
                notes.add("Applying " + planned + " changed nothing on the copy (schema and rows), so this round trip cannot show "
                        + "that " + (one ? "its rollback undoes it." : "their rollbacks undo them."));
            }
            if (!step(() -> rolledBack.addAll(migrations.rollbackCount(applied.size())), "rolling back " + planned)) {
                return result();
            }
            DatabaseSnapshot afterRollback = DatabaseSnapshot.of(library);
            SnapshotDiff.between(before, afterRollback, "before", afterApply).forEach(line -> differences.add("after rollback: " + line));
            if (!step(() -> appliedAgain.addAll(apply()), "applying " + planned + " again")) {
                return result();
            }
            DatabaseSnapshot afterAgain = DatabaseSnapshot.of(library);
            SnapshotDiff.between(afterApply, afterAgain, "after the first apply", afterRollback)
                    .forEach(line -> differences.add("after applying again: " + line));
            return result();
        }

        /** Whether these changesets write values into the column ("books.notes"): an update of it, or an addColumn's valueComputed. */
        private static boolean fills(List<ChangeSet> changeSets, String tableAndColumn) {
            String[] parts = tableAndColumn.split("\\.", 2);
            return changeSets.stream().flatMap(changeSet -> changeSet.getChanges().stream()).anyMatch(change ->
                    Overwrites.of(change).stream().anyMatch(set -> set.writes(parts[0], parts[1]))
                            || Overwrites.writesUnread(change, parts[0], parts[1])
                            || change instanceof liquibase.change.core.AddColumnChange add && add.getTableName().equalsIgnoreCase(parts[0])
                            && add.getColumns().stream().anyMatch(column -> column.getName().equalsIgnoreCase(parts[1]) && column.getValueComputed() != null));
        }

        /** "books.notes": the columns one snapshot has and the one before it had not, on the same table. */
        private static List<String> addedColumns(DatabaseSnapshot before, DatabaseSnapshot after) {
            List<String> added = new ArrayList<>();
            after.rows().forEach((table, rows) -> {
                DatabaseSnapshot.TableRows was = before.rows().get(table);
                if (was != null) {
                    rows.columns().stream().filter(column -> was.columns().stream().noneMatch(column::equalsIgnoreCase))
                            .forEach(column -> added.add(rows.table() + "." + column));
                }
            });
            return added;
        }

        private List<Migrations.Run> apply() {
            return one ? migrations.updateCount(1) : migrations.update();
        }

        /** Runs one operation of the round trip; when it fails, the failure is the last difference found. */
        private boolean step(Runnable operation, String doing) {
            try {
                operation.run();
                return true;
            } catch (LessonError failure) {
                String database = CommandLine.databaseName(project);
                String why = failure.whatAlone().replaceFirst(" Likely cause: .*", "").replaceFirst("^" + java.util.regex.Pattern.quote(database + " "),
                        java.util.regex.Matcher.quoteReplacement("the copy of " + database + " ")).strip();
                differences.add(doing + " failed on the copy: " + why);
                return false;
            }
        }

        private Result nothing(String message) {
            return new Result(message, "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "", false, false, java.util.Map.of());
        }

        private Result result() {
            return new Result(null, planned, List.copyOf(rolledBackFirst), List.copyOf(appliedFirst), List.copyOf(applied), List.copyOf(rolledBack),
                    List.copyOf(appliedAgain), List.copyOf(differences), List.copyOf(notes), rowCounts, yours != null, applyChangedNothing,
                    java.util.Map.copyOf(typesAtStart));
        }
    }
}
