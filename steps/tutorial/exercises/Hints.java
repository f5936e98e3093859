package tutorial.exercises;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import tutorial.database.LibraryDatabase;
import tutorial.lesson.Console;
import tutorial.lesson.LessonError;
import tutorial.liquibase.HistoryChain;
import tutorial.liquibase.Revisions;
import tutorial.project.Processes;
import tutorial.project.Project;

/** Hints one level at a time; the level reached per exercise is kept in .tutorial/hints.properties. */
public final class Hints {

    private Hints() {
    }

    /**
     * The exercise you are on, for hint with no id: the one ./jbang check --brief names next,
     * asked of check itself. Judging needs the models (fix-1 reads them), and hint runs without
     * them, so that ./jbang hint ID still works while a model edit does not compile. When check
     * names no exercise, its own words are shown: the walkthrough's next step (an error: there is
     * nothing to hint at yet), or every exercise done (empty: nothing is wrong).
     */
    public static java.util.Optional<YouAreOn> exerciseYouAreOn(Project project) {
        var brief = Processes.jbang(project.root(), project.root(), "", "check", "--brief");
        String shown = withoutCheckHeading(brief.shown());
        String nameOne = "./jbang hint ID (" + Progress.ids() + ")";
        if (brief.exitCode() != 0) {
            Console.print(shown);
            Console.blank();
            throw shown.contains("Models.java does not compile")
                    ? new LessonError("hint cannot tell which exercise you are on while steps/models/Models.java does not compile.",
                            "Mend the line javac names above, or name the exercise you are on: " + nameOne + ".")
                    : new LessonError("hint cannot tell which exercise you are on: check, which judges them, stopped (above).",
                            "Mend what it names, or name the exercise you are on: " + nameOne + ".");
        }
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("(?m)^Next: (\\S+) \\(").matcher(shown);
        if (next.find()) {
            String id = next.group(1);
            java.util.Optional<Exercise> named = Exercises.ALL.stream().filter(exercise -> exercise.id().equals(id)).findFirst();
            if (named.isPresent()) {
                java.util.regex.Matcher lacks = java.util.regex.Pattern.compile("(?m)^\\s*" + Progress.NOT_DONE + "(.+)$").matcher(shown);
                return java.util.Optional.of(new YouAreOn(named.get(), lacks.find(next.end()) ? lacks.group(1) : null));
            }
        }
        Console.print(shown);
        Console.blank();
        if (shown.contains("Every exercise is done.")) {
            Console.say("To read an exercise's hints again, name it: " + nameOne + ".");
            return java.util.Optional.empty();
        }
        if (shown.contains(Progress.MEND_THE_CHANGELOG)) { // said "the walkthrough's next step is above", of no such step
            throw new LessonError("hint cannot tell which exercise you are on while the changelog cannot be read (above): every step stops on it.",
                    "Mend what it names, or name the exercise you are on: " + nameOne + ".");
        }
        throw new LessonError("Hints are for the exercises, which start once the walkthrough is done: its next step is above.",
                "To read an exercise's hints before that, name it: " + nameOne + ".");
    }

    /**
     * The exercise check names next, and what check says it lacks (null if it said nothing): the
     * hints are the same for every learner, and the lack is this learner's own (after fix-1 rolled
     * back, the notes column a changeset of theirs puts back, not the one break-1 adds by hand).
     */
    public record YouAreOn(Exercise exercise, String lacks) {
    }

    /** check's words without its heading and the blank line after it: hint has printed its own. */
    private static String withoutCheckHeading(String shown) {
        String heading = Progress.CHECK_TITLE + "\n\n";
        return shown.startsWith(heading) ? shown.substring(heading.length()) : shown;
    }

