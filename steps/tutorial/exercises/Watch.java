package tutorial.exercises;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import tutorial.database.Table;
import tutorial.lesson.Console;
import tutorial.lesson.Failures;
import tutorial.lesson.Step;
import tutorial.project.Processes;
import tutorial.project.Project;
import tutorial.project.ProjectWatcher;
import tutorial.project.ScratchProject;

/**
 * check --watch: the check again at every change of the files an exercise is judged from,
 * as Rustlings' watch mode does, so the learner works in one window and sees where they
 * stand in another. It ends when the learner types q and Enter, or at the end of its input
 * (Ctrl-D, or a script's input running out), with exit code 0; Ctrl-C ends it with the
 * shell's usual 130. Either way it says so in one line.
 *
 * The models are Java, and this process runs with them as JBang built them when it started
 * (a library of their own: models/Models.java). While the file still reads the same, the
 * check runs here, at once. Once it differs, a new ./jbang check builds the models and checks,
 * as the learner would type it, and when they do not compile (an edit half-way), javac's
 * message is shown instead.
 */
public final class Watch {

    private final Step step;
    private final Project project;
    /** The one exercise watched, or null for all of them. */
    private final Exercise exercise;
    /** The models this process was built with. */
    private final List<Table> models;
    private final byte[] compiledModels;
    /** The models as the newest ./jbang check started by this watch compiled them: compiling again is only for a change. */
    private byte[] lastCompiled;
    /** Set as the watch ends: a check under way then was stopped with it, and says nothing of its own. */
    private volatile boolean stopping;

    private Watch(Step step, Project project, List<Table> models, Exercise exercise) {
        this.step = step;
        this.project = project;
        this.models = models;
        this.exercise = exercise;
        this.compiledModels = modelsNow();
        this.lastCompiled = compiledModels;
    }

    /** Watches every exercise (exercise null: the brief form of check) or one (the form of check ID). */
    public static Watch of(Step step, Project project, List<Table> models, Exercise exercise) {
        return new Watch(step, project, models, exercise);
    }

    /** Checks, then checks again at each change, until stopped: it never returns. */
    public void run() {
        try (ProjectWatcher watcher = ProjectWatcher.start(project)) {
            Console.say("Watching " + watcher.watched() + ": each change is checked again.");
            Console.say("Enter checks now; q and Enter stops (so do Ctrl-D and Ctrl-C).");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping = true;
                System.out.println("Stopped watching.");
                System.out.flush();
            }, "stopped-watching"));
            Console.blank();
            check(null);
            listenToKeyboard();
            while (true) {
                Set<String> changed = watcher.nextChange();
                check(String.join(", ", changed) + " changed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One check, under a heading saying what set it off (none for the first); one at a time, whoever asks. */
    private synchronized void check(String cause) {
        byte[] models = modelsNow();
        boolean asCompiled = Arrays.equals(models, compiledModels);
        if (cause != null) {
            boolean compiling = !asCompiled && !Arrays.equals(models, lastCompiled);
            Console.blank();
            Console.say(Console.bold("== " + cause + (compiling ? ": compiling the models and checking again ==" : ": checking again ==")));
        }
        if (!asCompiled) {
            lastCompiled = models;
        }
        try {
            if (asCompiled) {
                checkHere();
            } else {
                checkInNewProcess();
            }
        } catch (RuntimeException e) { // a file caught half-written, say: the next change checks again
            Console.say(Console.yellow("The check could not finish: ") + Failures.explain(e).getMessage());
        }
    }

    private void checkHere() {
        if (exercise == null) {
            Progress.brief(project, models);
        } else {
            Progress.one(project, models, exercise);
        }
    }

    /** ./jbang check --brief (or check ID), its output shown without the heading this process printed already. */
    private void checkInNewProcess() {
        String[] arguments = exercise == null ? new String[] {"check", "--brief"} : new String[] {"check", exercise.id()};
        ScratchProject.Result result = Processes.jbang(project.root(), project.root(), "", arguments);
        if (stopping || result.exitCode() == 130 || result.exitCode() == 143) {
            return; // stopped by Ctrl-C (or a TERM), as this watch is: its hook says "Stopped watching." and nothing more
        }
        List<String> lines = result.output().lines().toList();
        int heading = lines.indexOf(step.title());
        if (heading >= 0) {
            lines.subList(Math.min(heading + 2, lines.size()), lines.size()).forEach(Console::say);
            return;
        }
        // It never started: JBang could not build it. javac names files by their full path; the learner's are relative.
        String folder = project.root() + java.io.File.separator;
        List<String> said = lines.stream().filter(line -> !line.startsWith("[jbang]")).map(line -> line.replace(folder, "")).toList();
        boolean models = said.stream().anyMatch(line -> line.startsWith(Project.MODELS_FILE + ":"));
        Console.say(Console.yellow(models ? Project.MODELS_FILE + " does not compile:"
                : "./jbang " + String.join(" ", arguments) + " could not run (exit code " + result.exitCode() + "):"));
        Console.indented(said);
        Console.say("Put it right and save: it is checked again then.");
    }

    /**
     * Enter checks again; q (or the end of the input) stops. A line at a time, because Java
     * reads a terminal a line at a time.
     */
    private void listenToKeyboard() {
        Thread keyboard = new Thread(() -> {
            BufferedReader typed = new BufferedReader(new InputStreamReader(System.in));
            try {
                for (String line = typed.readLine(); line != null && !line.strip().equalsIgnoreCase("q"); line = typed.readLine()) {
                    if (line.isBlank()) {
                        check("Enter pressed");
                    } else {
                        Console.say("Enter checks again; q and Enter stops.");
                    }
                }
            } catch (IOException unreadable) {
                // no keyboard to read from: as at the end of the input
            }
            stop();
        }, "keyboard");
        keyboard.setDaemon(true);
        keyboard.start();
    }

    /** Waits for a check under way to finish, so its output is whole, then ends (the hook says so). */
    private synchronized void stop() {
        Step.exitDone(0); // ended by the learner (q, the input's end), not stopped midway: what is said at the end is said
    }

    private byte[] modelsNow() {
        try {
            return Files.readAllBytes(project.models());
        } catch (IOException e) {
            return new byte[0]; // moved away mid-save: not the models this process was compiled with
        }
    }
}
