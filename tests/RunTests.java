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
        tutorial.project.Project project = tutorial.project.Project.find();
        java.nio.file.Path root = project.root();
        try {
            // Every test starts from a copy at the lesson's start: say once, before any test, when there is none.
            tutorial.project.LessonStart.require(project);
        } catch (tutorial.lesson.LessonError noStart) {
            System.out.println(noStart.getMessage() + "\n" + noStart.next());
            System.exit(1);
        }
        System.setProperty("tutorial.root", root.toString());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("journeys"));
        List<String> classNames = new ArrayList<>();
        boolean serial = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> request.filters(TagFilter.includeTags("quick"));
                case "--serial" -> serial = true;
                case "--tag", "--exclude-tag" -> {
                    if (i + 1 == args.length) {
                        System.out.println("Usage: ./jbang test [--quick] [--serial] [--tag NAME] [--exclude-tag NAME] [PART-OF-A-CLASS-NAME ...]");
                        System.exit(2);
                    }
                    String tag = args[++i];
                    request.filters(args[i - 1].equals("--tag") ? TagFilter.includeTags(tag) : TagFilter.excludeTags(tag));
                }
                default -> classNames.add(args[i]);
            }
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
        LauncherFactory.create().execute(request.build(), tally);
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
