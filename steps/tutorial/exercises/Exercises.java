package tutorial.exercises;

import static tutorial.exercises.Exercise.Verdict.done;
import static tutorial.exercises.Exercise.Verdict.missing;

import java.util.List;
import java.util.Optional;

import liquibase.changelog.ChangeSet;

import tutorial.exercises.Exercise.ModelLine;
import tutorial.exercises.Exercise.Move;
import tutorial.exercises.Exercise.Run;
import tutorial.exercises.Exercise.RunExpectingFailure;
import tutorial.exercises.Exercise.SqlByHand;
import tutorial.exercises.Exercise.WriteNewestChangeset;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.project.*;

/**
 * The lesson's exercises, in the order to do them: each Break is followed by the Fix that
 * puts it right (break-1 then fix-1, break-2 then fix-3, break-3 then fix-2).
 */
public final class Exercises {

    static final String GENRE_FILE = "changelog/changes/0001_add_genre_column_to_books.yaml";
    /** Why writing the missing rollback into an applied changeset is no edit Liquibase would flag. */
    private static final String ROLLBACK_ADDED_LATER = " (a rollback block is not part of the checksum, so adding it to an applied changeset is safe).";
    /** Where an applied changeset's rollback is wrong: it can be mended where it is. */
    private static final String MEND_IN_PLACE = "Mend its rollback block where it is: Liquibase leaves the rollback out of an applied changeset's checksum.";

