package tutorial.steps;

import java.util.List;
import java.util.stream.Collectors;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.Console;
import tutorial.lesson.Report;
import tutorial.lesson.Step;
import tutorial.liquibase.Changelog;
import tutorial.liquibase.HistoryChain;
import tutorial.liquibase.Migrations;
import tutorial.project.Project;
import tutorial.project.TextFiles;

/**
 * Step 2 around its block: liquibase.properties, the changelog's includes and how the models reach the comparison shown first,
 * then the history chain drawn from what the block's history reads.
 */
public final class Setup {

    private Setup() {
    }

    public static void around(Step step, List<Table> models, Block block) throws Exception {
        Project project = step.project();

        Console.say(Project.SETTINGS_FILE + " (the alembic.ini of this project: which database, which changelog):");
        settingsLines(project).forEach(line -> Console.say("  " + line));
        if (step.has("--url")) { // the file says one database, this run works on another
            Console.say("  (this run: --url " + tutorial.database.ServerConnection.name(project.url()) + " in place of its url)");
        }
        Console.blank();

        Changelog changelog = new Changelog(project);
        Console.say(project.changelogFile() + " (the history chain: the files it includes, oldest first):");
        changelog.includes().forEach(file -> Console.say("  " + file));
        if (changelog.includes().isEmpty()) {
            Console.say("  (none yet: 04_autogenerate will add the first)");
        }
        Console.blank();

        Console.say("How the models reach the comparison (what env.py does for Alembic):");
        Console.say("  " + project.relative(project.models()) + " declares the tables " + tableNames(models) + ".");
        Console.say("  04_autogenerate builds them into an in-memory SQLite database and has Liquibase");
        Console.say("  diff that database against library.db.");
        Console.blank();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Console.say("Where " + library.name() + " stands (alembic current):");
            Migrations migrations = Migrations.on(project, library);
            migrations.requireReadableChangelog();
            // The block, watched: Liquibase's own listing shows with --verbose; the tutorial draws
            // the chain from it and the changelog, with what is pending and what went missing.
            migrations.watching(false, step.verbose(), () -> block.run(project.blockArguments()));
            Report.history(HistoryChain.read(migrations).links());
        }
    }

    /** liquibase.properties without its comments: the settings themselves. */
    private static List<String> settingsLines(Project project) {
        return TextFiles.read(project, project.root().resolve(Project.SETTINGS_FILE)).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static String tableNames(List<Table> tables) {
        return tables.stream().map(Table::name).collect(Collectors.joining(" and "));
    }
}
