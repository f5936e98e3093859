package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.CreateTableChange;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import postgres.ThrowAwayPostgres;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * docs/postgres.md's table "What differs, seen for real", row by row: the walkthrough's changelog
 * on the scratch copy's library.db and on a real PostgreSQL started by this test, and what
 * each database then does.
 */
@Tag("postgres")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// One PostgreSQL class at a time: each starts a server of its own, and two would share the machine's memory and cores.
@org.junit.jupiter.api.parallel.ResourceLock("postgres")
class PostgresDifferencesTest {

    /** Held, so that java.util.logging keeps the level: Liquibase's log stays out of the test output. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.ROLLED_BACK);
    final ScratchProject project = copy.project();
    final Path database = copy.database();
    ThrowAwayPostgres server;
    String driver;

    @BeforeAll
    void startServer() throws IOException {
        LIQUIBASE_LOG.setLevel(Level.OFF);
        System.setProperty("liquibase.analytics.enabled", "false");
        server = ThrowAwayPostgres.start(false);
        driver = ReadmeTest.words(ReadmeTest.commandsAfter(PostgresStepsTest.OWN_POSTGRES).get(0)).get(2);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    Result onPostgres(String script, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("--deps", driver, script, "--url", server.url(),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD));
        command.addAll(List.of(arguments));
        return project.jbang(command.toArray(String[]::new));
    }

    @Test
    @Order(0)
    @DisplayName("on a new PostgreSQL database 05_upgrade and the CLI's update say to run 01_create there first; 01_create builds the tables")
    void newDatabaseNeedsTheTablesFirst() {
        Result upgrade = onPostgres("steps/05_upgrade.java");
        Learner.assertExit(1, upgrade);
        Learner.assertShows(upgrade, server.url() + " has no books table yet.\n"
                + "Create the tables there first, as 01_create made them in library.db:\n"
                + "  ./jbang --deps " + driver + " steps/01_create.java --url " + server.url() + " --username learner --password learner\n");
        // The CLI's update there: said as the steps say it, where the CLI failed on the first changeset with its exception details
        // and left its own tables behind.
        Result cliUpdate = project.jbang("--deps", driver, "liquibase", "--url", server.url(), "--username", ThrowAwayPostgres.USER,
                "--password", ThrowAwayPostgres.PASSWORD, "update");
        Messages.assertRefused(cliUpdate, 1, server.url() + " has no books table yet. Nothing was run.");
        Learner.assertShows(cliUpdate, "  ./jbang --deps " + driver + " steps/01_create.java --url " + server.url() + " --username learner "
                + "--password learner\n");
        assertEquals(List.of("0"), ServerReadBack.rows(server, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"),
                "nothing made");
        Learner.assertExit(0, onPostgres("steps/01_create.java"));
        assertEquals(List.of("id", "title", "author_id"), ServerReadBack.columnNames(server, "books"));
    }

    @Test
    @Order(1)
    @DisplayName("update-sql previews addColumn on PostgreSQL, and fails for it on SQLite; neither database changes")
    void updateSql() {
        List<String> sqliteBefore = ReadBack.everything(database);
        Result sqlite = project.jbang("liquibase", "update-sql");
        assertNotEquals(0, sqlite.exitCode(), sqlite.output());
        Learner.assertShows(sqlite, "requires access to up to date database metadata");
        Learner.assertShows(sqlite, "it needs the table itself. This shows the SQL, run on a copy of the database:\n  ./jbang steps/05_upgrade.java --sql\n");
        assertEquals(sqliteBefore, ReadBack.everything(database));

        Result postgres = project.jbang("--deps", driver, "liquibase", "--url", server.url(),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD, "update-sql");
        Learner.assertExit(0, postgres);
        Learner.assertShows(postgres, "ALTER TABLE public.books ADD genre VARCHAR(50);");
        assertEquals(List.of("id", "title", "author_id"), ServerReadBack.columnNames(server, "books"));
        assertEquals(List.of("0"), ServerReadBack.rows(server,
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'databasechangelog%'"),
                "a preview does not even create Liquibase's tables");
    }

    @Test
    @Order(2)
    @DisplayName("adding a column: ALTER TABLE books ADD COLUMN on SQLite (no rebuild), ALTER TABLE public.books ADD on PostgreSQL")
    void addColumn() {
        Result sqlite = project.jbang("steps/05_upgrade.java");
        Learner.assertExit(0, sqlite);
        Learner.assertShows(sqlite, "Running upgrade <base> -> 0001-1, add genre column to books\n"
                + "  ALTER TABLE books ADD COLUMN genre VARCHAR(50)\n\n");
        String books = ReadBack.rows(database, "SELECT sql FROM sqlite_master WHERE name = 'books'").get(0);
        assertTrue(!books.contains("PK_BOOKS") && books.contains("CONSTRAINT fk_books_author_id"),
                "not rebuilt (a rebuild renames the primary key to PK_BOOKS): " + books);

        Result postgres = onPostgres("steps/05_upgrade.java");
        Learner.assertExit(0, postgres);
        Learner.assertShows(postgres, "Running upgrade <base> -> 0001-1, add genre column to books\n"
                + "  ALTER TABLE public.books ADD genre VARCHAR(50)\n\n");
        assertEquals(List.of("id", "title", "author_id", "genre"), ServerReadBack.columnNames(server, "books"));
    }

    @Test
    @Order(3)
    @DisplayName("Liquibase's own tables: DATABASECHANGELOG on SQLite, public.databasechangelog (lower case) on PostgreSQL")
    void trackingTables() {
        assertEquals(List.of("DATABASECHANGELOG", "DATABASECHANGELOGLOCK"), ReadBack.rows(database,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND upper(name) LIKE 'DATABASECHANGELOG%' ORDER BY name"));
        assertEquals(List.of("public.databasechangelog", "public.databasechangeloglock"), ServerReadBack.rows(server,
                "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                        + "WHERE upper(table_name) LIKE 'DATABASECHANGELOG%' ORDER BY table_name"));
    }

    @Test
    @Order(4)
    @DisplayName("foreign keys: a book by an unknown author is accepted by SQLite (unless turned on), refused by PostgreSQL")
    void foreignKeys() throws SQLException {
        String orphan = "INSERT INTO books (title, author_id) VALUES ('Nobody wrote this', 999)";
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = sqlite.createStatement()) {
            assertEquals(1, statement.executeUpdate(orphan), "SQLite accepts it");
            statement.execute("PRAGMA foreign_keys = ON");
            SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(orphan.replace("Nobody", "Still nobody")));
            assertTrue(refused.getMessage().contains("FOREIGN KEY constraint failed"), refused.getMessage());
            statement.executeUpdate("DELETE FROM books WHERE author_id = 999");
        }
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection postgres = server.connect(); Statement statement = postgres.createStatement()) {
                statement.executeUpdate(orphan);
            }
        });
        assertEquals("23503", refused.getSQLState(), "foreign_key_violation: " + refused.getMessage());
        assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));
        assertEquals(ReadBack.THREE_BOOKS, ServerReadBack.books(server));
    }

    @Test
    @Order(5)
    @DisplayName("new ids: SQLite's rowid (no AUTOINCREMENT), PostgreSQL's identity column; autoIncrement: true writes one or the other")
    void numberingNewRows() throws Exception {
        assertEquals(List.of("0"), ReadBack.rows(database, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'"),
                "no AUTOINCREMENT table in library.db");
        assertEquals(List.of("YES"), ServerReadBack.rows(server,
                "SELECT is_identity FROM information_schema.columns WHERE table_name = 'authors' AND column_name = 'id'"));
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + database);
             Connection postgres = server.connect()) {
            for (Connection connection : List.of(sqlite, postgres)) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO authors (name) VALUES ('Grace Hopper')");
                }
            }
            String onSqlite = createTableWithAutoIncrement(sqlite);
            assertTrue(onSqlite.contains("PRIMARY KEY AUTOINCREMENT") && !onSqlite.contains("IDENTITY"), onSqlite);
            String onPostgres = createTableWithAutoIncrement(postgres);
            assertTrue(onPostgres.contains("GENERATED BY DEFAULT AS IDENTITY") && !onPostgres.contains("AUTOINCREMENT"), onPostgres);
        }
        assertEquals(List.of("4"), ReadBack.rows(database, "SELECT id FROM authors WHERE name = 'Grace Hopper'"));
        assertEquals(List.of("4"), ServerReadBack.rows(server, "SELECT id FROM authors WHERE name = 'Grace Hopper'"));
    }

    /** The SQL Liquibase writes for a createTable whose id has autoIncrement: true, on this database. */
    static String createTableWithAutoIncrement(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        ColumnConfig id = new ColumnConfig();
        id.setName("id");
        id.setType("INTEGER");
        id.setAutoIncrement(true);
        id.setConstraints(new ConstraintsConfig().setPrimaryKey(true));
        CreateTableChange createTable = new CreateTableChange();
        createTable.setTableName("shelves");
        createTable.addColumn(id);
        Sql[] sql = SqlGeneratorFactory.getInstance().generateSql(createTable, database);
        return Arrays.stream(sql).map(Sql::toSql).collect(Collectors.joining("\n"));
    }
}
