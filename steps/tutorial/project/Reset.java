package tutorial.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tutorial.database.LibraryDatabase;
import tutorial.exercises.EarlyUpgrade;
import tutorial.exercises.Exercise;
import tutorial.exercises.Exercises;
import tutorial.exercises.Solver;
import tutorial.lesson.CommandLine;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.lesson.Walkthrough;
import tutorial.liquibase.ChangelogLock;
import tutorial.liquibase.MissingFileSeen;
import tutorial.liquibase.ValuesLostNote;

/**
 * Putting the project back at the lesson's start (LessonStart: as a fresh clone has it, whatever
 * the learner committed since): files the lesson ships (the models, the master changelog)
 * restored, files the learner added (changesets) and library.db moved aside. Everything taken
 * away goes to SetAside's dated folder.
 */
public final class Reset {

    /** Notes in .tutorial/ about the project's library.db, set aside with it. */
    private static final List<String> NOTES_OF_THE_DATABASE = List.of(MissingFileSeen.NOTE, EarlyUpgrade.NOTE, ValuesLostNote.NOTE,
            tutorial.liquibase.RanHere.NOTE);

    private final Project project;
    private final LessonStart start;
    private final List<String> restore;
    private final List<String> moveAway;

    private Reset(Project project, LessonStart start, List<String> restore, List<String> moveAway) {
        this.project = project;
        this.start = start;
        this.restore = restore;
        this.moveAway = moveAway;
    }

