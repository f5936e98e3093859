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
// ADD/DROP COLUMN of tutorial/NativeAlterTable.java reaches the CLI as a Liquibase service, as
// it reaches the steps; the lock that copes with killed runs and one transaction per changeset
// are plugged in as the steps do, so both behave the same. The CLI's licence line says what
// this is (Liquibase Community) instead of asking to re-install Liquibase: see CommunityLicense.

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.license.LicenseServiceFactory;
import tutorial.database.LibraryDatabase;
import tutorial.lesson.Console;
import tutorial.lesson.LessonError;
import tutorial.liquibase.CommunityLicense;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.Revisions;
import tutorial.project.Project;

class LiquibaseCli {
    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Project project = Project.find();
        // update, rollback, changelog-sync and tag change library.db: one command at a time in the folder, as the steps.
        tutorial.project.ProjectLock.take(project.root(), "./jbang liquibase " + String.join(" ", args));
        Migrations.registerExtensions();
        refuseToRecordEmpty(project, args);
        Scope.getCurrentScope().getSingleton(LicenseServiceFactory.class).register(new CommunityLicense());
        List<String> cli = new ArrayList<>(List.of(
                "--defaults-file=" + project.root().resolve(Project.SETTINGS_FILE),
                "--search-path=" + project.root(),
                "--show-banner=false"));
        // library.db made absolute, unless the command names a database of its own (--url jdbc:postgresql://...).
        if (Arrays.stream(args).noneMatch(arg -> arg.equals("--url") || arg.startsWith("--url="))) {
            cli.add("--url=" + project.url());
        }
        cli.addAll(List.of(args));
        liquibase.integration.commandline.LiquibaseCommandLine.main(cli.toArray(String[]::new));
    }

    /** The CLI's commands that record the pending changesets in library.db: applied, or marked as applied without running. */
    private static final Map<String, String> RECORDING = Map.of("update", "applied", "update-count", "applied", "update-to-tag", "applied",
            "changelog-sync", "synced", "changelog-sync-to-tag", "synced", "mark-next-changeset-ran", "marked as ran");

    /**
     * Stock Liquibase records a changeset ./jbang revision started and nobody filled in yet, empty,
     * and filling it in later breaks its checksum: 05_upgrade refuses it, and so does this, for
     * update and changelog-sync alike, on library.db (a server given with --url is the CLI's own
     * business). Where the changelog cannot be read, the CLI says why itself.
     */
    private static void refuseToRecordEmpty(Project project, String[] args) {
        String command = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
        boolean url = Arrays.stream(args).anyMatch(arg -> arg.equals("--url") || arg.startsWith("--url="));
        if (!RECORDING.containsKey(command) || url || project.databaseFile() == null || !Files.exists(project.databaseFile())) {
            return;
        }
        List<ChangeSet> pending;
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            pending = Migrations.on(project, library).notApplied();
            if (command.equals("mark-next-changeset-ran") && !pending.isEmpty()) {
                pending = pending.subList(0, 1);
            }
        } catch (LessonError unreadable) {
            return;
        }
        try {
            Revisions.requireFilledIn(pending, RECORDING.get(command), "run ./jbang liquibase " + command + " again");
        } catch (LessonError refused) {
            Console.error(refused.getMessage());
            System.err.println(refused.next());
            System.exit(1);
        }
    }
}
