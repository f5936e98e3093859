package journeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order test classes start in, so that the suite's longest classes start first and its short
 * ones fill the cores at the end, instead of one long class running alone while the other core
 * waits (JourneyTest, started last of all, once ran 25 s alone before the isolated classes).
 *
 * JUnit forks the classes in this order; the runner's own worker then takes them from the end of
 * the list and the other workers from its start. So the heaviest go to both ends, alternately,
 * and the lightest meet in the middle. The order is each class's seconds in a warm run of the
 * whole suite and in a clean clone's CI run, on two cores (2026-12-05; LaunchCacheTest and
 * StartupCacheTest wait for archives written at low priority and for the compile server, longest
 * in a cold wrapper home: StartupCacheTest took 167 s there, mostly waiting, so it starts first); a
 * class not listed starts last, and a list out of date only costs time, never a result.
 */
public final class HeaviestFirst implements ClassOrderer {

    private static final List<String> HEAVIEST = List.of(
            "StartupCacheTest", "ExercisesTest", "JourneyTest", "LaunchCacheTest", "ReadmeTest", "PostgresStepsTest",
            "CopyOutTest", "SeeAndRecoverTest", "RoundtripTest", "NativeAlterTableTest", "FetchTest", "YourProjectTest",
            "WindowsTest", "PostgresDifferencesTest", "WalkthroughTest", "FaultsBadInputTest", "FaultsChangelogTest",
            "FaultsLockTest", "WrapperOnPathTest", "TeammateCloneTest", "PostgresToolTest", "LintTest");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<ClassDescriptor> byWeight = new ArrayList<>(context.getClassDescriptors());
        byWeight.sort(Comparator.comparingInt(HeaviestFirst::rank));
        List<ClassDescriptor> front = new ArrayList<>();
        List<ClassDescriptor> back = new ArrayList<>();
        for (int i = 0; i < byWeight.size(); i++) {
            (i % 2 == 0 ? front : back).add(byWeight.get(i));
        }
        List<ClassDescriptor> ordered = new ArrayList<>(front);
        for (int i = back.size() - 1; i >= 0; i--) {
            ordered.add(back.get(i));
        }
        context.getClassDescriptors().sort(Comparator.comparingInt(ordered::indexOf));
    }

    private static int rank(ClassDescriptor descriptor) {
        int rank = HEAVIEST.indexOf(descriptor.getTestClass().getSimpleName());
        return rank < 0 ? HEAVIEST.size() : rank;
    }
}
