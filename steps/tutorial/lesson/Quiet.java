package tutorial.lesson;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Liquibase's own chatter (INFO log lines with timestamps, usage analytics) out of
 * the lesson's output, unless the learner asks for it with --verbose; and the JDK's line
 * "INFO: Created user preferences directory.", which JShell's first run on a machine prints.
 */
public final class Quiet {

    /** Held here because java.util.logging forgets the level of a logger nobody references. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");
    private static final Logger PREFERENCES_LOG = Logger.getLogger("java.util.prefs");

    private Quiet() {
    }

    static void liquibase(boolean verbose) {
        // Analytics would try the network on every run; a learner's lesson is nobody's metric.
        System.setProperty("liquibase.analytics.enabled", "false");
        LIQUIBASE_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
        PREFERENCES_LOG.setLevel(verbose ? Level.INFO : Level.WARNING);
    }

    /**
     * Runs a reading of the tutorial's own with Liquibase's INFO lines kept out of it, where Liquibase's level is not the lesson's:
     * the real CLI (./jbang liquibase) sets its own, --log-level included, only once it starts, so what runs before and after it
     * would print them.
     */
    public static void whileReading(Runnable reading) {
        Level level = LIQUIBASE_LOG.getLevel();
        LIQUIBASE_LOG.setLevel(Level.WARNING);
        try {
            reading.run();
        } finally {
            LIQUIBASE_LOG.setLevel(level);
        }
    }
}
