package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.Folders;
import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * Java alone is enough: on a machine with a JDK and nothing else (an empty home folder, no mvn and
 * no jbang on the PATH) ./jbang fetches the pinned JBang jar with the JDK itself (jbang-fetch.java)
 * into the local Maven repository, checked against the SHA-256 pinned in jbang-wrapper.properties.
 * Once for real, from the repository the properties name; then from a local server standing in
 * for a Maven mirror of the learner's settings.xml, which serves what a test needs it to.
 */
@Tag("wrapper")
class FetchTest {

    /** Where Maven, and so the wrapper's fetcher, keeps the pinned jar, under a home folder. */
    static final String M2_JAR = ".m2/repository/dev/jbang/jbang-cli/0.132.1/jbang-cli-0.132.1-all.jar";
    private static final String JAR_PATH = "/maven2/dev/jbang/jbang-cli/0.132.1/jbang-cli-0.132.1-all.jar";
    private static final List<String> PROXIES = List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY");

    /** A fresh copy of the project, and an empty home folder, for each test. */
    private ScratchProject project;
    private Path home;

    @BeforeAll
    static void ownWrapper() {
        Assumptions.assumeTrue(FaultsKillTest.jbangOnPath().isEmpty(), "./jbang hands over to the jbang on the PATH");
    }

    @BeforeEach
    void freshMachine() throws IOException {
        project = Learner.freshCopy();
        home = Files.createTempDirectory("java-alone-home-");
    }

    @AfterEach
    void remove() throws IOException {
        project.close();
        Folders.deleteTree(home);
    }

    @Test
    @DisplayName("the first step on a machine with Java alone: JBang is fetched with the JDK, checked, and the step runs")
    void firstStepWithJavaAlone() throws IOException {
        Result result = project.jbangWith(javaAlone(false), "steps/01_create.java");
        Learner.assertExit(0, result);
        assertTrue(result.output().contains("Fetching JBang 0.132.1 from "), result.output());
        Learner.assertShows(result, "Tables created. Sample data inserted.");
        assertTrue(Files.isRegularFile(project.path("library.db")));
        assertEquals(pinnedSha256(), sha256(Files.readAllBytes(home.resolve(M2_JAR))), "the jar in the local Maven repository");
        assertEquals(List.of("jbang-cli-0.132.1-all.jar"), fileNames(home.resolve(M2_JAR).getParent()), "nothing half-written beside it");
        assertTrue(Files.isRegularFile(home.resolve(".jbang-wrapper/jbang-cli-0.132.1-all.jar")), "installed for the wrapper");
    }

    @Test
    @DisplayName("a corrupted download from the settings.xml mirror is refused, nothing is kept, and the next run fetches the jar")
    void corruptDownloadRefusedThenRetried() throws IOException {
        byte[] jar = genuineJar();
        byte[] corrupted = jar.clone();
        corrupted[corrupted.length / 2] ^= 1;
        try (LocalMirror mirror = new LocalMirror(corrupted, jar)) {
            settings("http://127.0.0.1:" + mirror.port() + "/maven2");
            Result refused = project.jbangWith(javaAlone(true), "--version");
            Messages.assertRefused(refused, 1, Messages.FETCH_REFUSED);
            Messages.assertSays(refused, "the download is not the jar pinned in jbang-wrapper.properties (its SHA-256 is …, not "
                    + pinnedSha256() + "), so it was thrown away");
            assertEquals(List.of(), fileNames(home.resolve(M2_JAR).getParent()), "nothing kept of the refused download");
            assertFalse(Files.exists(home.resolve(".jbang-wrapper/jbang-cli-0.132.1-all.jar")));

            Result retried = project.jbangWith(javaAlone(true), "--version");
            Learner.assertExit(0, retried);
            Learner.assertShows(retried, "0.132.1");
            assertEquals(pinnedSha256(), sha256(Files.readAllBytes(home.resolve(M2_JAR))));
            assertEquals(List.of(JAR_PATH, JAR_PATH), mirror.paths(), "both runs asked the mirror");
            assertTrue(mirror.authorizations().stream().allMatch("Basic bGVhcm5lcjpzZWNyZXQ="::equals),
                    "the mirror's server credentials were sent: " + mirror.authorizations());
        }
    }

    @Test
    @DisplayName("an http:// mirror is reached through HTTP_PROXY")
    void proxyFromTheEnvironment() throws IOException {
        try (LocalMirror proxy = new LocalMirror(genuineJar())) {
            // A host no resolver knows: only the proxy can reach it.
            settings("http://jbang-mirror.invalid/maven2");
            Map<String, String> environment = javaAlone(true);
            environment.put("HTTP_PROXY", "http://127.0.0.1:" + proxy.port());
            Result result = project.jbangWith(environment, "--version");
            Learner.assertExit(0, result);
            assertEquals(List.of("http://jbang-mirror.invalid" + JAR_PATH), proxy.uris(), "the request went through the proxy");
        }
    }

    @Test
    @DisplayName("behind a proxy that wants credentials (HTTPS_PROXY=http://USER:PASSWORD@HOST:PORT): the jar comes through its tunnel")
    void throughTheHttpsProxy() throws IOException {
        try (ConnectProxy proxy = new ConnectProxy("learner", "s3cret")) {
            Map<String, String> environment = javaAlone(true);
            environment.put("HTTPS_PROXY", "http://learner:s3cret@127.0.0.1:" + proxy.port());
            Result result = project.jbangWith(environment, "--version");
            Learner.assertExit(0, result);
            assertEquals(1, proxy.tunnels().size(), "one tunnel, for the jar: " + proxy.tunnels());
            assertTrue(proxy.tunnels().get(0).endsWith(":443"), proxy.tunnels().get(0));
            assertEquals(pinnedSha256(), sha256(Files.readAllBytes(home.resolve(M2_JAR))));
        }
    }

