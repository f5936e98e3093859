package tutorial.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.lesson.CommandLine;
import tutorial.lesson.Failures;
import tutorial.lesson.LessonError;
import tutorial.project.Project;

/**
 * A connection to a database server (PostgreSQL, say) named by a JDBC URL, with a sentence a
 * learner can act on for each way it can fail: no driver, nothing listening, wrong password,
 * no such database.
 *
 * The steps carry SQLite's driver only, so that they stay small and quick. A server's driver
 * comes in for one run with JBang's --deps, which the advice adds (CommandLine.withDriver).
 */
public final class ServerConnection {

    private ServerConnection() {
    }

    public static Connection open(Project project) {
        String url = project.url();
        Properties login = new Properties();
        if (!project.username().isEmpty()) {
            login.setProperty("user", project.username());
        }
        if (!project.password().isEmpty()) {
            login.setProperty("password", project.password());
        }
        try {
            return DriverManager.getConnection(url, login);
        } catch (SQLException e) {
            throw explain(project, e);
        }
    }

    /** The URL without its query (where a password may be), as the steps name the database. */
    public static String name(String url) {
        return CommandLine.withoutQuery(url);
    }

    private static LessonError explain(Project project, SQLException failure) {
        String name = name(project.url());
        String messages = String.join("\n", Failures.messages(failure));
        String lower = messages.toLowerCase();
        String properties = Project.SETTINGS_FILE;
        if (lower.contains("no suitable driver") && project.url().startsWith("jdbc:postgres:")) {
            // PostgreSQL's driver takes jdbc:postgresql: only; the short form is a common slip.
            return error(failure, "No JDBC driver takes " + name + ": PostgreSQL's URLs start with jdbc:postgresql:, not jdbc:postgres:.",
                    "Correct the URL and run the step again:\n  " + CommandLine.withDriver(project, CommandLine.typed().replace("jdbc:postgres:", "jdbc:postgresql:")));
        }
        if (lower.contains("no suitable driver")) {
            boolean postgres = project.url().startsWith("jdbc:postgresql:");
            return error(failure, "No JDBC driver for " + name + " here: the steps carry only SQLite's, to stay small and quick.",
                    (postgres ? "Add the PostgreSQL driver for this run with JBang's --deps:\n  "
                            : "Add that database's JDBC driver for this run with JBang's --deps (its Maven coordinates):\n  ")
                            + CommandLine.withDriver(project, CommandLine.typed()));
        }
        String host = unknownHost(failure);
        if (host != null) { // a name the machine cannot find: nothing ever connected (it was said as a connection lost midway)
            return error(failure, "No host called " + host + " is known here: " + name + " names a server this machine cannot find.",
                    "Correct the host in --url (or url in " + properties + "): localhost, for a server on this machine.\n"
                            + "No PostgreSQL of your own? ./jbang postgres starts a throw-away one and runs the changelog on it.");
        }
        if (lower.contains("connection refused") || lower.contains("connect timed out") || lower.contains("unknownhost")
                || lower.contains("unknown host")) {
            return error(failure, "Nothing answers at " + name + ": no database server is listening there.",
                    "Start your server, or correct the host and port in --url (or url in " + properties + ").\n"
                            + "No PostgreSQL of your own? ./jbang postgres starts a throw-away one and runs the changelog on it.");
        }
        if (lower.contains("no password was provided")) {
            return error(failure, "The server at " + name + " asks for a password, and none was given.",
                    "Give it with --password (or password= in " + properties + ").");
        }
        if (lower.contains("password authentication failed") || lower.contains("authentication failed")) {
            // No user name given: the driver logged in as the system's user, which the server may not know at all.
            return error(failure, "The server at " + name + " refused the user name or password"
                            + (project.username().isEmpty() ? " (no user name was given, so the driver used your system's: "
                            + System.getProperty("user.name") + ")." : "."),
                    "Give the right ones with --username and --password (or username= and password= in " + properties + ").");
        }
        if (lower.contains("the database system is starting up") || lower.contains("the database system is shutting down")
                || lower.contains("57p03")) {
            return error(failure, "The server at " + name + " takes no connections now: it is starting up or shutting down.",
                    "Wait a moment and run the command again; if it is shutting down, start it again first.");
        }
        Matcher missing = Pattern.compile("(database|role) \"([^\"]+)\" does not exist").matcher(messages);
        if (missing.find()) {
            String what = missing.group(1);
            return error(failure, "The server at " + name + " has no " + what + " called " + missing.group(2) + ".",
                    what.equals("database")
                            // Owned by the user the steps log in as: since PostgreSQL 15, only the owner may create tables in public.
                            ? "Create it first, owned by the user the steps log in as (psql: CREATE DATABASE " + CommandLine.psqlName(missing.group(2))
                                    + (project.username().isEmpty() ? "" : " OWNER " + CommandLine.psqlName(project.username())) + ";), or name another in --url."
                            : "Create it first (psql: CREATE ROLE " + missing.group(2) + " LOGIN PASSWORD '...';), or log in as another with --username.");
        }
        return Failures.explain(failure);
    }

    /** The host name a connection could not resolve (java.net.UnknownHostException, whose message is the name alone), or null. */
    private static String unknownHost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.UnknownHostException unknown) {
                return unknown.getMessage() == null ? "(unnamed)" : unknown.getMessage();
            }
        }
        return null;
    }

    private static LessonError error(Throwable cause, String what, String next) {
        return new LessonError(what, next, LessonError.NOT_READY, cause);
    }
}
