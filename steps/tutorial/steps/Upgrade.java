package tutorial.steps;

import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.database.Table;
import tutorial.exercises.EarlyUpgrade;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Preview;
import tutorial.lesson.Report;
import tutorial.lesson.Step;
import tutorial.liquibase.AppliedButAbsent;
import tutorial.liquibase.Changelog;
import tutorial.liquibase.DataLoss;
import tutorial.liquibase.EditBeforeCreate;
import tutorial.liquibase.Lint;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.MissingFileSeen;
import tutorial.liquibase.NotListed;
import tutorial.liquibase.ProgramsOnACopy;
import tutorial.liquibase.RanHere;
import tutorial.liquibase.Renames;
import tutorial.liquibase.Revisions;
import tutorial.liquibase.RollbackTarget;
import tutorial.liquibase.ValuesLostNote;
import tutorial.project.Project;
import tutorial.project.SetAside;

/**
 * Step 5 around its block: what would stop or harm the upgrade refused or said first (an empty changeset, an edited id, values a
 * change takes away, with a copy of library.db kept), the block watched, then a report of what ran and what changed; --sql and
 * --tag.
 */
public final class Upgrade {

    private Upgrade() {
    }

    public static void around(Step step, List<Table> models, Block block) throws Exception {
        Project project = step.project();
        if (step.has("--tag") && !step.value("--tag").matches("[^-\\s]\\S*")) {
            // Before anything runs: an empty tag was refused by Liquibase only once the changesets had been applied.
            throw step.usageError("--tag takes a name of one word, not starting with - (--tag with-genre, say); \"" + step.value("--tag")
                    + "\" is not one. Nothing was changed.");
        }
        if (step.has("--tag") && step.value("--tag").equalsIgnoreCase("base")) { // said before library.db is opened: no database needed
            throw step.usageError("--tag base " + RollbackTarget.tagReadOtherwise("base", null) + " Pick another name (--tag with-genre, say). "
                    + "Nothing was changed.");
        }

        // What the tutorial adds around the block: a check before, and a report after.
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            String readOtherwise = step.has("--tag") ? RollbackTarget.tagReadOtherwise(step.value("--tag"), migrations) : null;
            if (readOtherwise != null) { // base, or a changeset's id: 07_rollback --to would never come back to the tag
                throw step.usageError("--tag " + step.value("--tag") + " " + readOtherwise + " Pick another name (--tag with-genre, say). "
                        + "Nothing was changed.");
            }
            String usedBefore = step.has("--tag")
                    ? RollbackTarget.tagUsedBefore(step.value("--tag"), migrations.applied(), !migrations.willRun().isEmpty()) : null;
            if (usedBefore != null) { // a name used again: --to it would come back to the older row, past what is tagged now
                throw step.usageError("--tag " + step.value("--tag") + " " + usedBefore + " Pick a name of its own (--tag "
                        + step.value("--tag") + "-2, say). Nothing was changed.");
            }
            if (step.has("--sql")) {
                List<ChangeSet> pending = migrations.willRun(); // runAlways ones too
                if (pending.isEmpty()) { // as without --sql, not an empty preview
                    Console.say("Nothing to upgrade: " + library.name() + " already has every changeset of the changelog.");
                    return;
                }
                NotListed.refuseEditedIds(migrations, migrations.notApplied(), library.name(), project.changelogFile());
                // Refused as the upgrade itself refuses them (exit 1), where the preview showed SQL that would never run, and exited 0.
                Revisions.requireRunnable(project, migrations, migrations.notApplied(), library.name(), "preview again");
                // The preview is where to learn what an upgrade would take away, before it does.
                List<Lint.Finding> findings = Lint.of(library, migrations, pending);
                if (!findings.isEmpty()) {
                    findings.forEach(finding -> Console.say(finding.line()));
                    Console.blank();
                }
                ProgramsOnACopy.refuse("a preview", pending);
                Preview.print(Preview.onCopy(project, library, Migrations::update, "update-sql"));
                return;
            }
            List<ChangeSet> notApplied = migrations.notApplied();
            Revisions.requireRunnable(project, migrations, notApplied, library.name(), "upgrade");
            // A file pasted whole from another (the README's alter-2 in a file numbered otherwise): said before it is recorded so.
            notApplied.forEach(changeSet -> Lint.pathOfAnother(migrations, changeSet).ifPresent(finding -> {
                Console.say(finding.line());
                Console.blank();
            }));
            NotListed.refuseEditedIds(migrations, notApplied, library.name(), project.changelogFile());
            // Said before anything runs, with a copy of library.db kept: a drop takes its data with it.
            List<DataLoss.Cut> cuts = new ArrayList<>(); // the values a CAST would change, as they are now
            List<String> losses = DataLoss.ofUpgrading(migrations, library, migrations.willRun(), cuts); // runAlways and runOnChange ones run again
            DataLoss.say(losses);
            String kept = DataLoss.keepCopy(project, library, losses, SetAside.BEFORE_UPGRADE, step.has("--accept-loss"));
            String current = Revisions.current(migrations);
            Schema before = Schema.read(library);
            // The block, watched: the changesets it ran, and their SQL, come back for the report.
            boolean tablesBefore = library.isSqlite() && library.hasChangelogTable();
            List<RanChangeSet> recordedBefore = List.copyOf(migrations.applied());
            List<Migrations.Run> applied;
            try {
                applied = migrations.watching(false, step.verbose(), () -> block.run(project.blockArguments()));
            } finally {
                EarlyUpgrade.after(project, library, tablesBefore, false); // how check reads Liquibase's tables (EarlyUpgrade)
                // What check reads once library.db no longer shows it: of each changeset recorded now, a later one failing or not.
                List<RanChangeSet> recorded = Migrations.recordedSince(migrations, recordedBefore);
                ValuesLostNote.noteUpgrade(project, recorded, losses, cuts, kept);
                RanHere.noteRan(project, recorded); // ran, not only recorded: what fix-1's check tells from changelog-sync's
            }
            Schema after = before;
            boolean recordDisagrees = false; // library.db records a changeset whose work it lacks: said below, and the exit says it too
            // Applied but not listed where they were recorded (an include taken out, a file moved): update passes over them without a word.
            List<NotListed> notListed = NotListed.all(migrations, migrations.applied(), project.changelogFile());
            // The likely slip: the models edited, and 04_autogenerate not run yet.
            if (applied.isEmpty()) {
                boolean noChangeset = !new Changelog(project).hasChangesets();
                if (!notListed.isEmpty()) {
                    NotListed.say(notListed, library.name(), project.changelogFile(), false);
                } else if (noChangeset) {
                    Console.say("Nothing to upgrade: the changelog has no changeset yet.");
                } else {
                    Console.say("Nothing to upgrade: " + library.name() + " already has every changeset of the changelog.");
                }
                List<String> missing = after.missingWithIndexesFrom(models); // alter-3's index too, before its changeset is written
                // A column an applied changeset renamed (a renameColumn written by hand): the models are behind, not the changelog.
                List<Renames.RenamedAway> renamed = missing.isEmpty() ? List.of()
                        : Renames.renamedAway(migrations.changeSetsOf(migrations.applied()), missing, library);
                Report.renamedAway(renamed);
                missing = Renames.notRenamed(missing, renamed);
                recordDisagrees = Report.recordedButAbsent(AppliedButAbsent.amongMissing(migrations, library, missing), project);
                if (!recordDisagrees) {
                    Report.notYetInAChangeset(missing, library.name());
                }
                if (noChangeset && notListed.isEmpty() && missing.isEmpty() // 05 before the lesson's first edit, or library.db made after it
                        && !EditBeforeCreate.sayIfSo(project, library)) {
                    Console.say("./jbang steps/03_change_model.java says which line of the models to edit; 04_autogenerate then writes the first changeset.");
                }
            } else {
                Report.upgrades(current, applied);
                Console.blank();
                after = Schema.read(library);
                List<String> ahead = after.missingFrom(models);
                List<Renames.RenamedAway> renamed = ahead.isEmpty() ? List.of()
                        : Renames.renamedAway(migrations.changeSetsOf(migrations.applied()), ahead, library);
                Report.applied(applied, project, Renames.notRenamed(ahead, renamed), DataLoss.columnsDroppedBy(notApplied), kept);
                Report.renamedAway(renamed);
                Report.schemaChange(library.name(), before, after);
                if (!notListed.isEmpty()) {
                    Console.blank();
                    NotListed.say(notListed, library.name(), project.changelogFile(), true);
                }
            }
            // A file there that no include names, and library.db does not record: "nothing to upgrade" said nothing of it.
            new Changelog(project).sayNotIncluded(migrations.applied().stream().map(RanChangeSet::getChangeLog).toList());
            if (step.has("--tag")) {
                List<RanChangeSet> ran = migrations.applied();
                String replaced = ran.isEmpty() ? null : ran.get(ran.size() - 1).getTag();
                String tag = step.value("--tag");
                migrations.tag(tag);
                MissingFileSeen.noteTagged(project, migrations, tag); // fix-3's tag of a chain repaired since break-2, if it is one
                Console.say(RollbackTarget.taggedWhere(tag, migrations.applied(), step.onSameDatabase("steps/07_rollback.java --to "
                        + CommandLine.quoted(tag))));
                String lost = RollbackTarget.tagReplaced(replaced, tag, migrations.applied());
                if (lost != null) {
                    Console.say(lost);
                }
            }
            if (!notListed.isEmpty() || recordDisagrees) {
                // The chain is broken, or the record is not what library.db has: as history and drift say with their exit codes too,
                // so that a script's 05_upgrade && 06_verify stops here.
                step.exit(1);
            }
        }
    }

}
