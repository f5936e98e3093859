package tutorial.liquibase;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.Console;
import tutorial.project.ModelEdit;
import tutorial.project.Project;

/**
 * Step 3's edit made before step 1: library.db was made with the genre line already uncommented,
 * so it has books.genre from create_all(), not from a migration, while no changeset is written or
 * applied yet. Steps 3 to 5 then find nothing to migrate, each sending to the next; 01, 03, 04,
 * 05 and check say so instead, with the way back to the lesson's path (a library.db made without genre).
 */
public final class EditBeforeCreate {

    private EditBeforeCreate() {
    }

    /** Whether library.db stands so (and nothing is applied: a master put back to [] while genre's changeset is, is NotListed's). */
    public static boolean madeSo(Project project, LibraryDatabase library) {
        return ModelEdit.find(project).done() && library.isSqlite()
                && library.columnNames("books").stream().anyMatch("genre"::equalsIgnoreCase)
                && !new Changelog(project).hasChangesets()
                && !(library.hasChangelogTable() && library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") > 0);
    }

    /** Says so after a blank line, and the way back; true when it did. */
    public static boolean sayIfSo(Project project, LibraryDatabase library) {
        if (!madeSo(project, library)) {
            return false;
        }
        Console.blank();
        Console.say("library.db has books.genre from the start: 01_create made it after the genre line of the models was uncommented");
        Console.say("(step 3's edit came first), so steps 3 to 5 find nothing to migrate. To walk through the lesson as written,");
        Console.say(wayBack(project).replace(": mv", ":\n  mv"));
        return true;
    }

    /** "put the // back at the start of steps/models/Models.java line 33, then make library.db again: mv library.db ...". */
    public static String wayBack(Project project) {
        ModelEdit edit = ModelEdit.find(project);
        return "put the // back at the start of " + project.relative(edit.file()) + " line " + edit.lineNumber()
                + ", then make library.db again: " + tutorial.lesson.CommandLine.moveAside(project.root().resolve("library.db"), "library.db")
                + " && ./jbang steps/01_create.java";
    }
}