    public static final List<Exercise> ALL = List.of(
            new Exercise("alter-1", "Alter it",
                    "Add a nullable isbn column (a string) to books: change the model, autogenerate, upgrade.",
                    List.of("Same three moves as the walkthrough: a new line in the Book model, then 04_autogenerate and 05_upgrade.",
                            "Add .column(\"isbn\", string(20)) to the books table in Models.java; a column without NOT_NULL is nullable."),
                    evidence -> {
                        Optional<LibraryDatabase.ColumnInfo> isbn = evidence.column("books", "isbn");
                        if (isbn.isEmpty()) {
                            return missing("books has no isbn column yet.");
                        }
                        if (isbn.get().notNull()) {
                            return missing("books.isbn exists but is NOT NULL; the task asks for a nullable column. " + loosenIsbn(evidence));
                        }
                        if (evidence.modelColumn("books", "isbn").isEmpty()) {
                            return missing("library.db has books.isbn, but the Book model does not declare it: add it to Models.java, so that "
                                    + "the models keep describing the database (autogenerate would propose dropping it).");
                        }
                        if (!evidence.modelColumn("books", "isbn").get().nullable()) {
                            // The NOT NULL taken out of the changeset only (as 05_upgrade's refusal offers), left in the models.
                            return missing("library.db has books.isbn nullable, as the task asks, but the Book model declares it NOT_NULL: take "
                                    + "NOT_NULL out of its line in Models.java, so that the models describe the database (autogenerate would "
                                    + "propose making it NOT NULL, which SQLite cannot do in place).");
                        }
                        // A string as first added: fix-2 changes its type later, on purpose.
                        String added = evidence.typeFirstAdded("books", "isbn").orElse(isbn.get().type());
                        if (!added.toUpperCase(java.util.Locale.ROOT).matches("(VAR)?CHAR.*|TEXT.*|CLOB.*|STRING.*|CHARACTER.*|NVARCHAR.*")) {
                            return missing("books.isbn was added as " + added + "; the task asks for a string (string(20) in the models, "
                                    + "VARCHAR(20) in library.db).");
                        }
                        if (!evidence.appliedChange("addColumn", "isbn")) {
                            return missing("books.isbn exists, but no applied changeset adds it: was it added by hand?");
                        }
                        // revision's rollback: [] left over the addColumn: 07_rollback refuses it, and the Alter changesets roll back next.
                        Optional<String> blocked = evidence.appliedChangeSetsWith("addColumn", "isbn").stream().map(evidence::rollbackBlockFault)
                                .flatMap(Optional::stream).findFirst();
                        return blocked.isEmpty()
                                ? done("books.isbn (" + isbn.get().type() + ", nullable) was added by an applied changeset.")
                                : missing("books.isbn was added by an applied changeset, but 07_rollback would refuse to roll it back: "
                                        + blocked.get().replaceFirst("\\.$", "") + ". " + MEND_IN_PLACE);
                    },
                    List.of(new Run("steps/05_upgrade.java"),
                            new ModelLine("exercises/alter-1/solution/Models.java", "isbn"),
                            new Run("steps/04_autogenerate.java", "-m", "add isbn column to books"),
                            new Run("steps/05_upgrade.java"))),

            new Exercise("alter-2", "Alter it",
                    "Write a data migration that sets genre = 'programming' for every book, with a rollback.",
                    List.of("Autogenerate only compares schemas; data changes are written by hand. Start an empty changeset with ./jbang revision -m MESSAGE.",
                            "Use Liquibase's update change (tableName: books, a column genre with value: programming) and write a rollback block: Liquibase cannot invert an update by itself."),
                    evidence -> {
                        if (evidence.column("books", "genre").isEmpty()) {
                            return missing(evidence.appliedChange("addColumn", "genre")
                                    ? "books has no genre column now, though the walkthrough's changeset, applied, added it: it was renamed or "
                                            + "dropped since, by a changeset or by hand. ./jbang steps/05_upgrade.java says which, and the way back."
                                    : "books has no genre column: finish the walkthrough first, its changeset that adds genre applied "
                                            + "(./jbang steps/05_upgrade.java applies it, or says what comes before).");
                        }
                        List<String> genres = evidence.rows("SELECT DISTINCT coalesce(genre, 'NULL') FROM books");
                        if (!genres.equals(List.of("programming"))) {
                            return missing("Not every book has genre 'programming' (found: " + String.join(", ", genres) + ").");
                        }
                        // Every changeset that sets them (the learner may split the work) needs a rollback that sets genre back.
                        // An update, an sql change, or an sqlFile whose SQL sets it (read as Liquibase reads the file).
                        List<ChangeSet> setting = java.util.stream.Stream.of(evidence.appliedChangeSetsWith("update", "books", "programming").stream(),
                                evidence.appliedChangeSetsWith("sql", "genre", "programming").stream(),
                                evidence.appliedChangeSets().stream().filter(changeSet -> changeSet.getChanges().stream()
                                        .flatMap(change -> tutorial.liquibase.Overwrites.of(change).stream())
                                        .anyMatch(set -> set.writes("books", "genre") && set.value().strip().equalsIgnoreCase("'programming'"))))
                                .flatMap(changeSets -> changeSets).distinct().toList();
                        if (setting.isEmpty()) {
                            return missing("Every genre is 'programming', but no applied changeset with a rollback block set it.");
                        }
                        ChangeSet noRollback = setting.stream().filter(changeSet -> changeSet.getRollback().getChanges().isEmpty()).findFirst().orElse(null);
                        if (noRollback != null) {
                            return missing("An applied changeset sets the genres, but " + (setting.size() == 1 ? "it" : noRollback.getId())
                                    + " has no rollback block: Liquibase cannot undo a data change by itself. Add one to that changeset, an update "
                                    + "setting genre back to NULL" + ROLLBACK_ADDED_LATER);
                        }
                        ChangeSet leavesGenres = setting.stream().filter(changeSet -> !Evidence.rollbackNames(changeSet, "genre")).findFirst().orElse(null);
                        if (leavesGenres != null) {
                            return missing("The rollback of " + leavesGenres.getId() + " does not set genre back (it names no genre): rolled back, "
                                    + "the books would keep 'programming'. Make it an update setting genre back to NULL" + ROLLBACK_ADDED_LATER);
                        }
                        // A rollback that names genre only to set a genre of its own ('programming' again, 'fiction') does not put back
                        // the NULL every book had before.
                        tutorial.liquibase.Overwrites setsAGenre = setting.stream().map(changeSet -> {
                            List<tutorial.liquibase.Overwrites> genreSets = changeSet.getRollback().getChanges().stream()
                                    .flatMap(change -> tutorial.liquibase.Overwrites.of(change).stream())
                                    .filter(set -> set.column().equalsIgnoreCase("genre")).toList();
                            return !genreSets.isEmpty() && genreSets.stream().allMatch(set -> set.value().strip().matches("'.*'")) ? genreSets.get(0) : null;
                        }).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                        if (setsAGenre != null) {
                            ChangeSet setsItAgain = setting.stream().filter(changeSet -> changeSet.getRollback().getChanges().stream()
                                    .flatMap(change -> tutorial.liquibase.Overwrites.of(change).stream()).anyMatch(setsAGenre::equals)).findFirst().orElseThrow();
                            return missing("The rollback of " + setsItAgain.getId() + " sets genre to " + setsAGenre.value().strip()
                                    + (setsAGenre.value().strip().equalsIgnoreCase("'programming'") ? " again: rolled back, the books would keep it."
                                    : ", where every book had none (NULL) before.") + " Make it an update setting genre back to NULL" + ROLLBACK_ADDED_LATER);
                        }
                        // From the walkthrough's end (every genre NULL), as a teammate's database runs them, the applied updates of genre
                        // must leave every book 'programming': not one limited to some books, not a later one setting another genre.
                        List<ChangeSet> applied = evidence.appliedChangeSets();
                        java.util.Map<ChangeSet, List<tutorial.liquibase.Overwrites>> genreSets = new java.util.LinkedHashMap<>();
                        boolean unread = false;
                        for (ChangeSet changeSet : applied) {
                            for (liquibase.change.Change change : changeSet.getChanges()) {
                                if (change instanceof liquibase.change.AbstractSQLChange sql
                                        && !liquibase.database.DatabaseList.definitionMatches(sql.getDbms(), "sqlite", true)) {
                                    continue; // written for another database: it did not run here
                                }
                                tutorial.liquibase.Overwrites.of(change).stream()
                                        .filter(set -> set.writes("books", "genre"))
                                        .forEach(set -> genreSets.computeIfAbsent(changeSet, key -> new java.util.ArrayList<>()).add(set));
                                unread |= tutorial.liquibase.Overwrites.writesUnread(change, "books", "genre");
                            }
                        }
                        // An update set with whereParams, say, is not read: what cannot be replayed is not judged.
                        unread |= genreSets.isEmpty() || setting.stream().anyMatch(changeSet -> !genreSets.containsKey(changeSet) && changeSet.getChanges().stream()
                                .anyMatch(change -> !(change instanceof liquibase.change.AbstractSQLChange sql)
                                        || liquibase.database.DatabaseList.definitionMatches(sql.getDbms(), "sqlite", true)));
                        long leftOut = unread ? 0 : evidence.booksNotProgrammingFromNullGenres(genreSets.values().stream().flatMap(List::stream).toList())
                                .orElse(0L);
                        if (leftOut > 0) {
                            // Rolled back to just before the first of them: 07 with no target takes back only the newest applied.
                            int first = genreSets.keySet().stream().mapToInt(applied::indexOf).filter(at -> at >= 0).min().orElse(applied.size() - 1);
                            String rollBack = first == applied.size() - 1 ? "./jbang steps/07_rollback.java"
                                    : (first > 0 ? "./jbang steps/07_rollback.java --to " + applied.get(first - 1).getId() : "./jbang steps/07_rollback.java --to base")
                                    + ", which rolls back " + String.join(", ", applied.subList(first + 1, applied.size()).stream().map(ChangeSet::getId).toList())
                                    + " too";
                            List<String> sets = new java.util.ArrayList<>();
                            genreSets.forEach((changeSet, updates) -> updates.forEach(set -> sets.add(changeSet.getId() + " sets it to " + set.value()
                                    + (set.limited() ? " WHERE " + set.where() : ""))));
                            return missing("Every book has genre 'programming' here, but not from what the changesets do: run from the walkthrough's "
                                    + "end, every genre NULL as a teammate's database has it, they would leave " + leftOut
                                    + (leftOut == 1 ? " book without it" : " books without it") + " (" + String.join("; ", sets) + "). Here something "
                                    + "else set " + (leftOut == 1 ? "it" : "them") + ". Roll " + (genreSets.size() == 1 ? "that changeset" : "them")
                                    + " back (" + rollBack + "), make " + (genreSets.size() == 1 ? "it" : "them") + " set every book, and upgrade "
                                    + "again: an applied changeset's changes are part of its checksum.");
                        }
                        // A rollback that sets genre back on some books only (WHERE id = 1): rolled back, the others keep 'programming'.
                        // Judged by the books it leaves out here, where every book is 'programming': WHERE genre = 'programming' leaves none.
                        for (ChangeSet changeSet : setting) {
                            Optional<tutorial.liquibase.Overwrites> some = changeSet.getRollback().getChanges().stream()
                                    .flatMap(change -> tutorial.liquibase.Overwrites.of(change).stream())
                                    .filter(set -> set.writes("books", "genre") && set.limited() && booksLeftOut(evidence, set.where()) != 0).findFirst();
                            if (some.isPresent()) {
                                return missing("The rollback of " + changeSet.getId() + " sets genre back only WHERE " + some.get().where()
                                        + ": rolled back, the other books would keep 'programming'. Make it set every book's genre back to NULL"
                                        + ROLLBACK_ADDED_LATER);
                            }
                        }
                        // Its rollback, tried on a copy where it is the newest applied: one that deletes the books, or drops genre, is none.
                        ChangeSet newest = setting.stream().max(java.util.Comparator.comparingInt(evidence.appliedChangeSets()::indexOf)).orElseThrow();
                        Evidence.RollbackCheck rollback = evidence.rollbackFaults(newest, "books", "genre", null);
                        if (!rollback.faults().isEmpty()) {
                            return missing("Every book has genre 'programming', but the rollback of " + newest.getId() + " does not undo it (./jbang "
                                    + "roundtrip " + newest.getId() + " shows the whole trip): " + rollback.faults().get(0).replaceFirst("\\.$", "")
                                    + ". " + MEND_IN_PLACE);
                        }
                        return done("Every book has genre 'programming', set by an applied changeset with a rollback." + rollback.notTried(newest));
                    },
                    List.of(new Run("revision", "-m", "set genre to programming"),
                            new WriteNewestChangeset("exercises/alter-2/solution/changeset.yaml"),
                            new Run("steps/05_upgrade.java"))),

            new Exercise("alter-3", "Alter it",
                    "Add an index on books.genre through a migration that can be rolled back.",
                    List.of("Declare the index in the models, so they keep describing the database, then autogenerate.",
                            "Add .index(\"ix_books_genre\", \"genre\") to the books table; autogenerate writes a createIndex, which Liquibase knows how to roll back."),
                    evidence -> {
                        // An index that serves a lookup by genre: genre first (on (title, genre), SQLite would have to know the title).
                        List<String> indexes = evidence.rows("SELECT l.name FROM pragma_index_list('books') l, "
                                + "pragma_index_info(l.name) i WHERE i.name = 'genre' AND i.seqno = 0");
                        if (indexes.isEmpty()) {
                            List<String> behind = evidence.rows("SELECT l.name FROM pragma_index_list('books') l, "
                                    + "pragma_index_info(l.name) i WHERE i.name = 'genre'");
                            return missing(behind.isEmpty() ? "library.db has no index on books.genre yet."
                                    : "Index " + behind.get(0) + " has genre, but not as its first column: SQLite finds books by genre through an "
                                            + "index that starts with it. Index genre alone, or put it first.");
                        }
                        // A rollback written by hand takes the place of Liquibase's own: it must drop the index too.
                        List<ChangeSet> bySql = java.util.stream.Stream.of("create index", "create unique index")
                                .flatMap(create -> evidence.appliedChangeSetsWith("sql", create, "genre").stream()).distinct().toList();
                        // Each index judged by the changeset that made it first: a later one that makes it again (fix-2 by rebuilding
                        // books, say) brings back in its rollback what was there before it, the index with it.
                        List<ChangeSet> applied = evidence.appliedChangeSets();
                        java.util.Set<String> madeBefore = new java.util.HashSet<>();
                        ChangeSet keepsIndex = java.util.stream.Stream.concat(evidence.appliedChangeSetsWith("createIndex", "genre").stream(), bySql.stream())
                                .distinct().sorted(java.util.Comparator.comparingInt(applied::indexOf))
                                .filter(changeSet -> {
                                    List<String> names = tutorial.liquibase.SqlAdds.indexesMadeBy(changeSet);
                                    return names.isEmpty() || names.stream().filter(name -> madeBefore.add(name.toLowerCase(java.util.Locale.ROOT))).count() > 0;
                                })
                                .filter(changeSet -> !changeSet.getRollback().getChanges().isEmpty()
                                        && indexes.stream().noneMatch(index -> tutorial.liquibase.RollbackBlocks.dropsIndex(changeSet, index)))
                                .findFirst().orElse(null);
                        if (keepsIndex != null) {
                            return missing("The index is made by " + keepsIndex.getId() + ", whose rollback block, written by hand, takes the place "
                                    + "of Liquibase's own and does not drop it: rolled back, the index would stay. Add a dropIndex of "
                                    + indexes.get(0) + " (or an sql change DROP INDEX " + indexes.get(0) + ") to that rollback block"
                                    + ROLLBACK_ADDED_LATER);
                        }
                        return evidence.appliedChange("createIndex", "genre") || bySql.stream().anyMatch(changeSet -> !changeSet.getRollback().getChanges().isEmpty())
                                ? done("Index " + indexes.get(0) + " on books.genre was created by an applied changeset.")
                                : !bySql.isEmpty()
                                ? missing("An applied changeset creates the index in sql, but it has no rollback block: Liquibase cannot undo sql "
                                        + "by itself. Add one to that changeset, an sql change DROP INDEX " + indexes.get(0) + ROLLBACK_ADDED_LATER)
                                : missing("An index on books.genre exists, but no applied changeset created it: made by hand, "
                                        + (evidence.modelIndex("books", indexes.get(0)) ? "autogenerate finds nothing to write, as the models and "
                                                + "library.db agree. " : "and not declared in the models, so autogenerate would drop it. ")
                                        + "Declare it in the models if not yet (.index(\"" + indexes.get(0) + "\", \"genre\")), then either drop it "
                                        + "(in ./jbang explore: sql(\"DROP INDEX " + indexes.get(0) + "\")), autogenerate and upgrade; or write the "
                                        + "changeset that creates it and record it as applied without running it, as fix-1 does (./jbang liquibase "
                                        + "changelog-sync, which records every pending changeset: ./jbang history first).");
                    },
                    List.of(new ModelLine("exercises/alter-3/solution/Models.java", "ix_books_genre"),
                            new Run("steps/04_autogenerate.java", "-m", "add index on genre"),
                            new Run("steps/05_upgrade.java"))),

            new Exercise("break-1", "Break it",
                    "Add a notes column to books by hand (no migration), then autogenerate: what does it propose?",
                    List.of("Change library.db behind Liquibase's back: ./jbang explore, then sql(\"ALTER TABLE books ADD COLUMN notes TEXT\").",
                            "Then run 03_change_model and 04_autogenerate: the models are the truth for autogenerate, so it proposes to drop what they lack. Read it, do not apply it: ./jbang revision --discard removes it."),
                    evidence -> evidence.column("books", "notes").isEmpty() ? notesTakenBack(evidence).orElse(missing("books has no notes column: add it by hand first."))
                            : evidence.modelColumn("books", "notes").isPresent()
                            ? done("books.notes exists in library.db, made by hand; the models declare it too now (fix-1), so autogenerate no longer proposes to drop it.")
                            : done("books.notes exists in library.db, made by hand. Autogenerate proposes dropColumn notes: the models do not have it."),
                    List.of(new SqlByHand("ALTER TABLE books ADD COLUMN notes TEXT"),
                            new Run("steps/03_change_model.java"),
                            new Run("steps/04_autogenerate.java", "-m", "after a column added by hand"),
                            new Run("revision", "--discard"))),

            new Exercise("fix-1", "Fix it",
                    "Keep break-1's hand-made notes column: describe it in the models and a changeset, then mark that changeset applied without running it.",
                    List.of("Liquibase's changelog-sync is Alembic's stamp: it records changesets as applied without running them.",
                            "Add .column(\"notes\", TEXT) to the models, write an addColumn notes changeset (./jbang revision -m ...), then ./jbang liquibase changelog-sync."),
                    evidence -> {
                        if (evidence.column("books", "notes").isEmpty()) {
                            return notesTakenBack(evidence).orElse(missing("Do break-1 first: library.db has no hand-made notes column to keep."));
                        }
                        if (evidence.modelColumn("books", "notes").isEmpty()) {
                            return missing("The models do not declare notes yet.");
                        }
                        String modelled = evidence.modelColumn("books", "notes").get().type();
                        String stored = evidence.column("books", "notes").get().type();
                        if (!modelled.equalsIgnoreCase(stored)) {
                            return missing("notes is " + modelled + " in the models, " + stored + " in library.db: declare it as library.db has it.");
                        }
                        // changelog-sync records every pending changeset: break-1's proposal too, when it was not taken back.
                        List<ChangeSet> drops = evidence.appliedChangeSetsWith("dropColumn", "notes");
                        if (!drops.isEmpty()) {
                            ChangeSet drop = drops.get(0);
                            return missing("library.db records " + drop.getId() + " (" + drop.getFilePath() + ") as applied, and it drops notes: "
                                    + "break-1's proposal, recorded with the rest by changelog-sync. Yet notes is there, and a teammate's clone "
                                    + "would run it. Take back its record (./jbang explore, then sql(\"DELETE FROM DATABASECHANGELOG WHERE ID = '"
                                    + drop.getId() + "'\")), then delete its file and its include in the master changelog.");
                        }
                        // revision's template has rollback: [], which over an addColumn tells Liquibase there is nothing to undo.
                        for (ChangeSet adds : evidence.appliedChangeSetsWith("addColumn", "notes")) {
                            Optional<RollbackBlocks.EmptyRollback> undoesNothing = RollbackBlocks.emptyOver(evidence.migrations(), adds);
                            if (undoesNothing.isPresent()) {
                                return missing(adds.getId() + " adds notes, and its empty rollback block (" + RollbackBlocks.emptyRollback(adds)
                                        + ", from revision's template) tells Liquibase there is nothing to undo: rolled back, in a teammate's clone "
                                        + "too, notes would stay while its record went. " + undoesNothing.get().wayOut(adds)
                                        + " (a rollback block is not part of the checksum, so this edit is safe on an applied changeset).");
                            }
                        }
                        if (!evidence.appliedChange("addColumn", "notes")) {
                            return missing("No applied changeset adds notes: write one, then mark it applied with changelog-sync.");
                        }
                        // Recorded without running, the changeset's type is never checked against library.db's: a teammate's clone,
                        // which runs it, would get its type.
                        Optional<String> recorded = evidence.typeFirstAdded("books", "notes");
                        if (recorded.isPresent() && !Evidence.sameType(recorded.get(), stored)) {
                            return missing("notes is " + stored + " in library.db, but the applied changeset that adds it says " + recorded.get()
                                    + ": it never ran here, and a teammate's clone, which runs it, would get " + recorded.get() + ". Write the type "
                                    + "as library.db has it, then ./jbang liquibase clear-checksums (nothing of it ran: the record takes the edit).");
                        }
                        return done("notes is in the models, in library.db, and in an applied changeset: all three agree.");
                    },
                    List.of(new ModelLine("exercises/fix-1/solution/Models.java", "notes"),
                            new Run("revision", "-m", "notes column added by hand"),
                            new WriteNewestChangeset("exercises/fix-1/solution/changeset.yaml"),
                            new Run("liquibase", "changelog-sync"),
                            new Run("steps/03_change_model.java"))),

            new Exercise("break-2", "Break it",
                    "Rename an applied changeset's file (keep it as .bak), so the changelog cannot find it; then upgrade, and read the error.",
                    List.of("Rename the walkthrough's changeset file with mv (to .bak, so you keep it), then run 05_upgrade.",
                            "mv " + GENRE_FILE + " " + GENRE_FILE + ".bak, then ./jbang steps/05_upgrade.java; fix-3 puts it right."),
                    evidence -> {
                        if (!evidence.appliedButFileMissing().isEmpty()) {
                            return done("Broken as asked: library.db records " + evidence.appliedButFileMissing().get(0)
                                    + " as applied, and the file is gone. Now do fix-3.");
                        }
                        return fix3Done(evidence)
                                ? done("Broken, then repaired in fix-3: the chain is whole again.")
                                : evidence.fileFoundMissing().isPresent()
                                ? done("Broken as asked (" + evidence.fileFoundMissing().get() + " was found missing), and the file is back: "
                                        + "now tag the repaired chain (fix-3).")
                                : missing("Every applied changeset's file is in place: nothing is broken yet.");
                    },
                    List.of(new Move(GENRE_FILE, GENRE_FILE + ".bak"),
                            new RunExpectingFailure("steps/05_upgrade.java"))),

            new Exercise("fix-3", "Fix it",
                    "Read the history to find what break-2 broke, put the file back, and tag the repaired chain.",
                    List.of("./jbang history shows the chain like alembic history, including applied changesets whose file is gone.",
                            "Move the .bak file back, check ./jbang history again, then ./jbang liquibase tag repaired (a tag marks a point you can roll back to)."),
                    Exercises::fix3,
                    List.of(new RunExpectingFailure("history"),
                            new Move(GENRE_FILE + ".bak", GENRE_FILE),
                            new Run("history"),
                            new Run("liquibase", "tag", "repaired"))),

            new Exercise("break-3", "Break it",
                    "Give a column a new type in the models only, with no migration: what breaks, and when?",
                    List.of("Change isbn (from alter-1) from string(20) to INTEGER in Models.java, then run 06_verify and 03_change_model.",
                            "Then autogenerate: it proposes modifyDataType, which Liquibase cannot run on SQLite. Run 05_upgrade to see it fail, then ./jbang revision --discard; fix-2 does it by hand."),
                    evidence -> {
                        Optional<Table.Column> modelled = evidence.modelColumn("books", "isbn");
                        Optional<LibraryDatabase.ColumnInfo> stored = evidence.column("books", "isbn");
                        if (modelled.isEmpty() || stored.isEmpty()) {
                            return missing("Do alter-1 first: this exercise changes the type of isbn.");
                        }
                        // Broken: the models' type is not library.db's; or it was, and fix-2 has migrated library.db since.
                        String added = evidence.typeFirstAdded("books", "isbn").orElse(stored.get().type());
                        if (modelled.get().type().equalsIgnoreCase(stored.get().type()) && stored.get().type().equalsIgnoreCase(added)) {
                            return missing("The models still declare isbn as " + modelled.get().type() + ", as library.db has it: change its type in the models only.");
                        }
                        return done("The models declare isbn as " + modelled.get().type() + "; library.db has "
                                + stored.get().type() + (modelled.get().type().equalsIgnoreCase(stored.get().type())
                                ? " (migrated since, in fix-2)." : ". Nothing crashes: SQLite stores any value in any column."));
                    },
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
                    evidence -> {
                        Optional<LibraryDatabase.ColumnInfo> stored = evidence.column("books", "isbn");
                        Optional<Table.Column> modelled = evidence.modelColumn("books", "isbn");
                        if (stored.isEmpty() || modelled.isEmpty()) {
                            return missing("Do alter-1 and break-3 first.");
                        }
                        if (!stored.get().type().equalsIgnoreCase(modelled.get().type())) {
                            return missing("library.db still has isbn as " + stored.get().type() + "; the models say " + modelled.get().type() + ".");
                        }
                        String added = evidence.typeFirstAdded("books", "isbn").orElse(stored.get().type());
                        if (stored.get().type().equalsIgnoreCase(added)) {
                            return missing("Do break-3 first: isbn is " + added + " in the models and library.db, as alter-1 added it.");
                        }
                        Optional<ChangeSet> changed = evidence.laterChangeWithRollback("books", "isbn");
                        if (changed.isEmpty()) {
                            return missing("isbn is " + stored.get().type() + " in library.db (it was " + added + "), but not through an applied changeset with a rollback block.");
                        }
                        // ISBNs it cut when it ran (a CAST with no precondition), still cut now: library.db no longer shows what they
                        // were, and 05_upgrade said so before it ran.
                        List<String> cut = evidence.stillCut(changed.get(), "books", "isbn");
                        if (!cut.isEmpty()) {
                            return missing(evidence.cutSaid(changed.get(), cut));
                        }
                        // Its own rollback, tried on a copy: one that leaves isbn_number behind, or isbn not as it was (TEXT where alter-1
                        // added VARCHAR(20)), is no rollback yet.
                        Evidence.RollbackCheck rollback = evidence.rollbackFaults(changed.get(), "books", "isbn", evidence.typeFirstAdded("books", "isbn").orElse(null));
                        return rollback.faults().isEmpty()
                                ? done("isbn is " + stored.get().type() + " in library.db (it was " + added + "), changed by a hand-written changeset with a rollback."
                                        + rollback.notTried(changed.get()))
                                : missing("isbn is " + stored.get().type() + " in library.db, by " + changed.get().getId() + ", but its rollback does not "
                                        + "undo it (./jbang roundtrip " + changed.get().getId() + " shows the whole trip): " + rollback.faults().get(0).replaceFirst("\\.$", "")
                                        + ". " + MEND_IN_PLACE);
                    },
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

    /**
     * The way to a nullable isbn from a NOT NULL one, which SQLite cannot loosen in place (and
     * autogenerate's dropNotNullConstraint does not run there): by the changeset that added it, if
     * it is the newest applied; by hand, if none did; else by a changeset that rebuilds it.
     */
    private static String loosenIsbn(Evidence evidence) {
        List<ChangeSet> adding = evidence.appliedChangeSetsWith("addColumn", "isbn");
        List<ChangeSet> applied = evidence.appliedChangeSets();
        String thenModels = "take NOT_NULL off isbn in Models.java, then ./jbang steps/04_autogenerate.java -m \"add isbn column to books\" and "
                + "./jbang steps/05_upgrade.java.";
        if (adding.isEmpty()) {
            return "SQLite cannot loosen a column in place, and no changeset added this one: drop it by hand (./jbang explore, then "
                    + "sql(\"ALTER TABLE books DROP COLUMN isbn\"); its values go with it), " + thenModels;
        }
        ChangeSet added = adding.get(adding.size() - 1);
        if (!applied.isEmpty() && applied.get(applied.size() - 1) == added) {
            return "SQLite cannot loosen a column in place: roll back " + added.getId() + ", which added it (./jbang steps/07_rollback.java), "
                    + "take it back (./jbang revision --discard), " + thenModels;
        }
        return "SQLite cannot loosen a column in place: write a changeset that makes it anew, as fix-2 changes its type (rename it aside, add it "
                + "without NOT NULL, copy the values, drop the old one), and take NOT_NULL off isbn in Models.java.";
    }

    /**
     * No notes column, while a changeset that adds it waits in the changelog: fix-1 done, then taken
     * back by 07_rollback (which ran its addColumn's inverse, a drop). Adding notes by hand again
     * would leave that changeset to fail on the next upgrade; applying it puts both exercises back.
     */
    private static Optional<Exercise.Verdict> notesTakenBack(Evidence evidence) {
        return evidence.notAppliedChangeSetsWith("addColumn", "books", "notes").stream().findFirst()
                .map(adds -> missing("books has no notes column, but " + adds.getFilePath() + " adds it and is not applied (taken back by "
                        + "07_rollback?). Apply it again: ./jbang steps/05_upgrade.java (adding notes by hand instead would make it fail)."));
    }

    /** How many books a rollback's WHERE leaves out of library.db's books as they are now; -1 where SQLite cannot read it. */
    private static long booksLeftOut(Evidence evidence, String where) {
        try {
            return Long.parseLong(evidence.rows("SELECT count(*) FROM books WHERE NOT coalesce((" + where + "), 0)").get(0));
        } catch (RuntimeException unreadable) { // a LessonError too: a WHERE of another database's SQL, say
            return -1;
        }
    }

    private static Exercise.Verdict fix3(Evidence evidence) {
        if (!evidence.appliedButFileMissing().isEmpty()) {
            return missing("library.db records " + evidence.appliedButFileMissing().get(0) + " as applied, but the file is gone.");
        }
        if (fix3Done(evidence)) {
            return done("Every applied changeset's file is in place, and a tag marks the repaired chain.");
        }
        if (evidence.fileFoundMissing().isEmpty()) {
            return missing("Do break-2 first: no applied changeset's file has been found missing, so there is no chain to repair.");
        }
        List<String> before = MissingFileSeen.tags(evidence.migrations().applied()).stream().distinct().toList(); // one tag on several rows: once
        return before.isEmpty() ? missing("The chain is whole, but no applied changeset carries a tag yet (./jbang liquibase tag NAME).")
                : missing("The chain is whole, but its " + (before.size() == 1 ? "tag " : "tags ") + String.join(", ", before) + " marked it before "
                        + "the file was back: tag the repaired chain now (./jbang liquibase tag NAME; the same name will do).");
    }

    /** The chain whole, and a tag made since a file of it was found missing (break-2). */
    private static boolean fix3Done(Evidence evidence) {
        return evidence.appliedButFileMissing().isEmpty() && !evidence.tagsSinceFileMissing().isEmpty();
    }
}
