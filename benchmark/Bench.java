///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS ../steps/tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//SOURCES speed/*.java
//DESCRIPTION Measure speed: each step against Alembic's, on Java 17 and 25 (with peak memory), each step against hello world, 05_upgrade on 3 vs 1,000,000 books, the test suite's time

// Four questions, measured side by side in one run, on whatever machine runs it:
// 1. Start-up: how long each step of the walkthrough takes, warm, against its counterpart in
//    the Alembic lesson's own flow, with each step's peak memory, on Java 17 and, where one is
//    installed, on Java 25 or newer (classes linked ahead of time); and each step against a hello-world script.
// 2. Scale: how long 05_upgrade takes to add the genre column to 1,000,000 books, against
//    3 books, with every row, key and index read back after it and after the rollback.
// 3. The test suite: how long ./jbang test and ./jbang test --quick take, as CI runs them,
//    and how many step processes they start, against the walkthrough measured the same hour.
// 4. A model edit: the first run of a step after it, against the same step warm.
//    (--only startup|scale|suite|edit runs one part.)
// Everything runs in scratch copies of the project: your library.db is never touched.

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import speed.*;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class Bench {

    static final Map<String, String> LAUNCH_CACHE_OFF = Map.of("JBANG_WRAPPER_NO_LAUNCH_CACHE", "1");

    public static void main(String[] args) {
        Step step = Step.named("bench", "Speed: each step against Alembic's, and 05_upgrade on a big table")
                .option("--rounds N", "measured rounds of the walkthrough, of which the fastest counts; 05_upgrade gets twice as many (default 5)")
                .option("--books N", "books in the big library.db (default 1000000)")
                .option("--only PART", "run one part: startup, scale, suite or edit")
                .option("--against DIR", "start-up: also time the walkthrough of another checkout of the tutorial (an earlier commit, "
                        + "say) in the same rounds, and print its ratios beside this one's")
                .start(args);
        String only = step.has("--only") ? step.value("--only") : "all";
        if (!List.of("all", "startup", "scale", "suite", "edit").contains(only)) {
            throw step.usageError("The option --only takes startup, scale, suite or edit, not " + only + ".");
        }
        int rounds = number(step, "--rounds", 5);
        long books = number(step, "--books", 1_000_000);
        Project project = step.project();
        Project earlier = step.has("--against") ? otherCheckout(step, step.value("--against")) : null; // before anything runs

        Machine machine = Machine.now(project.root());
        Console.say(machine.describe(LocalDate.now()));
        Console.say("Whole-process wall times of warm runs: the fastest of " + rounds + " (the median in brackets).");
        Console.say("Memory: the peak resident set of the largest process a command ran (" + Stopwatch.memorySource() + ").");
        Console.blank();

        if (only.equals("all") || only.equals("startup")) {
            startUp(project, rounds, earlier);
        }
        if (only.equals("all") || only.equals("scale")) {
            scale(project, 2 * rounds, books); // twice the rounds: one step's noise is the whole ratio here
        }
        if (only.equals("all") || only.equals("edit")) {
            modelEdit(project, rounds);
        }
        if (only.equals("all") || only.equals("suite")) {
            suite(project, rounds);
        }
        Console.blank();
        Console.say("Load average at the end: " + Machine.loadAverage() + ".");
    }

    /** The checkout --against names: a tutorial of its own, with a wrapper and the seven steps. */
    static Project otherCheckout(Step step, String folder) {
        Path root = Path.of(folder).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("jbang")) || !Files.isRegularFile(root.resolve("steps/01_create.java"))
                || !Files.isRegularFile(root.resolve(Project.SETTINGS_FILE))) {
            throw step.usageError("The option --against takes a checkout of the tutorial (a folder with ./jbang, steps/ and "
                    + Project.SETTINGS_FILE + "), and " + root + " is not one. Make one with: git worktree add /tmp/earlier COMMIT");
        }
        return Project.at(root);
    }

    /**
     * Part 1: each step of the walkthrough against its counterpart in the Alembic flow, on each
     * JDK (Jdk.toMeasure), round after round, interleaved so that all see the same load. With
     * --against, the other checkout's walkthrough runs in the same rounds on each JDK, before
     * this one's in one round and after it in the next, so that both see the same Alembic flow
     * and the same load: "no slower than before" is then one run's two ratios, not two runs'.
     */
    static void startUp(Project project, int rounds, Project earlier) {
        Console.say(Console.bold("1. Start-up: each step against its counterpart in the Alembic flow"));
        List<Jdk> jdks = Jdk.toMeasure();
        Jdk floorJdk = jdks.get(0);
        List<String> labels = new ArrayList<>();
        for (Walkthrough.Command command : Walkthrough.COMMANDS) {
            if (!command.isModelEdit()) {
                labels.add(command.typed());
            }
        }
        Map<Jdk, List<Timings>> steps = new LinkedHashMap<>();
        Map<Jdk, Timings> walkthrough = new LinkedHashMap<>();
        Map<Jdk, Timings> hello = new LinkedHashMap<>();
        for (Jdk jdk : jdks) {
            steps.put(jdk, labels.stream().map(Timings::new).toList());
            walkthrough.put(jdk, new Timings("the walkthrough on " + jdk.label()));
            hello.put(jdk, new Timings("hello on " + jdk.label()));
        }
        List<Timings> uncachedSteps = labels.stream().map(Timings::new).toList();
        Timings uncachedWalkthrough = new Timings("the walkthrough, launch cache off");
        Timings uncachedHello = new Timings("hello, launch cache off");
        Timings freshWalkthrough = new Timings("the walkthrough in a fresh copy");
        List<Timings> alembicSteps = new ArrayList<>();
        AlembicFlow.COMMANDS.stream().filter(c -> !c.isEmpty()).forEach(c -> alembicSteps.add(new Timings(AlembicFlow.typed(c))));
        Timings alembic = new Timings("the Alembic flow");

        Map<Jdk, JavaWalkthrough> javas = new LinkedHashMap<>();
        Map<Jdk, JavaWalkthrough> earlierJavas = new LinkedHashMap<>();
        Map<Jdk, Timings> earlierWalkthrough = new LinkedHashMap<>();
        // The other checkout keeps caches of its own (JBang's and the wrapper's), as a learner who has only it
        // would: two wrappers of different versions in one home would each find the other's entries stale.
        Path earlierHome = earlier == null ? null : temporaryFolder("bench-against-");
        try (AlembicFlow python = AlembicFlow.prepare(project.root().resolve("benchmark/alembic"))) {
            for (Jdk jdk : jdks) {
                javas.put(jdk, new JavaWalkthrough(project));
                if (earlier != null) {
                    earlierJavas.put(jdk, new JavaWalkthrough(earlier));
                    earlierWalkthrough.put(jdk, new Timings("the walkthrough of " + earlier.root() + " on " + jdk.label()));
                }
            }
            Console.say(Console.dim("(on " + String.join(" and ", jdks.stream().map(jdk -> jdk.label() + " (" + jdk.home() + ")").toList())
                    + "; one round to warm up, then " + rounds + " measured, each a few seconds to a minute)"));
            for (int round = -1; round < rounds; round++) {
                // The launch cache keeps only final answers: the run without it goes first, so that the
                // first round already writes the steps' class-data archives. The oldest JDK goes first:
                // JBang builds the steps' jars for it, and a newer one runs those jars as they are.
                Map<String, String> uncachedEnvironment = new HashMap<>(floorJdk.environment());
                uncachedEnvironment.putAll(LAUNCH_CACHE_OFF);
                List<Stopwatch.Sample> uncached = javas.get(floorJdk).runOnce(uncachedEnvironment);
                Stopwatch.Sample uncachedFloor = javas.get(floorJdk).hello(uncachedEnvironment);
                // A fresh clone on a machine that has run the tutorial before: a new folder every round.
                List<Stopwatch.Sample> fresh;
                try (JavaWalkthrough copy = new JavaWalkthrough(project)) {
                    fresh = copy.runOnce(floorJdk.environment());
                }
                Map<Jdk, List<Stopwatch.Sample>> cached = new LinkedHashMap<>();
                Map<Jdk, Stopwatch.Sample> floor = new LinkedHashMap<>();
                Map<Jdk, List<Stopwatch.Sample>> cachedEarlier = new LinkedHashMap<>();
                for (Jdk jdk : jdks) {
                    boolean earlierFirst = earlier != null && round % 2 != 0;
                    if (earlierFirst) {
                        cachedEarlier.put(jdk, earlierJavas.get(jdk).runOnce(ownCaches(jdk.environment(), earlierHome)));
                    }
                    cached.put(jdk, javas.get(jdk).runOnce(jdk.environment()));
                    if (earlier != null && !earlierFirst) {
                        cachedEarlier.put(jdk, earlierJavas.get(jdk).runOnce(ownCaches(jdk.environment(), earlierHome)));
                    }
                    floor.put(jdk, javas.get(jdk).hello(jdk.environment()));
                }
                List<Stopwatch.Sample> flow = python.available() ? python.runOnce() : List.of();
                StringBuilder line = new StringBuilder(round < 0 ? "  warm-up:" : "  round " + (round + 1) + ":");
                cached.forEach((jdk, samples) -> line.append(" walkthrough on ").append(jdk.label()).append(' ').append(millis(total(samples))).append(','));
                cachedEarlier.forEach((jdk, samples) -> line.append(" earlier on ").append(jdk.label()).append(' ').append(millis(total(samples))).append(','));
                line.append(" launch cache off ").append(millis(total(uncached))).append(", fresh copy ").append(millis(total(fresh)))
                        .append(", Alembic flow ")
                        .append(python.available() ? millis(total(flow)) : "-");
                Console.say(Console.dim(line.toString()));
                if (round < 0) {
                    continue;
                }
                cachedEarlier.forEach((jdk, samples) -> earlierWalkthrough.get(jdk).add(new Stopwatch.Sample(total(samples), 0, 0, "")));
                for (Jdk jdk : jdks) {
                    record(steps.get(jdk), walkthrough.get(jdk), cached.get(jdk));
                    hello.get(jdk).add(floor.get(jdk));
                }
                record(uncachedSteps, uncachedWalkthrough, uncached);
                freshWalkthrough.add(new Stopwatch.Sample(total(fresh), 0, 0, ""));
                uncachedHello.add(uncachedFloor);
                if (python.available()) {
                    record(alembicSteps, alembic, flow);
                }
            }
            Console.blank();
            StringBuilder heading = new StringBuilder(String.format("  %-46s", "./jbang ..."));
            jdks.forEach(jdk -> heading.append(String.format(" %-31s", jdk.label() + "  (/Alembic)")));
            heading.append(python.available() ? " Alembic" : "");
            Console.say(heading.toString());
            for (int i = 0; i < labels.size(); i++) {
                StringBuilder row = new StringBuilder(String.format("  %-46s", shortLabel(labels.get(i))));
                for (Jdk jdk : jdks) {
                    Timings step = steps.get(jdk).get(i);
                    row.append(String.format(" %-16s %6s %7s", time(step), mb(step),
                            python.available() ? "(" + ratio(step.min() / alembicSteps.get(i).min()) + ")" : ""));
                }
                if (python.available()) {
                    Timings counterpart = alembicSteps.get(i);
                    row.append(String.format(" %-16s %6s  %s", time(counterpart), mb(counterpart), counterpart.label()));
                }
                Console.say(row.toString());
            }
            StringBuilder floorRow = new StringBuilder(String.format("  %-46s", shortLabel("./jbang " + JavaWalkthrough.HELLO) + " (the floor)"));
            jdks.forEach(jdk -> floorRow.append(String.format(" %-16s %6s %7s", time(hello.get(jdk)), mb(hello.get(jdk)), "")));
            Console.say(floorRow.toString());
            StringBuilder totalRow = new StringBuilder(String.format("  %-46s", "the walkthrough, " + labels.size() + " commands"));
            for (Jdk jdk : jdks) {
                totalRow.append(String.format(" %-16s %6s %7s", time(walkthrough.get(jdk)), "",
                        python.available() ? "(" + ratio(walkthrough.get(jdk).min() / alembic.min()) + ")" : ""));
            }
            if (python.available()) {
                totalRow.append(String.format(" %-16s %6s  %s", time(alembic), "", "the Alembic flow (" + python.versions() + ")"));
            }
            Console.say(totalRow.toString());
            for (Jdk jdk : earlierWalkthrough.keySet()) {
                Timings before = earlierWalkthrough.get(jdk);
                Console.say(String.format("  %-46s %-16s %6s %7s", "the walkthrough of --against on " + jdk.label(), time(before), "",
                        python.available() ? "(" + ratio(before.min() / alembic.min()) + ")" : ""));
            }
            Console.say(String.format("  %-46s %-16s %6s %7s", "the walkthrough on " + floorJdk.label() + ", launch cache off",
                    time(uncachedWalkthrough), "", python.available() ? "(" + ratio(uncachedWalkthrough.min() / alembic.min()) + ")" : ""));
            Console.say(String.format("  %-46s %-16s", "hello on " + floorJdk.label() + ", launch cache off", time(uncachedHello)));
            Console.say(String.format("  %-46s %-16s %6s %7s", "the walkthrough on " + floorJdk.label() + ", a fresh copy",
                    time(freshWalkthrough), "", python.available() ? "(" + ratio(freshWalkthrough.min() / alembic.min()) + ")" : ""));
            Console.blank();
            boolean sameOutput = javas.values().stream().map(JavaWalkthrough::outputs).distinct().count() == 1;
            Console.say("  Every step printed the same on " + String.join(" and ", jdks.stream().map(Jdk::label).toList())
                    + ", in every round: " + (sameOutput ? "yes." : "NO."));
            if (!python.available()) {
                Console.say("  The Alembic flow was not measured: " + python.reason() + ".");
            }
            if (earlier != null) {
                Console.say("  --against: " + earlier.root() + ", whose steps printed " + firstDifference(javas.get(floorJdk), earlierJavas.get(floorJdk)));
            }
            for (Jdk jdk : jdks) {
                if (python.available()) {
                    if (jdk.linksClassesAheadOfTime()) {
                        int slowest = 0;
                        for (int i = 1; i < labels.size(); i++) {
                            if (overAlembic(steps.get(jdk).get(i), alembicSteps.get(i)) > overAlembic(steps.get(jdk).get(slowest), alembicSteps.get(slowest))) {
                                slowest = i;
                            }
                        }
                        verdict(jdk.label() + ": slowest step / its counterpart (" + shortLabel(labels.get(slowest)).split(" ")[0] + ")",
                                overAlembic(steps.get(jdk).get(slowest), alembicSteps.get(slowest)), STEP_OVER_ALEMBIC_ON_25);
                    }
                    verdict(jdk.label() + ": walkthrough / Alembic flow", walkthrough.get(jdk).min() / alembic.min(),
                            jdk.linksClassesAheadOfTime() ? WALKTHROUGH_OVER_ALEMBIC_ON_25 : WALKTHROUGH_OVER_ALEMBIC);
                }
                verdict(jdk.label() + ": slowest step / hello world", slowest(steps.get(jdk)) / hello.get(jdk).min(), 1.5);
                if (earlier != null) {
                    // Issue 21's goal: the copy-paste blocks cost the start-up nothing (one run's two walkthroughs).
                    verdict(jdk.label() + ": walkthrough / the --against checkout's", walkthrough.get(jdk).min() / earlierWalkthrough.get(jdk).min(), 1.0);
                }
                if (jdk != floorJdk) {
                    verdict(jdk.label() + ": largest peak memory / " + floorJdk.label() + "'s", largestPeak(steps.get(jdk)) / largestPeak(steps.get(floorJdk)), 1.5);
                }
            }
            if (python.available()) {
                verdict(floorJdk.label() + ": walkthrough in a fresh copy / Alembic flow", freshWalkthrough.min() / alembic.min(),
                        FRESH_COPY_OVER_ALEMBIC);
                verdict(floorJdk.label() + ": walkthrough / Alembic flow, launch cache off", uncachedWalkthrough.min() / alembic.min(), 2.0);
            }
        } finally {
            javas.values().forEach(JavaWalkthrough::close);
            earlierJavas.values().forEach(JavaWalkthrough::close);
            if (earlierHome != null) {
                try {
                    Folders.deleteTree(earlierHome);
                } catch (java.io.UncheckedIOException e) {
                    Console.say("  (could not remove " + earlierHome + ": " + e.getCause().getMessage() + "; remove it by hand)");
                }
            }
        }
        Console.blank();
    }

    /** The goals of issue 15: on Java 25 and newer, every step at most as slow as Alembic's and the walkthrough 0.8 of its flow. */
    static final double STEP_OVER_ALEMBIC_ON_25 = 1.0;
    static final double WALKTHROUGH_OVER_ALEMBIC_ON_25 = 0.8;
    /** ... and on Java 17, the walkthrough at most 1.1 times the Alembic flow. */
    static final double WALKTHROUGH_OVER_ALEMBIC = 1.1;
    /** ... and at most 1.3 times in a fresh clone on a machine that has run the tutorial before. */
    static final double FRESH_COPY_OVER_ALEMBIC = 1.3;

    /** "what these print.", or the first command whose output differs, as each checkout printed it. */
    static String firstDifference(JavaWalkthrough these, JavaWalkthrough other) {
        for (int i = 0; i < these.outputs().size(); i++) {
            if (!these.outputs().get(i).equals(other.outputs().get(i))) {
                return "something else than these at command " + (i + 1) + ". Here (exit code first):\n    "
                        + these.outputs().get(i).replace("\n", "\n    ") + "\n  There:\n    " + other.outputs().get(i).replace("\n", "\n    ");
            }
        }
        return "what these print.";
    }

    /** An environment whose JBang and wrapper caches are folders of their own under home. */
    static Map<String, String> ownCaches(Map<String, String> environment, Path home) {
        Map<String, String> own = new HashMap<>(environment);
        own.put("JBANG_DIR", home.resolve("jbang").toString());
        own.put("JBANG_WRAPPER_HOME", home.resolve("wrapper").toString());
        return own;
    }

    static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double overAlembic(Timings step, Timings counterpart) {
        return step.min() / counterpart.min();
    }

    static double largestPeak(List<Timings> steps) {
        return steps.stream().mapToDouble(Timings::peakMb).max().orElse(Double.NaN);
    }

    /** "01_create", "04_autogenerate -m "add genre column to books"": what follows ./jbang steps/, without .java. */
    static String shortLabel(String typed) {
        return typed.replaceFirst("^\\./jbang ", "").replaceFirst("^(steps|benchmark)/", "").replaceFirst("\\.java\\b", "");
    }

    /** Part 2: 05_upgrade and 07_rollback on 3 books and on many, read back after every run. */
    static void scale(Project project, int rounds, long books) {
        Console.say(Console.bold(String.format("2. Scale: 05_upgrade adds genre to 3 books and to %,d books", books)));
        Console.say(Console.dim(String.format("(filling a library.db with %,d books first; then one round to warm up and %d "
                + "measured, of which the fastest counts)", books, rounds)));
        try (BigLibrary small = BigLibrary.make(project, 3); BigLibrary big = BigLibrary.make(project, books)) {
            Timings smallUp = new Timings("3");
            Timings bigUp = new Timings(String.format("%,d", books));
            Timings smallDown = new Timings("3");
            Timings bigDown = new Timings(String.format("%,d", books));
            List<String> sql = List.of();
            for (int round = -1; round < rounds; round++) {
                Stopwatch.Sample a = small.upgrade();
                Stopwatch.Sample b = big.upgrade();
                sql = BigLibrary.sqlShown(b);
                Stopwatch.Sample c = small.rollback();
                Stopwatch.Sample d = big.rollback();
                Console.say(Console.dim(String.format("  %s: 05_upgrade %s on 3 books, %s on %,d",
                        round < 0 ? "warm-up" : "round " + (round + 1), millis(a.millis()), millis(b.millis()), books)));
                if (round >= 0) {
                    smallUp.add(a);
                    bigUp.add(b);
                    smallDown.add(c);
                    bigDown.add(d);
                }
            }
            small.checkIntegrity();
            big.checkIntegrity();
            Console.blank();
            Console.say(String.format("  %12s %12s %18s %8s %18s", "books", "library.db", "05_upgrade", "peak", "07_rollback"));
            scaleRow(small, smallUp, smallDown);
            scaleRow(big, bigUp, bigDown);
            Console.say("  SQL 05_upgrade ran on " + bigUp.label() + " books: " + String.join("; ", sql));
            Console.blank();
            verdict(String.format("05_upgrade on %,d books / on 3", books), bigUp.min() / smallUp.min(), 1.15);
            String failure = small.failure() != null ? small.failure() : big.failure();
            Console.say("  Every row, key and index read back after each upgrade and each rollback, and SQLite's integrity "
                    + "and foreign key checks at the end: " + (failure == null ? "all intact." : "NOT INTACT: " + failure));
        }
    }

    /**
     * Part 3: the test suite whole and its quick check, once each (a run takes minutes), in
     * walkthroughs: each time over that of a warm walkthrough measured in the same run, before
     * and after the suite (the fastest of those rounds), since these machines differ two-fold.
     */
    static void suite(Project project, int rounds) {
        Console.say(Console.bold("3. The test suite, as CI runs it (in a scratch copy of the project)"));
        Console.say(Console.dim("(a warm walkthrough, the quick check, the whole suite, the walkthrough again: several minutes)"));
        Map<String, String> environment = Jdk.toMeasure().get(0).environment();
        Timings walkthrough = new Timings("the walkthrough");
        try (JavaWalkthrough copy = new JavaWalkthrough(project)) {
            copy.runOnce(environment); // to warm up
            for (int round = 0; round < rounds; round++) {
                walkthrough.add(new Stopwatch.Sample(total(copy.runOnce(environment)), 0, 0, ""));
            }
            SuiteRun quick = SuiteRun.measure(project.root(), "test", "--quick");
            SuiteRun whole = SuiteRun.measure(project.root(), "test");
            for (int round = 0; round < rounds; round++) {
                walkthrough.add(new Stopwatch.Sample(total(copy.runOnce(environment)), 0, 0, ""));
            }
            double one = walkthrough.min() / 1000;
            Console.say(String.format("  %-24s %10s   %-34s %-14s %s", "command", "wall time", "result", "walkthroughs",
                    "step processes (launch cache + JBang's launcher)"));
            for (SuiteRun run : List.of(quick, whole)) {
                Console.say(String.format("  %-24s %8.1f s   %-34s %-14.1f %d (%d + %d)", run.command(), run.seconds(), run.tally(),
                        run.seconds() / one, run.stepProcesses(), run.cached(), run.launcher()));
            }
            Console.say(String.format("  %-24s %8.1f s   (the fastest of %d warm rounds, before and after the suite; median %.1f s)",
                    "the walkthrough", one, 2 * rounds, walkthrough.median() / 1000));
            // Where the whole suite's time goes: its slowest classes, and what its step processes did besides running.
            Console.say(Console.dim("  slowest test classes: " + whole.slowest()));
            Console.say(Console.dim(String.format("  JBang's launcher ran %d times (%s); archives written: %d; models compiled: %d",
                    whole.launcher(), whole.launcherRuns().entrySet().stream().limit(6)
                            .map(entry -> entry.getKey() + " " + entry.getValue()).collect(java.util.stream.Collectors.joining(", ")),
                    whole.archivesWritten(), whole.modelCompiles())));
            if (whole.cpuSeconds() > 0) {
                // Busy cores mean the suite is as fast as its work allows: only less work (or cheaper processes) makes it faster.
                int cores = Runtime.getRuntime().availableProcessors();
                Console.say(Console.dim(String.format("  CPU time of the suite and what it waited for: %.0f s (user %.0f, system %.0f) in %.0f s: "
                        + "%.2f of %d cores busy on average", whole.cpuSeconds(), whole.userSeconds(), whole.systemSeconds(),
                        whole.seconds(), whole.cpuSeconds() / whole.seconds(), cores)));
            }
            Console.blank();
            verdict("./jbang test --quick / the walkthrough", quick.seconds() / one, 12);
            verdict("./jbang test / the walkthrough", whole.seconds() / one, 70);
        }
        Console.blank();
    }

    /**
     * Part 4: a model edit, then the first run of a step, against the same step run again
     * (warm): a step that does not read the models (06_verify), the first that does, which
     * builds them for every script (03_change_model), and one that reads them once they are
     * built (05_upgrade). Each round makes an edit nothing has seen, so nothing is cached.
     */
    static void modelEdit(Project project, int rounds) {
        Console.say(Console.bold("4. A model edit: the first run of a step after it, against the same step warm"));
        Console.say(Console.dim("(in a scratch copy at the walkthrough's edit, on each Java: each round adds a comment line of its own to "
                + "Models.java, then runs each step twice; one round to warm up, then " + rounds + " measured)"));
        List<String> steps = List.of("steps/06_verify.java", "steps/03_change_model.java", "steps/05_upgrade.java");
        List<String> roles = List.of("does not read the models", "the first to read them: compiles them",
                "reads them, compiled by the step before");
        Map<Jdk, List<Timings>> firsts = new LinkedHashMap<>();
        Map<Jdk, List<Timings>> warms = new LinkedHashMap<>();
        Map<Jdk, Timings> byJavac = new LinkedHashMap<>();
        for (Jdk jdk : Jdk.toMeasure()) {
            Map<String, String> environment = jdk.environment();
            // An edit with no compile server running (the first command of a session, over ten minutes after the last
            // run of a step, follows it): a new javac, as with the server off.
            Map<String, String> serverOff = new java.util.HashMap<>(environment);
            serverOff.put("JBANG_WRAPPER_NO_COMPILE_SERVER", "1");
            Timings javacAlone = new Timings(steps.get(1));
            byJavac.put(jdk, javacAlone);
            List<Timings> first = steps.stream().map(Timings::new).toList();
            List<Timings> warm = steps.stream().map(Timings::new).toList();
            try (JavaWalkthrough copy = new JavaWalkthrough(project)) {
                copy.atTheModelEdit(environment);
                String stamp = Long.toString(System.nanoTime(), 36);
                for (int round = -1; round < rounds; round++) {
                    copy.editModels("bench edit " + stamp + " " + round);
                    StringBuilder line = new StringBuilder(round < 0 ? "  " + jdk.label() + ", warm-up:" : "  " + jdk.label() + ", round " + (round + 1) + ":");
                    for (int i = 0; i < steps.size(); i++) {
                        Stopwatch.Sample after = copy.jbang(environment, steps.get(i));
                        // A script's class-data archive is written in the background after its first run: a
                        // learner's next command comes seconds later, so the warm run waits for it as the learner would.
                        awaitArchive();
                        Stopwatch.Sample again = copy.jbang(environment, steps.get(i));
                        if (after.exitCode() != again.exitCode() || !after.output().strip().endsWith(lastLine(again.output()))) {
                            throw new IllegalStateException(steps.get(i) + " printed something else after the edit:\n" + after.output()
                                    + "\nand warm:\n" + again.output());
                        }
                        line.append(' ').append(shortLabel(steps.get(i))).append(' ').append(millis(after.millis()))
                                .append(" then ").append(millis(again.millis())).append(',');
                        if (round >= 0) {
                            first.get(i).add(after);
                            warm.get(i).add(again);
                        }
                    }
                    copy.editModels("bench edit " + stamp + " " + round + " for javac");
                    Stopwatch.Sample compiled = copy.jbang(serverOff, steps.get(1));
                    line.setLength(line.length() - 1);
                    line.append(", ").append(shortLabel(steps.get(1))).append(" with javac alone ").append(millis(compiled.millis()));
                    if (round >= 0) {
                        javacAlone.add(compiled);
                    }
                    Console.say(Console.dim(line.toString()));
                    if (round < 0) {
                        // The session's first compile (the launcher built the models in this round) starts the compile server.
                        copy.editModels("bench edit " + stamp + " for the compile server");
                        copy.jbang(environment, steps.get(1));
                        awaitCompileServer(jdk);
                    }
                }
            }
            firsts.put(jdk, first);
            warms.put(jdk, warm);
        }
        Console.blank();
        Console.say(String.format("  %-17s %-38s %-8s %-18s %-18s %s", "step", "", "java", "first after edit", "warm", "first / warm"));
        firsts.forEach((jdk, first) -> {
            for (int i = 0; i < steps.size(); i++) {
                Console.say(String.format("  %-17s %-38s %-8s %-18s %-18s %.2f", shortLabel(steps.get(i)), roles.get(i), jdk.label(),
                        time(first.get(i)), time(warms.get(jdk).get(i)), first.get(i).min() / warms.get(jdk).get(i).min()));
            }
        });
        byJavac.forEach((jdk, javacAlone) -> Console.say(String.format("  %-17s %-38s %-8s %-18s %-18s %.2f", shortLabel(steps.get(1)),
                "no compile server: a new javac", jdk.label(), time(javacAlone), time(warms.get(jdk).get(1)),
                javacAlone.min() / warms.get(jdk).get(1).min())));
        Console.say(Console.dim("  (the rows above it: compiled by the compile server, which ./jbang starts once a step that reads the models has ended)"));
        Console.blank();
        firsts.forEach((jdk, first) -> {
            for (int i = 0; i < steps.size(); i++) {
                verdict(jdk.label() + ": " + shortLabel(steps.get(i)) + ": first run after a model edit / warm",
                        first.get(i).min() / warms.get(jdk).get(i).min(), 1.5);
            }
        });
        Console.blank();
    }

    /** The wrapper's home: JBANG_WRAPPER_HOME, or ~/.jbang-wrapper. */
    static Path wrapperHome() {
        String home = System.getenv("JBANG_WRAPPER_HOME");
        return home == null || home.isEmpty() ? Path.of(System.getProperty("user.home"), ".jbang-wrapper") : Path.of(home);
    }

    /** Waits (a minute at most) for the compile server of the JDK's javac to have warmed up (its ready file). */
    static void awaitCompileServer(Jdk jdk) {
        // The wrapper names the folder after the javac beside the java JBang answers with, which may be the
        // JDK's home as given or with its links resolved (/usr/lib/jvm/default-java, say): either will do.
        List<Path> folders = new ArrayList<>();
        for (Path home : List.of(jdk.home(), realPath(jdk.home()))) {
            folders.add(wrapperHome().resolve("models").resolve(".compile-server-" + home.resolve("bin/javac").toString().replaceAll("[^A-Za-z0-9]", "_")));
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (folders.stream().noneMatch(folder -> Files.exists(folder.resolve("ready"))) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * Waits (a minute at most) while the wrapper writes a class-data archive in the background:
     * its files (.part-*) in the cds folder of the wrapper's home are there until it is done.
     */
    static void awaitArchive() {
        Path folder = wrapperHome().resolve("cds");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                // A file a killed run left behind (older than a minute) is not waited for.
                long recent = System.currentTimeMillis() - 60_000;
                if (files.noneMatch(file -> file.getFileName().toString().startsWith(".part-") && file.toFile().lastModified() > recent)) {
                    return;
                }
            } catch (IOException | java.io.UncheckedIOException gone) {
                return; // no cds folder: nothing is written
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static void scaleRow(BigLibrary library, Timings upgrade, Timings rollback) {
        Console.say(String.format("  %,12d %9.1f MB %18s %8s %18s", library.books(), library.fileBytes() / 1048576.0,
                time(upgrade), mb(upgrade), time(rollback)));
    }

    static void record(List<Timings> each, Timings total, List<Stopwatch.Sample> samples) {
        double sum = 0;
        for (int i = 0; i < samples.size(); i++) {
            each.get(i).add(samples.get(i));
            sum += samples.get(i).millis();
        }
        total.add(new Stopwatch.Sample(sum, 0, 0, ""));
    }

    static double total(List<Stopwatch.Sample> samples) {
        return samples.stream().mapToDouble(Stopwatch.Sample::millis).sum();
    }

    static double slowest(List<Timings> steps) {
        return steps.stream().mapToDouble(Timings::min).max().orElse(Double.NaN);
    }

    static void verdict(String what, double ratio, double goal) {
        Console.say(String.format("  %-62s %6.2f   goal: at most %.2f, %s", what, ratio, goal, ratio <= goal ? "met" : "NOT met"));
    }

    static String time(Timings timings) {
        return millis(timings.min()) + " (" + millis(timings.median()) + ")";
    }

    static String millis(double millis) {
        return millis >= 1000 ? String.format("%.2f s", millis / 1000) : String.format("%.0f ms", millis);
    }

    static String mb(Timings timings) {
        return timings.peakMb() == 0 ? "" : String.format("%.0f MB", timings.peakMb());
    }

    static String ratio(double ratio) {
        return String.format("%.2f", ratio);
    }

    static int number(Step step, String option, int fallback) {
        return (int) number(step, option, (long) fallback);
    }

    static long number(Step step, String option, long fallback) {
        if (!step.has(option)) {
            return fallback;
        }
        try {
            long value = Long.parseLong(step.value(option).replace("_", "").replace(",", ""));
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw step.usageError("The option " + option + " needs a whole number of at least 1, not " + step.value(option) + ".");
    }
}
