package tutorial.steps;

import java.util.List;
import java.util.Objects;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.exercises.EarlyUpgrade;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Preview;
import tutorial.lesson.Report;
import tutorial.lesson.Step;
import tutorial.liquibase.DataLoss;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.ProgramsOnACopy;
import tutorial.liquibase.RanHere;
import tutorial.liquibase.RollbackBlocks;
import tutorial.liquibase.RollbackTarget;
import tutorial.project.Project;
import tutorial.project.SetAside;

/**
 * Step 7 around its block: the target read, what would stop the rollback checked first, data it drops said with a copy of
 * library.db kept, the block watched, then a report of what went back and what a rollback written by hand left behind; --sql
 * and --to.
 */
public final class Rollback {

    private Rollback() {
    }

    public static void around(Step step, Block block) throws Exception {
        Project project = step.project();

        // What the tutorial adds around the block: the target read, data loss named before, a report after.
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            var applied = migrations.applied();
            if (applied.stream().allMatch(Migrations::tagOnly)) { // none, or only a row Liquibase wrote to carry a tag: no changeset
                boolean tagHere = step.has("--to") && applied.stream().anyMatch(row -> RollbackTarget.sameTag(step.value("--to"), row.getTag()));
                if (!tagHere) {
                    RollbackTarget.refuseUnknownWhenNoneApplied(step, library.name());
                }
                Console.say("Nothing to roll back: no changeset is applied to " + library.name() + ".");
                return;
            }
            RollbackTarget target = RollbackTarget.from(step, applied);
            if (target.count() == 0) {
                Console.say("Nothing to roll back: " + target.describe() + " is already the newest applied changeset.");
                return;
            }
            // What Liquibase's rollback checks first, checked before anything is said or kept for it: an edited changeset stops it.
            migrations.requireValid();
            target.requireListed(migrations, library, project.changelogFile(), applied);
            // Said before anything runs, with a copy of library.db kept: the downgrade is the lesson, but data it drops is gone.
            List<String> losses = DataLoss.ofRollingBack(migrations, library, target.changeSets(applied));
            DataLoss.say(losses);
            Report.markedRanUndone(target.changeSets(applied));
            if (step.has("--sql")) {
                ProgramsOnACopy.refuse("a preview", target.changeSets(applied).stream()
                        .map(ran -> migrations.changelogAsLastRead().getChangeSet(ran)).filter(Objects::nonNull).toList());
                Preview.print(Preview.onCopy(project, library, target::rollBack,
                        target.tag() != null ? "rollback-sql --tag " + CommandLine.quoted(target.tag()) : "rollback-count-sql --count " + target.count()));
                return;
            }
            Schema before = Schema.read(library);
            boolean pendingBefore = !migrations.notApplied().isEmpty(); // changelog-sync, a way back below, would record those too
            target.requireRollbacks(migrations);
            target.requireThere(migrations, library, applied);
            RollbackBlocks.sayValuesNotBroughtBack(migrations, migrations.changeSetsOf(target.changeSets(applied)));
            RollbackBlocks.sayEmptyOverData(migrations.changeSetsOf(target.changeSets(applied)));
            DataLoss.keepCopy(project, library, losses, SetAside.BEFORE_ROLLBACK, step.has("--accept-loss"));
            // The block, watched: the changesets it rolled back, and their SQL, come back for the report.
            List<Migrations.Run> rolledBack = target.tag() != null ? migrations.rollbackToTag(target.tag())
                    : migrations.watching(true, step.verbose(), () -> block.run(project.blockArguments(Integer.toString(target.count()))));
            EarlyUpgrade.after(project, library, true, !rolledBack.isEmpty()); // one was applied: Liquibase's tables say so again
            Report.downgrades(applied, rolledBack);
            Console.blank();
            Console.say(Report.changesets(rolledBack.size()) + " rolled back. " + (rolledBack.size() == 1
                    ? "It stays in the changelog: 05_upgrade applies it again." : "They stay in the changelog: 05_upgrade applies them again."));
            List<RanChangeSet> appliedNow = migrations.applied();
            RanHere.noteRolledBack(project, applied, appliedNow);
            String tagsGone = RollbackTarget.tagsGone(applied, appliedNow,
                    tag -> step.onSameDatabase("steps/05_upgrade.java --tag " + CommandLine.quoted(tag)),
                    command -> CommandLine.liquibaseOnSameDatabase(project, command));
            if (tagsGone != null) {
                Console.say(tagsGone);
            }
            Schema after = Schema.read(library);
            Report.schemaChange(library.name(), before, after);
            // What a rollback written by hand left as it was: Liquibase does not look.
            List<String> ids = rolledBack.stream().map(Migrations.Run::id).toList();
            List<ChangeSet> undone = migrations.changeSetsOf(target.changeSets(applied)).stream()
                    .filter(changeSet -> ids.contains(changeSet.getId())).toList();
            List<ChangeSet> stillApplied = migrations.changeSetsOf(applied).stream().filter(changeSet -> !undone.contains(changeSet)).toList();
            RollbackBlocks.sayLeftBehind(project, library, undone, stillApplied, before, after, pendingBefore);
        }
    }

}
