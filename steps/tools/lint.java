///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION What a changeset will do to your data, before it runs: the changesets not applied yet (or ./jbang lint ID), one finding a line with its code; exit 1 when there are findings

// Liquibase validates that a changelog can be read; whether a changeset drops data, fails on
// the rows you have, or cannot be rolled back, it only says when it runs. This asks first, of
// library.db as it is now (how many values a drop would take), and names what to do instead.

import java.util.List;

import liquibase.changelog.ChangeSet;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class LintTool {
    public static void main(String[] args) {
        Step step = Step.named("lint", "What will it do to the data?")
                .standsFor("(none: policy checks are in Liquibase Pro)", "(none)")
                .arguments("[ID | FILE]")
                .start(args);
        Project project = step.project();
        if (step.positional().size() > 1) {
            throw step.usageError("Lint the pending changesets (no argument), or one changeset: its id or its file.");
        }

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            List<ChangeSet> changeSets = step.positional().isEmpty()
                    ? migrations.willRun() // the pending ones, and those an update runs again (runAlways, runOnChange)
                    : migrations.changeSetsNamed(step.positional().get(0));
            if (changeSets.isEmpty()) {
                Console.say("Nothing to lint: " + library.name() + " has every changeset of the changelog. Name one to lint it: ./jbang lint ID");
                return;
            }
            Console.say("Checked against " + library.name() + " as it is now: "
                    + String.join(", ", changeSets.stream().map(ChangeSet::getId).toList()) + " ("
                    + String.join(", ", changeSets.stream().map(ChangeSet::getFilePath).distinct().toList()) + ").");
            Console.blank();
            List<Lint.Finding> findings = Lint.of(library, migrations, changeSets);
            if (findings.isEmpty()) {
                Console.say("No findings: nothing here drops or overwrites data, fails on the rows there are, or lacks a rollback.");
                Console.say("What a rollback would take away is not read here: 07_rollback says it before it runs, and ./jbang roundtrip ID "
                        + "tries one on a copy once applied.");
                return;
            }
            findings.forEach(finding -> Console.say(finding.line()));
            Console.blank();
            Console.say(findings.size() + (findings.size() == 1 ? " finding" : " findings") + "; what each code means: docs/tools.md#lint-what-a-changeset-does-to-the-data");
            Step.exitDone(1);
        }
    }
}
