package tutorial.exercises;

import java.util.List;
import java.util.Optional;

import tutorial.exercises.Exercise.ModelLine;
import tutorial.exercises.Exercise.Move;
import tutorial.exercises.Exercise.Run;
import tutorial.exercises.Exercise.RunExpectingFailure;
import tutorial.exercises.Exercise.SqlByHand;
import tutorial.exercises.Exercise.WriteNewestChangeset;

import tutorial.lesson.Step;

/**
 * The lesson's exercises, in the order to do them: each Break is followed by the Fix that
 * puts it right (break-1 then fix-1, break-2 then fix-3, break-3 then fix-2).
 */
public final class Exercises {

    static final String GENRE_FILE = "changelog/changes/0001_add_genre_column_to_books.yaml";

    public static final List<Exercise> ALL = List.of(
            new Exercise("alter-1", "Alter it",
                    "Add a nullable isbn column (a string) to books: change the model, autogenerate, upgrade.",
                    List.of("Same three moves as the walkthrough: a new line in the Book model, then 04_autogenerate and 05_upgrade.",
                            "Add .column(\"isbn\", string(20)) to the books table in Models.java; a column without NOT_NULL is nullable."),
                    AlterChecks::alter1,
                    List.of(new Run("steps/05_upgrade.java"),
                            new ModelLine("exercises/alter-1/solution/Models.java", "isbn"),
                            new Run("steps/04_autogenerate.java", "-m", "add isbn column to books"),
                            new Run("steps/05_upgrade.java"))),

            new Exercise("alter-2", "Alter it",
                    "Write a data migration that sets genre = 'programming' for every book, with a rollback.",
                    List.of("Autogenerate only compares schemas; data changes are written by hand. Start an empty changeset with ./jbang revision -m MESSAGE.",
                            "Use Liquibase's update change (tableName: books, a column genre with value: programming) and write a rollback block: Liquibase cannot invert an update by itself."),
                    AlterChecks::alter2,
                    List.of(new Run("revision", "-m", "set genre to programming"),
                            new WriteNewestChangeset("exercises/alter-2/solution/changeset.yaml"),
                            new Run("steps/05_upgrade.java"))),

            new Exercise("alter-3", "Alter it",
                    "Add an index on books.genre through a migration that can be rolled back.",
                    List.of("Declare the index in the models, so they keep describing the database, then autogenerate.",
                            "Add .index(\"ix_books_genre\", \"genre\") to the books table; autogenerate writes a createIndex, which Liquibase knows how to roll back."),
                    AlterChecks::alter3,
                    List.of(new ModelLine("exercises/alter-3/solution/Models.java", "ix_books_genre"),
                            new Run("steps/04_autogenerate.java", "-m", "add index on genre"),
                            new Run("steps/05_upgrade.java"))),

            new Exercise("break-1", "Break it",
                    "Add a notes column to books by hand (no migration), then autogenerate: what does it propose?",
                    List.of("Change library.db behind Liquibase's back: ./jbang explore, then sql(\"ALTER TABLE books ADD COLUMN notes TEXT\").",
                            "Then run 03_change_model and 04_autogenerate: the models are the truth for autogenerate, so it proposes to drop what they lack. Read it, do not apply it: ./jbang revision --discard removes it."),
                    BreakFixChecks::break1,
                    List.of(new SqlByHand("ALTER TABLE books ADD COLUMN notes TEXT"),
                            new Run("steps/03_change_model.java"),
                            new Run("steps/04_autogenerate.java", "-m", "after a column added by hand"),
                            new Run("revision", "--discard"))),

            new Exercise("fix-1", "Fix it",
                    "Keep break-1's hand-made notes column: describe it in the models and a changeset, then mark that changeset applied without running it.",
                    List.of("Liquibase's changelog-sync is Alembic's stamp: it records changesets as applied without running them.",
                            "Add .column(\"notes\", TEXT) to the models, write an addColumn notes changeset (./jbang revision -m ...), then ./jbang liquibase changelog-sync."),
                    BreakFixChecks::fix1,
                    List.of(new ModelLine("exercises/fix-1/solution/Models.java", "notes"),
                            new Run("revision", "-m", "notes column added by hand"),
                            new WriteNewestChangeset("exercises/fix-1/solution/changeset.yaml"),
                            new Run("liquibase", "changelog-sync"),
                            new Run("steps/03_change_model.java"))),

            new Exercise("break-2", "Break it",
                    "Rename an applied changeset's file (keep it as .bak), so the changelog cannot find it; then upgrade, and read the error.",
                    List.of("Rename the walkthrough's changeset file with mv (to .bak, so you keep it), then run 05_upgrade.",
                            "mv " + GENRE_FILE + " " + GENRE_FILE + ".bak, then ./jbang steps/05_upgrade.java; fix-3 puts it right."),
                    BreakFixChecks::break2,
                    List.of(new Move(GENRE_FILE, GENRE_FILE + ".bak"),
                            new RunExpectingFailure("steps/05_upgrade.java"))),

            new Exercise("fix-3", "Fix it",
                    "Read the history to find what break-2 broke, put the file back, and tag the repaired chain.",
                    List.of("./jbang history shows the chain like alembic history, including applied changesets whose file is gone.",
                            "Move the .bak file back, check ./jbang history again, then ./jbang liquibase tag repaired (a tag marks a point you can roll back to)."),
                    BreakFixChecks::fix3,
                    List.of(new RunExpectingFailure("history"),
                            new Move(GENRE_FILE + ".bak", GENRE_FILE),
                            new Run("history"),
                            new Run("liquibase", "tag", "repaired"))),

            new Exercise("break-3", "Break it",
                    "Give a column a new type in the models only, with no migration: what breaks, and when?",
                    List.of("Change isbn (from alter-1) from string(20) to INTEGER in Models.java, then run 06_verify and 03_change_model.",
                            "Then autogenerate: it proposes modifyDataType, which Liquibase cannot run on SQLite. Run 05_upgrade to see it fail, then ./jbang revision --discard; fix-2 does it by hand."),
                    BreakFixChecks::break3,
                    List.of(new ModelLine("exercises/break-3/solution/Models.java", "isbn"),
                            new Run("steps/06_verify.java"),
                            new Run("steps/03_change_model.java"),
                            new Run("steps/04_autogenerate.java", "-m", "change isbn type"),
                            new RunExpectingFailure("steps/05_upgrade.java"),
                            new Run("revision", "--discard"))),

            new Exercise("fix-2", "Fix it",
                    "Finish break-3 by hand: a changeset, started empty, that changes isbn to INTEGER on SQLite, with its own rollback.",
                    List.of("./jbang revision -m MESSAGE starts an empty changeset with changes and rollback sections, like alembic revision -m.",
                            "SQLite cannot change a column's type: rename isbn away, add a new isbn INTEGER, copy the values with sql, drop the old one (with sql too, ALTER TABLE books DROP COLUMN: "
                                    + "stock Liquibase's dropColumn keeps the column on SQLite); the rollback does the same the other way. "
                                    + "A CAST keeps only what fits (CAST('978-0-13-468599-1' AS INTEGER) is 978): a precondition (sqlCheck, onFail: HALT) can stop the changeset while a value would not fit."),
                    BreakFixChecks::fix2,
                    List.of(new Run("revision", "-m", "change isbn to integer"),
                            new WriteNewestChangeset("exercises/fix-2/solution/changeset.yaml"),
                            new Run("steps/05_upgrade.java"),
                            new Run("steps/07_rollback.java"),
                            new Run("steps/05_upgrade.java"))));

    private Exercises() {
    }

    public static Optional<Exercise> byId(String id) {
        return ALL.stream().filter(exercise -> exercise.id().equals(id)).findFirst();
    }

    /** The exercise a tool's one argument names; a usage error listing the ids otherwise. */
    public static Exercise named(Step step, String id) {
        return byId(id).orElseThrow(() -> {
            // Alter-1, alter1, ALTER_1: the one meant, named.
            String typed = id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
            String meant = ALL.stream().map(Exercise::id).filter(known -> known.replace("-", "").equals(typed)).findFirst()
                    .map(known -> " Did you mean " + known + "?").orElse("");
            return step.usageError("There is no exercise " + id + "." + meant + " The exercises: " + Progress.ids() + ".");
        });
    }

    /** The exercise named by a tool's only argument. */
    public static Exercise fromArguments(Step step) {
        if (step.positional().size() != 1) {
            throw step.usageError("Name one exercise: " + Progress.ids() + ".");
        }
        return named(step, step.positional().get(0));
    }

}
