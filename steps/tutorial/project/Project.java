package tutorial.project;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import tutorial.lesson.LessonError;

/**
 * Where things are: the project folder, found from wherever a step is started, and the
 * settings in liquibase.properties that the steps share with the real Liquibase CLI.
 */
public record Project(Path root, Properties settings) {

    /** The one file the learner edits, alone in its folder; every message and tool names it through this. */
    public static final String MODELS_FILE = "steps/models/Models.java";

    public static final String SETTINGS_FILE = "liquibase.properties";
    /** The database the lesson works on, as liquibase.properties ships: url=jdbc:sqlite:library.db. */
    public static final String DEFAULT_DATABASE = "library.db";
    /** Where the tutorial puts what it takes away from the learner, in dated folders (SetAside). */
    public static final String SET_ASIDE_FOLDER = ".reset";
    /** The master changelog the tutorial ships, when liquibase.properties names no other. */
    public static final String MASTER_CHANGELOG_FILE = "changelog/db.changelog-master.yaml";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    /** How long SQLite waits for another program's write lock before saying the database is busy (the steps' and their blocks'). */
    public static final int SQLITE_BUSY_TIMEOUT_MILLIS = 3000;

    /**
     * Walks up from the current folder to the one holding liquibase.properties. A relative
     * jdbc:sqlite: URL would otherwise resolve against the current folder, and a step started
     * in a subfolder would silently create a second, empty library.db there.
     */
    public static Project find() {
        return findRoot().map(Project::at).orElseThrow(() -> new LessonError("This folder is not inside the tutorial: no " + SETTINGS_FILE
                + " in " + Path.of("").toAbsolutePath() + " or above it.",
                "cd into the tutorial's folder (the one with README.md) and run the step again."));
    }

    /** The tutorial's folder: this one, or the nearest above it that holds liquibase.properties and steps/. */
    public static java.util.Optional<Path> findRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(SETTINGS_FILE)) && Files.isDirectory(folder.resolve("steps"))) {
                return java.util.Optional.of(folder);
            }
        }
        return java.util.Optional.empty();
    }

    /** The project in this folder, with its settings read from its liquibase.properties. */
    public static Project at(Path root) {
        return new Project(root, readSettings(root.resolve(SETTINGS_FILE)));
    }

    private static Properties readSettings(Path file) {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            settings.load(reader);
        } catch (IOException e) {
            throw new LessonError("Cannot read " + file + ": " + e.getMessage(), "Check the file exists and is readable.");
        }
        return settings;
    }

    /** The master changelog as Liquibase names it: relative to the project folder, as the CLI does. */
    public String changelogFile() {
        return settings.getProperty("changeLogFile", MASTER_CHANGELOG_FILE);
    }

    public Path changelogPath() {
        return root.resolve(changelogFile());
    }

    /** The JDBC URL, with a relative SQLite file made absolute against the project folder. */
    public String url() {
        String url = settings.getProperty("url", SQLITE_PREFIX + DEFAULT_DATABASE);
        Path file = sqliteFile(url);
        return file == null ? url : SQLITE_PREFIX + file;
    }

    /**
     * What a step hands its copy-paste block as args, as a learner's main method would get them:
     * the database URL (library.db's, absolute, or --url's; SQLite's asked to wait for another
     * writer as the steps do), the project folder (the changelog's paths start there), the user
     * name and the password (empty for SQLite); then what the step adds (07_rollback's count).
     */
    public String[] blockArguments(String... more) {
        String url = databaseFile() == null ? url() : url() + "?busy_timeout=" + SQLITE_BUSY_TIMEOUT_MILLIS;
        String[] arguments = java.util.Arrays.copyOf(new String[] {url, root.toString(), username(), password()}, 4 + more.length);
        System.arraycopy(more, 0, arguments, 4, more.length);
        return arguments;
    }

    /** The SQLite database file, or null when the URL points at another kind of database. */
    public Path databaseFile() {
        return sqliteFile(settings.getProperty("url", SQLITE_PREFIX + DEFAULT_DATABASE));
    }

    /** The user name for a database server (liquibase.properties' username, as the Liquibase CLI reads it). */
    public String username() {
        return settings.getProperty("username", "");
    }

    public String password() {
        return settings.getProperty("password", "");
    }

    /**
     * The same project, working on another database: what --url, --username and --password
     * say, in place of liquibase.properties' url, username and password. A null leaves a setting as it is.
     */
    public Project withConnection(String url, String username, String password) {
        Properties changed = new Properties();
        changed.putAll(settings);
        if (url != null) {
            changed.setProperty("url", url);
        }
        if (username != null) {
            changed.setProperty("username", username);
        }
        if (password != null) {
            changed.setProperty("password", password);
        }
        return new Project(root, changed);
    }

    private Path sqliteFile(String url) {
        if (!url.startsWith(SQLITE_PREFIX) || url.contains(":memory:")) {
            return null;
        }
        String path = url.substring(SQLITE_PREFIX.length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        // SQLite's URI form, jdbc:sqlite:file:library.db (file:///… absolute): the file it names, where "file:library.db" was taken
        // for a name, said missing, and then made so by 01_create.
        if (path.startsWith("file:") && path.length() > "file:".length()) {
            try {
                java.net.URI uri = new java.net.URI(path);
                path = uri.isOpaque() ? uri.getSchemeSpecificPart() : Path.of(uri).toString(); // decoded: file:my%20lib.db is "my lib.db"
            } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAUri) {
                path = path.substring("file:".length());
            }
        }
        return root.resolve(path).normalize();
    }

    public Path models() {
        return root.resolve(MODELS_FILE);
    }

    /** Whether this works on the project's own library.db, not on another file or a server that --url names. */
    public boolean onOwnDatabase() {
        Path own = Project.at(root).databaseFile();
        return own != null && own.equals(databaseFile());
    }

    /** Whether this file is inside the project's folder (not a database elsewhere that --url or liquibase.properties names). */
    public boolean contains(Path file) {
        return file.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize());
    }

    /** A path as the learner would type it from the project folder. */
    public String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path folder = root.toAbsolutePath().normalize();
        // Outside the project (a --url to a file elsewhere): its whole path, where ../../other.db said little.
        return (absolute.startsWith(folder) ? folder.relativize(absolute) : absolute).toString().replace('\\', '/');
    }
}
