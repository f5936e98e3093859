package tutorial.exercises;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import tutorial.database.LibraryDatabase;
import tutorial.database.Table;
import tutorial.lesson.Console;
import tutorial.lesson.ChangelogFailures;
import tutorial.lesson.LessonError;
import tutorial.liquibase.EditBeforeCreate;
import tutorial.liquibase.RepeatedChangeSet;
import tutorial.liquibase.Revisions;
import tutorial.project.ModelEdit;
import tutorial.project.Project;
import tutorial.project.TextFiles;

/** Where the learner stands: the walkthrough's milestones and every exercise, judged now. */
public final class Progress {

    /** check's heading, which hint leaves out of check's words when it shows them under its own. */
    public static final String CHECK_TITLE = "Check your work";

    /** How check starts its verdict on an exercise not done: what solve and hint read back from its output. */
    static final String NOT_DONE = "Not done yet: ";

    private Progress() {
    }

    public static String ids() {
        return Exercises.ALL.stream().map(Exercise::id).collect(Collectors.joining(", "));
    }

    /** A milestone of the walkthrough, seen in the project, and the command that reaches it. */
    record Milestone(String name, boolean reached, String command) {
    }

    static List<Milestone> walkthrough(Project project) {
        boolean created = Files.exists(project.databaseFile());
        ModelEdit edit = ModelEdit.find(project);
        boolean edited = edit.found() ? edit.doneAsAsked() : ModelEdit.genreWrittenOut(project); // its marker deleted: the line itself
        boolean generated = firstChangesetWritten(project);
        boolean applied = false;
        String generate = "./jbang steps/04_autogenerate.java -m \"add genre column to books\"";
        if (created) {
            try (LibraryDatabase library = LibraryDatabase.open(project)) {
                // library.db made after the edit has genre from create_all(): no changeset to generate or apply, and a way back.
                boolean madeBeforeCreate = EditBeforeCreate.madeSo(project, library);
                if (madeBeforeCreate) {
                    generate = EditBeforeCreate.wayBack(project) + " (library.db has books.genre from 01_create: autogenerate finds nothing)";
                }
                // Done once done ("applied once"): step 7 rolls the changeset back on purpose, and the tables Liquibase
                // made on its first update stay behind (no step before 05_upgrade makes them; one run too early is noted).
                applied = library.columnNames("books").contains("genre") && !madeBeforeCreate
                        || generated && library.hasChangelogTable() && !EarlyUpgrade.noted(project);
            } catch (LessonError unreadable) {
                applied = false;
            }
        }
        return List.of(
                new Milestone("library.db created", created, "./jbang steps/01_create.java"),
                new Milestone("genre uncommented in the models", edited, "./jbang steps/03_change_model.java"),
                new Milestone("changeset generated", generated, generate),
                new Milestone("changeset applied once", applied, "./jbang steps/05_upgrade.java"));
    }

    /**
     * The walkthrough's changeset written: the first file autogenerate numbers (0001_, whatever its
     * -m), or it moved aside by break-2; not one ./jbang revision started and nobody filled in yet,
     * nor a first changeset of another column (alter-1's isbn generated before the genre line was
     * uncommented), which is no milestone of the walkthrough.
     */
    private static boolean firstChangesetWritten(Project project) {
        java.nio.file.Path changes = project.root().resolve(Exercises.GENRE_FILE).getParent();
        if (filledIn(project.root().resolve(Exercises.GENRE_FILE)) || filledIn(project.root().resolve(Exercises.GENRE_FILE + ".bak"))) {
            return true;
        }
        try (var files = Files.list(changes)) {
            // Numbered later where another changeset came first (one a reset did not move, written while it waited): counted by
            // what it does, where "changeset generated" stayed unticked and sent to autogenerate, which found nothing to write.
            return files.anyMatch(file -> filledIn(file) && (file.getFileName().toString().startsWith("0001_") ? namesGenre(file) : addsGenre(file)));
        } catch (java.io.IOException | RuntimeException none) {
            return false;
        }
    }

