//JAVA 17+
//SOURCES cli/*.java database/*.java exercises/*.java lesson/*.java liquibase/*.java project/*.java safety/*.java steps/*.java
package tutorial;

/**
 * The tutorial's machinery, built as one library: every step and tool names this file in a
 * line {@code //DEPS tutorial/Machinery.java}, and JBang builds these sources into a jar of
 * their own, once per version of their content, which each script then runs with. So a step
 * compiles only its own page, and editing the models (steps/models/, a library of their own)
 * never compiles this again. The libraries it uses (Liquibase, SQLite's driver) are pinned
 * where they are used, in LibraryDatabase and Migrations; JBang puts them on each script's
 * class path with this jar. docs/how-it-works.md says why the build is split this way.
 */
final class Machinery {

    private Machinery() {
    }
}
