// Fetches the pinned JBang jar with the JDK alone, for ./jbang and jbang.cmd when there is neither a
// jbang nor Maven (most learners have only a JDK). Run as a source file (java jbang-fetch.java, JEP 330),
// and only when the jar is missing, so it is compiled only then:
//   java jbang-fetch.java PROPERTIES LOCAL-REPOSITORY SETTINGS-XML
// It puts the jar where Maven would (LOCAL-REPOSITORY/dev/jbang/jbang-cli/V/jbang-cli-V-all.jar),
// so Maven and this fetcher share it. The download must have the SHA-256 pinned in PROPERTIES; it is
// written to a temporary file beside the jar and renamed once checked, so a failed or refused
// download leaves nothing half-written. A <mirror> of central in SETTINGS-XML (and the credentials
// of its <server>) replaces the repository, and HTTPS_PROXY (HTTP_PROXY for an http:// mirror) is
// the proxy, both as Maven and curl would use them. On failure it prints one line saying what to
// do next and exits 1.

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JBangFetch {

    /** What went wrong, in words a learner can act on. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** The local repository cannot be written (a read-only home, or HOME naming a folder that cannot be made): no fetch can help. */
    static final class NotWritable extends Exception {
        final Path folder;
        /** A file where a folder of the path should be (~/.m2 a file): moved aside, the folder can be made. */
        final boolean fileInTheWay;

        NotWritable(Path folder, IOException cause) {
            super(why(folder, cause), cause);
            this.folder = folder;
            Path there = nearestThere(folder);
            this.fileInTheWay = there != null && !Files.isDirectory(there);
        }

        /** The nearest of the folder and its parents that is there: what stands in the way, not the deepest path the JDK names. */
        private static Path nearestThere(Path folder) {
            Path there = folder.toAbsolutePath();
            while (there != null && !Files.exists(there)) {
                there = there.getParent();
            }
            return there;
        }

        private static String why(Path folder, IOException cause) {
            Path there = nearestThere(folder);
            if (there != null && !Files.isDirectory(there)) {
                return there + " is a file, not a folder";
            }
            if (there != null && !Files.isWritable(there)) {
                return there + " cannot be written";
            }
            return cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getFile() + ": " + fs.getReason()
                    : cause.getMessage();
        }
    }

    /** Where to download from: a URL, with a mirror's credentials when settings.xml has them. */
    record Repository(String url, Optional<String> authorization) {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: java jbang-fetch.java PROPERTIES LOCAL-REPOSITORY SETTINGS-XML");
            System.exit(2);
        }
        String version = "?";
        String from = "?";
        try {
            Properties pinned = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
                pinned.load(in);
            }
            version = required(pinned, "jbang.version", args[0]);
            String sha256 = required(pinned, "jbang.sha256", args[0]).toLowerCase();
            Repository repository = mirrorOfCentral(Path.of(args[2]))
                    .orElse(new Repository(required(pinned, "jbang.repository", args[0]), Optional.empty()));
            String file = "dev/jbang/jbang-cli/" + version + "/jbang-cli-" + version + "-all.jar";
            from = repository.url().replaceAll("/+$", "") + "/" + file;
            Path jar = Path.of(args[1]).resolve(file);
            if (Files.isRegularFile(jar) && sha256(jar).equals(sha256)) {
                return;
            }
            makeFolder(jar.getParent()); // before the fetch is announced: where it cannot be kept, no fetch can help
            System.err.println("Fetching JBang " + version + " from " + from + " (once)...");
            download(URI.create(from), repository.authorization(), jar, sha256);
        } catch (NotWritable e) {
            // Said apart from the network's failures: checking the connection would not help.
            boolean windows = System.getProperty("os.name", "").startsWith("Windows"); // jbang.cmd's cmd has set, not export
            System.err.println("jbang wrapper: cannot keep JBang " + version + " in " + e.folder + ": " + e.getMessage() + ". "
                    + (e.fileInTheWay ? "Move that file aside" : "Make it writable") + ", or give the wrapper folders it can write, outside this project: "
                    + (windows ? "set MAVEN_REPO=C:\\writable\\m2 and set JBANG_WRAPPER_HOME=C:\\writable\\jbang-wrapper"
                    : "export MAVEN_REPO=/writable/m2 JBANG_WRAPPER_HOME=/writable/jbang-wrapper") + "; then run the command again.");
            System.exit(1);
        } catch (Failure | IOException | IllegalArgumentException | InterruptedException e) {
            System.err.println("jbang wrapper: could not fetch JBang " + version + " from " + from + ": " + reason(e)
                    + ". Check your connection (a proxy goes in HTTPS_PROXY; a Maven mirror, and Maven's own proxy, in ~/.m2/settings.xml)"
                    + " and run the command again, or install JBang (or Maven, where it is not installed).");
            System.exit(1);
        }
    }

    /** Why, in words: the JDK's exceptions name a class, and some carry no message at all. */
    private static String reason(Exception e) {
        if (e instanceof java.net.UnknownHostException) {
            return "no host of that name is known (offline, or a proxy is needed)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            return "the connection was refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String required(Properties pinned, String key, String file) throws Failure {
        String value = pinned.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new Failure("no " + key + " in " + file);
        }
        return value;
    }

    private static void download(URI uri, Optional<String> authorization, Path jar, String sha256)
            throws IOException, InterruptedException, Failure, NotWritable {
        HttpClient.Builder client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20));
        proxy(uri).ifPresent(proxy -> {
            client.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort())));
            if (proxy.getUserInfo() != null) {
                String[] user = proxy.getUserInfo().split(":", 2);
                // The JDK refuses Basic credentials for an HTTPS tunnel unless told otherwise; a proxy's are meant for it.
                System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
                client.authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY
                                ? new PasswordAuthentication(user[0], (user.length > 1 ? user[1] : "").toCharArray()) : null;
                    }
                });
            }
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5));
        authorization.ifPresent(value -> request.header("Authorization", value));
        Path part;
        try {
            part = Files.createTempFile(jar.getParent(), jar.getFileName() + ".", ".part");
        } catch (IOException unwritable) {
            throw new NotWritable(jar.getParent(), unwritable);
        }
        try {
            HttpResponse<InputStream> response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = sha256Digest();
            try (InputStream body = new DigestInputStream(response.body(), digest)) {
                if (response.statusCode() != 200) {
                    throw new Failure("the server answered HTTP " + response.statusCode());
                }
                Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(sha256)) {
                throw new Failure("the download is not the jar pinned in jbang-wrapper.properties (its SHA-256 is "
                        + got + ", not " + sha256 + "), so it was thrown away");
            }
            try {
                Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static void makeFolder(Path folder) throws NotWritable {
        try {
            Files.createDirectories(folder);
        } catch (IOException unwritable) {
            throw new NotWritable(folder, unwritable);
        }
    }

    /** The proxy for this URL from the environment, as curl reads it; none for a host NO_PROXY lists. */
    private static Optional<URI> proxy(URI uri) {
        String name = uri.getScheme().equals("https") ? "https_proxy" : "http_proxy";
        String value = firstSet(name, name.toUpperCase());
        if (value == null) {
            return Optional.empty();
        }
        String noProxy = firstSet("no_proxy", "NO_PROXY");
        String host = uri.getHost();
        if (noProxy != null && Arrays.stream(noProxy.split(",")).map(String::strip).filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> entry.equals("*") || host.equals(entry.replaceFirst("^\\.", ""))
                        || host.endsWith(entry.startsWith(".") ? entry : "." + entry))) {
            return Optional.empty();
        }
        return Optional.of(URI.create(value.contains("://") ? value : "http://" + value));
    }

    private static String firstSet(String... names) {
        return Arrays.stream(names).map(System::getenv).filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
    }

    /**
     * The mirror Maven would use for central: one whose mirrorOf names central, else the first
     * whose mirrorOf is * or external:* (and does not exclude central with !central).
     */
    private static Optional<Repository> mirrorOfCentral(Path settings) throws Failure {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setExpandEntityReferences(false);
            document = factory.newDocumentBuilder().parse(settings.toFile());
        } catch (Exception e) {
            throw new Failure("cannot read " + settings + " (" + e.getMessage() + ")");
        }
        Element chosen = null;
        for (Element mirror : elements(document.getElementsByTagName("mirror"))) {
            String[] of = text(mirror, "mirrorOf").split(",");
            boolean named = Arrays.stream(of).map(String::strip).anyMatch("central"::equals);
            boolean excluded = Arrays.stream(of).map(String::strip).anyMatch("!central"::equals);
            boolean wildcard = Arrays.stream(of).map(String::strip).anyMatch(entry -> entry.equals("*") || entry.equals("external:*"));
            if (named) {
                chosen = mirror;
                break;
            }
            if (wildcard && !excluded && chosen == null) {
                chosen = mirror;
            }
        }
        if (chosen == null || text(chosen, "url").isEmpty()) {
            return Optional.empty();
        }
        String id = text(chosen, "id");
        Optional<String> authorization = Optional.empty();
        for (Element server : elements(document.getElementsByTagName("server"))) {
            if (!id.isEmpty() && id.equals(text(server, "id")) && !text(server, "username").isEmpty()) {
                String pair = text(server, "username") + ":" + text(server, "password");
                authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return Optional.of(new Repository(text(chosen, "url"), authorization));
    }

    private static Iterable<Element> elements(NodeList nodes) {
        return () -> java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).iterator();
    }

    private static String text(Element parent, String child) {
        NodeList found = parent.getElementsByTagName(child);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
