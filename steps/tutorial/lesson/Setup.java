package tutorial.lesson;

import java.util.List;
import java.util.stream.Collectors;

import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

/** What 02_setup shows of the project's configuration. */
public final class Setup {

    private Setup() {
    }

    /** liquibase.properties without its comments: the settings themselves. */
    public static List<String> settingsLines(Project project) {
        return TextFiles.read(project, project.root().resolve(Project.SETTINGS_FILE)).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    public static String tableNames(List<Table> tables) {
        return tables.stream().map(Table::name).collect(Collectors.joining(" and "));
    }
}
