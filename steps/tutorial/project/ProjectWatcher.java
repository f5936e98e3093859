package tutorial.project;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tutorial.lesson.LessonError;

/**
 * The files an exercise is judged from, watched for changes: the models, every file of the
 * changelog folder (new changesets included), and library.db. The JDK's WatchService does
 * the watching (inotify on Linux): it watches folders, so the events of everything else in
 * them are sorted out here.
 *
 * One change is many events: an editor writes a file in several moves, and SQLite writes
 * library.db through library.db-journal, page by page, for as long as a step runs. So a
 * change is reported once the files have been quiet for a moment, with every file that
 * changed in that time.
 */
public final class ProjectWatcher implements AutoCloseable {

    /** Long enough to cover the writes of one step or one save; short enough to feel immediate. */
    public static final Duration QUIET = Duration.ofMillis(300);

    private final Project project;
    private final WatchService service;
    private final Path models;
    private final Path changelog;
    private final Path database;
    private final Map<WatchKey, Path> folders = new HashMap<>();

    private ProjectWatcher(Project project, WatchService service) {
        this.project = project;
        this.service = service;
        this.models = project.models();
        this.changelog = project.changelogPath().getParent();
        this.database = project.databaseFile(); // null for a database server: then only the files are watched
    }

    public static ProjectWatcher start(Project project) {
        try {
            ProjectWatcher watcher = new ProjectWatcher(project, FileSystems.getDefault().newWatchService());
            watcher.watch(watcher.models.getParent());
            watcher.watch(watcher.changelog.getParent()); // to see the changelog folder itself come back
            watcher.watchTree(watcher.changelog);
            if (watcher.database != null) {
                watcher.watch(watcher.database.getParent());
            }
            return watcher;
        } catch (IOException e) {
            throw new LessonError("Cannot watch the project's files for changes: " + e.getMessage(),
                    "Run ./jbang check after each change instead.");
        }
    }

    /** The files watched, as the learner names them: the models file, changelog/, library.db. */
    public String watched() {
        return project.relative(models) + (database == null ? " and " : ", ") + project.relative(changelog) + "/"
                + (database == null ? "" : " and " + project.relative(database));
    }

    /**
     * Waits for a change, then for the files to be quiet, and returns what changed, as the
     * learner names it (library.db for its journal files too). Events of other files (an
     * editor's swap file beside the models, a README saved) are passed over.
     */
    public Set<String> nextChange() throws InterruptedException {
        Set<String> changed = new TreeSet<>();
        while (changed.isEmpty()) {
            collect(service.take(), changed);
        }
        for (WatchKey key = service.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS); key != null;
                key = service.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) {
            collect(key, changed);
        }
        return changed;
    }

    private void collect(WatchKey key, Set<String> changed) {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) { // too many events to keep: something changed, maybe anything
                changed.add(project.relative(changelog) + "/");
                continue;
            }
            Path file = folder.resolve((Path) event.context());
            String name = file.getFileName().toString();
            if (file.equals(models)) {
                changed.add(project.relative(models));
            } else if (database != null && file.getParent().equals(database.getParent())
                    && name.startsWith(database.getFileName().toString())) { // library.db, -journal, -wal, -shm
                changed.add(project.relative(database));
            } else if (file.equals(changelog)) { // the folder itself, moved away or back
                watchTree(changelog);
                changed.add(project.relative(changelog) + "/");
            } else if (file.startsWith(changelog) && !name.startsWith(".") && !name.endsWith("~")) {
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(file)) {
                    watchTree(file);
                }
                changed.add(project.relative(file));
            }
        }
        if (!key.reset()) { // its folder is gone
            folders.remove(key);
        }
    }

    private void watch(Path folder) {
        if (folders.containsValue(folder) || !Files.isDirectory(folder)) {
            return;
        }
        try {
            folders.put(folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), folder);
        } catch (IOException e) {
            throw new LessonError("Cannot watch " + project.relative(folder) + " for changes: " + e.getMessage(),
                    "Run ./jbang check after each change instead.");
        }
    }

    private void watchTree(Path top) {
        if (!Files.isDirectory(top)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(top)) {
            tree.filter(Files::isDirectory).forEach(this::watch);
        } catch (IOException e) {
            throw new LessonError("Cannot watch " + project.relative(top) + " for changes: " + e.getMessage(),
                    "Run ./jbang check after each change instead.");
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // closing a watch on the way out: nothing left to tell the learner
        }
    }
}
