///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES tutorial/**.java
//SOURCES models/*.java
//DESCRIPTION Step 3: add the genre column to the Book model, and see how the models now differ from library.db

// A migration starts with a change to the models. Here: uncomment the genre column of the
// Book model (Project.MODELS_FILE). Until then this step says which line to edit and stops;
// after it, it shows what now differs between the models and library.db, which is
// exactly what 04_autogenerate will turn into a changeset.

import java.util.List;

import models.Models;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class ChangeModelStep {
    public static void main(String[] args) {
        Step step = Step.named("03_change_model", "Step 3 of 7: change the model")
                .standsFor("liquibase diff (models vs library.db)", "edit project.py, then compare")
                .option("--apply", "make the edit for you (for scripted runs)")
                .start(args);
        Project project = step.project();

        ModelEdit edit = ModelEdit.find(project);
        if (step.has("--apply") && edit.applyAndSay(project)) {
            return;
        }
        edit.requireDone(project);

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            try (ModelDiff diff = ModelDiff.compare(migrations, Models.ALL)) {
                // The genre line is news until library.db has the column; in the exercises it is not.
                if (!library.columnNames("books").contains("genre")) {
                    edit.show(project);
                }
                // A changeset not applied yet is part of the difference: 05_upgrade comes before a new one.
                Report.modelDiff(diff, diff.inSync() ? List.of() : migrations.pending());
            }
        }
    }
}
