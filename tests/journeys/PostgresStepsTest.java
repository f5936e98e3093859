package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import postgres.ThrowAwayPostgres;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * docs/postgres.md's "Your own PostgreSQL" commands, run as printed (only the server's port put in)
 * against a real PostgreSQL started by this test, on a changelog holding the walkthrough's
 * generated genre changeset and the exercises' fixture changesets. The same files first ran on
 * the scratch copy's library.db; after every step PostgreSQL is read back with plain JDBC.
 */
@Tag("postgres")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// One PostgreSQL class at a time: each starts a server of its own, and two would share the machine's memory and cores.
@org.junit.jupiter.api.parallel.ResourceLock("postgres")
class PostgresStepsTest {

    static final String OWN_POSTGRES = "<!-- test: own postgres -->";
    static final String README_URL = "jdbc:postgresql://localhost:5432/library";

    static final List<String> UPGRADED_BOOKS = List.of("id int4 10 not-null", "title varchar 200 not-null",
            "author_id int4 10 nullable", "genre varchar 50 nullable", "isbn varchar 20 nullable");
    static final List<String> NAMED_FOREIGN_KEY = List.of("fk_books_author_id: author_id -> authors.id");

    @RegisterExtension
    static final LearnerCopy copy = LearnerCopy.at(LessonState.APPLIED);
    final ScratchProject project = copy.project();
    ThrowAwayPostgres server;

