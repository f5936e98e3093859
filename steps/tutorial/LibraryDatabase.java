//DEPS org.xerial:sqlite-jdbc:3.51.3.0
package tutorial;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * library.db, the one database every step works on, opened through SQLite's JDBC driver.
 * Reads the schema back the way the lesson does, with PRAGMA, and the books with a query.
 *
 * Every Statement and ResultSet is closed as soon as it is read: one left open on this
 * connection makes Liquibase's table rebuild fail with "database table is locked".
 */
public final class LibraryDatabase implements AutoCloseable {

    /** The three books of the lesson, with their authors. */
    static final List<String[]> SAMPLE_BOOKS = List.of(
            new String[] {"The Pragmatic Programmer", "David Thomas"},
            new String[] {"Clean Code", "Robert C. Martin"},
            new String[] {"Fluent Python", "Luciano Ramalho"});

    /** How long to wait for another program's write lock before saying the database is busy. */
    static final int BUSY_TIMEOUT_MILLIS = 3000;

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes();

    public record Book(int id, String title, String author) {
    }

    public record ColumnInfo(String name, String type, boolean notNull, boolean primaryKey) {
    }

    private final Path file;
    private final Connection connection;

    private LibraryDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens library.db as 01_create left it; says what to do when it is not there or not a database. */
    public static LibraryDatabase open(Project project) {
        Path file = project.databaseFile();
        String name = project.relative(file);
        if (!Files.exists(file)) {
            throw new LessonError(name + " does not exist yet.",
                    "Create it first with: ./jbang steps/01_create.java");
        }
        checkIsSqlite(file, name);
        LibraryDatabase database = connect(file);
        if (!database.tableNames().contains("books")) {
            database.close();
            throw new LessonError(name + " has no books table: it was not made by 01_create.",
                    "Move it aside and create it again: mv " + name + " " + name + ".bak && ./jbang steps/01_create.java");
        }
        return database;
    }

    /** Opens library.db, creating an empty file when there is none (only 01_create does this). */
    public static LibraryDatabase openOrCreate(Project project) {
        Path file = project.databaseFile();
        if (Files.exists(file)) {
            checkIsSqlite(file, project.relative(file));
        }
        return connect(file);
    }

    private static void checkIsSqlite(Path file, String name) {
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new LessonError("Cannot read " + name + ": " + e.getMessage(), "Check that the file is readable.");
        }
        if (read == 0) {
            throw new LessonError(name + " is an empty file (0 bytes), not a SQLite database.",
                    "Move it aside and create the database again: mv " + name + " " + name + ".bak && ./jbang steps/01_create.java");
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
            throw new LessonError(name + " is not a SQLite database (its first bytes are not \"SQLite format 3\").",
                    "Move it aside and create the database again: mv " + name + " " + name + ".bak && ./jbang steps/01_create.java");
        }
    }

    private static LibraryDatabase connect(Path file) {
        SqliteNativeLibrary.useUnpacked();
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            }
            return new LibraryDatabase(file, connection);
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }

    public Connection connection() {
        return connection;
    }

    public Path file() {
        return file;
    }

    /** The tables the application owns (SQLite's and Liquibase's bookkeeping left out). */
    public List<String> tableNames() {
        return strings("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                + "AND upper(name) NOT LIKE 'DATABASECHANGELOG%' ORDER BY name");
    }

    /** PRAGMA table_info: the columns of a table, in order, as SQLite stores them. */
    public List<ColumnInfo> columns(String table) {
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new ColumnInfo(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getInt(4) > 0));
                }
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return columns;
    }

    public List<String> columnNames(String table) {
        return columns(table).stream().map(ColumnInfo::name).toList();
    }

    public List<Book> books() {
        List<Book> books = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT b.id, b.title, a.name FROM books b "
                     + "LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id")) {
            while (rows.next()) {
                books.add(new Book(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return books;
    }

    public int count(String table) {
        return Integer.parseInt(strings("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"").get(0));
    }

    /** create_all(): every table of the models and the sample books, in one transaction. */
    public void createFromModels(List<Table> tables) {
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (Table table : tables) {
                    for (String sql : table.createStatements()) {
                        statement.execute(sql);
                    }
                }
            }
            try (PreparedStatement author = connection.prepareStatement("INSERT INTO authors (id, name) VALUES (?, ?)");
                 PreparedStatement book = connection.prepareStatement("INSERT INTO books (id, title, author_id) VALUES (?, ?, ?)")) {
                for (int i = 0; i < SAMPLE_BOOKS.size(); i++) {
                    author.setInt(1, i + 1);
                    author.setString(2, SAMPLE_BOOKS.get(i)[1]);
                    author.executeUpdate();
                    book.setInt(1, i + 1);
                    book.setString(2, SAMPLE_BOOKS.get(i)[0]);
                    book.setInt(3, i + 1);
                    book.executeUpdate();
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }

    private List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return values;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }
}
