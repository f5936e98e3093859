package speed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tutorial.project.Folders;

/**
 * The Alembic lesson's own flow, for comparison: SQLAlchemy and Alembic as Debian packages them
 * (python3-sqlalchemy, python3-alembic), on the project in benchmark/alembic, one command for each
 * command of the walkthrough, in a temporary copy.
 *
 * When the packages are missing and apt-get can be used (as root), they are installed; when they
 * cannot be had, available() is false and reason() says why, and the comparison is left out.
 */
public final class AlembicFlow implements AutoCloseable {

    private static final String VERIFY = "import sqlite3; print([row[1] for row in "
            + "sqlite3.connect('library.db').execute('PRAGMA table_info(books)')])";

    /** The walkthrough's commands, Alembic's way, in the same order (null: the learner edits project.py). */
    public static final List<List<String>> COMMANDS = List.of(
            List.of("python3", "project.py"),
            List.of("alembic", "current"),
            List.of("python3", "compare.py"),
            List.of(),
            List.of("python3", "compare.py"),
            List.of("alembic", "revision", "--autogenerate", "-m", "add genre column to books"),
            List.of("alembic", "upgrade", "head"),
            List.of("python3", "-c", VERIFY),
            List.of("alembic", "downgrade", "-1"),
            List.of("python3", "-c", VERIFY));

    private final Path source;
    private final String python;
    private final String reason;
    private Path folder;

    private AlembicFlow(Path source, String python, String reason) {
        this.source = source;
        this.python = python;
        this.reason = reason;
    }

    /** Finds a Python that has SQLAlchemy and Alembic, installing Debian's packages once if it must. */
    public static AlembicFlow prepare(Path source) {
        String python = pythonWithAlembic();
        if (python != null) {
            return new AlembicFlow(source, python, null);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return new AlembicFlow(source, null, "no Python with SQLAlchemy and Alembic, and no apt-get to install "
                    + "python3-alembic and python3-sqlalchemy");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return new AlembicFlow(source, null, "no Python with SQLAlchemy and Alembic; as root, run: "
                    + "apt-get install -y python3-alembic python3-sqlalchemy");
        }
        System.out.println("Installing python3-alembic and python3-sqlalchemy with apt-get (once)...");
        Stopwatch.Sample install = Stopwatch.run(Path.of("."), List.of("apt-get", "install", "-y",
                "python3-alembic", "python3-sqlalchemy"), Map.of("DEBIAN_FRONTEND", "noninteractive"));
        if (install.exitCode() != 0) { // an empty package list on a new machine: refresh it, try once more
            Stopwatch.run(Path.of("."), List.of("apt-get", "update"), Map.of());
            install = Stopwatch.run(Path.of("."), List.of("apt-get", "install", "-y",
                    "python3-alembic", "python3-sqlalchemy"), Map.of("DEBIAN_FRONTEND", "noninteractive"));
        }
        python = pythonWithAlembic();
        return python != null ? new AlembicFlow(source, python, null)
                : new AlembicFlow(source, null, "apt-get could not install python3-alembic and python3-sqlalchemy:\n"
                        + install.output().strip());
    }

    /** Debian's packages are for Debian's own Python, which may not be the first python3 on the PATH. */
    private static String pythonWithAlembic() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Stopwatch.Sample check = Stopwatch.run(Path.of("."), List.of(python, "-c", "import alembic, sqlalchemy"), Map.of());
                if (check.exitCode() == 0) {
                    return python;
                }
            } catch (UncheckedIOException notThere) {
                // try the next one
            }
        }
        return null;
    }

    public boolean available() {
        return reason == null;
    }

    public String reason() {
        return reason;
    }

    /** "SQLAlchemy 1.4.46, Alembic 1.8.1, Python 3.11.2" */
    public String versions() {
        return Stopwatch.run(Path.of("."), List.of(python, "-c", "import alembic, sqlalchemy, platform; "
                + "print(f'SQLAlchemy {sqlalchemy.__version__}, Alembic {alembic.__version__}, Python {platform.python_version()}')"),
                Map.of()).output().strip();
    }

    /** The command as a learner types it. */
    public static String typed(List<String> command) {
        if (command.isEmpty()) {
            return "$EDITOR project.py";
        }
        List<String> words = new ArrayList<>();
        for (String word : command) {
            words.add(word.contains(" ") ? "\"" + (word.length() > 30 ? word.substring(0, 27) + "..." : word) + "\"" : word);
        }
        return String.join(" ", words);
    }

    /** The flow once from the start, in a clean copy: one sample per command (none for the edit). */
    public List<Stopwatch.Sample> runOnce() {
        reset();
        List<Stopwatch.Sample> samples = new ArrayList<>();
        for (List<String> command : COMMANDS) {
            if (command.isEmpty()) {
                uncommentGenre();
                continue;
            }
            List<String> real = new ArrayList<>(command);
            if (real.get(0).equals("alembic")) {
                real.set(0, "-m");
                real.add(1, "alembic");
                real.add(0, python);
            } else {
                real.set(0, python);
            }
            Stopwatch.Sample sample = Stopwatch.run(folder, real, Map.of());
            if (sample.exitCode() != 0) {
                throw new IllegalStateException("The Alembic flow failed at " + typed(command) + ":\n" + sample.output());
            }
            samples.add(sample);
        }
        return samples;
    }

    private void reset() {
        try {
            close();
            folder = Files.createTempDirectory("bench-alembic-");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(f -> !f.toString().contains("__pycache__")).toList()) {
                    Path target = folder.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void uncommentGenre() {
        try {
            Path project = folder.resolve("project.py");
            String text = Files.readString(project);
            String edited = text.replace("    # genre = Column", "    genre = Column");
            if (edited.equals(text)) {
                throw new IllegalStateException("benchmark/alembic/project.py has no commented-out genre line");
            }
            Files.writeString(project, edited);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (folder == null) {
            return;
        }
        Folders.deleteTree(folder);
        folder = null;
    }
}
