///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/*.java
//DESCRIPTION Step 7: roll back the last changeset (alembic downgrade -1); give a count to roll back more

// Liquibase's rollback-count undoes the newest applied changesets, newest first, using each
// changeset's rollback: written by hand, or worked out by Liquibase for changes it knows
// how to invert (addColumn becomes dropColumn). The changeset stays in the changelog, so
// 05_upgrade can apply it again.

import tutorial.*;

class RollbackStep {
    public static void main(String[] args) {
        Step step = Step.named("07_rollback", "Step 7 of 7: roll back the last changeset")
                .standsFor("liquibase rollback-count --count 1", "alembic downgrade -1")
                .arguments("[COUNT]")
                .start(args);
        int count = Revisions.count(step);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            var applied = migrations.applied();
            if (applied.isEmpty()) {
                Console.say("Nothing to roll back: no changeset is applied to library.db.");
                return;
            }
            if (count > applied.size()) {
                Console.say("Only " + applied.size() + " changeset(s) applied: rolling back all of them.");
                count = applied.size();
            }
            var rolledBack = migrations.rollbackCount(count);
            int position = applied.size() - 1;
            for (Migrations.Run run : rolledBack) {
                String target = position > 0 ? applied.get(position - 1).getId() : "<base>";
                Console.say("Running downgrade " + run.id() + " -> " + target + ", " + run.description());
                Console.indented(run.sql());
                position--;
            }
            Console.blank();
            Console.say(rolledBack.size() + (rolledBack.size() == 1 ? " changeset" : " changesets")
                    + " rolled back. They stay in the changelog: 05_upgrade applies them again.");
        }
    }
}