    @BeforeAll
    void startServerAndApplyTheFixtures() throws IOException {
        server = ThrowAwayPostgres.start(false);
        ExerciseFixtures.append(project);
        Learner.assertExit(0, project.jbang("steps/05_upgrade.java"));
        assertEquals(4, ReadBack.rows(project.path("library.db"), "SELECT id FROM DATABASECHANGELOG").size(),
                "library.db ran the whole changelog first");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** The README's command line for this script, run with the test server's port in its URL. */
    Result readmeCommand(String script, String... extra) throws IOException {
        String line = ReadmeTest.commandsAfter(OWN_POSTGRES).stream().filter(command -> command.contains(" " + script + " "))
                .findFirst().orElseThrow(() -> new AssertionError("the README shows " + script + " on PostgreSQL"));
        assertTrue(line.contains(README_URL), line);
        List<String> words = ReadmeTest.words(line.replace(README_URL, server.url()));
        List<String> arguments = new java.util.ArrayList<>(words.subList(1, words.size()));
        arguments.addAll(List.of(extra));
        return project.jbang(arguments.toArray(String[]::new));
    }

    @Test
    @Order(1)
    @DisplayName("the README pins the PostgreSQL driver it tells learners to add at the version the project pins")
    void readmeDriverIsThePinnedOne() throws IOException {
        Matcher pinned = Pattern.compile("(?m)^//DEPS (org\\.postgresql:postgresql:\\S+)$")
                .matcher(Files.readString(Learner.projectRoot().resolve("steps/postgres/ThrowAwayPostgres.java")));
        assertTrue(pinned.find(), "steps/postgres/ThrowAwayPostgres.java pins the driver");
        List<String> commands = ReadmeTest.commandsAfter(OWN_POSTGRES);
        assertEquals(5, commands.size(), commands.toString());
        commands.forEach(command -> assertTrue(command.startsWith("./jbang --deps " + pinned.group(1) + " "), command));
        // Wherever else the guide names the driver (explore in docs/tools.md, troubleshooting), at that version too.
        Matcher named = Pattern.compile("org\\.postgresql:postgresql:[0-9][^\\s`]*").matcher(ReadmeTest.guide());
        while (named.find()) {
            assertEquals(pinned.group(1), named.group(), "the driver the guide names");
        }
    }

    @Test
    @Order(2)
    @DisplayName("01_create --url after step 3's edit, before autogenerate: genre left out, as library.db has it, so 05_upgrade --url then adds it")
    void createAfterTheModelEdit() throws Exception {
        // On the server's still empty database, then emptied again for the walkthrough's own run (createOnPostgres).
        String url = server.url();
        try (ScratchProject early = Learner.copyAt(LessonState.CREATED)) {
            String driver = ReadmeTest.words(ReadmeTest.commandsAfter(OWN_POSTGRES).get(0)).get(2);
            List<String> login = List.of("--url", url, "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
            Learner.uncommentGenre(early);

            Result create = early.jbang(concat(List.of("--deps", driver, "steps/01_create.java"), login));
            Learner.assertExit(0, create);
            Learner.assertShows(create, "Left out, as library.db does not have them yet: books.genre "
                    + "(the changeset that adds them there, once written, adds them here too).");
            assertEquals(List.of("id", "title", "author_id"), columnNames(url, "books"), "books as library.db has it");

            Learner.assertExit(0, early.jbang("steps/04_autogenerate.java", "-m", "add genre column to books"));
            Result upgrade = early.jbang(concat(List.of("--deps", driver, "steps/05_upgrade.java"), login));
            Learner.assertExit(0, upgrade);
            Learner.assertShows(upgrade, "Running upgrade <base> -> 0001-1, add genre column to books");
            assertEquals(List.of("id", "title", "author_id", "genre"), columnNames(url, "books"));
        } finally {
            try (java.sql.Connection connection = server.connect(); java.sql.Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS books, authors, databasechangelog, databasechangeloglock CASCADE");
            }
        }
    }

    @Test
    @Order(3)
    @DisplayName("01_create --url builds on PostgreSQL the tables the changelog starts from, identity ids, named key, three books")
    void createOnPostgres() throws IOException {
        Result result = readmeCommand("steps/01_create.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "Left to the changelog, which adds them: column books.genre, column books.isbn, index ix_books_genre.");
        assertEquals(List.of("id int4 10 not-null", "title varchar 200 not-null", "author_id int4 10 nullable"),
                ServerReadBack.columns(server, "books"), "genre is in the models, but the changelog adds it");
        assertEquals(List.of("id int4 10 not-null", "name varchar 100 not-null"), ServerReadBack.columns(server, "authors"));
        assertEquals(List.of("YES", "YES"), ServerReadBack.rows(server, "SELECT is_identity FROM information_schema.columns "
                + "WHERE column_name = 'id' AND table_name IN ('authors', 'books')"));
        assertEquals(NAMED_FOREIGN_KEY, ServerReadBack.foreignKeys(server, "books"));
        assertEquals(ReadBack.THREE_BOOKS, ServerReadBack.books(server));
        assertEquals(List.of(), ServerReadBack.rows(server,
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'databasechangelog%'"),
                "create_all() is not a migration");
    }

    @Test
    @Order(4)
    @DisplayName("05_upgrade --url runs the same four changesets on PostgreSQL, with PostgreSQL's own SQL")
    void upgradeOnPostgres() throws IOException {
        Result result = readmeCommand("steps/05_upgrade.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, """
                Running upgrade <base> -> 0001-1, add genre column to books
                  ALTER TABLE public.books ADD genre VARCHAR(50)
                Running upgrade 0001-1 -> 0002-1, add isbn column to books
                  ALTER TABLE public.books ADD isbn VARCHAR(20)
                Running upgrade 0002-1 -> 0003-1, set genre to programming
                  UPDATE public.books SET genre = 'programming'
                Running upgrade 0003-1 -> 0004-1, add index on genre
                  CREATE INDEX ix_books_genre ON public.books(genre)

                4 changesets applied. %s is up to date.
                """.formatted(server.url()));
        assertUpgraded();
    }

    void assertUpgraded() {
        assertEquals(UPGRADED_BOOKS, ServerReadBack.columns(server, "books"));
        assertEquals(List.of("ix_books_genre (genre)"), ServerReadBack.indexes(server, "books"));
        assertEquals(NAMED_FOREIGN_KEY, ServerReadBack.foreignKeys(server, "books"));
        assertEquals(ReadBack.THREE_BOOKS, ServerReadBack.books(server));
        assertEquals(List.of("programming", "programming", "programming"), ServerReadBack.rows(server, "SELECT genre FROM books ORDER BY id"));
        assertEquals(List.of("0001-1", "0002-1", "0003-1", "0004-1"),
                ServerReadBack.applied(server).stream().map(row -> row.split(" \\| ")[0]).toList());
    }

    @Test
    @Order(5)
    @DisplayName("02_setup --url and history --url=... show where the server stands: the four changesets applied, the last the head")
    void historyOnPostgres() throws IOException {
        String driver = ReadmeTest.words(ReadmeTest.commandsAfter(OWN_POSTGRES).get(0)).get(2);
        String head = "  0003-1 -> 0004-1 (head) (current), add index on genre   [applied]";
        Result setup = project.jbang("--deps", driver, "steps/02_setup.java", "--url", server.url(),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
        Learner.assertExit(0, setup);
        Learner.assertShows(setup, "  (this run: --url " + server.url() + " in place of its url)\n");
        Learner.assertShows(setup, "Where " + server.url() + " stands (alembic current):\n  <base> -> 0001-1, add genre column to books   [applied]");
        Learner.assertShows(setup, head);
        // In the --name=value form too, as Liquibase's own CLI takes its options.
        Result history = project.jbang("--deps", driver, "history", "--url=" + server.url(),
                "--username=" + ThrowAwayPostgres.USER, "--password=" + ThrowAwayPostgres.PASSWORD);
        Learner.assertExit(0, history);
        Learner.assertShows(history, head);
    }

    @Test
    @Order(6)
    @DisplayName("the same changeset files ran unchanged on SQLite and PostgreSQL: identical ids, paths and checksums")
    void sameChecksumsOnBothDatabases() {
        List<String> sqlite = ReadBack.rows(project.path("library.db"),
                "SELECT id, author, filename, md5sum FROM DATABASECHANGELOG ORDER BY orderexecuted");
        assertEquals(4, sqlite.size());
        assertTrue(sqlite.stream().noneMatch(row -> row.endsWith("| null")), "every changeset has a checksum: " + sqlite);
        assertEquals(sqlite, ServerReadBack.applied(server));
    }

    @Test
    @Order(7)
    @DisplayName("06_verify --url lists the columns from JDBC metadata, and every book; its heading does not send the learner to SQLite")
    void verifyOnPostgres() throws IOException {
        Result result = readmeCommand("steps/06_verify.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "Liquibase: (none: ask the database itself)");
        assertFalse(result.output().contains("SQLite"), result.output());
        Learner.assertShows(result, """
                JDBC's DatabaseMetaData.getColumns(books) lists these columns:
                [id, title, author_id, genre, isbn]

                Books in database:
                  1 | The Pragmatic Programmer     | David Thomas
                  2 | Clean Code                   | Robert C. Martin
                  3 | Fluent Python                | Luciano Ramalho
                """);
    }

    @Test
    @Order(8)
    @DisplayName("07_rollback --url undoes the changesets one by one, the schema read back after each")
    void rollbackOneByOne() throws IOException {
        Result index = readmeCommand("steps/07_rollback.java");
        Learner.assertExit(0, index);
        Learner.assertShows(index, "Running downgrade 0004-1 -> 0003-1, add index on genre\n  DROP INDEX public.ix_books_genre\n");
        assertEquals(List.of(), ServerReadBack.indexes(server, "books"));
        assertEquals(List.of("programming", "programming", "programming"), ServerReadBack.rows(server, "SELECT genre FROM books ORDER BY id"));

        // alter-2's rollback sets every genre to NULL: said first, as on SQLite, but a server's database is no file to copy,
        // so the step stops there until told to go ahead.
        Result refused = readmeCommand("steps/07_rollback.java");
        Learner.assertExit(1, refused);
        Learner.assertShows(refused, "Rolling back 0003-1 sets books.genre to NULL in 3 rows, overwriting the values they hold now.");
        Messages.assertSays(refused, Messages.SERVER_NO_COPY);
        Learner.assertShows(refused, server.url() + " is on a server, where this step cannot keep a copy first: what is said above would be "
                + "gone for good. Nothing was changed.\nIf those values matter, back them up first (pg_dump, say). Then run the same command "
                + "again with --accept-loss.");
        assertEquals(List.of("programming", "programming", "programming"), ServerReadBack.rows(server, "SELECT genre FROM books ORDER BY id"));
        Result data = readmeCommand("steps/07_rollback.java", "--accept-loss");
        Learner.assertExit(0, data);
        Learner.assertShows(data, "--accept-loss: going ahead with no copy kept.");
        Learner.assertShows(data, "  UPDATE public.books SET genre = NULL\n");
        assertEquals(List.of("null", "null", "null"), ServerReadBack.rows(server, "SELECT genre FROM books ORDER BY id"));
        assertEquals(UPGRADED_BOOKS, ServerReadBack.columns(server, "books"));

        Result isbn = readmeCommand("steps/07_rollback.java");
        Learner.assertExit(0, isbn);
        Learner.assertShows(isbn, "  ALTER TABLE public.books DROP COLUMN isbn\n");
        assertEquals(UPGRADED_BOOKS.subList(0, 4), ServerReadBack.columns(server, "books"));

        Result genre = readmeCommand("steps/07_rollback.java");
        Learner.assertExit(0, genre);
        Learner.assertShows(genre, "Running downgrade 0001-1 -> <base>, add genre column to books\n  ALTER TABLE public.books DROP COLUMN genre\n");
        assertEquals(UPGRADED_BOOKS.subList(0, 3), ServerReadBack.columns(server, "books"));

        assertEquals(List.of(), ServerReadBack.applied(server));
        assertEquals(NAMED_FOREIGN_KEY, ServerReadBack.foreignKeys(server, "books"), "the named foreign key survives");
        assertEquals(ReadBack.THREE_BOOKS, ServerReadBack.books(server));
        Result none = readmeCommand("steps/07_rollback.java");
        Learner.assertExit(0, none);
        Learner.assertShows(none, "Nothing to roll back: no changeset is applied to " + server.url() + ".");
    }

    @Test
    @Order(9)
    @DisplayName("update-sql through the liquibase alias previews on PostgreSQL the SQL of what is pending, and runs none of it")
    void updateSqlPreviews() throws IOException {
        // 05_upgrade --sql previews on a copy of a file, so on a server it names Liquibase's own preview, with the driver and --url
        // the learner typed: the command run next, as printed.
        Result onCopy = readmeCommand("steps/05_upgrade.java", "--sql");
        Learner.assertExit(1, onCopy);
        Matcher named = Pattern.compile("On a server, Liquibase's own preview works: (\\./jbang --deps \\S+ liquibase "
                + "--url \\S+ --username \\S+ --password \\S+ update-sql)").matcher(onCopy.output());
        assertTrue(named.find(), onCopy.output());
        List<String> printed = ReadmeTest.words(named.group(1));
        Result result = project.jbang(printed.subList(1, printed.size()).toArray(String[]::new));
        Learner.assertExit(0, result);
        Learner.assertShows(result, "ALTER TABLE public.books ADD genre VARCHAR(50);");
        Learner.assertShows(result, "CREATE INDEX ix_books_genre ON public.books(genre);");
        assertEquals(UPGRADED_BOOKS.subList(0, 3), ServerReadBack.columns(server, "books"), "a preview changes nothing");
        assertEquals(List.of(), ServerReadBack.applied(server));
    }

    @Test
    @Order(10)
    @DisplayName("05_upgrade --url applies every changeset again after the rollback")
    void upgradeAgain() throws IOException {
        Result result = readmeCommand("steps/05_upgrade.java");
        Learner.assertExit(0, result);
        Learner.assertShows(result, "4 changesets applied.");
        assertUpgraded();
        Result again = readmeCommand("steps/05_upgrade.java", "--tag", "upgraded");
        Learner.assertExit(0, again);
        Learner.assertShows(again, "Nothing to upgrade: " + server.url() + " already has every changeset of the changelog.");
        // The way back to the tag, on the server: where it named library.db's command.
        assertTrue(Pattern.compile("Tagged upgraded on the changesets applied last: \\./jbang --deps org\\.postgresql:postgresql:\\S+ "
                + "steps/07_rollback\\.java --to upgraded --url " + Pattern.quote(server.url()) + " --username \\S+ --password \\S+ comes back here\\.")
                .matcher(again.output()).find(), again.output());
    }

    @Test
    @Order(11)
    @DisplayName("with url, username and password in liquibase.properties the steps need no --url; 04_autogenerate refuses")
    void urlFromTheProperties() throws IOException {
        String properties = Files.readString(project.path("liquibase.properties"));
        String own = properties.replace("url=jdbc:sqlite:library.db", "url=" + server.url()
                + "\nusername=" + ThrowAwayPostgres.USER + "\npassword=" + ThrowAwayPostgres.PASSWORD);
        assertFalse(own.equals(properties), "liquibase.properties has the url line");
        Files.writeString(project.path("liquibase.properties"), own);
        try {
            String driver = ReadmeTest.words(ReadmeTest.commandsAfter(OWN_POSTGRES).get(0)).get(2);
            Result verify = project.jbang("--deps", driver, "steps/06_verify.java");
            Learner.assertExit(0, verify);
            Learner.assertShows(verify, "[id, title, author_id, genre, isbn]");
            List<String> changesets = Learner.files(project, "changelog/changes");
            // Said before connecting: without the driver, the step would first send the learner to add it.
            Result autogenerate = project.jbang("steps/04_autogenerate.java", "-m", "on the server");
            Learner.assertExit(1, autogenerate);
            Learner.assertShows(autogenerate, "Comparing the models works on library.db (SQLite) only");
            Learner.assertShows(autogenerate, "Put url=jdbc:sqlite:library.db back in liquibase.properties");
            assertEquals(changesets, Learner.files(project, "changelog/changes"), "no file written");
            // check (hint, solve) judge the exercises on library.db, schema reads SQLite's catalogue: said as that, before the
            // driver is asked for, where check stopped on a null path and schema, given the driver, on no sqlite_master.
            Result check = project.jbang("check");
            Learner.assertExit(1, check);
            Learner.assertShows(check, "check works on library.db (SQLite) only, and liquibase.properties names another database: " + server.url() + ".");
            Learner.assertShows(check, "Put url=jdbc:sqlite:library.db back in liquibase.properties for check.");
            Result schema = project.jbang("schema");
            Learner.assertExit(1, schema);
            Learner.assertShows(schema, "schema works on library.db (SQLite) only");
        } finally {
            Files.writeString(project.path("liquibase.properties"), properties);
        }
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }

    /** --url of that database of the test server, and the learner's login. */
    private List<String> loginOn(String database) {
        return List.of("--url", server.url().replace("/library", "/" + database), "--username", ThrowAwayPostgres.USER,
                "--password", ThrowAwayPostgres.PASSWORD);
    }

    /** A step on that database as learner, refused for a right it lacks, saying these words: the psql it prints to give it. */
    private List<String> refusedARight(String driver, String step, String database, String... says) {
        Result refused = project.jbang(concat(List.of("--deps", driver, step), loginOn(database)));
        Messages.assertRefused(refused, 1, Messages.SERVER_PERMISSION);
        for (String words : says) {
            Learner.assertShows(refused, words);
        }
        return psqlPrinted(refused, database);
    }

    /** The psql statements a message prints for this database, one a line after "in psql on DATABASE:", without their ";". */
    private static List<String> psqlPrinted(Result result, String database) {
        int at = result.output().indexOf("in psql on " + database + ":\n");
        assertTrue(at >= 0, result.output());
        return result.output().substring(at).lines().skip(1).takeWhile(line -> line.startsWith("  ") && line.endsWith(";"))
                .map(line -> line.strip().replaceFirst(";$", "")).toList();
    }

    /** One statement as the server's superuser (trusted on localhost), on the database named. */
    private void asSuperuser(String database, String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(server.url().replace("/library", "/" + database), "postgres", "");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql + " as postgres on " + database, e);
        }
    }

    private static List<String> columnNames(String url, String table) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, ThrowAwayPostgres.USER, ThrowAwayPostgres.PASSWORD)) {
            return ReadBack.rows(connection, "SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                    + "' ORDER BY ordinal_position");
        }
    }

    @Test
    @Order(12)
    @DisplayName("without the driver, with a wrong password, with no server, or with the connection cut midway: a clear message, exit 1, nothing changed")
    void mistakesOnTheServer() throws Exception {
        List<String> before = ServerReadBack.rows(server, "SELECT id, md5sum, exectype FROM databasechangelog ORDER BY orderexecuted");

        Result noDriver = project.jbang("steps/07_rollback.java", "--url", server.url(),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
        Learner.assertExit(1, noDriver);
        Learner.assertShows(noDriver, "No JDBC driver for " + server.url() + " here: the steps carry only SQLite's");
        String driver = ReadmeTest.words(ReadmeTest.commandsAfter(OWN_POSTGRES).get(0)).get(2);
        Learner.assertShows(noDriver, "  ./jbang --deps " + driver + " steps/07_rollback.java --url " + server.url()
                + " --username learner --password learner\n");

        Result wrongPassword = readmeCommand("steps/07_rollback.java", "--password", "not-the-password");
        Learner.assertExit(1, wrongPassword);
        Learner.assertShows(wrongPassword, "The server at " + server.url() + " refused the user name or password.");

        Result noServer = project.jbang("--deps", driver, "steps/07_rollback.java", "--url", "jdbc:postgresql://localhost:1/library");
        Learner.assertExit(1, noServer);
        Learner.assertShows(noServer, "Nothing answers at jdbc:postgresql://localhost:1/library");
        // A host name mistyped: said as such, where it was said as a connection lost midway (nothing ever connected).
        Result noHost = project.jbang("--deps", driver, "steps/07_rollback.java", "--url", "jdbc:postgresql://locahost:" + server.port() + "/library");
        Messages.assertRefused(noHost, 1, "No host called locahost is known here: jdbc:postgresql://locahost:" + server.port()
                + "/library names a server this machine cannot find.");
        // A database not there: the psql that makes it makes it the login's own, where tables may be created (PostgreSQL 15 on).
        Result noDatabase = project.jbang("--deps", driver, "steps/06_verify.java", "--url", server.url().replace("/library", "/libary"),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
        Messages.assertRefused(noDatabase, 1, "The server at " + server.url().replace("/library", "/libary") + " has no database called libary.");
        Learner.assertShows(noDatabase, "psql: CREATE DATABASE libary OWNER learner;");
        // A database made without OWNER, by another user: since PostgreSQL 15 only its owner creates tables in public. Said so, with
        // the psql that gives it to the login (it said "Something went wrong: ERROR: permission denied for schema public"); that
        // psql, run as printed, lets 01_create make the tables.
        String notMine = server.url().replace("/library", "/notmine");
        asSuperuser("postgres", "CREATE DATABASE notmine");
        List<String> psql = refusedARight(driver, "steps/01_create.java", "notmine", "The server at " + notMine + " refused learner what "
                + "this needs: permission denied for schema public.", "learner does not own notmine.");
        assertEquals(List.of("ALTER DATABASE notmine OWNER TO learner"), psql);
        assertEquals(List.of(), columnNames(notMine, "books"), "nothing made on the refused database");
        asSuperuser("postgres", psql.get(0));
        Learner.assertExit(0, project.jbang(concat(List.of("--deps", driver, "steps/01_create.java"), loginOn("notmine"))));
        assertEquals(List.of("id", "title", "author_id"), columnNames(notMine, "books"));
        // A database whose CONNECT was taken from PUBLIC: said with the GRANT that gives it back, which, run as printed, lets the
        // login in (where "no books table yet" is then the next thing to say).
        asSuperuser("postgres", "CREATE DATABASE closed_db");
        asSuperuser("postgres", "REVOKE CONNECT ON DATABASE closed_db FROM PUBLIC");
        List<String> connectGrant = refusedARight(driver, "steps/06_verify.java", "closed_db", "refused learner what this needs: permission "
                + "denied for database ");
        assertEquals(List.of("GRANT CONNECT, CREATE ON DATABASE closed_db TO learner"), connectGrant);
        asSuperuser("postgres", connectGrant.get(0));
        Messages.assertRefused(project.jbang(concat(List.of("--deps", driver, "steps/06_verify.java"), loginOn("closed_db"))), 1,
                "has no books table yet.");
        // Tables another user made, in a database the login owns: reading them wants a grant, changing them their ownership. Each
        // said as such, with the psql that gives it; run as printed, the step then works.
        asSuperuser("postgres", "CREATE DATABASE notmine_tables OWNER learner");
        asSuperuser("notmine_tables", "CREATE TABLE authors (id SERIAL PRIMARY KEY, name VARCHAR(100) NOT NULL)");
        asSuperuser("notmine_tables", "CREATE TABLE books (id SERIAL PRIMARY KEY, title VARCHAR(200) NOT NULL, author_id INTEGER)");
        for (String grant : refusedARight(driver, "steps/06_verify.java", "notmine_tables", "refused learner what this needs: permission "
                + "denied for table ")) {
            asSuperuser("notmine_tables", grant);
        }
        Learner.assertExit(0, project.jbang(concat(List.of("--deps", driver, "steps/06_verify.java"), loginOn("notmine_tables"))));
        List<String> alter = refusedARight(driver, "steps/05_upgrade.java", "notmine_tables", "refused learner what this needs: must be "
                + "owner of table books.");
        assertEquals(List.of("ALTER TABLE books OWNER TO learner"), alter);
        asSuperuser("notmine_tables", alter.get(0));
        Result owns = project.jbang(concat(List.of("--deps", driver, "steps/05_upgrade.java"), loginOn("notmine_tables")));
        Learner.assertExit(0, owns);
        assertTrue(columnNames(server.url().replace("/library", "/notmine_tables"), "books").contains("genre"), owns.output());
        // A count past the first changeset: the ways out it gives work on the server, not on library.db.
        Result tooMany = readmeCommand("steps/07_rollback.java", "9");
        Messages.assertRefused(tooMany, 1, "Cannot roll back 9 changesets: only 4 changesets are applied to " + server.url() + ". Nothing was changed.");
        Learner.assertShows(tooMany, "Roll back what there is with ./jbang --deps " + driver + " steps/07_rollback.java 4 --url " + server.url()
                + " --username learner --password learner,\nor everything on purpose with ./jbang --deps " + driver
                + " steps/07_rollback.java --to base --url " + server.url() + " --username learner --password learner.");
        // A URL without jdbc: is no JDBC URL, not a driver missing.
        Result noScheme = project.jbang("--deps", driver, "steps/06_verify.java", "--url", server.url().substring("jdbc:".length()));
        Messages.assertRefused(noScheme, 2, Messages.NOT_JDBC_URL);
        // PostgreSQL's own form, with a login in it, which the JDBC driver does not read: said as --username and --password.
        Result withLogin = project.jbang("steps/06_verify.java", "--url", "postgres://ada:se/cret@localhost:5432/library");
        Messages.assertRefused(withLogin, 2, "Did you mean --url jdbc:postgresql://localhost:5432/library --username ada --password se/cret?");
        Messages.assertRefused(noScheme, 2, "--url takes a JDBC URL, which starts with jdbc: (jdbc:postgresql://localhost:5432/library, "
                + "jdbc:sqlite:other.db); " + server.url().substring("jdbc:".length()) + " does not. Did you mean --url " + server.url() + "?");
        // The real CLI too, where Liquibase said only "Driver class was not specified".
        Result cliNoScheme = project.jbang("liquibase", "history", "--url", "sqlite:other.db");
        Messages.assertRefused(cliNoScheme, 2, Messages.NOT_JDBC_URL);
        Learner.assertShows(cliNoScheme, "sqlite:other.db does not. Did you mean --url jdbc:sqlite:other.db?");
        // diff's --reference-url too; and an empty --url on a step, said as none given.
        Messages.assertRefused(project.jbang("liquibase", "diff", "--reference-url", "JDBC:SQLITE:other.db"), 2,
                "--reference-url takes a JDBC URL, which starts with jdbc: (jdbc:postgresql://localhost:5432/library, jdbc:sqlite:other.db); "
                        + "JDBC:SQLITE:other.db does not. Did you mean --reference-url jdbc:sqlite:other.db?");
        Messages.assertRefused(project.jbang("steps/06_verify.java", "--url", ""), 2, "--url takes a JDBC URL, which starts with jdbc: "
                + "(jdbc:postgresql://localhost:5432/library, jdbc:sqlite:other.db); it was given none.");
        // In any case, as the CLI reads its options, and a file's name alone: the same, where it said 'specified only once'.
        Messages.assertRefused(project.jbang("liquibase", "--URL=other.db", "history"), 2,
                "--url takes a JDBC URL, which starts with jdbc: (jdbc:postgresql://localhost:5432/library, jdbc:sqlite:other.db); other.db does not. "
                        + "Did you mean --url jdbc:sqlite:other.db?");
        // explore on the server, as 07_rollback gives it for what a rollback left there: --url, the login and the driver.
        Result explored = project.jbangWithInput("sql(\"SELECT count(*) AS n FROM books\")\n/exit\n", "--deps", driver, "explore", "--url", server.url(),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
        Learner.assertExit(0, explored);
        Learner.assertShows(explored, "db is a connection to " + server.url() + ". Try:  sql(\"SELECT * FROM books\")");
        Learner.assertShows(explored, "n\n3\n");
        // The blocks offered are those that run on a server: 01's and 06's PRAGMA, 03's and 04's SQLite comparison, left out.
        assertTrue(explored.output().contains("/02_setup.jsh") && explored.output().contains("/07_rollback.jsh"), explored.output());
        assertFalse(explored.output().contains("/06_verify.jsh") || explored.output().contains("/04_autogenerate.jsh"), explored.output());

        for (Result result : List.of(noDriver, wrongPassword, noServer)) {
            assertFalse(result.output().contains("Exception"), () -> "no stack trace:\n" + result.output());
        }

        // No password at all, and jdbc:postgres: typed for jdbc:postgresql:: each said as what it is.
        Result noPassword = project.jbang("--deps", driver, "steps/07_rollback.java", "--url", server.url(), "--username", ThrowAwayPostgres.USER);
        Messages.assertRefused(noPassword, 1, Messages.NO_PASSWORD);
        // A password and no user: the driver logs in as the system's user, which the server refuses; said as that.
        Result noUser = project.jbang("--deps", driver, "steps/07_rollback.java", "--url", server.url(), "--password", ThrowAwayPostgres.PASSWORD);
        Learner.assertExit(1, noUser);
        Learner.assertShows(noUser, "refused the user name or password (no user name was given, so the driver used your system's: "
                + System.getProperty("user.name") + ").");
        Result shortScheme = project.jbang("--deps", driver, "steps/07_rollback.java", "--url", server.url().replace("jdbc:postgresql:", "jdbc:postgres:"),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
        Messages.assertRefused(shortScheme, 1, Messages.POSTGRES_SCHEME);
        Learner.assertShows(shortScheme, "./jbang --deps " + driver + " steps/07_rollback.java --url " + server.url()); // ready to paste
        // The liquibase alias says the same, where the CLI printed its exception details.
        Result cliPassword = project.jbang("--deps", driver, "liquibase", "--url", server.url(), "--username", ThrowAwayPostgres.USER,
                "--password", "not-the-password", "history");
        Learner.assertExit(1, cliPassword);
        Learner.assertShows(cliPassword, "The server at " + server.url() + " refused the user name or password.");
        Result cliScheme = project.jbang("--deps", driver, "liquibase", "--url", server.url().replace("jdbc:postgresql:", "jdbc:postgres:"),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD, "history");
        Messages.assertRefused(cliScheme, 1, Messages.POSTGRES_SCHEME);
        Learner.assertShows(cliScheme, "./jbang --deps " + driver + " liquibase --url " + server.url());
        for (Result cli : List.of(cliPassword, cliScheme)) {
            assertFalse(cli.output().contains("Exception Details"), cli.output());
        }
        // A command that changes the server's database: no copy of library.db kept for it, which could undo nothing there.
        Result cliOnServer = project.jbang("--deps", driver, "liquibase", "--url", server.url(), "--username", ThrowAwayPostgres.USER,
                "--password", ThrowAwayPostgres.PASSWORD, "execute-sql", "--sql", "SELECT 1");
        Learner.assertExit(0, cliOnServer);
        assertFalse(cliOnServer.output().contains("A copy of"), cliOnServer.output());
        // Who holds the project's turn is shown to another terminal that waits: never with the password typed.
        String holder = Files.readString(project.path(".tutorial/project.holder"));
        assertTrue(holder.contains("--password ****") && !holder.contains("--password " + ThrowAwayPostgres.PASSWORD), holder);
        // Liquibase's own variables name the database, the user and the password: the alias reaches the server with them, as the CLI
        // does (it asked for a password, the one in the variable not read).
        Result cliVariables = project.jbangWith(Map.of("LIQUIBASE_COMMAND_URL", server.url(), "LIQUIBASE_COMMAND_USERNAME", ThrowAwayPostgres.USER,
                "LIQUIBASE_COMMAND_PASSWORD", ThrowAwayPostgres.PASSWORD), "--deps", driver, "liquibase", "history");
        Learner.assertExit(0, cliVariables);
        Learner.assertShows(cliVariables, "LIQUIBASE_COMMAND_URL names the database: " + server.url());
        Learner.assertShows(cliVariables, "0001-1");
        // A tag named as a changeset's id, on the server with the user typed: refused there as on library.db (its guard connected as
        // liquibase.properties' user, failed, and let the tag through).
        Result idTag = project.jbang("--deps", driver, "liquibase", "--url", server.url(), "--username", ThrowAwayPostgres.USER, "--password",
                ThrowAwayPostgres.PASSWORD, "tag", "0001-1");
        Messages.assertRefused(idTag, 1, "A tag named 0001-1 is a changeset's id");
        assertEquals(List.of("0"), ServerReadBack.rows(server, "SELECT count(*) FROM databasechangelog WHERE tag = '0001-1'"));

        // The connection cut midway (a server killed, a network gone), here as 07_rollback sends its DROP INDEX: said
        // as what it is; the server keeps the index, and Liquibase's lock stays taken by the run that was cut.
        try (CuttingProxy proxy = new CuttingProxy(server.port(), "DROP INDEX")) {
            Result cut = project.jbang("--deps", driver, "steps/07_rollback.java",
                    "--url", server.url().replace(":" + server.port() + "/", ":" + proxy.port() + "/"),
                    "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
            assertTrue(proxy.cut(), () -> "the connection was not cut at DROP INDEX:\n" + cut.output());
            Messages.assertRefused(cut, 1, Messages.SERVER_GONE);
        }
        assertEquals(before, ServerReadBack.rows(server, "SELECT id, md5sum, exectype FROM databasechangelog ORDER BY orderexecuted"));
        assertUpgraded();
        assertEquals(List.of("taken"), ServerReadBack.rows(server, "SELECT CASE WHEN locked THEN 'taken' ELSE 'free' END FROM databasechangeloglock"));

        // Liquibase's lock left taken on the server, as by a run whose connection was cut midway: named, with
        // the command that releases it, which works as printed.
        try (java.sql.Connection connection = server.connect(); java.sql.Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = NOW(), "
                    + "lockedby = 'elsewhere#pid 4242 (10.0.0.7)' WHERE id = 1"));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        // Named with a query, as a URL often is: the command must paste into a shell as printed.
        String withQuery = server.url() + "?connectTimeout=10&tcpKeepAlive=true";
        Result locked = project.jbang("--deps", driver, "steps/07_rollback.java", "--url", withQuery,
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD);
        Messages.assertRefused(locked, 1, Messages.SERVER_LOCKED);
        // When, as the row holds it (to the second), not in the JVM's short form Liquibase's refusal uses.
        String granted = ServerReadBack.rows(server, "SELECT to_char(lockgranted, 'YYYY-MM-DD HH24:MI:SS') FROM databasechangeloglock").get(0);
        Learner.assertShows(locked, "locked by another Liquibase run: process 4242 on elsewhere (10.0.0.7), since " + granted + " (the lock row's time).");
        String release = locked.shown().lines().filter(line -> line.startsWith("  ./jbang --deps ") && line.endsWith(" release-locks"))
                .findFirst().orElseThrow(() -> new AssertionError("the release command:\n" + locked.shown())).strip();
        assertEquals("./jbang --deps " + driver + " liquibase --url '" + withQuery + "' --username learner --password learner release-locks", release);
        Learner.assertExit(0, project.runWith(java.util.Map.of(), project.root(), List.of("bash", "-c", release)));
        assertEquals(List.of("free"), ServerReadBack.rows(server, "SELECT CASE WHEN locked THEN 'taken' ELSE 'free' END FROM databasechangeloglock"));

        // Left by a run of this machine that has ended (a Ctrl-C, a kill): said as that, with the same command.
        long ended = Learner.pidNotRunning();
        try (java.sql.Connection connection = server.connect(); java.sql.Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = NOW(), lockedby = '"
                    + liquibase.util.NetUtil.getLocalHostName() + "#pid " + ended + " (127.0.0.1)' WHERE id = 1"));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Result leftHere = readmeCommand("steps/07_rollback.java");
        Messages.assertRefused(leftHere, 1, "and that process, on this machine, is no longer running: it was stopped before it could release the lock.");
        Learner.assertShows(leftHere, "Release the lock, then run the step again:\n  ./jbang --deps " + driver + " liquibase --url " + server.url()
                + " --username learner --password learner release-locks");
        releaseLock();
        assertEquals(before, ServerReadBack.rows(server, "SELECT id, md5sum, exectype FROM databasechangelog ORDER BY orderexecuted"));
        assertUpgraded();
    }
    @Test
    @Order(13)
    @DisplayName("Ctrl-C during 07_rollback --url: said of the server, not of library.db, and the command it gives reads the server")
    void interruptedOnTheServer() throws Exception {
        String driver = ReadmeTest.words(ReadmeTest.commandsAfter(OWN_POSTGRES).get(0)).get(2);
        String[] command = {"--deps", driver, "steps/07_rollback.java", "--url", server.url(),
                "--username", ThrowAwayPostgres.USER, "--password", ThrowAwayPostgres.PASSWORD};
        RunningStep.Ended ended;
        String signal;
        // Another session's lock on books keeps the rollback's DROP INDEX waiting: the signal surely lands mid-run.
        try (java.sql.Connection other = server.connect(); java.sql.Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("LOCK TABLE books IN ACCESS EXCLUSIVE MODE");
            RunningStep running = RunningStep.start(project, command).awaitJava();
            signal = FaultsKillTest.ignoresInterrupt(running.pid()) ? "TERM" : "INT"; // Ctrl-C sends INT; a closed terminal, HUP or TERM
            // Said while it waits, where it would only seem to hang.
            running.awaitOutput("Waiting for the server: a statement of this step waits for a lock another session holds on a table it changes "
                    + "(an open transaction in psql, say).", java.time.Duration.ofSeconds(60)).signal(signal);
            ended = running.finish();
            other.rollback();
        }
        Result stopped = ended.result();
        assertEquals(signal.equals("INT") ? 130 : 143, stopped.exitCode(), stopped::output);
        Learner.assertShows(stopped, "Stopped before 07_rollback finished. Nothing half-done stays in " + server.url() + ": the server undoes "
                + "an unfinished transaction, and a changeset is applied or rolled back whole. If Liquibase's lock stays taken there, the next "
                + "run says so, with the command that releases it.");
        Learner.assertShows(stopped, "read ./jbang --deps " + driver + " history --url " + server.url() + " --username learner --password learner first");
        assertFalse(stopped.output().contains("library.db"), stopped.output());
        Messages.assertNoStackTrace(stopped);
        // The run held Liquibase's lock when it stopped, or had not taken it yet: free it, as the next run would say to.
        releaseLock();
        assertUpgraded();

        // Its session ended by the server while it waits (pg_terminate_backend, as a server shutting down does): said as the
        // connection lost, not as "something went wrong"; nothing of it stays.
        Result terminated;
        try (java.sql.Connection other = server.connect(); java.sql.Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("LOCK TABLE books IN ACCESS EXCLUSIVE MODE");
            RunningStep running = RunningStep.start(project, command).awaitJava().awaitOutput("Step 7 of 7");
            try (java.sql.Connection admin = server.connect(); java.sql.Statement terminate = admin.createStatement()) {
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
                // Its DROP INDEX waiting on the lock above: the session to end.
                while (ReadBack.rows(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'DROP INDEX%'").isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "07_rollback never waited on the lock");
                    Thread.sleep(100);
                }
            }
            terminated = running.finish().result();
            other.rollback();
        }
        Messages.assertRefused(terminated, 1, "The connection to the database server was ended by the server midway (FATAL: terminating "
                + "connection due to administrator command): it was shut down or restarted, or an administrator ended the session.");
        assertFalse(terminated.output().contains("Something went wrong"), terminated.output());
        releaseLock();
        assertUpgraded();
    }

    /** Liquibase's lock on the server freed, as release-locks frees it: after a run this test stopped while it may have held it. */
    private void releaseLock() {
        try (java.sql.Connection connection = server.connect(); java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL WHERE id = 1");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
