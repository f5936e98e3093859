package tutorial.liquibase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.configuration.ConfigurationValueProvider;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.ProvidedValue;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;

/**
 * Where a step's Liquibase reads its settings from the JVM's system properties and the
 * environment: the same settings, looked up among the liquibase.* properties and LIQUIBASE_*
 * variables only.
 *
 * Liquibase looks a setting up a few hundred times in one step, and its stock providers compare
 * each lookup with every system property and environment variable in four spellings
 * (liquibase.sql.logLevel, liquibase.sql.log-level, LIQUIBASE_SQL_LOG_LEVEL...): a few percent
 * of a step's time, for names that cannot match. Every spelling of a liquibase.* name starts
 * with "liquibase", whatever its case, so only those need comparing. A few settings have an
 * older alias without the prefix (should.run, for one); a lookup that names such an alias
 * still searches everything, as Liquibase does.
 */
public final class LiquibaseSettings {

    private static final String PREFIX = "liquibase";

    private LiquibaseSettings() {
    }

    /** Puts the two providers below in place of Liquibase's own; idempotent. */
    public static void lookUpLiquibaseNamesOnly() {
        LiquibaseConfiguration configuration = Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class);
        for (ConfigurationValueProvider provider : List.copyOf(configuration.getProviders())) {
            if (provider.getClass() == SystemPropertyValueProvider.class) {
                configuration.removeProvider(provider);
                configuration.registerProvider(systemProperties());
            } else if (provider.getClass() == EnvironmentValueProvider.class) {
                configuration.removeProvider(provider);
                configuration.registerProvider(environmentVariables(System.getenv()));
            }
        }
    }

    /** The system properties, as Liquibase's SystemPropertyValueProvider reads them. */
    public static ConfigurationValueProvider systemProperties() {
        return new SystemProperties();
    }

    /** These environment variables, as Liquibase's EnvironmentValueProvider reads the JVM's. */
    public static ConfigurationValueProvider environmentVariables(Map<String, String> environment) {
        return new EnvironmentVariables(environment);
    }

    /** True when every name asked for starts with "liquibase" in any case, so no other entry can match it. */
    static boolean liquibaseNames(String... keyAndAliases) {
        for (String key : keyAndAliases) {
            if (key == null || !key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> liquibaseEntries(Map<?, ?> all) {
        Map<String, Object> entries = new HashMap<>();
        all.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (liquibaseNames(name)) {
                entries.put(name, value);
            }
        });
        return entries;
    }

    /** System properties, read afresh at every lookup (a step may set one), with Liquibase's precedence. */
    static final class SystemProperties extends SystemPropertyValueProvider {
        private final SystemPropertyValueProvider everything = new SystemPropertyValueProvider();

        @Override
        public ProvidedValue getProvidedValue(String... keyAndAliases) {
            return liquibaseNames(keyAndAliases) ? super.getProvidedValue(keyAndAliases) : everything.getProvidedValue(keyAndAliases);
        }

        @Override
        protected Map<?, ?> getMap() {
            return liquibaseEntries(System.getProperties());
        }
    }

    /** Environment variables, which cannot change while a JVM runs, so filtered once. */
    static final class EnvironmentVariables extends EnvironmentValueProvider {
        private final Map<String, Object> liquibaseOnly;
        private final EnvironmentValueProvider everything;

        EnvironmentVariables(Map<String, String> environment) {
            this.liquibaseOnly = liquibaseEntries(environment);
            this.everything = new EnvironmentValueProvider() {
                @Override
                protected Map<?, ?> getMap() {
                    return environment;
                }
            };
        }

        @Override
        public ProvidedValue getProvidedValue(String... keyAndAliases) {
            return liquibaseNames(keyAndAliases) ? super.getProvidedValue(keyAndAliases) : everything.getProvidedValue(keyAndAliases);
        }

        @Override
        protected Map<?, ?> getMap() {
            return liquibaseOnly;
        }
    }
}
