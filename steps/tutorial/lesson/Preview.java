package tutorial.lesson;

import java.util.List;
import java.util.function.Function;

import tutorial.database.LibraryDatabase;
import tutorial.liquibase.Migrations;
import tutorial.project.Project;

/**
 * The SQL a migration would run, without running it on library.db: Alembic's offline --sql
 * mode. Liquibase's own update-sql cannot do this on SQLite (for addColumn it needs the live
 * database), so the preview runs the very same changesets on a throw-away copy of library.db
 * and shows the SQL Liquibase executed there: exactly what the real run will execute.
 */
public final class Preview {

    private Preview() {
    }

    /**
     * Runs the work on a copy of library.db and returns what it did; library.db itself is only read. On a server, where there is
     * no file to copy, Liquibase's own preview of the same work is offered instead (cliPreview: update-sql, say).
     */
    public static List<Migrations.Run> onCopy(Project project, LibraryDatabase library, Function<Migrations, List<Migrations.Run>> work,
            String cliPreview) {
        if (library.file() == null) {
            throw new LessonError("--sql previews on a throw-away copy of library.db, and " + library.name() + " is a database server.",
                    "On a server, Liquibase's own preview works: " + CommandLine.liquibaseOnSameDatabase(project, cliPreview));
        }
        return LibraryDatabase.onCopy(library.file(), "the preview", scratch -> {
            try {
                return work.apply(Migrations.on(project, scratch));
            } catch (LessonError failed) {
                // What failed, and what went through before it ("rolled back in full"), happened to the copy: said so.
                throw new LessonError("The preview failed (on a throw-away copy; " + library.name() + " is not changed): "
                        + failed.getMessage().replace(Migrations.BEFORE_THAT, "\nOn the copy, before that, "), failed.next(), failed.exitCode(), failed.getCause());
            }
        });
    }

    /** Prints the SQL of each changeset, as a script a learner could read or keep. */
    public static void print(List<Migrations.Run> runs) {
        Console.say("Preview only: library.db is not changed. This is the SQL that would run, in order");
        Console.say("(Liquibase ran it on a throw-away copy of library.db to find out):");
        Console.blank();
        for (Migrations.Run run : runs) {
            Console.say("-- " + run.id() + ", " + run.description() + " (" + run.file() + ")"
                    + (run.skip() != Migrations.Skip.NONE ? ": skipped by its precondition (onFail: " + run.skip() + "), no SQL of its own" : ""));
            run.sql().forEach(sql -> Console.say(sql + ";"));
        }
    }
}
