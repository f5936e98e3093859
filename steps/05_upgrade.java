///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/*.java
//DESCRIPTION Step 5: upgrade library.db: apply every pending changeset (alembic upgrade head)

// Liquibase's update runs, in changelog order, every changeset that library.db has not
// recorded in its DATABASECHANGELOG table, and records each one as it goes. The rows stay:
// a migration changes the schema around the data.

import tutorial.*;

class UpgradeStep {
    public static void main(String[] args) {
        Step step = Step.named("05_upgrade", "Step 5 of 7: upgrade the database")
                .standsFor("liquibase update", "alembic upgrade head")
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            String before = Revisions.current(migrations);
            var applied = migrations.update();
            if (applied.isEmpty()) {
                Console.say("Nothing to upgrade: library.db already has every changeset of the changelog.");
                return;
            }
            for (Migrations.Run run : applied) {
                Console.say("Running upgrade " + before + " -> " + Report.changeSet(run));
                Console.indented(run.sql());
                before = run.id();
            }
            Console.blank();
            Console.say(applied.size() + (applied.size() == 1 ? " changeset" : " changesets") + " applied. library.db is up to date.");
        }
    }
}
