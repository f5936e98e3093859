package speed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tutorial.project.LessonStart;
import tutorial.project.ModelEdit;
import tutorial.project.Project;
import tutorial.project.ScratchProject;
import tutorial.lesson.Walkthrough;

/**
 * The walkthrough as the README gives it (Walkthrough.COMMANDS), each command a real
 * ./jbang process in one scratch copy of the project, put back to the lesson's start before
 * every round: library.db gone, the models and the changelog as git has them.
 *
 * One copy for every round, because that is where a learner's JBang cache, class-data
 * archives and launch cache are warm: in the folder they work in.
 */
public final class JavaWalkthrough implements AutoCloseable {

    /** The floor: a script that only prints a line, run through the same ./jbang. */
    public static final String HELLO = "benchmark/hello.java";

    private final Path source;
    private final ScratchProject scratch;
    private final Project project;
    private List<String> firstOutputs;

    public JavaWalkthrough(Project source) {
        this.source = source.root();
        this.scratch = ScratchProject.copyOf(source.root());
        this.project = new Project(scratch.root(), source.settings());
    }

    public Path root() {
        return scratch.root();
    }

    /** The walkthrough once from the lesson's start: one sample per command (none for the edit). */
    public List<Stopwatch.Sample> runOnce(Map<String, String> environment) {
        backToLessonStart();
        List<Stopwatch.Sample> samples = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Walkthrough.Command command : Walkthrough.COMMANDS) {
            if (command.isModelEdit()) {
                ModelEdit.find(project).apply(project);
                continue;
            }
            Stopwatch.Sample sample = jbang(environment, command.arguments());
            samples.add(sample);
            outputs.add(sample.exitCode() + "\n" + shown(sample.output()));
        }
        // Every round must print what the first printed: a faster step that says something else is no faster step.
        if (firstOutputs == null) {
            firstOutputs = outputs;
        } else if (!firstOutputs.equals(outputs)) {
            throw new IllegalStateException("The walkthrough printed something else this round:\n" + outputs
                    + "\nfirst round:\n" + firstOutputs);
        }
        return samples;
    }

    /** What each command printed (exit code, then output), the same in every round. */
    public List<String> outputs() {
        return firstOutputs;
    }

    public Stopwatch.Sample hello(Map<String, String> environment) {
        Stopwatch.Sample sample = jbang(environment, HELLO);
        if (sample.exitCode() != 0) {
            throw new IllegalStateException(HELLO + " failed:\n" + sample.output());
        }
        return sample;
    }

    /**
     * The copy at the point a model edit comes in the walkthrough: library.db created by
     * 01_create, and the genre line uncommented, as the learner leaves it.
     */
    public void atTheModelEdit(Map<String, String> environment) {
        backToLessonStart();
        Stopwatch.Sample created = jbang(environment, "steps/01_create.java");
        if (created.exitCode() != 0) {
            throw new IllegalStateException("01_create failed:\n" + created.output());
        }
        ModelEdit.find(project).apply(project);
    }

    /**
     * An edit of the models that a learner could make and nothing has seen yet: a comment line
     * of its own at the end of Models.java. The schema the models declare stays the same, so
     * every step prints what it did before; the file's content is new, so JBang builds the
     * models again, as after any real edit.
     */
    public void editModels(String comment) {
        Path models = scratch.root().resolve(Project.MODELS_FILE);
        try {
            Files.writeString(models, Files.readString(models) + "// " + comment + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Stopwatch.Sample jbang(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(scratch.root().resolve("jbang").toString());
        command.addAll(List.of(arguments));
        return Stopwatch.run(scratch.root(), command, environment);
    }

    private void backToLessonStart() {
        try {
            Files.deleteIfExists(scratch.path("library.db"));
            LessonStart.find(source).orElseThrow().restore(scratch.root());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String shown(String output) {
        return new ScratchProject.Result(List.of(), 0, output).shown();
    }

    @Override
    public void close() {
        scratch.close();
    }
}
