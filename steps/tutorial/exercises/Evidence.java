package tutorial.exercises;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.CommandLine;
import tutorial.lesson.LessonError;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.MissingFileSeen;
import tutorial.liquibase.Overwrites;
import tutorial.liquibase.RanHere;
import tutorial.liquibase.RepeatedChangeSet;
import tutorial.liquibase.RollbackBlocks;
import tutorial.liquibase.ValuesLostNote;
import tutorial.project.Project;
import tutorial.safety.RoundTrip;

/**
 * What the exercise checks look at: library.db and the changelog as they are now. Every
 * question is answered from the database (PRAGMA, rows, DATABASECHANGELOG) or the files, but
 * for two things they cannot show once past, read from the steps' notes beside library.db: an
 * applied changeset's file found missing (break-2, MissingFileSeen) and values a changeset took
 * away when it ran (fix-2, ValuesLostNote). A rollback asked for is also tried, on a copy
 * (rollbackFaults).
 */
public final class Evidence implements AutoCloseable {

    private final Project project;
    private final LibraryDatabase library;
    private final Migrations migrations;
    /** The models as the script that checks was built with them (the machinery never compiles them in). */
    private final List<Table> models;
    /**
     * Read once: one check asks for them many times (each exercise, each change it looks for),
     * and library.db and the changelog are read as they are when the check starts.
     */
    private List<ChangeSet> appliedChangeSets;
    private LessonError unreadable;

    private Evidence(Project project, LibraryDatabase library, List<Table> models) {
        this.project = project;
        this.models = models;
        this.library = library;
        this.migrations = Migrations.on(project, library);
    }

    public static Evidence of(Project project, List<Table> models) {
        return new Evidence(project, LibraryDatabase.open(project), models);
    }

    /** The project judged: the ways out a verdict gives name its database (--url kept). */
    public Project project() {
        return project;
    }

    public Migrations migrations() {
        return migrations;
    }

