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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import liquibase.Scope;
import liquibase.license.LicenseServiceFactory;
import tutorial.liquibase.CommunityLicense;
import tutorial.liquibase.Migrations;
import tutorial.project.Project;

class LiquibaseCli {
    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Project project = Project.find();
        // update, rollback, changelog-sync and tag change library.db: one command at a time in the folder, as the steps.
        tutorial.project.ProjectLock.take(project.root(), "./jbang liquibase " + String.join(" ", args));
        Migrations.registerExtensions();
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
}
