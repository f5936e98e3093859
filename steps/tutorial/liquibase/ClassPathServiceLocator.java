// Liquibase picks its service locator as a service too: the one with the highest priority.
//FILES META-INF/services/liquibase.servicelocator.ServiceLocator=META-INF/services/liquibase.servicelocator.ServiceLocator
package tutorial.liquibase;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import liquibase.Scope;
import liquibase.servicelocator.ServiceLocator;
import liquibase.servicelocator.StandardServiceLocator;

/**
 * Liquibase's service locator, finding the same plugins in the same order for less start-up.
 *
 * Liquibase asks for every kind of plugin it has (SQL generators, commands, database types,
 * parsers: about thirty kinds in one step), and its StandardServiceLocator asks
 * java.util.ServiceLoader each time, which turns every jar of the class path into a jar: URL
 * and opens a connection to it to look for the kind's META-INF/services file: about a tenth of
 * a step's time on Java 25 (docs/speed.md). This looks the file up in each jar of
 * java.class.path directly, in class-path order, and makes each listed class as ServiceLoader
 * does (its public no-argument constructor; the first listing of a class wins). Where
 * Liquibase runs on a class loader of its own (the real CLI can add LIQUIBASE_HOME's jars),
 * the class path is not the whole story, so the standard locator answers.
 */
public final class ClassPathServiceLocator implements ServiceLocator {

    private static final String SERVICES = "META-INF/services/";

    private final StandardServiceLocator standard = new StandardServiceLocator();
    private List<Object> classPath; // each entry a ZipFile (a jar) or a Path (a folder), opened on first use

    @Override
    public int getPriority() {
        return PRIORITY_DEFAULT + 1;
    }

    @Override
    public <T> List<T> findInstances(Class<T> kind) {
        ClassLoader loader = Scope.getCurrentScope().getClassLoader(true);
        if (loader != ClassLoader.getSystemClassLoader()) {
            return standard.findInstances(kind);
        }
        List<T> instances = new ArrayList<>();
        for (String name : providerNames(kind.getName())) {
            try {
                Class<?> provider = Class.forName(name, false, loader);
                instances.add(kind.cast(provider.getConstructor().newInstance()));
            } catch (Throwable e) {
                // As the standard locator does with a plugin that cannot be made: skipped, and logged.
                Scope.getCurrentScope().getLog(getClass()).info("Cannot load service: " + name + ": " + e, e);
            }
        }
        return Collections.unmodifiableList(instances);
    }

    /** The class names the class path lists for one kind, in class-path order, each once. */
    Set<String> providerNames(String kind) {
        Set<String> names = new LinkedHashSet<>();
        for (Object entry : classPath()) {
            try {
                if (entry instanceof ZipFile jar) {
                    ZipEntry file = jar.getEntry(SERVICES + kind);
                    if (file != null) {
                        try (InputStream in = jar.getInputStream(file)) {
                            addNames(new String(in.readAllBytes(), StandardCharsets.UTF_8), names);
                        }
                    }
                } else {
                    Path file = ((Path) entry).resolve(SERVICES + kind);
                    if (Files.isRegularFile(file)) {
                        addNames(Files.readString(file), names);
                    }
                }
            } catch (IOException e) {
                // ServiceLoader, too, finds nothing in a file it cannot read.
            }
        }
        return names;
    }

    private synchronized List<Object> classPath() {
        if (classPath == null) {
            classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                Path path = Path.of(entry.isEmpty() ? "." : entry);
                if (Files.isDirectory(path)) {
                    classPath.add(path);
                } else if (Files.isRegularFile(path)) {
                    try {
                        classPath.add(new ZipFile(path.toFile()));
                    } catch (IOException e) {
                        // Not a jar: the class loader skips it as well.
                    }
                }
            }
        }
        return classPath;
    }

    /** A services file: one class name a line, # starts a comment. */
    private static void addNames(String file, Set<String> names) {
        for (String line : file.split("\n")) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
    }
}
