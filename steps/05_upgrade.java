///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES tutorial/*.java
//DESCRIPTION Step 5: upgrade library.db: apply every pending changeset (alembic upgrade head)

// Liquibase's update runs, in changelog order, every changeset that library.db has not
// recorded in its DATABASECHANGELOG table, and records each one as it goes. The rows stay:
// a migration changes the schema around the data. With --url it upgrades another database
// (your own PostgreSQL, say) from the same changelog.

import tutorial.*;

class UpgradeStep {
    public static void main(String[] args) {
        Step step = Step.named("05_upgrade", "Step 5 of 7: upgrade the database")
                .standsFor("liquibase update", "alembic upgrade head")
                .databaseOptions()
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            String before = Revisions.current(migrations);
            var applied = migrations.update();
            if (applied.isEmpty()) {
                Console.say("Nothing to upgrade: " + library.name() + " already has every changeset of the changelog.");
                return;
            }
            Report.upgrades(before, applied);
            Console.blank();
            Console.say(Report.changesets(applied.size()) + " applied. " + library.name() + " is up to date.");
        }
    }
}
