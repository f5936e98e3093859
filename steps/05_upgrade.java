///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS tutorial/Machinery.java models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Step 5: upgrade library.db: apply every pending changeset (alembic upgrade head)

// Liquibase's update runs, in changelog order, every changeset that library.db has not
// recorded in its DATABASECHANGELOG table, and records each one as it goes. The rows stay:
// a migration changes the schema around the data, as the row counts at the end show.
// With --url it upgrades another database (your own PostgreSQL, say) from the same changelog.

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
import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class UpgradeStep {

    /**
     * The step's work, in Liquibase's own API: the body of a main method you can copy into
     * your own project, with liquibase-core and your JDBC driver on the class path (docs/your-project.md
     * has it as one, with the two settings the steps make around it). The tutorial
     * hands it, as args, library.db's URL (or --url's), the project folder, a user and a password.
     */
    static void upgrade(String[] args) throws Exception {
        // copy-paste: begin
        String url = args[0], user = args[2], password = args[3];
        Path projectFolder = Path.of(args[1]);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            // Liquibase picks its SQL dialect (SQLite, PostgreSQL, ...) from the connection.
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase reads files through the Scope's resource accessor: the changelog's path is
            // relative to its root (each changeset file names its own path, for DATABASECHANGELOG).
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(projectFolder), () -> {
                new CommandScope("update") // the CLI's update; the Java API names commands in camelCase
                        .addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", "changelog/db.changelog-master.yaml")
                        .execute();
            });
        }
        // copy-paste: end
    }

    public static void main(String[] args) {
        Step step = Step.named("05_upgrade", "Step 5 of 7: upgrade the database")
                .changesTheProject()
                .standsFor("liquibase update", "alembic upgrade head")
                .option("--sql", "show the SQL it would run, and change nothing (alembic upgrade head --sql)")
                .option("--tag NAME", "tag the database once it is up to date, to roll back to later")
                .databaseOptions()
                .option("--accept-loss", "on a server (--url), go ahead where values would be lost: no copy can be kept there")
                .start(args);
        Project project = step.project();
        if (step.has("--tag") && !step.value("--tag").matches("[^-\\s]\\S*")) {
            // Before anything runs: an empty tag was refused by Liquibase only once the changesets had been applied.
            throw step.usageError("--tag takes a name of one word, not starting with - (--tag with-genre, say); \"" + step.value("--tag")
                    + "\" is not one. Nothing was changed.");
        }

        if (step.has("--tag") && step.value("--tag").equalsIgnoreCase("base")) {
            // 07_rollback --to base is before the first changeset: a tag of that name could never be rolled back to.
            throw step.usageError("--tag base names no point to come back to: 07_rollback --to base means before the first changeset, "
                    + "everything rolled back. Pick another name (--tag with-genre, say). Nothing was changed.");
        }

        // What the tutorial adds around the block: a check before, and a report after.
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            if (step.has("--tag") && migrations.changelogAsLastRead().getChangeSets().stream().anyMatch(c -> c.getId().equals(step.value("--tag")))) {
                // 07_rollback --to reads a tag first: --to 0001-1 would come back to this tag, and that changeset would be out of its reach.
                throw step.usageError("--tag " + step.value("--tag") + " is the id of a changeset of the changelog: 07_rollback --to "
                        + step.value("--tag") + " would then come back to this tag, not to that changeset. Pick another name (--tag with-genre, "
                        + "say). Nothing was changed.");
            }
            if (step.has("--sql")) {
                List<liquibase.changelog.ChangeSet> pending = migrations.willRun(); // runAlways ones too
                if (pending.isEmpty()) { // as without --sql, not an empty preview
                    Console.say("Nothing to upgrade: " + library.name() + " already has every changeset of the changelog.");
                    return;
                }
                NotListed.refuseEditedIds(migrations, migrations.notApplied(), library.name(), project.changelogFile());
                // The preview is where to learn what an upgrade would take away, before it does.
                List<Lint.Finding> findings = Lint.of(library, migrations, pending);
                if (!findings.isEmpty()) {
                    findings.forEach(finding -> Console.say(finding.line()));
                    Console.blank();
                }
                migrations.refuseCopyWherePrograms("a preview", pending);
                Preview.print(Preview.onCopy(project, library, Migrations::update, "update-sql"));
                return;
            }
            List<liquibase.changelog.ChangeSet> notApplied = migrations.notApplied();
            Revisions.requireFilledIn(project, notApplied);
            // A file pasted whole from another (the README's alter-2 in a file numbered otherwise): said before it is recorded so.
            notApplied.forEach(changeSet -> Lint.pathOfAnother(migrations, changeSet).ifPresent(finding -> {
                Console.say(finding.line());
                Console.blank();
            }));
            NotListed.refuseEditedIds(migrations, notApplied, library.name(), project.changelogFile());
            // Said before anything runs, with a copy of library.db kept: a drop takes its data with it.
            List<DataLoss.Cut> cuts = new java.util.ArrayList<>(); // the values a CAST would change, as they are now
            List<String> losses = DataLoss.ofUpgrading(migrations, library, migrations.willRun(), cuts); // runAlways and runOnChange ones run again
            DataLoss.say(losses);
            String kept = DataLoss.keepCopy(project, library, losses, SetAside.BEFORE_UPGRADE, step.has("--accept-loss"));
            String current = Revisions.current(migrations);
            Schema before = Schema.read(library);
            // The block, watched: the changesets it ran, and their SQL, come back for the report.
            boolean tablesBefore = library.isSqlite() && library.hasChangelogTable();
            List<liquibase.changelog.RanChangeSet> recordedBefore = List.copyOf(migrations.applied());
            List<Migrations.Run> applied;
            try {
                applied = migrations.watching(false, step.verbose(), () -> upgrade(project.blockArguments()));
            } finally {
                EarlyUpgrade.after(project, library, tablesBefore, false); // how check reads Liquibase's tables (EarlyUpgrade)
                // What check reads once library.db no longer shows it: of each changeset recorded now, a later one failing or not.
                ValuesLostNote.noteUpgrade(project, Migrations.recordedSince(migrations, recordedBefore), losses, cuts, kept);
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
                List<String> missing = after.missingWithIndexesFrom(Models.ALL); // alter-3's index too, before its changeset is written
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
                List<String> ahead = after.missingFrom(Models.ALL);
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
            if (step.has("--tag")) {
                // A tag goes on the changesets applied last, one tag a row: a second one takes the first's place there, and
                // --to the first no longer finds it unless an older row carries it too.
                List<liquibase.changelog.RanChangeSet> ran = migrations.applied();
                String replaced = ran.isEmpty() ? null : ran.get(ran.size() - 1).getTag();
                String tag = step.value("--tag");
                migrations.tag(tag);
                MissingFileSeen.noteTagged(project, migrations, tag); // fix-3's tag of a chain repaired since break-2, if it is one
                // Liquibase marks every row of the newest second (its times are whole seconds on SQLite): several, where one upgrade
                // applied more than one changeset within it, and --to then comes back to the oldest of them.
                List<String> tagged = migrations.applied().stream().filter(row -> tag.equals(row.getTag())).map(liquibase.changelog.RanChangeSet::getId).toList();
                String back = step.onSameDatabase("steps/07_rollback.java --to " + CommandLine.quoted(tag));
                Console.say(tagged.size() <= 1 ? "Tagged " + tag + " on the changesets applied last: " + back + " comes back here."
                        : "Tagged " + tag + ": Liquibase put it on the " + tagged.size() + " changesets applied last, in the same second ("
                                + String.join(", ", tagged) + "): " + back + " comes back to the first of them, " + tagged.get(0) + ".");
                if (replaced != null && !replaced.equals(tag) && migrations.applied().stream().noneMatch(row -> replaced.equals(row.getTag()))) {
                    Console.say("It was tagged " + replaced + " before: a tag takes the place of the one the changesets applied last had, "
                            + "so --to " + replaced + " no longer finds it.");
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