    @Test
    @DisplayName("a mirror that cannot be reached: one line saying what to do next, nothing kept")
    void unreachableMirror() throws IOException {
        settings("http://127.0.0.1:1/maven2"); // a port nothing listens on
        Result result = project.jbangWith(javaAlone(true), "steps/01_create.java");
        Messages.assertRefused(result, 1, Messages.FETCH_REFUSED);
        Messages.assertSays(result, "/maven2/dev/jbang/jbang-cli/0.132.1/jbang-cli-0.132.1-all.jar: the connection was refused.");
        assertEquals(List.of(), fileNames(home.resolve(M2_JAR).getParent()), "nothing kept");
        assertFalse(Files.exists(project.path("library.db")), "the step did not run");
    }

    @Test
    @DisplayName("a home folder whose Maven repository cannot be made: said as such, with MAVEN_REPO, not as a connection to check; another repository then works")
    void repositoryNotWritable() throws IOException {
        Files.writeString(home.resolve(".m2"), "a file where Maven's folder would be\n"); // as a read-only home, for root too
        Result refused = project.jbangWith(javaAlone(false), "steps/01_create.java");
        Messages.assertRefused(refused, 1, Messages.REPOSITORY_UNWRITABLE);
        Messages.assertSays(refused, home.resolve(".m2") + " is a file, not a folder");
        assertFalse(refused.output().contains("Check your connection") || refused.output().contains("Fetching JBang"), refused.output());
        assertFalse(Files.exists(project.path("library.db")), "the step did not run");
        Map<String, String> elsewhere = javaAlone(false);
        elsewhere.put("MAVEN_REPO", home.resolve("repository").toString());
        Result fetched = project.jbangWith(elsewhere, "--version");
        Learner.assertExit(0, fetched);
        assertEquals(pinnedSha256(), sha256(Files.readAllBytes(home.resolve("repository/dev/jbang/jbang-cli/0.132.1/jbang-cli-0.132.1-all.jar"))));
    }

    /**
     * The environment of a machine with Java alone: this home folder, and a PATH of every command
     * there is but mvn and jbang (java itself is this JVM's). Proxies from the environment are kept
     * for a fetch from the real repository, and dropped for the local mirror.
     */
    private Map<String, String> javaAlone(boolean withoutProxies) throws IOException {
        Path bin = home.resolve(".java-alone-bin");
        if (!Files.isDirectory(bin)) {
            Files.createDirectories(bin);
            Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
            for (String folder : System.getenv("PATH").split(":")) {
                if (folder.isEmpty() || !Files.isDirectory(Path.of(folder))) {
                    continue;
                }
                try (Stream<Path> commands = Files.list(Path.of(folder))) {
                    for (Path command : (Iterable<Path>) commands::iterator) {
                        String name = command.getFileName().toString();
                        if (!name.startsWith("mvn") && !name.equals("jbang") && !Files.exists(bin.resolve(name)) && Files.isExecutable(command)) {
                            Files.createSymbolicLink(bin.resolve(name), command);
                        }
                    }
                }
            }
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", home.toString());
        environment.put("PATH", bin.toString());
        for (String name : List.of("JAVA_HOME", "MAVEN_REPO", "JBANG_WRAPPER_HOME", "JBANG_WRAPPER_NO_PATH", "MAVEN_OPTS")) {
            environment.put(name, null);
        }
        // No compile server in a home the test removes when done: fetching JBang is what is tested here, and a
        // server warming up in that home would race the removal (StartupCacheTest tests the server).
        environment.put("JBANG_WRAPPER_NO_COMPILE_SERVER", "1");
        if (withoutProxies) {
            PROXIES.forEach(name -> environment.put(name, null));
        }
        return environment;
    }

    /** A settings.xml with one mirror of central, and credentials for it, as a company's Maven set-up has. */
    private void settings(String url) throws IOException {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <servers>
                    <server><id>company-mirror</id><username>learner</username><password>secret</password></server>
                  </servers>
                  <mirrors>
                    <mirror><id>elsewhere</id><mirrorOf>!central,*</mirrorOf><url>http://wrong.invalid/</url></mirror>
                    <mirror><id>company-mirror</id><mirrorOf>central</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(url));
    }

    /** The pinned jar as this machine's wrapper has it, checked against the pinned SHA-256. */
    private static byte[] genuineJar() throws IOException {
        Path home = Path.of(System.getProperty("user.home"));
        String wrapper = System.getenv().getOrDefault("JBANG_WRAPPER_HOME", home.resolve(".jbang-wrapper").toString());
        for (Path jar : List.of(Path.of(wrapper, "jbang-cli-0.132.1-all.jar"), home.resolve(M2_JAR))) {
            if (Files.isRegularFile(jar)) {
                byte[] bytes = Files.readAllBytes(jar);
                assertEquals(pinnedSha256(), sha256(bytes), "the pinned SHA-256 is that of " + jar);
                return bytes;
            }
        }
        Assumptions.abort("no pinned JBang jar on this machine to serve (the suite was run by a jbang of its own)");
        return null;
    }

    private static String pinnedSha256() throws IOException {
        Properties pinned = new Properties();
        try (Reader in = Files.newBufferedReader(Learner.projectRoot().resolve("jbang-wrapper.properties"))) {
            pinned.load(in);
        }
        return pinned.getProperty("jbang.sha256");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
