//DEPS org.xerial:sqlite-jdbc:3.51.3.0
package tutorial.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tutorial.lesson.CommandLine;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;
import tutorial.project.ProjectLock;

/**
 * library.db, the one database every step works on, opened through SQLite's JDBC driver.
 * Reads the schema back the way the lesson does, with PRAGMA, and the books with a query.
 * When liquibase.properties (or --url) names a database server instead, such as PostgreSQL,
 * this is that database, opened through its own JDBC driver, its schema read through JDBC
 * metadata: PRAGMA is SQLite's alone.
 *
 * Every Statement and ResultSet is closed as soon as it is read: one left open on this
 * connection makes Liquibase's table rebuild fail with "database table is locked".
 */
public final class LibraryDatabase implements AutoCloseable {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes();

    /**
     * A column as the database describes it; numbered: the database numbers new rows in it (rowid, identity); defaultValue: its
     * DEFAULT as SQL ('en'), or null for none (and on a server, whose reports of what changed are not read with PRAGMA).
     */
    public record ColumnInfo(String name, String type, boolean notNull, boolean primaryKey, boolean numbered, String defaultValue) {
        /** "genre VARCHAR(50) NULL", "lang VARCHAR(5) NOT NULL DEFAULT 'en'": how reports and pictures of the schema show a column. */
        public String line() {
            return name + " " + type + (primaryKey ? " PRIMARY KEY" : notNull ? " NOT NULL" : " NULL")
                    + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
        }
    }

    private final Path file;
    private final String name;
    private final Connection connection;

    private LibraryDatabase(Path file, String name, Connection connection) {
        this.file = file;
        this.name = name;
        this.connection = connection;
    }

    /** Opens library.db as 01_create left it; says what to do when it is not there or not a database. */
    public static LibraryDatabase open(Project project) {
        if (project.databaseFile() == null) {
            LibraryDatabase server = onServer(project);
            if (!server.tableNames().contains("books")) {
                server.close();
                throw new LessonError(server.name() + " has no books table yet.",
                        "Create the tables there first, as 01_create made them in library.db:\n  "
                                + CommandLine.withDriver(project, CommandLine.typed().replaceFirst("^\\S+", "steps/01_create.java")));
            }
            return server;
        }
        Path file = project.databaseFile();
        String name = project.relative(file);
        if (!Files.exists(file)) {
            throw new LessonError(name + " does not exist yet.", "Create it first with: " + CommandLine.onSameDatabase(project, "steps/01_create.java")
                    + typoHint(file, name));
        }
        checkIsSqlite(project, file, name);
        LibraryDatabase database = connect(file, name);
        if (!database.tableNames().contains("books")) {
            database.close();
            throw new LessonError(name + " has no books table: it was not made by 01_create.",
                    "Move it aside and create it again: " + CommandLine.moveAside(file, name) + " && "
                            + CommandLine.onSameDatabase(project, "steps/01_create.java"));
        }
        return database;
    }

    /**
     * Opens a SQLite file whatever tables it has (the liquibase alias's, where a file of the learner's own may have no books):
     * refused, as open refuses it, where it is empty (0 bytes), not SQLite, or damaged.
     */
    public static LibraryDatabase openWhateverItHolds(Project project) {
        Path file = project.databaseFile();
        String name = project.relative(file);
        checkIsSqlite(project, file, name);
        LibraryDatabase database = connect(file, name);
        try {
            database.tableNames(); // a damaged one says so here
        } catch (RuntimeException damaged) {
            database.close();
            throw damaged;
        }
        return database;
    }

    /**
     * Where the url names another file than the lesson's library.db and a database sits beside it:
     * a slip in the url more likely than a database to make (01_create would make a second one).
     */
    private static String typoHint(Path file, String name) {
        if (file.getFileName().toString().equals("library.db") || file.getParent() == null) {
            return "";
        }
        try (var files = Files.list(file.getParent())) {
            return files.map(other -> other.getFileName().toString()).filter(other -> other.endsWith(".db"))
                    .min(java.util.Comparator.comparing((String other) -> !other.equals("library.db")).thenComparing(other -> other)) // the lesson's first
                    .map(other -> "\n(or, if " + other + " is the database you meant, mend the url that names " + name
                            + ": liquibase.properties, or --url)").orElse("");
        } catch (java.io.IOException unreadable) {
            return "";
        }
    }

