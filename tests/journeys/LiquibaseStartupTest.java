package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import liquibase.Scope;
import liquibase.configuration.ConfigurationValueProvider;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.ProvidedValue;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;
import liquibase.servicelocator.StandardServiceLocator;

import tutorial.liquibase.ClassPathServiceLocator;
import tutorial.liquibase.LiquibaseSettings;

/**
 * What the steps plug into Liquibase to start faster must change nothing Liquibase finds:
 * every kind of plugin comes back as the same classes in the same order as from Liquibase's
 * own service locator, and every setting, in any of its spellings, from the same place with
 * the same value. Run in this JVM, whose class path holds the same jars and the same services
 * files as a step's (JBang builds both from steps/tutorial); the steps themselves run with
 * them in every other test.
 */
@Tag("liquibase")
class LiquibaseStartupTest {

    @Test
    @DisplayName("the class path's service locator is the one Liquibase picks, and finds every plugin Liquibase's own finds, in the same order")
    void sameServicesAsLiquibasesOwnLocator() throws IOException {
        assertInstanceOf(ClassPathServiceLocator.class, Scope.getCurrentScope().getServiceLocator());
        List<String> kinds = liquibaseServiceKinds();
        assertTrue(kinds.size() > 25, "kinds of plugin found in the jars: " + kinds);
        assertTrue(kinds.contains("liquibase.sqlgenerator.SqlGenerator"), "the project's own SQL generator kind: " + kinds);
        ClassPathServiceLocator fast = new ClassPathServiceLocator();
        StandardServiceLocator standard = new StandardServiceLocator();
        for (String kind : kinds) {
            Class<?> type = classNamed(kind);
            if (type == null) {
                continue; // a kind whose interface is not on this class path: neither locator can load it
            }
            assertEquals(classNames(standard.findInstances(type)), classNames(fast.findInstances(type)), kind);
        }
    }

    @Test
    @DisplayName("settings from system properties: the same value and key as Liquibase's own provider, in every spelling, aliases included")
    void systemPropertiesAsLiquibaseReadsThem() {
        Map<String, String> set = new HashMap<>(Map.of(
                "liquibase.sql.log-level", "INFO",
                "LIQUIBASE_DUPLICATE_FILE_MODE", "WARN",
                "liquibase.command.changelogfile", "from-property.yaml",
                "should.run", "true",
                "enableEscaping", "false"));
        Properties saved = (Properties) System.getProperties().clone();
        try {
            set.forEach(System::setProperty);
            ConfigurationValueProvider ours = provider(SystemPropertyValueProvider.class);
            SystemPropertyValueProvider stock = new SystemPropertyValueProvider();
            for (String[] lookup : LOOKUPS) {
                assertSameValue(stock.getProvidedValue(lookup), ours.getProvidedValue(lookup), String.join(" or ", lookup));
            }
            // A property set after the provider was made is seen too.
            System.setProperty("liquibase.sql.log-level", "FINE");
            assertEquals("FINE", ours.getProvidedValue("liquibase.sql.logLevel").getValue());
        } finally {
            System.setProperties(saved);
        }
    }

    @Test
    @DisplayName("settings from environment variables: the same value and key as Liquibase's own provider, in every spelling, aliases included")
    void environmentAsLiquibaseReadsIt() throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(Map.of(
                "LIQUIBASE_SQL_LOG_LEVEL", "INFO",
                "liquibase_duplicate_file_mode", "WARN",
                "LIQUIBASE_COMMAND_CHANGELOG_FILE", "from-environment.yaml",
                "SHOULD_RUN", "true",
                "ENABLEESCAPING", "false",
                "LIQUIBASE", "not a setting"));
        EnvironmentValueProvider stock = new EnvironmentValueProvider() {
            @Override
            protected Map<?, ?> getMap() {
                return environment;
            }
        };
        provider(EnvironmentValueProvider.class);
        ConfigurationValueProvider ours = LiquibaseSettings.environmentVariables(environment);
        for (String[] lookup : LOOKUPS) {
            assertSameValue(stock.getProvidedValue(lookup), ours.getProvidedValue(lookup), String.join(" or ", lookup));
        }
    }

    /** Keys as Liquibase asks for them: a definition's key with its aliases, set or not, in other spellings. */
    private static final String[][] LOOKUPS = {
            {"liquibase.sql.logLevel"},
            {"liquibase.duplicateFileMode"},
            {"liquibase.command.changelogFile"},
            {"liquibase.command.update.changelogFile"},
            {"liquibase.shouldRun", "should.run"},
            {"liquibase.enableEscaping", "enableEscaping"},
            {"liquibase.changelogLockWaitTimeInMinutes"},
            {"liquibase.secureParsing"},
            {"liquibase"},
            {"user.home"},
    };

    private static void assertSameValue(ProvidedValue expected, ProvidedValue actual, String lookup) {
        assertEquals(expected == null ? null : expected.getValue(), actual == null ? null : actual.getValue(), lookup);
        assertEquals(expected == null ? null : expected.getActualKey(), actual == null ? null : actual.getActualKey(), lookup);
    }

    /** The provider the steps put in place of one of Liquibase's. */
    private static ConfigurationValueProvider provider(Class<?> stockKind) {
        LiquibaseSettings.lookUpLiquibaseNamesOnly();
        LiquibaseConfiguration configuration = Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class);
        List<ConfigurationValueProvider> replaced = new ArrayList<>();
        for (ConfigurationValueProvider provider : configuration.getProviders()) {
            assertTrue(provider.getClass() != stockKind, "Liquibase's own " + stockKind.getSimpleName() + " is still registered");
            if (stockKind.isInstance(provider)) {
                replaced.add(provider);
            }
        }
        assertEquals(1, replaced.size(), "providers in place of " + stockKind.getSimpleName() + ": " + replaced);
        return replaced.get(0);
    }

    /** Every kind of Liquibase plugin the class path's jars list a services file for. */
    private static List<String> liquibaseServiceKinds() throws IOException {
        TreeSet<String> kinds = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (ZipFile jar = new ZipFile(entry)) {
                jar.stream().map(file -> file.getName())
                        .filter(name -> name.startsWith("META-INF/services/liquibase."))
                        .forEach(name -> kinds.add(name.substring("META-INF/services/".length())));
            }
        }
        return new ArrayList<>(kinds);
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static List<String> classNames(List<?> instances) {
        return instances.stream().map(instance -> instance.getClass().getName()).toList();
    }
}
