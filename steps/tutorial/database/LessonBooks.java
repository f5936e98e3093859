package tutorial.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;

/**
 * The lesson's three books: made with the models' tables where the tutorial builds a start itself (create_all: the
 * changelog's start, a round trip's build, a server's tables; step 1's own block does it in plain JDBC for library.db), and
 * read back for the listing the steps end with.
 */
public final class LessonBooks {

    private LessonBooks() {
    }

    /** The three books of the lesson, with their authors. */
    private static final List<String[]> SAMPLE_BOOKS = List.of(
            new String[] {"The Pragmatic Programmer", "David Thomas"},
            new String[] {"Clean Code", "Robert C. Martin"},
            new String[] {"Fluent Python", "Luciano Ramalho"});

    /** A book as the listing shows it: its id, title and author (null where there is no authors table). */
    public record Book(int id, String title, String author) {
    }

    /**
     * Stops, in words, where books or authors lack a column the tutorial lists the books by (a
     * migration dropped or renamed title, say): SQLite's own "no such column: b.title" said nothing
     * of why or what next.
     */
    public static void requireColumns(LibraryDatabase library) {
        for (Map.Entry<String, List<String>> table : List.of(Map.entry("books", List.of("id", "title", "author_id")), Map.entry("authors", List.of("name")))) {
            List<String> has = library.columnNames(table.getKey());
            String lacking = table.getValue().stream().filter(needed -> has.stream().noneMatch(needed::equalsIgnoreCase)).findFirst().orElse(null);
            if (!has.isEmpty() && lacking != null) { // a table not there at all is said where it is needed (no books table)
                throw new LessonError(table.getKey() + " in " + library.name() + " has no " + lacking + " column now (its columns: " + String.join(", ", has)
                        + "): a migration renamed or dropped it, and the tutorial lists the books by id, title and author.",
                        "If you meant it, only this listing needs " + lacking + ": the other steps go on. To have it back, roll that migration back "
                                + "(./jbang steps/07_rollback.java); what a drop took is in the copy 05_upgrade kept under .reset/, if it kept one. "
                                + "A column renamed in the models is a renameColumn, not the drop and add autogenerate writes (./jbang lint: DS108).");
            }
        }
    }

    /** The books, by id, with their authors: what the steps list. */
    public static List<Book> of(LibraryDatabase library) {
        requireColumns(library);
        List<Book> books = new ArrayList<>();
        // Without an authors table (dropped by a migration or by hand) the books are listed without their authors, where
        // SQLite's "no such table: authors" stopped the step: Report.books says why the column is empty.
        String query = authorsTableIn(library) ? "SELECT b.id, b.title, a.name FROM books b LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id"
                : "SELECT b.id, b.title, NULL FROM books b ORDER BY b.id";
        try (Statement statement = library.connection().createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                books.add(new Book(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return books;
    }

    /** Whether it has the table the books' authors are listed from. */
    public static boolean authorsTableIn(LibraryDatabase library) {
        return library.tableNames().stream().anyMatch("authors"::equalsIgnoreCase);
    }

    /** The CREATE TABLE and CREATE INDEX statements createAll runs there, in its dialect. */
    public static List<String> createStatements(LibraryDatabase library, List<Table> tables) {
        Table.Dialect dialect = library.isSqlite() ? Table.Dialect.SQLITE : Table.Dialect.IDENTITY_COLUMNS;
        return tables.stream().flatMap(table -> table.createStatements(dialect).stream()).toList();
    }

    /**
     * create_all(): every table of the models and the sample books, in one transaction. The
     * database numbers the rows itself (SQLite's rowid, a server's identity column), so a
     * book finds its author by name.
     */
    public static void createAll(LibraryDatabase library, List<Table> tables) {
        Connection connection = library.connection();
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : createStatements(library, tables)) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement author = connection.prepareStatement("INSERT INTO authors (name) VALUES (?)");
                 PreparedStatement book = connection.prepareStatement(
                         "INSERT INTO books (title, author_id) SELECT ?, id FROM authors WHERE name = ?")) {
                for (String[] sample : SAMPLE_BOOKS) {
                    author.setString(1, sample[1]);
                    author.executeUpdate();
                    book.setString(1, sample[0]);
                    book.setString(2, sample[1]);
                    book.executeUpdate();
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }
}
