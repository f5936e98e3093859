// Liquibase builds each command's pipeline from the command steps it finds as services.
//FILES META-INF/services/liquibase.command.CommandStep=META-INF/services/liquibase.command.CommandStep
package tutorial.liquibase;

import java.util.List;
import java.util.function.Consumer;

import liquibase.Scope;
import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.core.DiffCommandStep;
import liquibase.diff.DiffResult;

/**
 * A command step of the tutorial's own in Liquibase's diff and diffChangelog pipelines: it runs
 * after Liquibase has compared the two databases and hands the comparison to whoever put a
 * receiver in the Scope (ModelDiff, around 03's and 04's blocks), so that the step's report is
 * drawn from the very diff the block ran, without a line in the block. Without a receiver it
 * does nothing: Liquibase's own output is untouched.
 */
public abstract class DiffCapture extends AbstractCommandStep {

    /** The Scope value a receiver (a Consumer of DiffResult) is put under. */
    public static final String RECEIVER = "tutorial.diffResultReceiver";

    /** In diff's pipeline. (One class a command: a step naming both would pull diffChangelog's arguments into diff.) */
    public static final class InDiff extends DiffCapture {
        @Override
        public String[][] defineCommandNames() {
            return new String[][] {{"diff"}};
        }
    }

    /** In diffChangelog's pipeline. */
    public static final class InDiffChangelog extends DiffCapture {
        @Override
        public String[][] defineCommandNames() {
            return new String[][] {{"diffChangelog"}};
        }
    }

    @Override
    public List<Class<?>> requiredDependencies() {
        return List.of(DiffResult.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run(CommandResultsBuilder resultsBuilder) {
        Object receiver = Scope.getCurrentScope().get(RECEIVER, Object.class);
        if (receiver instanceof Consumer<?> consumer) {
            // diff keeps the comparison among its results; diffChangelog has it as a dependency only.
            Object compared = resultsBuilder.getResult(DiffCommandStep.DIFF_RESULT.getName());
            ((Consumer<DiffResult>) consumer).accept((DiffResult) (compared != null ? compared
                    : resultsBuilder.getCommandScope().getDependency(DiffResult.class)));
        }
    }
}