    /** Opens library.db, creating an empty file when there is none (only 01_create does this). */
    public static LibraryDatabase openOrCreate(Project project) {
        if (project.databaseFile() == null) {
            return onServer(project);
        }
        Path file = project.databaseFile();
        if (Files.exists(file)) {
            checkIsSqlite(project, file, project.relative(file));
        } else if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            // SQLite cannot make the file there, and its "cannot open" read as a folder to make writable (chmod of a folder not there).
            throw new LessonError("There is no folder " + file.getParent() + " to make " + file.getFileName() + " in. Nothing was created.",
                    "Make it first (mkdir -p " + CommandLine.quoted(file.getParent().toString()) + "), or name a file in a folder that exists.");
        }
        return connect(file, project.relative(file));
    }

    private static LibraryDatabase onServer(Project project) {
        return new LibraryDatabase(null, ServerConnection.name(project.url()), ServerConnection.open(project));
    }

    /** The database file and those SQLite keeps beside it while it works: a copy or a removal takes them all. */
    public static final List<String> FILE_SUFFIXES = List.of("", "-journal", "-wal", "-shm");

    /**
     * Removes a database file this run made and could not fill (01_create failing midway), with
     * its journal: the steps would stop at an empty library.db. Only for a file that did not
     * exist before the run: every other is the learner's.
     */
    public static void deleteUnfinished(Path file) {
        for (String suffix : FILE_SUFFIXES) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (java.io.IOException e) {
                // What is left says what it is to the next step (an empty file: move it aside).
            }
        }
    }

    /** Opens another SQLite file (a throw-away copy of library.db, for a preview). */
    public static LibraryDatabase openFile(Path file) {
        return connect(file, "a copy of library.db");
    }

    /**
     * Does the work on a throw-away copy of this SQLite file (with its journal, if a run left
     * one), deleted afterwards: the file itself is only read. For what must run to be seen,
     * the SQL of --sql or a round trip, and must not happen to library.db.
     */
    public static <T> T onCopy(Path file, String purpose, java.util.function.Function<LibraryDatabase, T> work) {
        Path copy = null;
        try {
            copy = Files.createTempFile("library-copy-", ".db");
            for (String suffix : FILE_SUFFIXES) {
                Path from = Path.of(file + suffix);
                if (Files.exists(from)) {
                    Files.copy(from, Path.of(copy + suffix), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Path.of(copy + suffix).toFile().setWritable(true); // a read-only library.db is the learner's, not the copy's
                }
            }
            try (LibraryDatabase scratch = openFile(copy)) {
                // The copy is this run's alone: Liquibase's lock as library.db's record holds it (a step at work in another terminal,
                // check --watch beside it) is none of the copy's to wait on, fail on or release (a round trip said "not done").
                if (scratch.countIfThere("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND upper(name) = 'DATABASECHANGELOGLOCK'") > 0) {
                    try (Statement unlock = scratch.connection().createStatement()) {
                        unlock.executeUpdate("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 0, LOCKGRANTED = NULL, LOCKEDBY = NULL");
                    }
                }
                return work.apply(scratch);
            }
        } catch (IOException | SQLException e) {
            throw new LessonError("Cannot make a scratch copy of library.db for " + purpose + ": " + e.getMessage(),
                    "Check that the temporary folder (" + System.getProperty("java.io.tmpdir") + ") is writable.");
        } finally {
            if (copy != null) {
                for (String suffix : FILE_SUFFIXES) {
                    try {
                        Files.deleteIfExists(Path.of(copy + suffix));
                    } catch (IOException ignored) {
                        // a leftover temporary file is the operating system's to clean
                    }
                }
            }
        }
    }

    private static void checkIsSqlite(Project project, Path file, String name) {
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new LessonError("Cannot read " + name + ": " + e.getMessage(), "Check that the file is readable.");
        }
        if (read == 0 && ProjectLock.awaitHolder(project.root(), name)) {
            checkIsSqlite(project, file, name); // 01_create was making it (a script ran a step beside it): read as it left it
            return;
        }
        if (read == 0) {
            // Nothing in it to keep: 01_create makes the database in it (moved aside first, it left a .bak of nothing).
            throw new LessonError(name + " is an empty file (0 bytes), not a SQLite database.",
                    "Create the database in it (it holds nothing to lose): " + CommandLine.onSameDatabase(project, "steps/01_create.java"));
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
            throw new LessonError(name + " is not a SQLite database (its first bytes are not \"SQLite format 3\").",
                    "Move it aside and create the database again: " + CommandLine.moveAside(file, name) + " && "
                            + CommandLine.onSameDatabase(project, "steps/01_create.java"));
        }
    }

    /**
     * Loads SQLite's driver and its native library, and Liquibase's database types, as the first
     * connection would: for a script that has a moment to spare before it opens library.db.
     */
    public static void warmUp() {
        SqliteNativeLibrary.useUnpacked();
        try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            liquibase.database.DatabaseFactory.getInstance();
        } catch (SQLException | RuntimeException e) {
            // Only a head start: the real connection reports what is wrong.
        }
    }

    private static LibraryDatabase connect(Path file, String name) {
        SqliteNativeLibrary.useUnpacked();
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + Project.SQLITE_BUSY_TIMEOUT_MILLIS);
            }
            return new LibraryDatabase(file, name, connection);
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Writes a whole copy of this SQLite database to a new file: VACUUM INTO, a consistent copy,
     * through a connection of its own (Liquibase's may be inside a transaction, where VACUUM cannot run).
     */
    public void copyTo(Path target) throws SQLException {
        try (Connection own = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = own.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + Project.SQLITE_BUSY_TIMEOUT_MILLIS);
            statement.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }

    public Path file() {
        return file;
    }

    /** How the steps name it: "library.db", or the URL of a database on a server. */
    public String name() {
        return name;
    }

    public boolean isSqlite() {
        return file != null;
    }

    /** The tables the application owns (SQLite's and Liquibase's bookkeeping left out). */
    public List<String> tableNames() {
        if (!isSqlite()) {
            return metadata(meta -> meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"}),
                    row -> row.getString("TABLE_NAME")).stream()
                    .filter(table -> !table.toUpperCase().startsWith("DATABASECHANGELOG")).sorted().toList();
        }
        return strings("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                + "AND upper(name) NOT LIKE 'DATABASECHANGELOG%' ORDER BY name");
    }

    /** Whether Liquibase has made its history table here: its first update does, and a rollback leaves it. */
    public boolean hasChangelogTable() {
        return !strings("SELECT name FROM sqlite_master WHERE name = 'DATABASECHANGELOG'").isEmpty();
    }

    /** PRAGMA table_info on a SQLite connection: the columns of a table, in order. */
    static List<ColumnInfo> sqliteColumns(Connection connection, String table) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info(?)")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // An INTEGER PRIMARY KEY is the rowid: SQLite numbers new rows in it.
                    boolean rowid = rows.getInt(4) > 0 && "INTEGER".equalsIgnoreCase(rows.getString(2));
                    columns.add(new ColumnInfo(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getInt(4) > 0, rowid,
                            rows.getString(5)));
                }
            }
        }
        return columns;
    }

    /** Whether the table has this column now (case aside): a query naming one it lacks would read "name" as a string. */
    public boolean hasColumn(String table, String column) {
        return columnNames(table).stream().anyMatch(column::equalsIgnoreCase);
    }

    /**
     * How many values (not NULL) a column holds now; 0 when the table has no such column (yet):
     * SQLite would read an unknown "name" as a string, and count every row.
     */
    public long valuesIn(String table, String column) {
        if (!hasColumn(table, column)) {
            return 0;
        }
        return countIfThere("SELECT count(\"" + column.replace("\"", "\"\"") + "\") FROM \"" + table.replace("\"", "\"\"") + "\"");
    }

    /**
     * What storing an expression over a table's rows in a column of this type makes of the values,
     * as {value before, value stored} for each that comes out changed: SQLite's type affinity turns
     * text that reads as a number into one ('0134685997' into INTEGER is 134685997). Worked out on
     * an in-memory database that reads this file (attached), so that library.db is only read; none
     * on a server, or where it cannot be worked out.
     */
    public List<String[]> changedByStoring(String table, String expression, String type) {
        List<String[]> changed = new ArrayList<>();
        if (!isSqlite() || !type.matches("[A-Za-z][\\w ]*(\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?")) {
            return changed;
        }
        org.sqlite.SQLiteConfig uris = new org.sqlite.SQLiteConfig();
        uris.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI); // so that ATTACH takes file:...?mode=ro: library.db read only
        try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:", uris.toProperties()); Statement statement = memory.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + Project.SQLITE_BUSY_TIMEOUT_MILLIS);
            statement.execute("ATTACH DATABASE '" + file.toAbsolutePath().toUri().toString().replace("'", "''") + "?mode=ro' AS lib");
            statement.execute("CREATE TABLE stored (given, kept " + type + ")"); // given: no type, kept as it comes
            statement.execute("INSERT INTO stored SELECT (" + expression + "), (" + expression + ") FROM lib.\"" + table.replace("\"", "\"\"") + "\"");
            try (ResultSet rows = statement.executeQuery("SELECT CAST(given AS TEXT), CAST(kept AS TEXT) FROM stored "
                    + "WHERE given IS NOT NULL AND CAST(kept AS TEXT) IS DISTINCT FROM CAST(given AS TEXT)")) {
                while (rows.next()) {
                    changed.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        } catch (SQLException cannotTell) {
            // a column the expression names is not there yet: nothing of library.db goes through it
        }
        return changed;
    }

    /** Where columns() reads a table's columns from, as the steps say it. */
    public String columnsSource(String table) {
        return isSqlite() ? "PRAGMA table_info(" + table + ")" : "JDBC's DatabaseMetaData.getColumns(" + table + ")";
    }

    /** PRAGMA table_info (JDBC metadata on a server): the columns of a table, in order, as the database stores them. */
    public List<ColumnInfo> columns(String table) {
        if (!isSqlite()) {
            List<String> key = metadata(meta -> meta.getPrimaryKeys(null, connection.getSchema(), table),
                    row -> row.getString("COLUMN_NAME"));
            return metadata(meta -> meta.getColumns(null, connection.getSchema(), table, "%"), row -> new ColumnInfo(
                    row.getString("COLUMN_NAME"), typeName(row), row.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
                    key.contains(row.getString("COLUMN_NAME")), "YES".equals(row.getString("IS_AUTOINCREMENT")), null));
        }
        try {
            return sqliteColumns(connection, table);
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
    }

    public List<String> columnNames(String table) {
        return columns(table).stream().map(ColumnInfo::name).toList();
    }

    /**
     * varchar(50), int4, text: the type as the server names it, with a length where it has one
     * (PostgreSQL's driver reports text as a VARCHAR of 2147483647 characters: no length at all).
     */
    private static String typeName(ResultSet column) throws SQLException {
        int type = column.getInt("DATA_TYPE");
        int size = column.getInt("COLUMN_SIZE");
        boolean sized = (type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR || type == Types.NCHAR)
                && size > 0 && size < Integer.MAX_VALUE;
        return column.getString("TYPE_NAME") + (sized ? "(" + size + ")" : "");
    }

    interface MetadataQuery {
        ResultSet run(DatabaseMetaData metadata) throws SQLException;
    }

    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** One JDBC metadata query, each row read into a value, the result set closed. */
    <T> List<T> metadata(MetadataQuery query, RowReader<T> reader) {
        List<T> values = new ArrayList<>();
        try (ResultSet rows = query.run(connection.getMetaData())) {
            while (rows.next()) {
                values.add(reader.read(rows));
            }
        } catch (SQLException e) {
            throw Failures.explain(e);
        }
        return values;
    }

    public int count(String table) {
        return Integer.parseInt(strings("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"").get(0));
    }

    /**
     * The first column of each row, or none where a table or column the query names is not
     * there (yet): what a change would touch, asked before the change (or an earlier one) makes it.
     */
    public List<String> stringsIfThere(String sql) {
        try {
            return strings(sql);
        } catch (RuntimeException absent) {
            return List.of();
        }
    }

    /** A count, or 0 where the table or column is not there (yet): nothing of it to lose. */
    public long countIfThere(String sql) {
        List<String> result = stringsIfThere(sql);
        return result.isEmpty() || result.get(0) == null ? 0 : Long.parseLong(result.get(0));
    }

    public List<String> strings(String sql) {
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