    /**
     * The exercise's model line there already, in the learner's own words maybe (isbn as string(13)):
     * the hints show the reference way, and their model edit followed again would change what the learner made
     * (alter-1's string(20) over a string(13) makes a modifyDataType). hint reads no models (it works
     * while they do not compile), so it says this from the file's text and leaves the judging to check.
     * Only for the exercise that brings the line in (alter-1's isbn, not break-3's).
     */
    /**
     * A changeset of the learner's own written but not applied (rolled back with 07_rollback --to,
     * say, or not filled in yet): the hints start from writing one, and followed again they would
     * add a second.
     */
    private static void sayIfWrittenNotApplied(Project project) {
        List<HistoryChain.Link> pending;
        try {
            pending = Solver.pendingOfTheLearner(project);
        } catch (RuntimeException unreadable) { // a LessonError too: the hint stands alone
            return;
        }
        List<String> files = pending.stream().map(HistoryChain.Link::file).distinct().toList();
        // break-3's proposal kept (autogenerate's modifyDataType, which SQLite cannot run): no attempt to finish, but one to take out.
        List<String> cannotRun = files.stream().filter(file -> holdsModifyDataType(project, file)).toList();
        List<String> attempts = files.stream().filter(file -> !cannotRun.contains(file)).toList();
        for (String file : cannotRun) {
            Console.say("Written but not applied yet: " + file + ", a modifyDataType (autogenerate's, from break-3?), which SQLite cannot run. "
                    + "Before you write your own, " + Revisions.takeBack(project, file) + ".");
        }
        if (!attempts.isEmpty()) {
            // Said without a way to apply it: fix-1's is recorded as applied (changelog-sync), never run.
            Console.say("Written but not applied yet: " + String.join(", ", attempts)
                    + ". If that is your attempt at this exercise, finish it: the hints' revision or autogenerate would write a second.");
        }
    }

