package tutorial.steps;

import java.util.List;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.Report;
import tutorial.lesson.Step;
import tutorial.liquibase.EditBeforeCreate;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.ModelDiff;
import tutorial.project.ModelEdit;
import tutorial.project.Project;

/**
 * Step 3 around its block: the edit of the models found (or made, with --apply), then the block's comparison summed up.
 */
public final class ChangeModel {

    private ChangeModel() {
    }

    public static void around(Step step, List<Table> models, Block block) throws Exception {
        Project project = step.project();

        ModelEdit edit = ModelEdit.find(project);
        if (step.has("--apply") && edit.applyAndSay(project)) {
            return;
        }
        edit.requireDone(project);
        ModelDiff.requireSqlite(project); // before connecting: a server's URL would ask for its driver first

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            // The block, watched: its comparison comes back for the tutorial's report.
            try (ModelDiff diff = ModelDiff.fromBlock(migrations, models, step.verbose(), () -> block.run(project.blockArguments()))) {
                // The genre line is news until library.db has the column; in the exercises it is not.
                if (!library.columnNames("books").contains("genre")) {
                    edit.show(project);
                }
                // A changeset not applied yet is part of the difference: 05_upgrade comes before a new one.
                Report.modelDiff(diff, diff.inSync() ? List.of() : migrations.pending());
                if (diff.inSync()) {
                    EditBeforeCreate.sayIfSo(project, library);
                }
            }
        }
    }

}
