///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java ../models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Prove a migration round-trips: on a throw-away copy, apply the pending changesets (or ID), roll back, apply again; exit 1 naming each difference in schema or rows

// A rollback is code nobody runs until the day it is needed. This runs it now, on a copy of the
// project and its library.db: apply the pending changesets (or the one named), roll them back,
// apply them again, and after each compare the whole database, schema and every row, with what
// it was. Exit 0 when nothing differs, 1 with each difference named, 2 for a command typed wrong.
// Your own library.db, models and changelog are only read, to be copied.

import java.util.List;

import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;
import tutorial.safety.*;

class RoundtripTool {
    public static void main(String[] args) {
        Step step = Step.named("roundtrip", "Round trip: apply, roll back, apply again, on a throw-away copy of the project")
                .standsFor("update, rollback-count, update", "alembic upgrade +1, downgrade -1, upgrade +1")
                .arguments("[ID]")
                .start(args);
        if (step.positional().size() > 1) {
            throw step.usageError("Give one changeset id, or none for the pending changesets.");
        }
        Project project = step.project();
        String id = step.positional().isEmpty() ? null : step.positional().get(0);

        RoundTrip.Result trip;
        try {
            trip = id == null ? RoundTrip.ofPending(project, Models.ALL) : RoundTrip.of(project, Models.ALL, id);
        } catch (LessonError refused) {
            throw refused.exitCode() == LessonError.USAGE ? step.usageError(refused.getMessage()) : refused;
        }
        if (trip.nothingToDo() != null) {
            Console.say(trip.nothingToDo());
            return;
        }
        if (!trip.rolledBackFirst().isEmpty()) {
            Console.say(id + " is applied to library.db, so on the copy it was rolled back first, to start from just before it:");
            runs("Rolled back first", trip.rolledBackFirst());
            Console.blank();
        }
        if (!trip.appliedFirst().isEmpty()) {
            Console.say("Applied first on the copy, to start from just before " + id + ":");
            runs("Applied first", trip.appliedFirst());
            Console.blank();
        }
        runs("Applied", trip.applied());
        runs("Rolled back", trip.rolledBack());
        runs("Applied again", trip.appliedAgain());
        if (!trip.applied().isEmpty()) {
            Console.blank();
        }
        Console.say("Compared each time: the schema (columns with their type, default and NOT NULL; primary keys; indexes;");
        Console.say("UNIQUE and CHECK constraints; foreign keys; views and triggers) and every row"
                + (trip.rowCounts().isEmpty() ? "." : " (" + trip.rowCounts() + ")."));
        trip.notes().forEach(Console::say);
        if (trip.faithful() && trip.applyChangedNothing()) {
            // Nothing changed, nothing to compare: its rollback is neither shown to undo it nor to fail (check says so of an exercise).
            Console.say("Not proven: nothing to compare, so no verdict on the rollback of " + trip.changesets() + ". "
                    + (trip.rolledBackFirst().isEmpty() ? "Try it on a library.db where it changes something."
                    : "Its rollback did not undo it, or it does nothing on this library.db: roll it back (./jbang steps/07_rollback.java) and "
                    + "round-trip it while it is pending."));
            Console.say("Your library.db, models and changelog were not touched.");
            Step.exitDone(1);
        }
        if (trip.faithful()) {
            if (trip.comparedWithYours()) {
                Console.say("  after its rollback and apply: as your library.db has it");
            }
            Console.say("  after rollback: as before the apply");
            Console.say("  after applying again: as after the first apply");
            Console.say(Console.green("Faithful: " + trip.changesets() + (trip.applied().size() == 1 ? " rolls" : " roll")
                    + " back to what was there before, and " + (trip.applied().size() == 1 ? "applies" : "apply") + " again to the same result."));
            Console.say("Your library.db, models and changelog were not touched.");
            return;
        }
        List<String> differences = trip.differences();
        Console.indented(differences.stream().map(Console::red).toList());
        Console.say("Not faithful: " + differences.size() + (differences.size() == 1 ? " difference" : " differences")
                + ". Make the rollback of " + trip.changesets() + " undo exactly what " + (trip.changesets().contains(",") ? "they do" : "it does")
                + ", then run ./jbang " + CommandLine.typed() + " again.");
        Console.say("Your library.db, models and changelog were not touched.");
        Step.exitDone(1);
    }

    /** Each changeset with the SQL Liquibase ran for it on the copy. */
    private static void runs(String what, List<Migrations.Run> runs) {
        for (Migrations.Run run : runs) {
            Console.say(what + " " + Report.changeSet(run));
            Console.indented(run.sql().isEmpty() ? List.of("(no SQL)") : run.sql());
        }
    }
}
