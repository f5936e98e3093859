///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4
//DEPS ../steps/tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//SOURCES ../steps/postgres/*.java
//SOURCES journeys/*.java
//SOURCES LearnerFiles.java
//DESCRIPTION Run the whole test suite (JUnit 5) in scratch copies of the project; ends with 'N passed, N failed, N skipped'

// The test suite, run as ./jbang test. Every test works in a scratch copy of the project and
// runs the steps as real JBang processes, so the learner's own library.db is never touched.
// Give part of a class name to run only the matching classes: ./jbang test Walkthrough
// Or choose by JUnit tag: ./jbang test --tag exercise, --exclude-tag postgres; and
// ./jbang test --quick (the tag quick: the walkthrough and one exercise, end to end).

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class RunTests {
    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("journeys"));
        List<String> classNames = new ArrayList<>();
        boolean serial = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                case "--quick" -> request.filters(TagFilter.includeTags("quick"));
                case "--serial" -> serial = true;
                case "--tag", "--exclude-tag" -> {
                    if (i + 1 == args.length || args[i + 1].startsWith("-")) {
                        refuse("The option " + args[i] + " needs a value: " + args[i] + " NAME.");
                    }
                    String tag = args[++i];
                    request.filters(args[i - 1].equals("--tag") ? TagFilter.includeTags(tag) : TagFilter.excludeTags(tag));
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        String arg = args[i];
                        String meant = java.util.stream.Stream.of("--quick", "--serial", "--tag", "--exclude-tag", "--help")
                                .filter(known -> arg.length() >= 3 && known.startsWith(arg) || editsApart(arg, known) <= 2)
                                .findFirst().map(known -> " Did you mean " + known + "?").orElse("");
                        refuse("Unknown option " + arg + "." + meant);
                    }
                    classNames.add(args[i]);
                }
            }
        }
        tutorial.project.Project project = tutorial.project.Project.find();
        java.nio.file.Path root = project.root();
        System.setProperty("tutorial.root", root.toString());
        try {
            // Every test starts from a copy at the lesson's start: say once, before any test, when there is none.
            tutorial.project.LessonStart.require(project);
        } catch (tutorial.lesson.LessonError noStart) {
            System.out.println(noStart.getMessage() + "\n" + noStart.next());
            System.exit(1);
        }
        if (!classNames.isEmpty()) {
            request.filters(ClassNameFilter.includeClassNamePatterns(
                    classNames.stream().map(part -> ".*" + part + ".*").toArray(String[]::new)));
        }
        // Test classes side by side, one worker a core: each works in scratch copies of its own,
        // and JBang's builds wait for each other under the wrapper's build lock. A class whose
        // strength is a timing (a kill into a write, two runs racing) or JBang's shared cache and
        // its lock is @Isolated and runs alone, after the others (JUnit keeps those for last);
        // check --watch, whose waits are for what it prints, runs beside them; the PostgreSQL
        // classes take turns (@ResourceLock). The tests of one class keep their order and share
        // its fixtures, on one thread.
        if (!serial) {
            request.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism",
                            Integer.toString(Runtime.getRuntime().availableProcessors()))
                    // The longest classes first, so that no long one is left running alone at the end.
                    .configurationParameter("junit.jupiter.testclass.order.default", journeys.HeaviestFirst.class.getName());
        }
        Tally tally = new Tally();
        LearnerFiles untouched = LearnerFiles.snapshot(root);
        // Stopped (Ctrl-C, a kill): said, with what was done, where it ended without a word; the scratch copies of the tests under
        // way go with the JVM (tutorial.project.Folders.temporary).
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                System.out.println("Stopped before the suite finished: " + tally.passed + " passed, " + tally.failed + " failed, " + tally.skipped
                        + " skipped until then. The scratch copies of the tests under way are deleted.");
                System.out.flush();
            }
        }));
        org.junit.platform.launcher.Launcher launcher = LauncherFactory.create();
        org.junit.platform.launcher.TestPlan plan = launcher.discover(request.build());
        if (plan.countTestIdentifiers(TestIdentifier::isTest) == 0) {
            // A class name typed wrong ran nothing and said only "0 passed, 0 failed": say what there is to choose from.
            finished.set(true);
            refuse("No test matches " + (classNames.isEmpty() ? "those tags" : String.join(", ", classNames)
                    + (args.length > classNames.size() ? " with those options" : "")) + ". The test classes: " + testClasses(root) + ".");
        }
        launcher.execute(plan, tally);
        finished.set(true);
        // The promise every test keeps by working in a scratch copy, checked once for all of them.
        untouched.changesSince().forEach(change -> {
            tally.failed++;
            System.out.println("FAIL the tests changed the learner's own " + change);
        });
        // Where the time goes, so the suite stays fast enough to run on every change.
        System.out.println("Slowest test classes: " + tally.seconds.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(entry -> String.format("%s %.0f s", entry.getKey(), entry.getValue()))
                .collect(java.util.stream.Collectors.joining(", ")));
        System.out.println(tally.passed + " passed, " + tally.failed + " failed, " + tally.skipped + " skipped");
        System.exit(tally.failed == 0 && tally.passed > 0 ? 0 : 1);
    }

    static final String USAGE = """
            Usage: ./jbang test [--quick] [--serial] [--tag NAME] [--exclude-tag NAME] [PART-OF-A-CLASS-NAME ...]
              --quick          only the walkthrough and one exercise, end to end (about a minute)
              --serial         the test classes one at a time (side by side otherwise, one a core)
              --tag NAME       only the tests tagged NAME (exercise, faults, postgres, quick, readme, tools, wrapper ...)
              --exclude-tag NAME  every test but those tagged NAME
              PART-OF-A-CLASS-NAME  only the test classes whose name has it: ./jbang test Walkthrough""";

    /** A command line typed wrong: said on standard error with the usage, exit 2, as the steps say it. */
    static void refuse(String what) {
        System.err.println(what);
        System.err.println(USAGE);
        System.exit(2);
    }

    /** How many letters to change, add or take away to make one word the other (Levenshtein's distance): "--quik" is 1 from "--quick". */
    static int editsApart(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] row = new int[b.length() + 1];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                row[j] = Math.min(Math.min(row[j - 1], previous[j]) + 1, previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = row;
        }
        return previous[b.length()];
    }

    /** The test classes, by name, for a filter that matched none. */
    static String testClasses(java.nio.file.Path root) {
        try (var files = java.nio.file.Files.list(root.resolve("tests/journeys"))) {
            return String.join(", ", files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith("Test.java"))
                    .map(name -> name.substring(0, name.length() - ".java".length())).sorted().toList());
        } catch (java.io.IOException unreadable) {
            return "(tests/journeys/ cannot be read)";
        }
    }

    /** Prints each test as it ends, with the reason when it fails, and counts. */
    static final class Tally implements TestExecutionListener {
        int passed;
        int failed;
        int skipped;
        final java.util.Map<String, Double> seconds = new java.util.HashMap<>();
        private final java.util.Map<String, Long> started = new java.util.HashMap<>();

        @Override
        public synchronized void executionStarted(TestIdentifier test) {
            test.getSource().filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance)
                    .ifPresent(source -> started.put(test.getUniqueId(), System.nanoTime()));
        }

        @Override
        public synchronized void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                skipped++;
                System.out.println("SKIP " + test.getDisplayName() + ": " + reason);
            }
        }

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            Long start = started.remove(test.getUniqueId());
            if (start != null) {
                seconds.put(test.getDisplayName(), (System.nanoTime() - start) / 1e9);
            }
            boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
                // An assumption that does not hold here (no Java 25, SIGINT ignored): not run, so not passed either.
                skipped++;
                System.out.println("SKIP " + test.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
                return;
            }
            if (!test.isTest()) {
                if (!ok) { // a failure outside any test (setup of a class) still fails the run
                    failed++;
                    System.out.println("FAIL " + test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse(""));
                }
                return;
            }
            String name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(method -> method.getJavaClass().getSimpleName() + ": ").orElse("") + test.getDisplayName();
            if (ok) {
                passed++;
                System.out.println("PASS " + name);
            } else {
                failed++;
                System.out.println("FAIL " + name);
                result.getThrowable().ifPresent(failure -> System.out.println("     " + failure.toString().replace("\n", "\n     ")));
            }
        }
    }
}
