///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java ../models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Do the models and library.db agree? Exit 0 when they do, 1 when not, with what differs (alembic check)

// Liquibase's diff prints differences but exits 0 either way, so a script cannot act on it.
// This is Alembic's `alembic check`: the same comparison autogenerate makes, as an exit code,
// for a pre-commit hook or a CI job in your own project.

import java.util.List;

import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class DriftTool {
    public static void main(String[] args) {
        Step step = Step.named("drift", "Do the models and library.db agree?")
                .standsFor("liquibase diff (with an exit code)", "alembic check")
                .start(args);
        Project project = step.project();
        step.requireSqliteFile();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            try (ModelDiff diff = ModelDiff.compare(migrations, Models.ALL)) {
                report(diff, project, library, migrations);
            }
        }
    }

    /** What differs, and the way out that fits each side; exit 1 when anything does. */
    private static void report(ModelDiff diff, Project project, LibraryDatabase library, Migrations migrations) {
        if (!Report.differences(diff, "No drift: the models and library.db agree.", "Drift: the models and library.db differ.")) {
            return;
        }
        Report.databaseHasMore(diff);
        if (diff.lines().stream().anyMatch(line -> line.startsWith("~ ") && line.contains("type is "))) {
            // Autogenerate would write modifyDataType, which Liquibase cannot run on SQLite (break-3).
            Console.say("Where a column's type differs: SQLite cannot change it in place, so autogenerate's modifyDataType");
            Console.say("would fail. Write the change by hand as fix-2 does (a new column, the values copied), or change the models back.");
        }
        if (diff.lines().stream().anyMatch(line -> line.startsWith("+ "))) {
            List<String> missing = Schema.read(library).missingWithIndexesFrom(Models.ALL);
            if (!Report.recordedButAbsent(AppliedButAbsent.amongMissing(migrations, library, missing), project)) {
                adviseOnMissing(migrations.notApplied().size());
            }
        }
        Step.exitDone(1);
    }

    /** The way out where the models have more: autogenerate, unless changesets wait (it refuses then, and they may add it). */
    private static void adviseOnMissing(int pending) {
        if (pending > 0) {
            Console.say("Where the models have something the database lacks: " + Revisions.notAppliedYet(pending) + ", and may add it.");
            Console.say("Apply " + (pending == 1 ? "it" : "them") + " first (./jbang steps/05_upgrade.java), then run drift again.");
        } else {
            Console.say("Where the models have something the database lacks: autogenerate a changeset for it");
            Console.say("(./jbang steps/04_autogenerate.java -m MESSAGE), or change the models back.");
        }
    }
}
