package tutorial.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models, when ./jbang compiles them while this JVM starts. After a model edit the wrapper
 * does not send a script that reads the models back through JBang's launcher (a JVM of its own,
 * then a build of the models' jar): it starts javac on Models.java in the background (or hands
 * the compile to the javac it keeps warm, ModelsCompileServer) and this script at once, with
 * the folder javac's classes go to last on its class path, and names that folder, and javac's
 * working folder, in two variables. Every step and tool that reads the
 * models waits here, first thing, before any class of the models is asked for: the JVM looks in
 * that folder each time it needs a class, so the classes are found once they are there.
 * Started any other way (JBang's launcher, your own jbang), the variables are not set and the
 * models are in their jar already. docs/how-it-works.md says why.
 */
public final class WrapperCompiledModels {

    private static final long PATIENCE_NANOS = 120_000_000_000L;

    /** After javac's messages: the way out, for a learner who edited the models and cannot see the slip. */
    static final String MODELS_DO_NOT_COMPILE = "steps/models/Models.java does not compile: mend the line javac names above "
            + "(git diff HEAD -- steps/models/Models.java shows what you changed). Only to throw away every edit of it since your last commit "
            + "(the lesson's start, if you have not committed), from the tutorial's folder: git checkout HEAD -- steps/models/Models.java";

    private WrapperCompiledModels() {
    }

    /**
     * Returns true once the models' classes are there, having run {@code meanwhile} if they were
     * not yet: work the script does later anyway, done while javac runs on the other core. False
     * when the script cannot go on, said on standard error: a compile error (javac's messages,
     * as JBang prints them), or no classes; the caller exits with 1, as a run through JBang does.
     */
    public static boolean await(Runnable meanwhile) {
        String classes = System.getenv("JBANG_WRAPPER_MODELS_CLASSES");
        String compiling = System.getenv("JBANG_WRAPPER_MODELS_COMPILING");
        if (classes == null || compiling == null) {
            return true;
        }
        Path done = Path.of(classes, "models", "Models.class");
        Path working = Path.of(compiling);
        Path failed = Path.of(compiling + ".failed");
        if (!Files.exists(done)) {
            meanwhile.run();
        }
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!Files.exists(done)) {
            if (Files.exists(failed)) {
                try {
                    System.err.print(Files.readString(failed));
                    Files.deleteIfExists(failed);
                } catch (IOException e) {
                    System.err.println("javac failed; its messages could not be read: " + e.getMessage());
                }
                System.err.println("[jbang] [ERROR] Error during compile");
                System.err.println(MODELS_DO_NOT_COMPILE);
                return false;
            }
            // javac is done (its folder goes last) and left no classes: another run's rename may have won.
            if (!Files.exists(working) && !Files.exists(done) && !Files.exists(failed)) {
                return stop("javac ended without writing the models' classes to " + classes + ".");
            }
            if (System.nanoTime() > deadline) {
                return stop("The models were still compiling after two minutes (javac in " + working + ").");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stop("Stopped while the models were compiling.");
            }
        }
        return true;
    }

    private static boolean stop(String what) {
        System.err.println(what + " Run the command again; JBANG_WRAPPER_NO_LAUNCH_CACHE=1 has JBang build the models instead.");
        return false;
    }
}
