///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 7: roll back the last changeset (alembic downgrade -1); a count, or --to ID|TAG|base, rolls back more

// Liquibase's rollback-count undoes the newest applied changesets, newest first, using each
// changeset's rollback: written by hand, or worked out by Liquibase for changes it knows
// how to invert (addColumn becomes dropColumn). The changeset stays in the changelog, so
// 05_upgrade can apply it again. With --url it rolls back another database (your own
// PostgreSQL, say).

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

// The tutorial's own, for what the step does around the block (the block needs only the imports above).
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class RollbackStep {

    /**
     * The step's work, in Liquibase's own API: the body of a main method you can copy into
     * your own project (docs/your-project.md: the two settings the steps make around it). The
     * tutorial hands it, as args, library.db's URL (or --url's), the
     * project folder, a user, a password, and how many changesets to roll back (a target
     * given with --to is counted for it; a tag goes to Liquibase's rollback --tag instead).
     */
    static void rollBack(String[] args) throws Exception {
        // copy-paste: begin
        String url = args[0], user = args[2], password = args[3];
        Path projectFolder = Path.of(args[1]);
        int count = Integer.parseInt(args[4]);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // The changelog says how to undo each changeset (Liquibase inverts addColumn by itself),
            // so rollback reads it too, through the Scope's resource accessor, rooted at the project.
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(projectFolder), () -> {
                new CommandScope("rollbackCount") // the CLI's rollback-count
                        .addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", "changelog/db.changelog-master.yaml")
                        .addArgumentValue("count", count)
                        .execute();
            });
        }
        // copy-paste: end
    }

    public static void main(String[] args) {
        String[] standsFor = RollbackTarget.standsFor(args);
        Step step = Step.named("07_rollback", "Step 7 of 7: " + RollbackTarget.heading(args))
                .changesTheProject()
                // A rollback that committed just before the stop is done: run again by its count, it would take one more back.
                .whenStoppedSay(stopped -> "A rollback that finished before the stop is done: read " + stopped.onSameDatabase("history")
                        + " first, and run it again only if "
                        + "what you meant to roll back is still applied.")
                .standsFor(standsFor[0], standsFor[1])
                .arguments("[COUNT]")
                .option("--count N", "the same as COUNT, as liquibase rollback-count --count N writes it")
                .option("--to TARGET", "roll back to a changeset id or a tag (kept), or to base (everything)")
                .option("--sql", "show the SQL it would run, and change nothing (alembic downgrade --sql)")
                .databaseOptions()
                .option("--accept-loss", "on a server (--url), go ahead where values would be lost: no copy can be kept there")
                .start(args);
        RollbackTarget.checkArguments(step);
        Project project = step.project();

        // What the tutorial adds around the block: the target read, data loss named before, a report after.
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            var applied = migrations.applied();
            if (applied.isEmpty()) {
                RollbackTarget.refuseUnknownWhenNoneApplied(step, library.name());
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
                migrations.refuseCopyWherePrograms("a preview", target.changeSets(applied).stream()
                        .map(ran -> migrations.changelogAsLastRead().getChangeSet(ran)).filter(java.util.Objects::nonNull).toList());
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
                    : migrations.watching(true, step.verbose(), () -> rollBack(project.blockArguments(Integer.toString(target.count()))));
            EarlyUpgrade.after(project, library, true, !rolledBack.isEmpty()); // one was applied: Liquibase's tables say so again
            Report.downgrades(applied, rolledBack);
            Console.blank();
            Console.say(Report.changesets(rolledBack.size()) + " rolled back. " + (rolledBack.size() == 1
                    ? "It stays in the changelog: 05_upgrade applies it again." : "They stay in the changelog: 05_upgrade applies them again."));
            Schema after = Schema.read(library);
            Report.schemaChange(library.name(), before, after);
            // What a rollback written by hand left as it was: Liquibase does not look.
            List<String> ids = rolledBack.stream().map(Migrations.Run::id).toList();
            List<liquibase.changelog.ChangeSet> undone = migrations.changeSetsOf(target.changeSets(applied)).stream()
                    .filter(changeSet -> ids.contains(changeSet.getId())).toList();
            List<liquibase.changelog.ChangeSet> stillApplied = migrations.changeSetsOf(applied).stream().filter(changeSet -> !undone.contains(changeSet)).toList();
            RollbackBlocks.sayLeftBehind(project, library, undone, stillApplied, before, after, pendingBefore);
        }
    }
}
