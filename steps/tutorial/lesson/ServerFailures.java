package tutorial.lesson;

import static tutorial.lesson.Failures.error;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tutorial.project.Project;

/** A database server's refusals: the connection lost or ended midway, a right the login lacks. */
final class ServerFailures {

    private ServerFailures() {
    }

    /**
     * A server's connection lost midway (SQLState class 08: the server stopped, was killed, or
     * the network went): the driver says only "This connection has been closed" or "An I/O error
     * occurred". Or ended by the server itself (57P01, an administrator's command: a shutdown, or
     * pg_terminate_backend; 57P02, a crash shutdown). What a server had not committed it rolls
     * back itself.
     */
    static Optional<LessonError> serverGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = cause instanceof java.sql.SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
            boolean ended = state.matches("57P0[12]");
            if (ended || state.startsWith("08")) {
                String said = java.util.Objects.toString(cause.getMessage(), "SQLState " + state).strip();
                return Optional.of(error(failure, "The connection to the database server was " + (ended ? "ended by the server" : "lost") + " midway ("
                                + said + "): " + (ended ? "it was shut down or restarted, or an administrator ended the session."
                                : "the server stopped, was killed, or the network to it went.") + " What it had not committed, the server rolls back itself.",
                        (ended ? "Once the server answers again, run the command again." : "Start the server again (or find why it stopped), then run "
                                + "the command again.") + " If the run that was cut held Liquibase's lock,\nthe next run says so, and prints the "
                                + "command that releases it."));
            }
        }
        return Optional.empty();
    }

    /**
     * The server refused the login a right (SQLState 42501, insufficient_privilege), said with the psql that gives it. Most often,
     * since PostgreSQL 15, a database the login does not own (made by another user, a CREATE DATABASE without OWNER), whose schema
     * public only its owner may create tables in: "permission denied for schema public", where the step said "Something went
     * wrong". Tables another user made: reading them needs a grant ("permission denied for table books"), changing them needs
     * their ownership ("must be owner of table books").
     */
    static Optional<LessonError> permissionDenied(Throwable failure, Project given) {
        Project project = given != null ? given : Step.projectOfThisRun(); // null where said of library.db: this run's server, if any
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState()) && project != null
                    && project.databaseFile() == null) {
                String said = java.util.Objects.toString(sql.getMessage(), "permission denied").lines().findFirst().orElse("").replaceFirst("^(ERROR|FATAL):\\s*", "").strip();
                String user = project.username().isEmpty() ? urlParameter(project.url(), "user").orElse(System.getProperty("user.name")) : project.username();
                String database = databaseOf(project.url(), user);
                String asked = "The server at " + CommandLine.databaseName(project) + " refused " + user + " what this needs: " + said + ".";
                String login = "Log in as the user that owns it instead (--username and --password, or username= and password= in "
                        + Project.SETTINGS_FILE + "), or have that user or a superuser run, in psql on " + database + ":\n  ";
                Matcher owner = Pattern.compile("must be owner of (\\w+) (\\S+)").matcher(said);
                if (said.contains("for schema")) {
                    return Optional.of(error(failure, asked, "Since PostgreSQL 15 only a database's owner (and whom it grants) may create tables in "
                            + "its schema public, and " + user + " does not own " + database + ".\n" + login + "ALTER DATABASE "
                            + CommandLine.psqlName(database) + " OWNER TO " + CommandLine.psqlName(user) + ";\nthen run the command again."));
                }
                Matcher ofDatabase = Pattern.compile("permission denied for database \"?([^\"\\s]+)").matcher(said);
                if (ofDatabase.find()) { // CONNECT revoked from PUBLIC, or no CREATE: the database's owner grants them
                    return Optional.of(error(failure, asked, "The database's owner has not granted " + user + " what this needs there.\n"
                            + login + "GRANT CONNECT, CREATE ON DATABASE " + CommandLine.psqlName(ofDatabase.group(1)) + " TO "
                            + CommandLine.psqlName(user) + ";\nthen run the command again."));
                }
                if (owner.find()) { // a table (or index, sequence) another user made: only its owner may alter or drop it
                    return Optional.of(error(failure, asked, "Another user made it, and only its owner may change it.\n" + login + "ALTER "
                            + owner.group(1).toUpperCase(java.util.Locale.ROOT) + " " + owner.group(2) + " OWNER TO " + CommandLine.psqlName(user)
                            + ";\n(and the same for each table the changesets change), then run the command again."));
                }
                return Optional.of(error(failure, asked, "Another user made what it names, and has not granted " + user + " the right.\n" + login
                        + "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + CommandLine.psqlName(user) + ";\n  GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "
                        + CommandLine.psqlName(user) + ";\nthen run the command again."));
            }
        }
        return Optional.empty();
    }

    /** A parameter of a JDBC URL's query (?user=bob&ssl=true), where the driver reads the login too. */
    private static Optional<String> urlParameter(String url, String name) {
        int query = url.indexOf('?');
        return query < 0 ? Optional.empty() : java.util.Arrays.stream(url.substring(query + 1).split("&"))
                .filter(pair -> pair.startsWith(name + "=")).map(pair -> pair.substring(name.length() + 1)).findFirst();
    }

    /**
     * The database a server's URL names, as PostgreSQL's driver reads it: jdbc:postgresql://host:5432/library and
     * jdbc:postgresql:library name library; with none named (jdbc:postgresql://host/), the user's name, as the driver takes it.
     */
    private static String databaseOf(String url, String user) {
        String rest = CommandLine.withoutQuery(url).replaceFirst("^jdbc:[^:]+:", "");
        String database = rest.startsWith("//") ? (rest.indexOf('/', 2) < 0 ? "" : rest.substring(rest.indexOf('/', 2) + 1)) : rest;
        return database.isEmpty() ? user : database;
    }
}
