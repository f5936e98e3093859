package tutorial.project;

import java.nio.file.Path;
import java.util.List;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;

/**
 * The one edit the walkthrough asks for: uncommenting the genre column in Models.java,
 * found by the marker comment at the end of its line.
 */
public record ModelEdit(Path file, int lineNumber, String line) {

    /** Spelled in two parts so that the models hold the only line of the project that carries it. */
    static final String MARKER = "UNCOMMENT FOR " + "MIGRATION";

    public static ModelEdit find(Project project) {
        Path file = project.models();
        List<String> lines = TextFiles.read(project, file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(MARKER)) {
                return new ModelEdit(file, i + 1, lines.get(i));
            }
        }
        return new ModelEdit(file, 0, null);
    }

    /** False when the marked line is gone: the learner rewrote it, which is theirs to do. */
    public boolean found() {
        return line != null;
    }

    public boolean done() {
        return found() && !line.stripLeading().startsWith("//");
    }

    /** The line as it reads once the leading // is deleted, and nothing else. */
    public String uncommented() {
        int slashes = line.indexOf("//");
        return line.substring(0, slashes) + line.substring(slashes + 2);
    }

    /** A line as code, without its marker comment: how the steps show it, so the marker stays on one line only. */
    public static String withoutMarker(String line) {
        return line.replaceAll("\\s*//\\s*" + MARKER + ".*$", "");
    }

    /** For scripted runs (--apply): makes the edit if it is still to be made, says so, and returns whether it did. */
    public boolean applyAndSay(Project project) {
        if (!found() || done()) {
            return false;
        }
        apply(project);
        Console.say("Edited " + project.relative(file) + " line " + lineNumber + ": deleted the leading //.");
        // This run has the models as JBang built them when it started; the next run builds them again.
        Console.say("Run this step again to see what now differs: ./jbang steps/03_change_model.java");
        return true;
    }

    /** Stops, naming the file, the line and what it should read, while the genre column is still commented out. */
    public void requireDone(Project project) {
        if (found() && !done()) {
            throw new LessonError("The genre column is still commented out in the Book model.",
                    "Edit " + project.relative(file) + ", line " + lineNumber + ": delete the leading // so that it reads\n"
                            + withoutMarker(uncommented())
                            + "\nThen run this step again (or let it edit for you: ./jbang steps/03_change_model.java --apply).");
        }
    }

    /** After "No changes detected": says where the edit is still to be made, if it is. */
    public void sayIfNotDone(Project project) {
        if (found() && !done()) {
            Console.say("The genre column is still commented out in the Book model (" + project.relative(file) + " line " + lineNumber
                    + "): ./jbang steps/03_change_model.java says how to edit it.");
        }
    }

    /**
     * Whether library.db was made with the edit already in it: the genre line uncommented before
     * 01_create ran, no changeset written or applied yet, and books has genre (from create_all(),
     * not from a migration). Steps 3 to 5 then find nothing to migrate, each sending to the next.
     */
    public boolean madeBeforeCreate(Project project, LibraryDatabase library) {
        return done() && library.isSqlite() && library.columnNames("books").stream().anyMatch("genre"::equalsIgnoreCase)
                && !new Changelog(project).hasChangesets()
                // and nothing applied: a master put back to [] while the genre changeset is applied is a hole in the chain (NotListed)
                && !(library.hasChangelogTable() && library.countIfThere("SELECT count(*) FROM DATABASECHANGELOG") > 0);
    }

    /** Says so after a blank line, and the way back to the lesson's path (a library.db made without genre); true when it did. */
    public boolean sayIfMadeBeforeCreate(Project project, LibraryDatabase library) {
        if (!madeBeforeCreate(project, library)) {
            return false;
        }
        Console.blank();
        Console.say("library.db has books.genre from the start: 01_create made it after the genre line of the models was uncommented");
        Console.say("(step 3's edit came first), so steps 3 to 5 find nothing to migrate. To walk through the lesson as written,");
        Console.say(wayBack(project).replace(": mv", ":\n  mv"));
        return true;
    }

    /** "put the // back at the start of steps/models/Models.java line 33, then make library.db again: mv library.db ...". */
    public String wayBack(Project project) {
        return "put the // back at the start of " + project.relative(file) + " line " + lineNumber
                + ", then make library.db again: mv library.db library.db.bak && ./jbang steps/01_create.java";
    }

    /** Shows the genre line where it is, as it now reads (nothing when the learner rewrote it: the diff says the rest). */
    public void show(Project project) {
        if (found()) {
            Console.say("The Book model has its genre column: " + project.relative(file) + " line " + lineNumber + ".");
            Console.say(withoutMarker(line).strip());
            Console.blank();
        }
    }

    /** Makes the edit in the file, exactly as the learner would: the leading // deleted. */
    public void apply(Project project) {
        List<String> lines = new java.util.ArrayList<>(TextFiles.read(project, file).lines().toList());
        lines.set(lineNumber - 1, uncommented());
        TextFiles.write(project, file, String.join("\n", lines) + "\n");
    }
}
