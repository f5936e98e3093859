package tutorial.exercises;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import tutorial.lesson.CommandLine;
import tutorial.lesson.LessonError;
import tutorial.lesson.Walkthrough;
import tutorial.project.Project;

/**
 * One exercise of the lesson: what to do, hints from gentle to the full answer, how to tell
 * it is done (judged from library.db and the changelog as they are now), and the reference
 * solution as the learner would type it. Exercises.ALL lists them; check, solve, hint, the
 * README and the tests all read that one list.
 */
public record Exercise(String id, String section, String task, List<String> hints,
                       Function<Evidence, Verdict> check, List<Action> solution) {

    /** Done or not, and in either case a sentence saying what was seen. */
    public record Verdict(boolean done, String detail) {
        public static Verdict done(String detail) {
            return new Verdict(true, detail);
        }

        public static Verdict missing(String detail) {
            return new Verdict(false, detail);
        }
    }

    /** One thing the learner does: shown as they would type it, then done for them by solve. */
    public sealed interface Action permits Run, RunExpectingFailure, EditModels, ModelLine, SqlByHand, WriteNewestChangeset, Move {
        String shown();

        /** The action as it reads in the project at root: one that takes its text from a file there reads it now. */
        default Action in(Path root) {
            return this;
        }
    }

    /** ./jbang ARGS, expected to succeed. */
    public record Run(String... arguments) implements Action {
        public String shown() {
            return Walkthrough.typed(arguments);
        }
    }

    /** ./jbang ARGS, expected to fail: the failure is the lesson. */
    public record RunExpectingFailure(String... arguments) implements Action {
        public String shown() {
            return Walkthrough.typed(arguments) + "   # fails, on purpose";
        }
    }

    /** An edit of the models (Project.MODELS_FILE): a line replaced, or added at the end of the books table. */
    public record EditModels(String description, String find, String replacement) implements Action {
        public static EditModels addToBooks(String line) {
            return new EditModels("add the line " + line.strip() + " to the books table", null, line);
        }

        public String shown() {
            return "edit " + Walkthrough.MODELS + ": " + description;
        }
    }

    /**
     * The line of the models that declares NAME (a column or an index), as the reference solution's
     * Models.java (exercises/ID/solution/) has it: added to the books table, or in place of the line
     * the learner's models have for NAME. Solve, the last hint and the tests all read that one file.
     */
    public record ModelLine(String solutionFile, String name) implements Action {
        public String shown() {
            return "edit " + Walkthrough.MODELS + ": the " + name + " line as " + solutionFile + " has it";
        }

        @Override
        public EditModels in(Path root) {
            String wanted = declaring(read(root, solutionFile), solutionFile);
            Path models = root.resolve(Project.MODELS_FILE);
            String current = Files.exists(models) ? declaringOrNull(read(root, Project.MODELS_FILE)) : null;
            if (current == null || current.strip().equals(wanted.strip())) {
                return EditModels.addToBooks(wanted);
            }
            return new EditModels("change " + current.strip() + " to " + wanted.strip(), current.strip(), wanted.strip());
        }

        private String declaring(String text, String file) {
            String line = declaringOrNull(text);
            if (line == null) {
                throw new LessonError(file + " has no line declaring " + name + ".", "Restore it with: git checkout HEAD -- " + file);
            }
            return line;
        }

        private String declaringOrNull(String text) {
            return text.lines().filter(line -> line.strip().startsWith(".") && line.contains("(\"" + name + "\"")
                    && !line.strip().startsWith("//")).findFirst().orElse(null);
        }

        private static String read(Path root, String file) {
            try {
                return Files.readString(root.resolve(file));
            } catch (IOException e) {
                throw new LessonError("The reference solution " + file + " cannot be read: " + e.getMessage(),
                        "Restore it with: git checkout HEAD -- " + file);
            }
        }
    }

    /** SQL typed by hand in ./jbang explore, behind Liquibase's back. */
    public record SqlByHand(String sql) implements Action {
        public String shown() {
            return CommandLine.inExplore(sql);
        }
    }

    /**
     * The newest changeset file (made by ./jbang revision) filled in as the reference solution's
     * file reads: a file of the project (exercises/ID/solution/), for the learner to open and diff
     * against, and the one text that solve writes and the last hint prints.
     */
    public record WriteNewestChangeset(String solutionFile) implements Action {
        /** The number in the solution's id and path: it comes from revision, so the learner keeps the one revision wrote. */
        public static final String NUMBER_SHOWN = "NNNN";

        public String shown() {
            return "edit the new changeset file so it reads as " + solutionFile + " (" + NUMBER_SHOWN + ": keep the number revision wrote):";
        }

        /** The whole file, as the learner types it. */
        public String text(Path root) {
            try {
                return Files.readString(root.resolve(solutionFile));
            } catch (IOException e) {
                throw new LessonError("The reference solution " + solutionFile + " cannot be read: " + e.getMessage(),
                        "Restore it with: git checkout HEAD -- " + solutionFile);
            }
        }
    }

    /** A file moved, as the learner would with mv. */
    public record Move(String from, String to) implements Action {
        public String shown() {
            return "mv " + from + " " + to;
        }

        /**
         * A file moved aside as break-2 has it (name.bak) may be another than the README's: where
         * from is not there, the .bak under changelog/ whose file is gone is the one to put back.
         */
        @Override
        public Action in(Path root) {
            if (!from.endsWith(".bak") || java.nio.file.Files.exists(root.resolve(from)) || !java.nio.file.Files.isDirectory(root.resolve("changelog"))) {
                return this;
            }
            try (var files = java.nio.file.Files.walk(root.resolve("changelog"))) {
                return files.filter(file -> file.getFileName().toString().endsWith(".bak"))
                        .filter(bak -> !java.nio.file.Files.exists(bak.resolveSibling(bak.getFileName().toString().replaceFirst("\\.bak$", ""))))
                        .sorted().findFirst()
                        .map(bak -> root.relativize(bak).toString().replace('\\', '/'))
                        .map(bak -> (Action) new Move(bak, bak.replaceFirst("\\.bak$", ""))).orElse(this);
            } catch (java.io.IOException unreadable) {
                return this;
            }
        }
    }

    /** The last hint is always the solution's command list, with every file it writes in full (read from the project at root). */
    public List<String> allHints(Path root) {
        StringBuilder commands = new StringBuilder("The reference solution, step by step:");
        for (Action each : solution) {
            Action action = each.in(root);
            commands.append("\n  ").append(action.shown());
            if (action instanceof WriteNewestChangeset write) {
                write.text(root).strip().lines().forEach(line -> commands.append("\n      ").append(line));
            }
        }
        List<String> all = new java.util.ArrayList<>(hints);
        all.add(commands.toString());
        return all;
    }
}
