package speed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tutorial.project.ModelEdit;
import tutorial.project.Project;
import tutorial.project.ScratchProject;

/**
 * A library.db made big: the walkthrough's database up to the generated genre changeset, with
 * an index on books(title) and, in the big one, a million books. 05_upgrade adds the column and
 * 07_rollback drops it again, round after round, and after each the table is read back: every
 * row (count and sums over every column), the foreign key, the index, and nothing orphaned.
 */
public final class BigLibrary implements AutoCloseable {

    private final ScratchProject scratch;
    private final long books;
    private final String before;
    private final String columnsBefore;
    private String failure;

    private BigLibrary(ScratchProject scratch, long books) {
        this.scratch = scratch;
        this.books = books;
        this.columnsBefore = read("SELECT group_concat(name, ', ') FROM pragma_table_info('books')");
        this.before = fingerprint();
    }

    /** A scratch copy at the moment before 05_upgrade, its books table filled up to this many books. */
    public static BigLibrary make(Project source, long books) {
        ScratchProject scratch = ScratchProject.copyOf(source.root());
        Project project = new Project(scratch.root(), source.settings());
        require(scratch, "steps/01_create.java");
        ModelEdit.find(project).apply(project);
        require(scratch, "steps/04_autogenerate.java", "-m", "add genre column to books");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + scratch.path("library.db"));
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE INDEX ix_books_title ON books (title)");
            if (books > 3) { // the three books of 01_create are there already
                sql.execute("WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < " + books + ") "
                        + "INSERT INTO books (id, title, author_id) SELECT i, 'Book number ' || i, 1 + i % 3 FROM n");
            }
        } catch (SQLException e) {
            scratch.close();
            throw new IllegalStateException("Could not fill library.db: " + e.getMessage(), e);
        }
        return new BigLibrary(scratch, books);
    }

    public long books() {
        return books;
    }

    public long fileBytes() {
        try {
            return Files.size(scratch.path("library.db"));
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** 05_upgrade, timed, then the table read back: genre added, everything else as it was. */
    public Stopwatch.Sample upgrade() {
        Stopwatch.Sample sample = step("steps/05_upgrade.java");
        check("after 05_upgrade", columnsBefore + ", genre");
        return sample;
    }

    /** 07_rollback, timed, then the table read back: exactly as before the upgrade. */
    public Stopwatch.Sample rollback() {
        Stopwatch.Sample sample = step("steps/07_rollback.java");
        check("after 07_rollback", columnsBefore);
        return sample;
    }

    /** The SQL 05_upgrade showed for the changeset (the lines it indents under "Running upgrade"). */
    public static List<String> sqlShown(Stopwatch.Sample upgrade) {
        return upgrade.output().lines().filter(line -> line.startsWith("  ") && !line.startsWith("  Liquibase:"))
                .map(String::strip).toList();
    }

    /** null while every check held; else what was found. */
    public String failure() {
        return failure;
    }

    /** The last, slower check: SQLite's own integrity check and foreign key check of the whole file. */
    public void checkIntegrity() {
        String integrity = read("SELECT group_concat(integrity_check) FROM pragma_integrity_check");
        String orphans = read("SELECT count(*) FROM pragma_foreign_key_check");
        if (!"ok".equals(integrity) || !"0".equals(orphans)) {
            fail("integrity check: " + integrity + ", foreign key violations: " + orphans);
        }
    }

    private Stopwatch.Sample step(String script) {
        Stopwatch.Sample sample = Stopwatch.run(scratch.root(), List.of(scratch.root().resolve("jbang").toString(), script), Map.of());
        if (sample.exitCode() != 0) {
            fail(script + " exited " + sample.exitCode() + ":\n" + sample.output());
        }
        return sample;
    }

    private void check(String when, String columns) {
        String now = read("SELECT group_concat(name, ', ') FROM pragma_table_info('books')");
        if (!columns.equals(now)) {
            fail(when + ": the columns of books are " + now + ", expected " + columns);
        }
        String fingerprint = fingerprint();
        if (!before.equals(fingerprint)) {
            fail(when + ": the books table is not as it was:\n  before " + before + "\n  now    " + fingerprint);
        }
    }

    /** Every row of books summed up, with its keys and indexes as SQLite lists them. */
    private String fingerprint() {
        return String.join(" / ", List.of(
                "rows " + read("SELECT count(*) || ' ids ' || sum(id) || ' authors ' || sum(author_id) "
                        + "|| ' title chars ' || sum(length(title)) FROM books"),
                "pk " + read("SELECT group_concat(name) FROM pragma_table_info('books') WHERE pk > 0"),
                "fk " + read("SELECT group_concat(\"from\" || '->' || \"table\" || '.' || \"to\") FROM pragma_foreign_key_list('books')"),
                "indexes " + read("SELECT group_concat(l.name || '(' || i.name || ')') FROM pragma_index_list('books') l, "
                        + "pragma_index_info(l.name) i"),
                "authors " + read("SELECT count(*) FROM authors")));
    }

    private String read(String query) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + scratch.path("library.db"));
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            return rows.next() ? String.valueOf(rows.getString(1)) : "";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read library.db: " + e.getMessage(), e);
        }
    }

    private void fail(String what) {
        if (failure == null) {
            failure = what;
        }
    }

    private static void require(ScratchProject scratch, String... arguments) {
        List<String> command = new ArrayList<>(List.of(scratch.root().resolve("jbang").toString()));
        command.addAll(List.of(arguments));
        Stopwatch.Sample sample = Stopwatch.run(scratch.root(), command, Map.of());
        if (sample.exitCode() != 0) {
            scratch.close();
            throw new IllegalStateException(String.join(" ", arguments) + " failed:\n" + sample.output());
        }
    }

    @Override
    public void close() {
        scratch.close();
    }
}
