///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../tutorial/*.java
//DEPS info.picocli:picocli:4.7.7
//DESCRIPTION The real Liquibase CLI on this project's liquibase.properties and library.db, e.g. ./jbang liquibase history

// liquibase-core holds the CLI's code but not picocli, the library that parses its command
// line: that is the one dependency added here. The project's liquibase.properties and folder
// are passed explicitly, so the CLI finds them from any folder inside the project, and the
// same extensions the steps use are plugged in (native ADD/DROP COLUMN, one transaction per
// changeset, a changelog lock that copes with killed runs), so both behave the same.

import java.util.ArrayList;
import java.util.List;

import tutorial.Migrations;
import tutorial.Project;

class LiquibaseCli {
    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Project project = Project.find();
        Migrations.registerExtensions();
        List<String> cli = new ArrayList<>(List.of(
                "--defaults-file=" + project.root().resolve(Project.SETTINGS_FILE),
                "--search-path=" + project.root(),
                "--url=" + project.url(),
                "--show-banner=false"));
        cli.addAll(List.of(args));
        liquibase.integration.commandline.LiquibaseCommandLine.main(cli.toArray(String[]::new));
    }
}
