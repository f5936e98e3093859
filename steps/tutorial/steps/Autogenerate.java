package tutorial.steps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.database.Table;
import tutorial.lesson.Console;
import tutorial.lesson.Step;
import tutorial.liquibase.AppliedButAbsent;
import tutorial.liquibase.EditBeforeCreate;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.ModelDiff;
import tutorial.liquibase.NotListed;
import tutorial.liquibase.Renames;
import tutorial.liquibase.Revisions;
import tutorial.project.ModelEdit;
import tutorial.project.Folders;
import tutorial.project.Project;

/**
 * Step 4 around its block: what would make autogenerate propose the wrong thing refused first (a changeset pending, a hole in the
 * chain, a column recorded but absent or renamed); the block writes Liquibase's changeset to a scratch file, from which the
 * numbered file the master changelog includes is written, with the types as the models declare them (Revisions).
 */
public final class Autogenerate {

    private Autogenerate() {
    }

    public static void around(Step step, List<Table> models, Block block) throws Exception {
        String message = step.value("-m");
        Project project = step.project();
        ModelDiff.requireSqlite(project); // before connecting: a server's URL would ask for its driver first
        ModelEdit.find(project).requireNamedGenre(project); // "gerne": autogenerate would add that column

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            NotListed.refuseAutogenerate(migrations, library.name(), project.changelogFile()); // a chain with a hole in it, first:
            Revisions.requireUpToDate(project, migrations, library); // an id edited leaves its new name pending, which 05 refuses
            Schema schema = Schema.read(library);
            AppliedButAbsent.refuseAutogenerate(migrations, library, schema, models); // a record without its column
            Renames.refuseAutogenerate(migrations, library, schema, models); // a column renamed by a changeset, the models not told
            // The block, watched: it writes Liquibase's changeset to a scratch file, and its comparison
            // comes back, from which the tutorial writes the numbered file the master changelog
            // includes, with the types as the models declare them (Revisions).
            Path scratch = Folders.temporary(Files.createTempDirectory("diff-changelog-")); // a Ctrl-C left it in the temporary folder
            String written = scratch.resolve("changes.yaml").toString();
            try (ModelDiff diff = ModelDiff.fromBlock(migrations, models, step.verbose(),
                    () -> block.run(new String[] {project.blockArguments()[0], Revisions.AUTHOR, written}))) {
                if (diff.inSync()) {
                    Console.say("No changes detected: the models and library.db agree. No file written.");
                    ModelEdit.find(project).sayIfNotDone(project); // step 3's edit skipped: the usual reason, at the walkthrough's start
                    EditBeforeCreate.sayIfSo(project, library); // or made before 01_create: library.db has genre already
                    return;
                }
                Revisions.autogenerate(project, library, diff, message);
            } finally {
                Files.deleteIfExists(Path.of(written));
                Files.deleteIfExists(scratch);
                Folders.done(scratch);
            }
        }
    }

}
