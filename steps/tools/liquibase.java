///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DEPS info.picocli:picocli:4.7.7
//DESCRIPTION The real Liquibase CLI on this project's liquibase.properties and library.db, e.g. ./jbang liquibase history

// liquibase-core holds the CLI's code but not picocli, the library that parses its command
// line: that is the one dependency added here. The project's liquibase.properties and folder
// are passed explicitly, so the CLI finds them from any folder inside the project. The native
// ADD/DROP COLUMN of tutorial/liquibase/NativeAlterTable.java reaches the CLI as a Liquibase
// service, as it reaches the steps; the lock that copes with killed runs and one transaction per
// changeset are plugged in as the steps do, so both behave the same. The CLI's licence line says
// what this is (Liquibase Community) instead of asking to re-install Liquibase: see
// CommunityLicense. What is refused or kept before the CLI starts, and said after it, is in
// tutorial/cli/: the CLI itself runs as the learner typed it.

import java.util.ArrayList;
import java.util.List;

import liquibase.Scope;
import liquibase.integration.commandline.LiquibaseCommandLine;
import liquibase.license.LicenseServiceFactory;
import tutorial.cli.CliNotes;
import tutorial.cli.CliGuard;
import tutorial.cli.CapturedOutput;
import tutorial.cli.TypedCommand;
import tutorial.lesson.CommandLine;
import tutorial.lesson.LessonError;
import tutorial.liquibase.CommunityLicense;
import tutorial.liquibase.Migrations;
import tutorial.project.Project;
import tutorial.project.ProjectLock;

class LiquibaseCli {
    public static void main(String[] typed) {
        System.setProperty("liquibase.analytics.enabled", "false");
        Project project = Project.find();
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        CommandLine.sayWhereCommandsAreTyped(project.root(), () -> !ended.get(), () -> false); // not after a Ctrl-C
        int code;
        try {
            TypedCommand command = TypedCommand.read(project, typed); // the database named by a variable or defaults file written in as --url
            CliGuard.refuseOptionsOfAnother(command);
            CliGuard.sayWhatNamesTheDatabase(command);
            CliGuard.refuseUrlWithoutJdbc(command);
            CommandLine.remember("liquibase", typed); // what the advice below repeats, --url and the rest kept
            CliGuard.reachServer(command);
            // update, rollback, changelog-sync and tag change library.db: one command at a time in the folder, as the steps.
            ProjectLock.take(project.root(), "./jbang liquibase " + command);
            Migrations.registerExtensions();
            CliGuard.refuseOrKeepCopy(command);
            Scope.getCurrentScope().getSingleton(LicenseServiceFactory.class).register(new CommunityLicense());
            List<String> cli = new ArrayList<>(List.of("--search-path=" + project.root(), "--show-banner=false"));
            if (command.defaultsFile() == null) { // one of the learner's own takes its place (the CLI refuses two, or puts ours first)
                cli.add(0, "--defaults-file=" + project.root().resolve(Project.SETTINGS_FILE));
            }
            // library.db made absolute, unless the command names a database of its own (--url jdbc:postgresql://...).
            if (command.url() == null) {
                cli.add("--url=" + project.url());
            }
            cli.addAll(command.args());
            // As LiquibaseCommandLine.main, with check's notes kept up to date between the run and the exit.
            System.setProperty("org.fusesource.jansi.Ansi.disable", "true");
            CliNotes notes = CliNotes.lookingAt(command);
            CapturedOutput run = CapturedOutput.of(() -> new LiquibaseCommandLine().execute(cli.toArray(String[]::new)));
            notes.say(run.code(), run.said());
            code = run.code();
        } catch (LessonError refused) { // said as the steps say it, and the CLI never started
            refused.report();
            code = refused.exitCode();
        }
        ended.set(true);
        System.exit(code);
    }
}