    public Optional<LibraryDatabase.ColumnInfo> column(String table, String name) {
        return library.columns(table).stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The column of that name in the models' table of that name, if they declare one. */
    public Optional<Table.Column> modelColumn(String table, String name) {
        return models.stream().filter(t -> t.name().equalsIgnoreCase(table)).flatMap(t -> t.columns().stream())
                .filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Whether the models' table of that name declares an index of that name. */
    public boolean modelIndex(String table, String name) {
        return models.stream().filter(t -> t.name().equalsIgnoreCase(table)).flatMap(t -> t.indexes().stream())
                .anyMatch(index -> index.name().equalsIgnoreCase(name));
    }

    public List<String> rows(String sql) {
        return library.strings(sql);
    }

    /**
     * How many books would not have genre 'programming' after these updates of books.genre, run in
     * order from every genre NULL, as the walkthrough leaves them and a teammate's database has
     * them: an update limited to some books (WHERE id < 3), or a later one that sets another genre,
     * leaves books that are 'programming' here only because something else set them. Run on a
     * copy of books in SQLite's temporary schema, which shadows the table and leaves library.db as
     * it is; empty where one cannot be run so (a condition that names what is not there).
     */
    public Optional<Long> booksNotProgrammingFromNullGenres(List<Overwrites> updates) {
        if (!library.isSqlite()) {
            return Optional.empty(); // a server's failed statement would end the transaction the other checks read in
        }
        // table_xinfo, not table_info: a generated column is copied with its values too (as a plain column of the copy).
        List<String> columns = library.strings("SELECT name FROM pragma_table_xinfo('books') WHERE hidden <> 1").stream()
                .map(column -> "\"" + column.replace("\"", "\"\"") + "\"").toList();
        try (java.sql.Statement statement = library.connection().createStatement()) {
            try {
                statement.execute("CREATE TEMP TABLE books AS SELECT * FROM main.books WHERE 0");
                statement.execute("INSERT INTO temp.books (rowid, " + String.join(", ", columns) + ") SELECT rowid, " + String.join(", ", columns)
                        + " FROM main.books");
                statement.execute("UPDATE temp.books SET genre = NULL");
                for (Overwrites update : updates) {
                    statement.execute("UPDATE temp.books SET genre = (" + update.value() + ")"
                            + (update.limited() ? " WHERE " + update.where() : ""));
                }
                try (java.sql.ResultSet count = statement.executeQuery("SELECT count(*) FROM temp.books WHERE genre IS NOT 'programming'")) {
                    return Optional.of(count.next() ? count.getLong(1) : 0L);
                }
            } finally {
                statement.execute("DROP TABLE IF EXISTS temp.books");
            }
        } catch (java.sql.SQLException cannot) {
            return Optional.empty();
        }
    }

    /**
     * The changelog's changesets that are applied, with their changes, in the order they ran. While
     * a file is missing (break-2) the others still count: the changelog is read file by file.
     */
    public List<ChangeSet> appliedChangeSets() {
        if (appliedChangeSets == null) {
            List<RanChangeSet> applied = migrations.applied();
            Migrations.Readable read = migrations.readable();
            unreadable = read.unreadable();
            if (read.unreadable() instanceof RepeatedChangeSet repeated) {
                throw repeated; // two changesets under one name: which one library.db recorded cannot be told
            }
            List<ChangeSet> readable = read.changeSets();
            appliedChangeSets = applied.stream().flatMap(ran -> readable.stream().filter(ran::isSameAs).limit(1)).toList();
        }
        return appliedChangeSets;
    }

    /**
     * The values of table.column this applied changeset's CAST cut when it ran here that no row holds whole now (ValuesLostNote):
     * library.db shows only what came out. Empty off library.db, where no note is kept.
     */
    public List<String> stillCut(ChangeSet changeSet, String table, String column) {
        if (!project.onOwnDatabase() || !library.hasColumn(table, column)) {
            return List.of();
        }
        return ValuesLostNote.stillCut(project, changeSet, table + "." + column,
                library.stringsIfThere("SELECT CAST(" + column + " AS TEXT) FROM " + table + " WHERE " + column + " IS NOT NULL"));
    }

    /** What to say of values still cut: 05_upgrade's own warning of it, quoted, and the way back (the copy it kept, put back). */
    public String cutSaid(ChangeSet changeSet, List<String> cut) {
        ValuesLostNote.Lost said = ValuesLostNote.of(project, changeSet).stream().findFirst().orElse(new ValuesLostNote.Lost(null, null));
        String database = CommandLine.databaseName(project);
        return database + " holds " + (cut.size() == 1 ? "a value" : cut.size() + " values") + " that " + changeSet.getId() + " cut when it ran, "
                + "and not whole since: " + cut.stream().limit(3).map(value -> "'" + value.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", "))
                + (cut.size() > 3 ? ", ..." : "") + "." + (said.said() == null ? "" : " As 05_upgrade said before it ran: " + said.said()) + " "
                + (said.copyKept() == null ? "Put the values back by hand"
                        : "Put back the copy it kept (" + CommandLine.fromProjectFolder(project, "cp " + CommandLine.quoted(said.copyKept()) + " "
                                + CommandLine.quoted(database)) + ")")
                + ", make every value come through whole (plain digits first, or a precondition that stops the changeset: ./jbang hint "
                + "fix-2), then run 05_upgrade again.";
    }

    /**
     * Why the changelog cannot be read whole, as every step reads it (a YAML slip, an include of a file not there), or null: what
     * each step refuses on, where check reads file by file and judges on.
     */
    public LessonError changelogUnreadable() {
        appliedChangeSets();
        return unreadable;
    }

    /**
     * The applied changesets edited since they were applied, "FILE (changeset ID)", as 05_upgrade and history find them.
     */
    public List<String> editedSinceApplied() {
        List<String> edited = new java.util.ArrayList<>();
        List<RanChangeSet> applied = migrations.applied();
        for (ChangeSet changeSet : appliedChangeSets()) {
            RanChangeSet ran = applied.stream().filter(r -> r.isSameAs(changeSet)).findFirst().orElse(null);
            if (ran != null && migrations.editedSince(changeSet, ran)) {
                edited.add(changeSet.getFilePath() + " (changeset " + changeSet.getId() + ")");
            }
        }
        return edited;
    }

    /**
     * True when an applied changeset has a change of this kind (e.g. "addColumn") that mentions all
     * these words; or, as the learner's own way counts, an sql change that does (ALTER TABLE books
     * ADD COLUMN isbn, as plain SQL or a formatted-SQL changelog).
     */
    /** The applied changeset that adds this column and that an upgrade ran here, never recorded by changelog-sync (RanHere), if any. */
    public Optional<ChangeSet> addedByAnUpgrade(String table, String column) {
        return appliedChangeSetsWith("addColumn", table, column).stream().filter(changeSet -> RanHere.ranNeverSynced(project, changeSet)).findFirst();
    }

    public boolean appliedChange(String changeName, String... words) {
        return !appliedChangeSetsWith(changeName, words).isEmpty();
    }

    /** The same, in a changeset with a rollback block written by hand. */
    public boolean appliedChangeWithRollback(String changeName, String... words) {
        return appliedChangeSetsWith(changeName, words).stream().anyMatch(changeSet -> !changeSet.getRollback().getChanges().isEmpty());
    }

    /** The applied changesets with a change of this kind that mentions all these words (as appliedChange reads them). */
    public List<ChangeSet> appliedChangeSetsWith(String changeName, String... words) {
        return appliedChangeSets().stream().filter(changeSet -> has(changeSet, changeName, words)).toList();
    }

    /**
     * The changesets of the changelog not applied that have such a change (as appliedChange reads
     * them): fix-1's addColumn notes after 07_rollback took it back, say.
     */
    public List<ChangeSet> notAppliedChangeSetsWith(String changeName, String... words) {
        List<RanChangeSet> applied = migrations.applied();
        // Read file by file where the changelog is broken (as appliedChangeSets reads it): the verdict still stands.
        return migrations.readable().changeSets().stream().filter(changeSet -> applied.stream().noneMatch(ran -> ran.isSameAs(changeSet)))
                .filter(changeSet -> has(changeSet, changeName, words)).toList();
    }

    private static boolean has(ChangeSet changeSet, String changeName, String... words) {
        return changeSet.getChanges().stream().anyMatch(change -> matches(change, changeName, words) || addsBySql(change, changeName, words));
    }

    /** Whether this changeset's rollback block, written by hand, names all these words somewhere (an update of genre, DROP INDEX x). */
    public static boolean rollbackNames(ChangeSet changeSet, String... words) {
        String text = changeSet.getRollback().getChanges().stream().map(Evidence::serialized).collect(java.util.stream.Collectors.joining("\n"));
        return List.of(words).stream().allMatch(word -> text.contains(word.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * The type a column had when an applied changeset first added it (alter-1's isbn, VARCHAR(20)
     * as the README has it): what a later change of its type (break-3, fix-2) is measured against.
     */
    public Optional<String> typeFirstAdded(String table, String column) {
        // ALTER TABLE books ADD [COLUMN] isbn VARCHAR(13), where it was added by an sql change.
        java.util.regex.Pattern bySql = java.util.regex.Pattern.compile("(?i)\\badd\\s+(?:column\\s+)?\"?" + java.util.regex.Pattern.quote(column)
                + "\"?\\s+(\\w+(?:\\s*\\(\\s*\\d+\\s*\\))?)");
        for (ChangeSet changeSet : appliedChangeSets()) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof liquibase.change.core.AddColumnChange add && add.getTableName().equalsIgnoreCase(table)) {
                    Optional<String> type = add.getColumns().stream().filter(added -> added.getName().equalsIgnoreCase(column))
                            .map(added -> added.getType()).findFirst();
                    if (type.isPresent()) {
                        return type;
                    }
                } else if (change instanceof liquibase.change.core.RawSQLChange sql && sql.getSql() != null) {
                    java.util.regex.Matcher added = bySql.matcher(sql.getSql());
                    if (added.find()) {
                        return Optional.of(added.group(1).replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The newest applied changeset with a rollback block written by hand, other than the first that added this column, that
     * changes the column itself: renames it, adds it anew, changes its type, drops it, or sql that alters or makes a table
     * naming it (not an index on it, nor an update of its values); empty when none does.
     */
    public Optional<ChangeSet> laterChangeWithRollback(String table, String column) {
        List<ChangeSet> applied = appliedChangeSets();
        ChangeSet first = applied.stream().filter(changeSet -> changeSet.getChanges().stream()
                .anyMatch(change -> matches(change, "addColumn", table, column) || addsBySql(change, "addColumn", column))).findFirst().orElse(null);
        return applied.stream().filter(changeSet -> changeSet != first && !changeSet.getRollback().getChanges().isEmpty())
                .filter(changeSet -> changeSet.getChanges().stream().anyMatch(change -> changesColumn(change, column)))
                .reduce((older, newer) -> newer);
    }

    /** Whether this change reshapes the column: a change type on it, or sql that alters or makes a table and names it. */
    private static boolean changesColumn(Change change, String column) {
        String text = serialized(change);
        if (!text.contains(column.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        String name = liquibase.Scope.getCurrentScope().getSingleton(liquibase.change.ChangeFactory.class).getChangeMetaData(change).getName();
        return List.of("renameColumn", "addColumn", "modifyDataType", "dropColumn").contains(name)
                || List.of("sql", "sqlFile").contains(name) && text.matches("(?is).*\\b(alter|create)\\s+table\\b.*");
    }

    /**
     * What is wrong with this applied changeset's rollback, for an exercise that asks for one: none written where Liquibase
     * has none of its own, or an empty one over changes that would stay (as 07_rollback refuses them); then, where it is the
     * newest applied, what a round trip on a copy (./jbang roundtrip ID) finds: the differences, or that its rollback undid
     * nothing (applied again after it, the changeset changed nothing). Empty when nothing is wrong; also where the round
     * trip cannot be made here (a server; changesets applied after it, whose own rollbacks it would need; another reason
     * roundtrip gives), which leaves the rollback unjudged rather than blamed. The round trip starts from the changeset's own
     * rollback, so where that brings the column back as another type than it had (TEXT for VARCHAR(20)), applied again it
     * comes out the same: typeBefore (null when not known), the type the column had before the changeset, is compared too.
     */
    public RollbackCheck rollbackFaults(ChangeSet changeSet, String table, String column, String typeBefore) {
        Optional<String> blocked = rollbackBlockFault(changeSet);
        if (blocked.isPresent()) {
            return RollbackCheck.of(blocked.get());
        }
        List<ChangeSet> applied = appliedChangeSets();
        if (project.databaseFile() == null) {
            return RollbackCheck.unjudged(library.name() + " is on a server, where no copy can be made to try it on");
        }
        if (applied.isEmpty() || applied.get(applied.size() - 1) != changeSet) {
            return RollbackCheck.unjudged(applied.isEmpty() ? "nothing is applied"
                    : applied.get(applied.size() - 1).getId() + " is applied after it, and its own rollback would come first");
        }
        try {
            RoundTrip.Result trip = RoundTrip.of(project, models, changeSet.getId());
            if (!trip.faithful()) { // first: what the trip names (a loss the changelog's own build shows) says more than the line below
                return new RollbackCheck(trip.differences(), null);
            }
            if (trip.applyChangedNothing()) {
                // Not "undid nothing": a rollback that deleted the rows the changeset updates leaves it nothing to change either.
                return RollbackCheck.of("applied again after its rollback, the changeset changed nothing on the copy: its rollback did not undo "
                        + "it (./jbang roundtrip " + changeSet.getId() + " shows what it did instead)");
            }
            String restored = trip.typesAtStart().get(table.toLowerCase(java.util.Locale.ROOT) + "." + column.toLowerCase(java.util.Locale.ROOT));
            if (typeBefore != null && restored != null && !sameType(restored, typeBefore)) {
                return RollbackCheck.of("rolled back, it brings " + table + "." + column + " back as " + restored + ", where it was "
                        + typeBefore + " before it");
            }
            return new RollbackCheck(List.of(), null);
        } catch (LessonError noTrip) {
            return RollbackCheck.unjudged(noTrip.whatAlone().lines().findFirst().orElse("roundtrip cannot make the trip here").strip());
        }
    }

    /**
     * What rollbackFaults found: the faults (none: the rollback stands), and, where the rollback could not be tried, why
     * (a check then says it was not tried, rather than a plain done).
     */
    public record RollbackCheck(List<String> faults, String unjudged) {
        static RollbackCheck of(String fault) {
            return new RollbackCheck(List.of(fault), null);
        }

        static RollbackCheck unjudged(String why) {
            return new RollbackCheck(List.of(), why);
        }

        /** " (Its rollback was not tried here: WHY; ./jbang roundtrip ID tries it on a copy.)", or "" where it was. */
        public String notTried(ChangeSet changeSet) {
            return unjudged == null ? "" : " (Its rollback was not tried here: " + unjudged.replaceFirst("\\.$", "") + "; ./jbang roundtrip "
                    + changeSet.getId() + " tries it on a copy.)";
        }
    }

    /** The first line of 07_rollback's refusal of this changeset's rollback block (none where Liquibase has none, or empty over changes that would stay). */
    public Optional<String> rollbackBlockFault(ChangeSet changeSet) {
        try {
            RollbackBlocks.require(migrations, List.of(changeSet));
            return Optional.empty();
        } catch (LessonError refused) {
            return Optional.of(refused.whatAlone().lines().findFirst().orElse(""));
        }
    }

    /** VARCHAR(20) and varchar( 20 ): the same type as SQLite keeps it, written two ways. */
    public static boolean sameType(String one, String other) {
        return one.replaceAll("\\s+", "").equalsIgnoreCase(other.replaceAll("\\s+", ""));
    }

    /**
     * An sql change that adds the column (ALTER TABLE books ADD COLUMN isbn ...): the learner's own
     * way to an addColumn. Other kinds have no stand-in here: an index or an update made by sql
     * needs its rollback written, which their checks ask for by name.
     */
    private static boolean addsBySql(Change change, String changeName, String... words) {
        return changeName.equals("addColumn")
                && matches(change, "sql", java.util.stream.Stream.concat(java.util.stream.Stream.of("add"), java.util.Arrays.stream(words)).toArray(String[]::new));
    }

    private static boolean matches(Change change, String changeName, String... words) {
        String name = liquibase.Scope.getCurrentScope().getSingleton(liquibase.change.ChangeFactory.class)
                .getChangeMetaData(change).getName();
        String text = serialized(change);
        return name.equals(changeName) && List.of(words).stream().allMatch(word -> text.contains(word.toLowerCase(java.util.Locale.ROOT)));
    }

    private static String serialized(Change change) {
        return new liquibase.serializer.core.yaml.YamlChangeLogSerializer().serialize(change, true).toLowerCase(java.util.Locale.ROOT);
    }

    /** Applied changesets whose file is no longer there: what deleting a changeset file leaves behind. */
    public List<String> appliedButFileMissing() {
        return MissingFileSeen.look(project, migrations);
    }

    /**
     * The tags library.db holds now that it did not hold while a file was missing (break-2): what
     * marks the repaired chain. None where no file was found missing (a tag from before break-2,
     * the docs' 05_upgrade --tag, repairs nothing); every tag where the note predates its list.
     */
    public List<String> tagsSinceFileMissing() {
        List<String> now = MissingFileSeen.tags(migrations.applied());
        if (!project.onOwnDatabase()) {
            return now; // a server's: no note is kept for it, so any tag counts
        }
        if (fileFoundMissing().isEmpty()) {
            return List.of();
        }
        List<String> onceBack = MissingFileSeen.taggedOnceBack(project); // made again under a name the chain carried then, too
        return MissingFileSeen.tagsThen(project).map(then -> now.stream().filter(tag -> !then.contains(tag) || onceBack.contains(tag)).toList())
                .orElse(now);
    }

    /** The applied changeset file a step found missing since library.db was made, now back or not (MissingFileSeen). */
    public java.util.Optional<String> fileFoundMissing() {
        return MissingFileSeen.seen(project);
    }

    @Override
    public void close() {
        library.close();
    }
}