    /** An addColumn of genre (YAML, XML or JSON), or SQL's ADD COLUMN genre. */
    private static final java.util.regex.Pattern ADDS_GENRE = java.util.regex.Pattern.compile(
            "(?is)addColumn.{0,400}?\\bname\\W{1,4}genre\\b|\\bADD\\s+(?:COLUMN\\s+)?[\"`\\[]?genre\\b");

    private static boolean addsGenre(java.nio.file.Path file) {
        try {
            // What a rollback block adds back (of a changeset that drops genre) is no adding of it: read up to the rollback.
            String text = Files.readString(file);
            java.util.regex.Matcher rollback = java.util.regex.Pattern.compile("(?im)^\\s*(?:-\\s*)?rollback\\s*:|<rollback\\b|^--rollback\\b").matcher(text);
            return ADDS_GENRE.matcher(rollback.find() ? text.substring(0, rollback.start()) : text).find();
        } catch (java.io.IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** Whether the file names the genre column anywhere (an addColumn of it, or SQL that adds it). */
    private static boolean namesGenre(java.nio.file.Path file) {
        try {
            return Files.readString(file).toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\bgenre\\b.*");
        } catch (java.io.IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** A changeset file there, and not revision's empty one ("changes: []" as it writes it). */
    private static boolean filledIn(java.nio.file.Path file) {
        try {
            return Files.isRegularFile(file) && !Files.readString(file).contains(Revisions.EMPTY_CHANGES);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return Files.exists(file);
        }
    }

    /** check's next step while the changelog cannot be read (hint, which reads check's words, looks for it). */
    public static final String MEND_THE_CHANGELOG = "Next: mend the changelog first.";

    /**
     * The exercises judged, and what stands in the way of all of them: a changelog every step refuses (null: none), the applied
     * changesets' files that are gone (break-2's; fix-3 puts them back, and every step stops on them till then).
     */
    record Judged(java.util.Map<Exercise, Exercise.Verdict> verdicts, LessonError unreadable, List<String> gone) {

        /**
         * The exercise the learner is on: the first not done; while a file is gone, fix-3 (alter-1's file moved away as break-2's
         * sent check and hint back to alter-1, every step of which then stopped on the missing file). Null when all are done.
         */
        Exercise current() {
            if (!gone.isEmpty() && !verdicts.get(Exercises.byId("fix-3").orElseThrow()).done()) {
                return Exercises.byId("fix-3").orElseThrow();
            }
            return verdicts.entrySet().stream().filter(judged -> !judged.getValue().done()).map(java.util.Map.Entry::getKey).findFirst().orElse(null);
        }
    }

    static Exercise.Verdict judge(Project project, List<Table> models, Exercise exercise) {
        return judgeAll(project, models, List.of(exercise)).verdicts().get(exercise);
    }

    /**
     * Each of these exercises judged, in order, from one reading of library.db and the changelog; with a changelog that cannot be
     * read whole, as every step reads it (not while an applied changeset's file is missing: break-2's error, which its verdict
     * says), and the files gone.
     */
    static Judged judgeAll(Project project, List<Table> models, List<Exercise> exercises) {
        java.util.Map<Exercise, Exercise.Verdict> verdicts = new java.util.LinkedHashMap<>();
        if (!Files.exists(project.databaseFile())) {
            exercises.forEach(exercise -> verdicts.put(exercise,
                    Exercise.Verdict.missing("library.db does not exist yet (./jbang steps/01_create.java makes it).")));
            return new Judged(verdicts, null, List.of());
        }
        LessonError wholeUnreadable = null;
        List<String> gone = List.of();
        LessonError edited = null;
        try (Evidence evidence = Evidence.of(project, models)) {
            try {
                evidence.appliedChangeSets(); // read first: two changesets under one name stop check, as they stop every step
            } catch (RepeatedChangeSet repeated) {
                throw repeated;
            } catch (LessonError other) {
                // judged below, exercise by exercise, as each reads what it needs
            }
            // An applied changeset edited since (an addColumn's type, an update's WHERE taken out): the files no longer say what
            // library.db has, so no verdict read from them holds. Said as 05_upgrade and history say it, and check stops there.
            List<String> editedFiles;
            try {
                editedFiles = evidence.editedSinceApplied();
            } catch (LessonError unreadable) { // a changelog that cannot be read whole: each exercise reads what it can, below
                editedFiles = List.of();
            }
            if (!editedFiles.isEmpty()) {
                LessonError said = ChangelogFailures.editedAfterApplied(editedFiles, null, project);
                edited = new LessonError(said.whatAlone() + " check judges from the files as they are now, so it cannot judge until "
                        + (editedFiles.size() == 1 ? "it reads" : "they read") + " as applied again.", said.next());
            }
            gone = edited != null ? List.of() : evidence.appliedButFileMissing();
            if (edited == null && gone.isEmpty()) {
                wholeUnreadable = evidence.changelogUnreadable();
            }
            for (Exercise exercise : edited != null ? List.<Exercise>of() : exercises) {
                try {
                    Exercise.Verdict verdict = exercise.check().apply(evidence);
                    // What a changeset file moved away did cannot be counted (break-2 with a file of the learner's own).
                    boolean uncounted = !verdict.done() && !gone.isEmpty() && !List.of("break-2", "fix-3").contains(exercise.id());
                    verdicts.put(exercise, !uncounted ? verdict : Exercise.Verdict.missing(verdict.detail() + " (While " + gone.get(0)
                            + ", applied, is gone, what its changesets did cannot be counted: put it back first, fix-3.)"));
                } catch (LessonError error) {
                    verdicts.put(exercise, Exercise.Verdict.missing(error.getMessage()));
                }
            }
        } catch (RepeatedChangeSet repeated) {
            throw repeated; // every step stops on it, and what is applied cannot be told apart: check stops too, saying so
        } catch (LessonError error) {
            exercises.forEach(exercise -> verdicts.putIfAbsent(exercise, Exercise.Verdict.missing(error.getMessage())));
        }
        if (edited != null) {
            throw edited;
        }
        return new Judged(verdicts, wholeUnreadable, gone);
    }

    public static void overview(Project project, List<Table> models) {
        requireReadableDatabase(project);
        Judged judged = judgeAll(project, models, Exercises.ALL); // first: a changelog every step refuses stops check before it prints
        List<Milestone> milestones = walkthrough(project);
        Console.say("The walkthrough:");
        milestones.forEach(m -> Console.say("  " + mark(m.reached()) + " " + m.name()));
        Console.blank();
        Console.say("The exercises (judged from library.db and the changelog as they are now):");
        int done = 0;
        for (Exercise exercise : Exercises.ALL) {
            boolean ok = judged.verdicts().get(exercise).done();
            done += ok ? 1 : 0;
            Console.say(String.format("  %s %-8s %s", mark(ok), exercise.id(), exercise.task()));
        }
        Console.blank();
        long reached = milestones.stream().filter(Milestone::reached).count();
        Console.say(done + " of " + Exercises.ALL.size() + " exercises done; walkthrough " + reached + " of " + milestones.size() + " milestones.");
        Milestone pending = milestones.stream().filter(m -> !m.reached()).findFirst().orElse(null);
        Exercise next = judged.current();
        if (judged.unreadable() != null) {
            sayUnreadable(judged.unreadable());
        } else if (pending != null) {
            Console.say("Next: " + pending.command());
        } else if (next != null) {
            Console.say("Next: " + next.id() + ". Details: ./jbang check " + next.id() + "   A hint: ./jbang hint " + next.id());
        } else {
            Console.say("Next: the mastery check, ./jbang check mastery");
        }
    }

    /** One exercise in detail; true when done. */
    public static boolean one(Project project, List<Table> models, Exercise exercise) {
        requireReadableDatabase(project);
        Judged judged = judgeAll(project, models, List.of(exercise));
        Exercise.Verdict verdict = judged.verdicts().get(exercise);
        Console.say(exercise.id() + " (" + exercise.section() + "): " + exercise.task());
        if (verdict.done()) {
            Console.say(Console.green("Done: ") + verdict.detail());
        } else {
            Console.say(Console.yellow(NOT_DONE) + verdict.detail());
        }
        if (judged.unreadable() != null) {
            // Said as check and hint say it (a YAML slip in a changeset not applied read only as the exercise not done, and the
            // next step of the lesson stopped on it): every step stops on it, so it comes before the exercise's own help.
            sayUnreadable(judged.unreadable());
        } else if (!verdict.done()) {
            Console.say(help(exercise));
        }
        return verdict.done();
    }

    /**
     * Where you stand in a few lines (check --brief, and each re-check of check --watch): a bar
     * of the exercises done, and the exercise you are on, the first not done in the lesson's
     * order, with what it still misses and where to find help.
     */
    public static void brief(Project project, List<Table> models) {
        requireReadableDatabase(project);
        Judged judged = judgeAll(project, models, Exercises.ALL);
        int done = (int) judged.verdicts().values().stream().filter(Exercise.Verdict::done).count();
        Exercise current = judged.current();
        Exercise.Verdict currentVerdict = current == null ? null : judged.verdicts().get(current);
        int all = Exercises.ALL.size();
        Console.say("[" + "#".repeat(done) + "-".repeat(all - done) + "] " + done + "/" + all + " exercises done");
        if (judged.unreadable() != null) {
            sayUnreadable(judged.unreadable());
            return;
        }
        Milestone walkthrough = walkthrough(project).stream().filter(m -> !m.reached()).findFirst().orElse(null);
        if (done == 0 && walkthrough != null) {
            Console.say("Next: the walkthrough first (" + walkthrough.name() + ": not yet): " + walkthrough.command());
            return;
        }
        if (current == null) {
            Console.say(Console.green("Every exercise is done.") + " Next: the mastery check, ./jbang check mastery");
            return;
        }
        Console.say("Next: " + current.id() + " (" + current.section() + "): " + current.task());
        Console.say("  " + Console.yellow(NOT_DONE) + currentVerdict.detail());
        Console.say("  " + help(current));
    }

    /**
     * library.db, when there is one, opened before anything is judged: an empty file, one that is
     * not SQLite, a damaged one or one 01_create did not make stops check with what to do, as it
     * stops every step, instead of reading as "not done yet" everywhere and sending the learner
     * to a step of the walkthrough (and hint, which asks check, to the same).
     */
    private static void requireReadableDatabase(Project project) {
        if (project.databaseFile() != null && Files.exists(project.databaseFile())) {
            LibraryDatabase.open(project).close();
        }
        // The master changelog gone: the file-by-file reading would judge on without it, and say nothing is wrong.
        java.nio.file.Path master = project.root().resolve(project.changelogFile());
        if (!Files.exists(master)) {
            TextFiles.read(project, master); // says it is missing, and the way back
        }
    }

    /**
     * The changelog every step refuses, said where check's next step goes: each exercise is judged from what can be read, file by
     * file, so the marks above may be short of what is done, and the next step of the lesson would stop on it (a YAML slip read
     * "not done yet" everywhere, and sent to the next exercise).
     */
    private static void sayUnreadable(LessonError unreadable) {
        Console.say(MEND_THE_CHANGELOG + " Every step stops on it, and check judged from the files it could read:");
        Console.say("  " + unreadable.whatAlone().strip().replace("\n", "\n  "));
        if (unreadable.next() != null && !unreadable.next().isBlank()) {
            Console.say("  " + unreadable.next().strip().replace("\n", "\n  "));
        }
    }

    private static String help(Exercise exercise) {
        return "A hint: ./jbang hint " + exercise.id() + "   The reference solution: ./jbang solve " + exercise.id();
    }

    private static String mark(boolean done) {
        return done ? Console.green("[x]") : "[ ]";
    }
}
