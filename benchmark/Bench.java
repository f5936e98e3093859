///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../steps/tutorial/**.java
//SOURCES ../steps/models/*.java
//SOURCES speed/*.java
//DESCRIPTION Benchmark: the walkthrough against Alembic's flow, each step against hello world, 05_upgrade on 3 vs 1,000,000 books, the test suite's time

// Two questions, measured side by side in one run, on whatever machine runs it:
// 1. Start-up: how long the walkthrough takes, warm, against the Alembic lesson's own flow,
//    and each step against a hello-world JBang script (with each step's peak memory).
// 2. Scale: how long 05_upgrade takes to add the genre column to 1,000,000 books, against
//    3 books, with every row, key and index read back after it and after the rollback.
// 3. The test suite: how long ./jbang test and ./jbang test --quick take, as CI runs them,
//    and how many step processes they start. (--only startup|scale|suite runs one part.)
// Everything runs in scratch copies of the project: your library.db is never touched.

import java.time.LocalDate;
import java.util.ArrayList;
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
        Step step = Step.named("bench", "Speed: the walkthrough against Alembic, and 05_upgrade on a big table")
                .option("--rounds N", "measured rounds of the walkthrough, of which the fastest counts; 05_upgrade gets twice as many (default 5)")
                .option("--books N", "books in the big library.db (default 1000000)")
                .option("--only PART", "run one part: startup, scale or suite")
                .start(args);
        String only = step.has("--only") ? step.value("--only") : "all";
        if (!List.of("all", "startup", "scale", "suite").contains(only)) {
            throw step.usageError("The option --only takes startup, scale or suite, not " + only + ".");
        }
        int rounds = number(step, "--rounds", 5);
        long books = number(step, "--books", 1_000_000);
        Project project = step.project();

        Machine machine = Machine.now(project.root());
        Console.say(machine.describe(LocalDate.now()));
        Console.say("Whole-process wall times of warm runs: the fastest of " + rounds + " (the median in brackets).");
        Console.say("Memory: the peak resident set of the largest process a command ran (" + Stopwatch.memorySource() + ").");
        Console.blank();

        if (only.equals("all") || only.equals("startup")) {
            startUp(project, rounds);
        }
        if (only.equals("all") || only.equals("scale")) {
            scale(project, 2 * rounds, books); // twice the rounds: one step's noise is the whole ratio here
        }
        if (only.equals("all") || only.equals("suite")) {
            suite(project);
        }
        Console.blank();
        Console.say("Load average at the end: " + Machine.loadAverage() + ".");
    }

    /** Part 1: the walkthrough and the Alembic flow, round after round, interleaved so both see the same load. */
    static void startUp(Project project, int rounds) {
        Console.say(Console.bold("1. Start-up: the walkthrough against the Alembic flow"));
        List<Timings> steps = new ArrayList<>();
        List<Timings> uncachedSteps = new ArrayList<>();
        for (Walkthrough.Command command : Walkthrough.COMMANDS) {
            if (!command.isModelEdit()) {
                steps.add(new Timings(command.typed()));
                uncachedSteps.add(new Timings(command.typed()));
            }
        }
        Timings walkthrough = new Timings("the walkthrough");
        Timings uncachedWalkthrough = new Timings("the walkthrough, launch cache off");
        Timings hello = new Timings("./jbang " + JavaWalkthrough.HELLO);
        Timings uncachedHello = new Timings("hello, launch cache off");
        List<Timings> alembicSteps = new ArrayList<>();
        AlembicFlow.COMMANDS.stream().filter(c -> !c.isEmpty()).forEach(c -> alembicSteps.add(new Timings(AlembicFlow.typed(c))));
        Timings alembic = new Timings("the Alembic flow");

        try (JavaWalkthrough java = new JavaWalkthrough(project);
             AlembicFlow python = AlembicFlow.prepare(project.root().resolve("benchmark/alembic"))) {
            Console.say(Console.dim("(one round to warm up, then " + rounds + " measured, each a few seconds to a minute)"));
            // The launch cache keeps only final answers: the run without it goes first, so that the
            // first round already writes the steps' class-data archives.
            for (int round = -1; round < rounds; round++) {
                List<Stopwatch.Sample> uncached = java.runOnce(LAUNCH_CACHE_OFF);
                Stopwatch.Sample uncachedFloor = java.hello(LAUNCH_CACHE_OFF);
                List<Stopwatch.Sample> cached = java.runOnce(Map.of());
                Stopwatch.Sample floor = java.hello(Map.of());
                List<Stopwatch.Sample> flow = python.available() ? python.runOnce() : List.of();
                Console.say(Console.dim(String.format("  %s: walkthrough %s, launch cache off %s, Alembic flow %s",
                        round < 0 ? "warm-up" : "round " + (round + 1), millis(total(cached)), millis(total(uncached)),
                        python.available() ? millis(total(flow)) : "-")));
                if (round < 0) {
                    continue;
                }
                record(steps, walkthrough, cached);
                record(uncachedSteps, uncachedWalkthrough, uncached);
                hello.add(floor);
                uncachedHello.add(uncachedFloor);
                if (python.available()) {
                    record(alembicSteps, alembic, flow);
                }
            }
            Console.blank();
            Console.say(String.format("  %-62s %18s %8s %8s %20s %8s", "command (./jbang ...)", "time", "peak", "/hello",
                    "launch cache off", "/hello"));
            for (int i = 0; i < steps.size(); i++) {
                Timings step = steps.get(i);
                Timings off = uncachedSteps.get(i);
                Console.say(String.format("  %-62s %18s %8s %8s %20s %8s", step.label(), time(step), mb(step),
                        ratio(step.min() / hello.min()), time(off), ratio(off.min() / uncachedHello.min())));
            }
            Console.say(String.format("  %-62s %18s %8s %8s %20s", hello.label() + " (the floor)", time(hello), mb(hello), "1.00",
                    time(uncachedHello)));
            Console.say(String.format("  %-62s %18s %8s %8s %20s", "the walkthrough, " + steps.size() + " commands",
                    time(walkthrough), "", "", time(uncachedWalkthrough)));
            Console.blank();
            if (python.available()) {
                Console.say("  The Alembic flow (" + python.versions() + "):");
                for (Timings command : alembicSteps) {
                    Console.say(String.format("  %-62s %18s %8s", command.label(), time(command), mb(command)));
                }
                Console.say(String.format("  %-62s %18s", "the Alembic flow, " + alembicSteps.size() + " commands", time(alembic)));
                Console.blank();
                verdict("walkthrough / Alembic flow", walkthrough.min() / alembic.min(), 2.0);
                verdict("walkthrough / Alembic flow, launch cache off", uncachedWalkthrough.min() / alembic.min(), 2.0);
            } else {
                Console.say("  The Alembic flow was not measured: " + python.reason() + ".");
            }
            verdict("slowest step / hello world", slowest(steps) / hello.min(), 1.5);
            verdict("slowest step / hello world, launch cache off", slowest(uncachedSteps) / uncachedHello.min(), 1.5);
        }
        Console.blank();
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

    /** Part 3: the test suite whole and its quick check, once each (a run takes minutes). */
    static void suite(Project project) {
        Console.say(Console.bold("3. The test suite, as CI runs it (in a scratch copy of the project)"));
        Console.say(Console.dim("(the quick check, then the whole suite: a few minutes)"));
        SuiteRun quick = SuiteRun.measure(project.root(), "test", "--quick");
        SuiteRun whole = SuiteRun.measure(project.root(), "test");
        Console.say(String.format("  %-24s %10s   %-34s %s", "command", "wall time", "result", "step processes (launch cache + JBang's launcher)"));
        for (SuiteRun run : List.of(quick, whole)) {
            Console.say(String.format("  %-24s %8.1f s   %-34s %d (%d + %d)", run.command(), run.seconds(), run.tally(),
                    run.stepProcesses(), run.cached(), run.launcher()));
        }
        Console.blank();
        Console.say(String.format("  %-62s %6.0f s   goal: at most 60 s, %s", "./jbang test --quick", quick.seconds(), quick.seconds() <= 60 ? "met" : "NOT met"));
        Console.say(String.format("  %-62s %6.0f s   goal: at most 240 s, %s", "./jbang test", whole.seconds(), whole.seconds() <= 240 ? "met" : "NOT met"));
        Console.blank();
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
