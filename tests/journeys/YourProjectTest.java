package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * docs/your-project.md, run as printed: the same changelog from a plain Java main and from the
 * Liquibase Maven plugin, on copies of a library.db the steps made. Whoever runs it,
 * DATABASECHANGELOG must hold the same records, or Liquibase runs every changeset again.
 */
class YourProjectTest {

    static final String MAVEN_FOLDER = "../library-maven";
    static final String APPLIED_ROWS = "SELECT id, author, filename, md5sum, orderexecuted, exectype FROM DATABASECHANGELOG ORDER BY orderexecuted";

    @Test
    @Tag("maven")
    @Tag("slow")
    @DisplayName("the page's pom and mvn liquibase:update, on a copy of a library.db the steps brought to head, run nothing: same records, same schema")
    void mavenPluginRunsNothingOnTheStepsDatabase() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.APPLIED)) {
            Path database = setUpMavenProject(project).resolve("library.db");
            List<String> records = ReadBack.rows(database, APPLIED_ROWS);
            List<String> everything = ReadBack.everything(database);
            assertEquals(List.of("0001-1 | learner | changelog/changes/0001_add_genre_column_to_books.yaml"),
                    ReadBack.rows(database, "SELECT id, author, filename FROM DATABASECHANGELOG"), "the steps' record");

            Result update = mavenUpdate(project);
            Learner.assertExit(0, update);
            assertTrue(update.output().contains(ReadmeTest.blockAfter("<!-- test: maven says -->").strip()),
                    () -> "the page says what Maven prints:\n" + update.output());
            assertEquals(records, ReadBack.rows(database, APPLIED_ROWS), "DATABASECHANGELOG as it was");
            assertEquals(everything, ReadBack.everything(database), "schema and rows as they were");
            assertEquals(ReadBack.columns(project.path("library.db"), "books"), ReadBack.columns(database, "books"), "PRAGMA table_info(books)");
        }
    }

    @Test
    @Tag("maven")
    @Tag("slow")
    @DisplayName("the other way round: the Maven plugin applies the pending genre changeset, and 05_upgrade then has nothing to upgrade")
    void stepsRunNothingOnTheMavenDatabase() throws IOException {
        try (ScratchProject project = Learner.copyAt(LessonState.PENDING)) {
            Path database = setUpMavenProject(project).resolve("library.db");
            Learner.assertExit(0, mavenUpdate(project));
            assertEquals(List.of("0001-1 | learner | changelog/changes/0001_add_genre_column_to_books.yaml"),
                    ReadBack.rows(database, "SELECT id, author, filename FROM DATABASECHANGELOG"),
                    "the plugin, reading src/main/resources/db/changelog/..., records the path the steps record");
            assertTrue(ReadBack.columnNames(database, "books").contains("genre"));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(database));

            Files.copy(database, project.path("library.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Result upgrade = project.jbang("steps/05_upgrade.java");
            Learner.assertExit(0, upgrade);
            Learner.assertShows(upgrade, "Nothing to upgrade: library.db already has every changeset of the changelog.");
        }
    }

    @Test
    @Tag("liquibase")
    @DisplayName("the page's Upgrade.java, with only Liquibase and the driver, applies the pending changeset under the steps' path, then runs nothing; "
            + "it, as the steps, asks no server whether to send usage data, and on Java 25 prints no warning of sqlite-jdbc's native library")
    void plainMainKeepsTheSameRecords() throws IOException {
        // Every JVM here goes out through a proxy that writes down where each asked to go: Liquibase's
        // usage reports would ask for its makers' server (the proxy lets nothing through without credentials).
        try (ConnectProxy proxy = new ConnectProxy("learner", "s3cret"); ScratchProject project = Learner.copyAt(LessonState.PENDING)) {
            Map<String, String> throughProxy = new HashMap<>(Map.of("JDK_JAVA_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + proxy.port()
                    + " -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + proxy.port()));
            Files.writeString(project.path("Upgrade.java"), ReadmeTest.blockAfter("<!-- test: upgrade from main -->"));
            Result first = project.jbangWith(throughProxy, "Upgrade.java");
            Learner.assertExit(0, first);
            Learner.assertShows(first, "Run:                          1");
            Path database = project.path("library.db");
            assertEquals(List.of("0001-1 | learner | changelog/changes/0001_add_genre_column_to_books.yaml"),
                    ReadBack.rows(database, "SELECT id, author, filename FROM DATABASECHANGELOG"));
            assertTrue(ReadBack.columnNames(database, "books").contains("genre"));

            // Again, in a folder of one's own as the page has it: the wrapper's three files copied beside
            // Upgrade.java, the changelog and library.db; and with JBang's run, as JBang's own pages write it.
            // No catalog there, and nothing said of it.
            Path own = Files.createDirectories(project.root().resolveSibling("own-project"));
            for (String file : List.of("jbang", "jbang-wrapper.properties", "jbang-fetch.java", "Upgrade.java", "library.db")) {
                Files.copy(project.path(file), own.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            try (var files = Files.walk(project.path("changelog"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, own.resolve(project.root().relativize(file)));
                }
            }
            List<String> records = ReadBack.rows(database, APPLIED_ROWS);
            // On the newer JDK a learner installs, where one is here: it warns of a native library loaded without the page's option.
            java.util.Optional<Path> java25 = StartupCacheTest.java25();
            java25.ifPresent(jdk -> throughProxy.put("JAVA_HOME", jdk.toString()));
            Result again = project.runWith(throughProxy, own, List.of("./jbang", "run", "Upgrade.java"));
            Learner.assertExit(0, again);
            Learner.assertShows(again, "Run:                          0");
            assertTrue(again.output().lines().noneMatch(line -> line.startsWith("./jbang:")), () -> "the wrapper said nothing of its own:\n" + again.output());
            assertEquals(records, ReadBack.rows(own.resolve("library.db"), APPLIED_ROWS));
            throughProxy.remove("JAVA_HOME");
            // Named by its path from another folder: it would read that folder's changelog and make a library.db there. The copied
            // wrapper runs nothing, and names the folder as the learner's own, not the tutorial.
            Path elsewhere = Files.createDirectories(own.resolveSibling("elsewhere"));
            Result fromElsewhere = project.run(elsewhere, List.of(own.resolve("jbang").toString(), own.resolve("Upgrade.java").toString()));
            Learner.assertExit(2, fromElsewhere);
            Learner.assertShows(fromElsewhere, "Upgrade.java is in " + own.toRealPath() + ", beside this jbang, and reads its files from the folder "
                    + "it runs in: run it from there (cd " + own.toRealPath() + "), as ./jbang Upgrade.java.");
            try (var made = Files.list(elsewhere)) {
                assertEquals(List.of(), made.toList(), "nothing made there");
            }
            Learner.assertShows(project.jbangWith(throughProxy, "steps/05_upgrade.java"), "Nothing to upgrade");
            // Liquibase's own asks (JBang's launcher may ask for a dependency it lacks, through the same proxy: not this test's).
            assertEquals(List.of(), proxy.asked().stream().filter(host -> host.contains("liquibase")).toList(),
                    "no JVM of these runs asked Liquibase's makers' server anything");
            // Last, as Java 17 prints no such warning whatever the option: without a Java 25 here, this part is said as skipped.
            assumeTrue(java25.isPresent(), "no Java 25 in /usr/lib/jvm/temurin-25*: the native-access warning shows on Java 24 and newer only");
            assertTrue(!again.output().contains("WARNING: A restricted method"), () -> "no warning of the native library:\n" + again.output());
        }
    }

    @Test
    @DisplayName("the page pins the Maven plugin and the JDBC driver at the versions the steps pin, in its pom and its Java example alike")
    void pageVersionsAreTheProjectsPins() throws IOException {
        String liquibase = pinned("steps/tutorial/liquibase/Migrations.java", "org.liquibase:liquibase-core");
        String sqlite = pinned("steps/tutorial/database/LibraryDatabase.java", "org.xerial:sqlite-jdbc");
        String pom = ReadmeTest.blockAfter("<!-- test: maven pom -->");
        assertTrue(Pattern.compile("<artifactId>liquibase-maven-plugin</artifactId>\\s*<version>" + Pattern.quote(liquibase) + "</version>")
                .matcher(pom).find(), () -> "the plugin at liquibase-core's " + liquibase + ":\n" + pom);
        assertTrue(Pattern.compile("<artifactId>sqlite-jdbc</artifactId>\\s*<version>" + Pattern.quote(sqlite) + "</version>")
                .matcher(pom).find(), () -> "the driver at " + sqlite + ":\n" + pom);
        String main = ReadmeTest.blockAfter("<!-- test: upgrade from main -->");
        assertTrue(main.contains("//DEPS org.liquibase:liquibase-core:" + liquibase + "\n"), main);
        assertTrue(main.contains("//DEPS org.xerial:sqlite-jdbc:" + sqlite + "\n"), main);
    }

    /** The version a //DEPS line of the project pins for this group:artifact. */
    static String pinned(String file, String artifact) throws IOException {
        Matcher pin = Pattern.compile("(?m)^//DEPS " + Pattern.quote(artifact) + ":(\\S+)$")
                .matcher(Files.readString(Learner.projectRoot().resolve(file)));
        assertTrue(pin.find(), file + " pins " + artifact);
        return pin.group(1);
    }

    /** mvn on the PATH; the test is skipped, with the reason, where there is none. */
    static Path requireMaven() {
        Path found = null;
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("mvn", "mvn.cmd")) {
                Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
                if (found == null && Files.isExecutable(candidate)) {
                    found = candidate;
                }
            }
        }
        assumeTrue(found != null, "mvn is not on the PATH: this test runs the Liquibase Maven plugin, which the tutorial itself does not need");
        return found;
    }

    /**
     * The page's set-up lines, run in bash from the project folder, with its folder beside the
     * tutorial made inside the scratch copy instead (cleaned up with it, and apart from other
     * runs); then its pom.xml written there. Returns that folder. Skips the test where Maven is absent.
     */
    static Path setUpMavenProject(ScratchProject project) throws IOException {
        requireMaven();
        String setUp = ReadmeTest.blockAfter("<!-- test: maven setup -->");
        assertTrue(setUp.contains(MAVEN_FOLDER), setUp);
        String inside = MAVEN_FOLDER.substring("../".length());
        for (String line : setUp.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            if (line.startsWith("cd ")) {
                continue; // mavenUpdate runs there
            }
            Result result = project.run(project.root(), List.of("bash", "-c", line.replace(MAVEN_FOLDER, inside)));
            Learner.assertExit(0, result);
        }
        Path maven = project.path(inside);
        Files.writeString(maven.resolve("pom.xml"), ReadmeTest.blockAfter("<!-- test: maven pom -->"));
        return maven;
    }

    /**
     * The page's command in the Maven project, in batch mode, offline when every artifact is at
     * hand already (most runs), else once online to fetch the plugin and its dependencies.
     */
    static Result mavenUpdate(ScratchProject project) throws IOException {
        Path maven = project.path(MAVEN_FOLDER.substring("../".length()));
        List<String> words = ReadmeTest.words(ReadmeTest.blockAfter("<!-- test: maven update -->").strip());
        assertEquals(List.of("mvn", "liquibase:update"), words);
        List<String> offline = new ArrayList<>(List.of(requireMaven().toString(), "-B", "-o"));
        offline.addAll(words.subList(1, words.size()));
        Result result = project.run(maven, offline);
        if (result.exitCode() != 0 && result.output().contains("offline mode")) {
            List<String> online = new ArrayList<>(offline);
            online.remove("-o");
            result = project.run(maven, online);
        }
        return result;
    }
}