    /**
     * fix-2's reference rollback restores isbn as the reference alter-1 added it, VARCHAR(20): a learner's alter-1 of another
     * length (VARCHAR(17), which check took) needs that type there instead, or check says the rollback does not restore it.
     */
    private static void sayIfIsbnAddedOtherwise(Project project, String lastHint) {
        String reference = "VARCHAR(20)";
        if (!lastHint.contains(reference) || project.databaseFile() == null || !Files.exists(project.databaseFile())) {
            return;
        }
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            library.columns("books").stream().filter(column -> column.name().equalsIgnoreCase("isbn")).map(LibraryDatabase.ColumnInfo::type)
                    .filter(type -> !type.equalsIgnoreCase(reference) && !type.equalsIgnoreCase("INTEGER")).findFirst()
                    .ifPresent(type -> {
                        Console.blank();
                        Console.say("Its rollback restores isbn as " + reference + ", as the reference alter-1 added it; your library.db has it "
                                + "as " + type + ": write " + type + " there instead.");
                    });
        } catch (RuntimeException unreadable) { // a LessonError too: the hint stands alone
            // said without the note
        }
    }

    /** A modifyDataType change in YAML, JSON or XML (not the word in a comment). */
    private static final java.util.regex.Pattern MODIFY_DATA_TYPE = java.util.regex.Pattern.compile(
            "(?m)^[ \\t-]*modifyDataType\\s*:|<modifyDataType\\b|\"modifyDataType\"\\s*:");

    /** Whether a changeset file asks for modifyDataType, read as text: hint works while the changelog does not parse. */
    private static boolean holdsModifyDataType(Project project, String file) {
        try {
            return MODIFY_DATA_TYPE.matcher(Files.readString(project.root().resolve(file))).find();
        } catch (java.io.IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static void sayIfModelsHaveItAlready(Project project, Exercise exercise) {
        String name = exercise.solution().stream().filter(Exercise.ModelLine.class::isInstance).map(Exercise.ModelLine.class::cast)
                .map(Exercise.ModelLine::name).findFirst().orElse(null);
        if (name == null || Exercises.ALL.stream().takeWhile(earlier -> earlier != exercise).anyMatch(earlier -> earlier.solution().stream()
                .anyMatch(action -> action instanceof Exercise.ModelLine line && line.name().equals(name)))) {
            return;
        }
        Path models = project.root().resolve(Project.MODELS_FILE);
        try {
            if (Files.exists(models) && Files.readString(models).lines().anyMatch(line -> !line.strip().startsWith("//")
                    && line.contains("\"" + name + "\""))) {
                Console.say("The models declare " + name + " already: keep your line, and skip the hints' model edit (they show the "
                        + "reference way from the exercise's start). ./jbang check " + exercise.id() + " says whether your way counts.");
            }
        } catch (IOException unreadable) {
            // the hint stands alone
        }
    }

    public static void next(Project project, YouAreOn on, boolean again) {
        next(project, on.exercise(), again, on.lacks());
    }

    public static void next(Project project, Exercise exercise, boolean again) {
        next(project, exercise, again, null);
    }

    /** Where the hint level reached per exercise is kept. */
    private static Path levels(Project project) {
        return project.root().resolve(".tutorial/hints.properties");
    }

    /**
     * After reset (from: null) or reset ID (from: that exercise), the exercises started over begin from the first hint again:
     * the level reached before was kept, and the first hint after a reset was the whole solution. Best effort: a level not
     * forgotten only means a stronger hint.
     */
    public static void startOver(Project project, Exercise from) {
        Path file = levels(project);
        if (!Files.exists(file)) {
            return;
        }
        List<Exercise> all = Exercises.ALL;
        List<Exercise> startedOver = from == null ? all : all.subList(all.indexOf(from), all.size());
        Properties seen = levelsSeen(file);
        startedOver.forEach(exercise -> seen.remove(exercise.id()));
        try {
            if (seen.isEmpty()) {
                Files.delete(file);
            } else {
                store(file, seen);
            }
        } catch (IOException unwritable) {
            // as it was: the hints go on from where they were
        }
    }

    /** The levels kept, none where the record is missing or damaged (which only means starting from the first hint again). */
    private static Properties levelsSeen(Path file) {
        Properties seen = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                seen.load(reader);
            } catch (IOException | IllegalArgumentException damaged) {
                seen.clear();
            }
        }
        return seen;
    }

    private static void store(Path file, Properties seen) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(file)) {
            seen.store(writer, "Hint levels seen, per exercise (./jbang hint ID)");
        }
    }

    private static void next(Project project, Exercise exercise, boolean again, String lacks) {
        Path file = levels(project);
        Properties seen = levelsSeen(file);
        List<String> hints = exercise.allHints(project.root());
        int shown = Integer.parseInt(seen.getProperty(exercise.id(), "0"));
        int level = again ? Math.max(1, shown) : Math.min(shown + 1, hints.size());
        Console.say("Hint " + level + " of " + hints.size() + " for " + exercise.id() + ": " + exercise.task());
        if (lacks != null) {
            Console.say("check says: " + lacks);
            if (lacks.contains("./jbang ")) { // a way out of where this project is (fix-1 rolled back, say), which the hints do not know
                Console.say("Do what check says first: the hints are the exercise's way from its start.");
            }
        }
        sayIfModelsHaveItAlready(project, exercise);
        sayIfWrittenNotApplied(project);
        Console.blank();
        Console.say(hints.get(level - 1));
        if (level == hints.size() && exercise.id().equals("fix-2")) {
            sayIfIsbnAddedOtherwise(project, hints.get(level - 1));
        }
        Console.blank();
        Console.say(level < hints.size() ? "Still stuck? ./jbang hint " + exercise.id() + " gives a stronger one."
                : "That was the last hint: it is the whole solution. ./jbang solve " + exercise.id() + " does it for you.");
        seen.setProperty(exercise.id(), String.valueOf(level));
        try {
            store(file, seen);
        } catch (IOException e) {
            Console.say(Console.dim("(could not remember this hint level: " + e.getMessage() + ")"));
        }
    }
}
