package tutorial.project;

import java.nio.file.Path;
import java.util.List;

import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;

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

    /**
     * Uncommented and still naming genre (as "genre", a constant GENRE, in any spacing): a slip in
     * the name ("gerne") makes a column the lesson never asks for.
     */
    public boolean doneAsAsked() {
        return done() && NAMES_GENRE.matcher(withoutMarker(line)).find();
    }

    /** .column("genre", ...) in any spacing, or a constant that names it (.column(GENRE, ...)): not "genres", not "gerne". */
    private static final java.util.regex.Pattern NAMES_GENRE = java.util.regex.Pattern.compile("\\.column\\(\\s*(\"genre\"|[A-Z][A-Z0-9_]*)\\s*,");

    /**
     * The marker comment deleted from the line (found() false): whether the models still have a genre column written out,
     * not commented, as the walkthrough's edit leaves it.
     */
    public static boolean genreWrittenOut(Project project) {
        return TextFiles.read(project, project.models()).lines()
                .anyMatch(line -> !line.stripLeading().startsWith("//") && line.matches(".*\\.column\\(\\s*\"genre\"\\s*,.*"));
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
        if (found() && !done() && genreWrittenOut(project)) {
            // genre written out on a line of its own, the marked line left commented: uncommenting it too would declare genre twice.
            throw new LessonError("The Book model has its genre column on a line of its own, and the marked line (" + project.relative(file)
                    + " line " + lineNumber + ") is still commented out.", "Delete the marked line, which the one you wrote replaces; then run this step again.");
        }
        if (found() && !done()) {
            throw new LessonError("The genre column is still commented out in the Book model.",
                    "Edit " + project.relative(file) + ", line " + lineNumber + ": delete the two slashes before .column, nothing else, so that its code reads\n"
                            + withoutMarker(uncommented())
                            + "\nThen run this step again (or let it edit for you: ./jbang steps/03_change_model.java --apply).");
        }
        requireNamedGenre(project);
    }

    /** Stops where the genre line is uncommented but names another column: autogenerate would add that one, and the exercises look for genre. */
    public void requireNamedGenre(Project project) {
        if (done() && !doneAsAsked()) {
            throw new LessonError("The genre line of the Book model (" + project.relative(file) + " line " + lineNumber + ") is uncommented, "
                    + "but names no genre column: it reads " + withoutMarker(line).strip() + "." + Failures.NOTHING_CHANGED,
                    "Name the column genre, as the lesson has it: .column(\"genre\", string(50)); then run this step again.");
        }
    }

    /** After "No changes detected": says where the edit is still to be made, if it is. */
    public void sayIfNotDone(Project project) {
        if (found() && !done()) {
            Console.say("The genre column is still commented out in the Book model (" + project.relative(file) + " line " + lineNumber
                    + "): ./jbang steps/03_change_model.java says how to edit it.");
        }
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
