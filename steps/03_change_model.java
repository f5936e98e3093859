///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/*.java
//SOURCES models/*.java
//DESCRIPTION Step 3: add the genre column to the Book model, and see how the models now differ from library.db

// A migration starts with a change to the models. Here: uncomment the genre column in
// steps/models/Models.java. Until then this step says which line to edit and stops;
// after it, it shows what now differs between the models and library.db, which is
// exactly what 04_autogenerate will turn into a changeset.

import models.Models;
import tutorial.*;

class ChangeModelStep {
    public static void main(String[] args) {
        Step step = Step.named("03_change_model", "Step 3 of 7: change the model")
                .standsFor("liquibase diff (models vs library.db)", "edit project.py, then compare")
                .option("--apply", "make the edit for you (for scripted runs)")
                .start(args);
        Project project = step.project();

        ModelEdit edit = ModelEdit.find(project);
        if (step.has("--apply") && edit.found() && !edit.done()) {
            edit.apply(project);
            Console.say("Edited " + project.relative(edit.file()) + " line " + edit.lineNumber() + ": deleted the leading //.");
            // This run was compiled from the models as they were; JBang recompiles on the next run.
            Console.say("Run this step again to see what now differs: ./jbang steps/03_change_model.java");
            return;
        }
        if (edit.found() && !edit.done()) {
            throw new LessonError("The genre column is still commented out in the Book model.",
                    "Edit " + project.relative(edit.file()) + ", line " + edit.lineNumber()
                            + ": delete the leading // so that it reads\n" + ModelEdit.withoutMarker(edit.uncommented())
                            + "\nThen run this step again (or let it edit for you: ./jbang steps/03_change_model.java --apply).");
        }
        Console.say("The Book model has its genre column: " + project.relative(edit.file()) + " line " + edit.lineNumber() + ".");
        Console.say(ModelEdit.withoutMarker(edit.line()).strip());
        Console.blank();

        try (LibraryDatabase library = LibraryDatabase.open(project);
             ModelDiff diff = ModelDiff.compare(Migrations.on(project, library), Models.ALL)) {
            if (diff.inSync()) {
                Console.say("The models and library.db agree: there is nothing to migrate.");
            } else {
                Console.say("What differs between the models and library.db:");
                Console.indented(diff.lines());
                Console.blank();
                boolean walkthrough = diff.lines().stream().anyMatch(line -> line.contains("books.genre"));
                Console.say("Next: turn that difference into a changeset with");
                Console.say("  ./jbang steps/04_autogenerate.java -m \"" + (walkthrough ? "add genre column to books" : "say what it does") + "\"");
            }
        }
    }
}
