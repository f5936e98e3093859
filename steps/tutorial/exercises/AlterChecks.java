package tutorial.exercises;

import static tutorial.exercises.Exercise.Verdict.done;
import static tutorial.exercises.Exercise.Verdict.missing;

import java.util.List;
import java.util.Optional;

import liquibase.changelog.ChangeSet;

import tutorial.exercises.Exercise.Verdict;

import tutorial.database.LibraryDatabase;

/**
 * How check judges the Alter exercises, from library.db and the changelog as they are now (Evidence): one method an exercise,
 * named in the one list (Exercises.ALL).
 */
final class AlterChecks {

    /** Why writing the missing rollback into an applied changeset is no edit Liquibase would flag. */
    static final String ROLLBACK_ADDED_LATER = " (a rollback block is not part of the checksum, so adding it to an applied changeset is safe).";
    /** Where an applied changeset's rollback is wrong: it can be mended where it is. */
    static final String MEND_IN_PLACE = "Mend its rollback block where it is: Liquibase leaves the rollback out of an applied changeset's checksum.";

    private AlterChecks() {
    }

    static Verdict alter1(Evidence evidence) {
        Optional<LibraryDatabase.ColumnInfo> isbn = evidence.column("books", "isbn");
        if (isbn.isEmpty()) {
            // Recorded, not there: changelog-sync in place of 05_upgrade, or a drop by hand. Said as alter-2 says it of genre, where it
            // said only "no isbn column yet", and autogenerate then refused.
            return missing(evidence.appliedChangeSetsWith("addColumn", "isbn").stream().map(ChangeSet::getId).findFirst()
                    .map(id -> "books has no isbn column, though library.db records " + id + ", which adds it, as applied: recorded "
                            + "without running (changelog-sync does that), or dropped since, by hand or by a changeset. "
                            + tutorial.liquibase.AppliedButAbsent.takeBackRecord(evidence.project(), id))
                    .orElse("books has no isbn column yet."));
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
            // SQLite changes no type in place: the way that works is back, not forward (a model edit, then autogenerate's
            // modifyDataType, which 05_upgrade refuses on SQLite, was hint 3's way, followed as typed). What is not applied yet
            // goes first (that modifyDataType, say): revision --discard takes back the newest file, and it would take that one.
            List<ChangeSet> applied = evidence.appliedChangeSets();
            Optional<ChangeSet> adding = evidence.appliedChangeSetsWith("addColumn", "isbn").stream().findFirst();
            int count = adding.map(changeSet -> applied.size() - applied.indexOf(changeSet)).filter(n -> n > 0).orElse(1);
            List<String> pending = evidence.migrations().notApplied().stream().map(ChangeSet::getFilePath).distinct().toList();
            return missing("books.isbn was added as " + added + "; the task asks for a string (string(20) in the models, "
                    + "VARCHAR(20) in library.db). SQLite cannot change a column's type in place, so undo it and add it again: "
                    + (pending.isEmpty() ? "" : "take back what is not applied yet (./jbang revision --discard, once for each: "
                            + String.join(", ", pending) + "), then ")
                    + "roll back " + adding.map(changeSet -> changeSet.getId() + ", the changeset that added it").orElse("the changeset that added it")
                    + (count == 1 ? " (./jbang steps/07_rollback.java)" : ", and the " + (count - 1) + " applied after it (./jbang steps/07_rollback.java "
                            + count + ")")
                    + ", take its file back too (./jbang revision --discard, once for each file from the newest down to it), make its line "
                    + ".column(\"isbn\", string(20)) in steps/models/Models.java, then autogenerate and upgrade again.");
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
    }

    static Verdict alter2(Evidence evidence) {
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
    }

    static Verdict alter3(Evidence evidence) {
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
        List<ChangeSet> makers = java.util.stream.Stream.concat(evidence.appliedChangeSetsWith("createIndex", "genre").stream(), bySql.stream())
                .distinct().sorted(java.util.Comparator.comparingInt(applied::indexOf)).toList();
        java.util.Set<String> madeBefore = new java.util.HashSet<>();
        ChangeSet keepsIndex = makers.stream()
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
        if (evidence.appliedChange("createIndex", "genre") || bySql.stream().anyMatch(changeSet -> !changeSet.getRollback().getChanges().isEmpty())) {
            // The rollback of the changeset that made it first, tried on a copy where it is the newest applied: one that drops the
            // index and empties genre too is wrong.
            ChangeSet maker = makers.stream().filter(changeSet -> !changeSet.getRollback().getChanges().isEmpty() || changeSet.getChanges().stream()
                    .anyMatch(liquibase.change.core.CreateIndexChange.class::isInstance)).findFirst().orElseThrow();
            Evidence.RollbackCheck rollback = evidence.rollbackFaults(maker, "books", "genre", null);
            if (!rollback.faults().isEmpty()) {
                return missing("Index " + indexes.get(0) + " is on books.genre, but rolling back " + maker.getId() + " does not give back "
                        + "what was there before it (./jbang roundtrip " + maker.getId() + " shows the whole trip): " + rollback.faults().get(0).replaceFirst("\\.$", "")
                        + ". " + MEND_IN_PLACE);
            }
            return done("Index " + indexes.get(0) + " on books.genre was created by an applied changeset." + rollback.notTried(maker));
        }
        return !bySql.isEmpty()
                ? missing("An applied changeset creates the index in sql, but it has no rollback block: Liquibase cannot undo sql "
                        + "by itself. Add one to that changeset, an sql change DROP INDEX " + indexes.get(0) + ROLLBACK_ADDED_LATER)
                : missing("An index on books.genre exists, but no applied changeset created it: made by hand, "
                        + (evidence.modelIndex("books", indexes.get(0)) ? "autogenerate finds nothing to write, as the models and "
                                + "library.db agree. " : "and not declared in the models, so autogenerate would drop it. ")
                        + "Declare it in the models if not yet (.index(\"" + indexes.get(0) + "\", \"genre\")), then either drop it "
                        + "(in ./jbang explore: sql(\"DROP INDEX " + indexes.get(0) + "\")), autogenerate and upgrade; or write the "
                        + "changeset that creates it and record it as applied without running it, as fix-1 does (./jbang liquibase "
                        + "changelog-sync, which records every pending changeset: ./jbang history first).");
    }

    /**
     * The way to a nullable isbn from a NOT NULL one, which SQLite cannot loosen in place (and
     * autogenerate's dropNotNullConstraint does not run there): by the changeset that added it, if
     * it is the newest applied; by hand, if none did; else by a changeset that rebuilds it.
     */
    private static String loosenIsbn(Evidence evidence) {
        List<ChangeSet> adding = evidence.appliedChangeSetsWith("addColumn", "isbn");
        List<ChangeSet> applied = evidence.appliedChangeSets();
        // The NOT NULL may be the changeset's alone (written by hand), the models declaring isbn nullable already.
        java.util.Optional<tutorial.database.Table.Column> declared = evidence.modelColumn("books", "isbn");
        boolean modelsNotNull = declared.map(column -> !column.nullable()).orElse(false);
        String thenModels = (declared.isEmpty() ? "add .column(\"isbn\", string(20)) at the end of the books table in Models.java, then "
                : modelsNotNull ? "take NOT_NULL off isbn in Models.java, then " : "then (the models declare it nullable already) ")
                + "./jbang steps/04_autogenerate.java -m \"add isbn column to books\" and ./jbang steps/05_upgrade.java.";
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
                + "without NOT NULL, copy the values, drop the old one)" + (modelsNotNull ? ", and take NOT_NULL off isbn in Models.java." : ".");
    }

    /** How many books a rollback's WHERE leaves out of library.db's books as they are now; -1 where SQLite cannot read it. */
    private static long booksLeftOut(Evidence evidence, String where) {
        try {
            return Long.parseLong(evidence.rows("SELECT count(*) FROM books WHERE NOT coalesce((" + where + "), 0)").get(0));
        } catch (RuntimeException unreadable) { // a LessonError too: a WHERE of another database's SQL, say
            return -1;
        }
    }
}