    public static Reset plan(Project project) {
        LessonStart start = LessonStart.require(project);
        List<String> atStart = start.paths();
        List<String> restore = new ArrayList<>();
        for (String file : atStart) {
            Path path = project.root().resolve(file);
            if (!Files.exists(path) || !TextFiles.read(project, path).equals(start.content(file))) {
                restore.add(file);
            }
        }
        List<String> moveAway = new ArrayList<>();
        for (String learnerPath : LessonStart.LEARNER_PATHS) {
            Path path = project.root().resolve(learnerPath);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile).map(project::relative).filter(file -> !atStart.contains(file)).sorted()
                            .forEach(moveAway::add);
                } catch (IOException e) {
                    throw new LessonError("Cannot list " + learnerPath + ": " + e.getMessage(), "Check its permissions.");
                }
            }
        }
        Path database = project.databaseFile();
        // A database file outside the project (url=jdbc:sqlite:/elsewhere/other.db) is not the project's to set aside (reset refuses it).
        for (String suffix : database != null && project.contains(database) ? LibraryDatabase.FILE_SUFFIXES : List.<String>of()) {
            if (Files.exists(Path.of(database + suffix))) {
                moveAway.add(project.relative(Path.of(database + suffix)));
            }
        }
        // The tools' notes of what library.db went through (break-2's missing file, an upgrade before any changeset) go with it:
        // copied back with it, the way back restores the exercises they count too.
        for (String note : database != null && project.contains(database) ? NOTES_OF_THE_DATABASE : List.<String>of()) {
            if (Files.isRegularFile(project.root().resolve(note))) {
                moveAway.add(note);
            }
        }
        return new Reset(project, start, restore, moveAway);
    }

    public boolean isEmpty() {
        return restore.isEmpty() && moveAway.isEmpty();
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        restore.forEach(file -> lines.add(file + "   (your version kept; the lesson's put back)"));
        moveAway.forEach(file -> lines.add(file + (NOTES_OF_THE_DATABASE.contains(file) ? "   (the tutorial's note of what library.db went through)" : "")));
        return lines;
    }

    /** Asks on the terminal; anything but y (or no terminal at all) is a no. */
    public static boolean confirmed() {
        System.out.print("Go ahead? [y/N] ");
        System.out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
            if (answer == null) {
                System.out.println(); // no answer at all (input from /dev/null, a script): what follows starts a line of its own
            } else if (!tutorial.lesson.Console.inputFromTerminal()) {
                System.out.println(answer.strip()); // from a pipe: shown as a terminal would show it typed, ending the prompt's line
            }
            return answer != null && answer.strip().equalsIgnoreCase("y");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Moves and restores every file, or none: a move or write that fails midway (a folder made
     * read-only, a full disk) puts back what was moved before it, so the project is never left
     * half reset, library.db gone and the master still naming a changeset moved aside.
     */
    public void apply() {
        requireNotBeingWritten();
        java.util.Map<Path, Path> moved = new java.util.LinkedHashMap<>(); // where each file was, where it went (null: written anew)
        try {
            for (String file : moveAway) {
                Path path = project.root().resolve(file);
                boolean sideFile = project.databaseFile() != null && LibraryDatabase.FILE_SUFFIXES.stream()
                        .anyMatch(suffix -> !suffix.isEmpty() && path.equals(Path.of(project.databaseFile() + suffix)));
                if (!Files.exists(path) && sideFile) {
                    continue; // library.db's own side file, folded into it by the check above (a crashed writer's WAL): nothing to move
                }
                moved.put(path, SetAside.move(project, path));
            }
            for (String file : restore) {
                Path path = project.root().resolve(file);
                moved.put(path, Files.exists(path) ? SetAside.move(project, path) : null); // a file of the lesson's deleted: written back
                TextFiles.write(project, path, start.content(file));
            }
        } catch (RuntimeException failed) {
            String back = putBack(moved);
            String what = failed instanceof LessonError said ? said.getMessage() : "Reset stopped: " + failed;
            throw new LessonError((what.endsWith(".") ? what : what + ".") + "\n" + back, failed instanceof LessonError said ? said.next()
                    : "Check that the project folder is writable, then run ./jbang reset again.", LessonError.NOT_READY, failed);
        }
    }

    /**
     * Stops, as every step stops, while another program is writing to library.db (a database browser with changes not written
     * yet, sqlite3 in a transaction): moved aside under it, library.db took that program's changes nowhere (its commit failed
     * with a disk I/O error) while reset said it was done. Waited for as the steps wait (ChangelogLock.awaitOtherWriters).
     */
    private void requireNotBeingWritten() {
        Path database = project.databaseFile();
        if (database == null || !moveAway.contains(project.relative(database))) {
            return;
        }
        try {
            ChangelogLock.awaitOtherWriters("jdbc:sqlite:" + database.toAbsolutePath(), false);
        } catch (java.sql.SQLException refused) {
            if (ChangelogLock.isBusy(refused)) {
                throw new LessonError(Failures.explain(refused).getMessage(), "Let that program finish (write or revert a browser's changes, "
                        + "or close it), then run " + CommandLine.again(project) + " again.");
            }
            // Anything else (a file that is no database) is no reason to keep the learner from starting over: moved aside as it is.
        } catch (RuntimeException unreadable) {
            // The same.
        }
    }

    /** Puts the moved files back where they were, newest first; says what could not be. */
    private String putBack(java.util.Map<Path, Path> moved) {
        List<Map.Entry<Path, Path>> newestFirst = new ArrayList<>(moved.entrySet());
        java.util.Collections.reverse(newestFirst);
        List<String> stuck = new ArrayList<>();
        for (Map.Entry<Path, Path> file : newestFirst) {
            try {
                if (file.getValue() == null) {
                    Files.deleteIfExists(file.getKey()); // the lesson's version, written where the learner had deleted it
                } else {
                    Files.move(file.getValue(), file.getKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                stuck.add(project.relative(file.getKey()) + (file.getValue() == null ? " (the lesson's, written back)"
                        : " (in " + project.relative(file.getValue()) + ")"));
            }
        }
        if (stuck.isEmpty()) {
            SetAside.dropEmptyFolders(project);
        }
        return stuck.isEmpty() ? "Nothing was changed: the files moved before it are back in place."
                : "What could not be put back is kept: " + String.join(", ", stuck) + "; copy it back with " + CommandLine.fromProjectFolder(project,
                        "cp -R " + CommandLine.quoted(project.relative(SetAside.folder(project))) + "/. .") + " once the folder is writable.";
    }

    /** Redoes the walkthrough to its upgrade, then the reference solution of every exercise before this one. */
    public static void replayUpTo(Project project, Exercise exercise) {
        Solver solver = new Solver(project);
        for (Walkthrough.Command command : Walkthrough.TO_UPGRADE) {
            solver.perform(command.isModelEdit() ? new Exercise.EditModels("delete the leading // of the genre line",
                    ModelEdit.find(project).line(), ModelEdit.find(project).uncommented()) : new Exercise.Run(command.arguments()));
        }
        for (Exercise earlier : Exercises.ALL) {
            if (earlier.id().equals(exercise.id())) {
                return;
            }
            Console.say(Console.bold("== " + earlier.id()));
            solver.solve(earlier);
        }
    }
}
