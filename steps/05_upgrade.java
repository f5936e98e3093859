///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/**.java
//SOURCES models/*.java
//DESCRIPTION Step 5: upgrade library.db: apply every pending changeset (alembic upgrade head)

// Liquibase's update runs, in changelog order, every changeset that library.db has not
// recorded in its DATABASECHANGELOG table, and records each one as it goes. The rows stay:
// a migration changes the schema around the data, as the row counts at the end show.
// With --url it upgrades another database (your own PostgreSQL, say) from the same changelog.

import java.util.List;

import models.Models;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class UpgradeStep {
    public static void main(String[] args) {
        Step step = Step.named("05_upgrade", "Step 5 of 7: upgrade the database")
                .standsFor("liquibase update", "alembic upgrade head")
                .option("--sql", "show the SQL it would run, and change nothing (alembic upgrade head --sql)")
                .option("--tag NAME", "tag the database once it is up to date, to roll back to later")
                .databaseOptions()
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            if (step.has("--sql")) {
                // The preview is where to learn what an upgrade would take away, before it does.
                List<Lint.Finding> findings = Lint.of(library, migrations, migrations.notApplied());
                if (!findings.isEmpty()) {
                    findings.forEach(finding -> Console.say(finding.line()));
                    Console.blank();
                }
                Preview.print(Preview.onCopy(project, library, Migrations::update));
                return;
            }
            Revisions.requireFilledIn(migrations.notApplied());
            String current = Revisions.current(migrations);
            Schema before = Schema.read(library);
            List<Migrations.Run> applied = migrations.update();
            Schema after = before;
            if (applied.isEmpty()) {
                Console.say("Nothing to upgrade: " + library.name() + " already has every changeset of the changelog.");
            } else {
                Report.upgrades(current, applied);
                Console.blank();
                Console.say(Report.changesets(applied.size()) + " applied. " + library.name() + " is up to date.");
                after = Schema.read(library);
                Report.schemaChange(before, after);
            }
            // The likely slip: the models edited, and 04_autogenerate not run yet.
            Report.notYetInAChangeset(after.missingFrom(Models.ALL), library.name());
            if (step.has("--tag")) {
                migrations.tag(step.value("--tag"));
                Console.say("Tagged the newest applied changeset " + step.value("--tag") + ": ./jbang steps/07_rollback.java --to "
                        + step.value("--tag") + " comes back here.");
            }
        }
    }
}
