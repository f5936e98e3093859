package tutorial.lesson;

import java.util.List;

import liquibase.changelog.RanChangeSet;
import tutorial.database.LessonBooks;
import tutorial.database.LessonBooks.Book;

import tutorial.database.LibraryDatabase;
import tutorial.database.Schema;
import tutorial.liquibase.AppliedButAbsent;
import tutorial.liquibase.HistoryChain;
import tutorial.liquibase.Migrations;
import tutorial.liquibase.ModelDiff;
import tutorial.liquibase.Renames;
import tutorial.project.Project;

/** The tables and lists the steps print, laid out the same way everywhere. */
public final class Report {

    private Report() {
    }

    /** The books, one per line: "  1 | The Pragmatic Programmer     | David Thomas". */
    public static void books(LibraryDatabase library) {
        List<Book> books = LessonBooks.of(library);
        Console.say("Books in database:");
        for (Book book : books) {
            Console.say(String.format("  %d | %-28s | %s", book.id(), book.title(), book.author())); // as 06_verify's block prints it: null for none
        }
        if (books.isEmpty()) {
            Console.say("  (none)");
        }
        if (!LessonBooks.authorsTableIn(library)) {
            Console.say("  (" + library.name() + " has no authors table now: the books are listed without their authors)");
        }
    }

    /** The column names of a table, as the lesson's one-liner prints them: [id, title, author_id]. */
    public static String columnList(List<String> names) {
        return "[" + String.join(", ", names) + "]";
    }

    /** Each changeset update ran, after the one before it, with its SQL: "Running upgrade <base> -> 0001-1, ...". */
    public static void upgrades(String before, List<Migrations.Run> applied) {
        for (Migrations.Run run : applied) {
            if (run.markedRan()) {
                // A precondition with onFail: MARK_RAN: recorded as applied, and none of its changes ran.
                Console.say("Skipping upgrade " + before + " -> " + changeSet(run) + ": its precondition failed (onFail: MARK_RAN), "
                        + "so it is recorded as ran and none of its changes ran");
            } else if (run.continued()) {
                // onFail: CONTINUE: not recorded, so not a link of the chain yet: the next upgrade tries it again.
                Console.say("Skipping " + changeSet(run) + ": its precondition failed (onFail: CONTINUE), so none of its changes ran "
                        + "and it is not recorded: it stays pending, and the next upgrade tries it again");
                continue;
            } else {
                Console.say("Running upgrade " + before + " -> " + changeSet(run));
            }
            Console.indented(run.sql());
            before = run.id();
        }
    }

    /** Each changeset a rollback undid, newest first, with its SQL: "Running downgrade 0001-1 -> <base>, ...". */
    public static void downgrades(List<RanChangeSet> appliedBefore, List<Migrations.Run> rolledBack) {
        int position = appliedBefore.size() - 1;
        for (Migrations.Run run : rolledBack) {
            // A row Liquibase wrote to carry a tag before anything was applied is no changeset: before it is <base>.
            String target = position > 0 && !Migrations.tagOnly(appliedBefore.get(position - 1)) ? appliedBefore.get(position - 1).getId() : "<base>";
            Console.say("Running downgrade " + run.id() + " -> " + target + ", " + run.description());
            Console.indented(run.sql());
            position--;
        }
    }

    /**
     * "2 changesets applied"; with those a precondition skipped, "1 changeset applied, 1 skipped by
     * its precondition (recorded as ran)".
     */
    public static String appliedCount(List<Migrations.Run> runs) {
        long skipped = runs.stream().filter(Migrations.Run::markedRan).count();
        long continued = runs.stream().filter(Migrations.Run::continued).count();
        String said = changesets(runs.size() - (int) skipped - (int) continued) + " applied";
        if (skipped > 0) {
            said += ", " + skipped + " " + Migrations.skippedBy(skipped) + " (recorded as ran)";
        }
        if (continued > 0) {
            said += ", " + continued + " " + Migrations.skippedBy(continued) + " (still pending)";
        }
        return said;
    }

    /**
     * Before a rollback: a changeset a precondition skipped (onFail: MARK_RAN) ran none of its
     * changes, yet Liquibase runs its rollback like any other's, undoing what someone else did
     * (a column made by hand, which is why the precondition skipped it).
     */
    public static void markedRanUndone(List<liquibase.changelog.RanChangeSet> undone) {
        List<String> ids = undone.stream().filter(Migrations::markedRan)
                .map(liquibase.changelog.RanChangeSet::getId).toList();
        if (ids.isEmpty()) {
            return;
        }
        boolean one = ids.size() == 1;
        Console.say(Console.yellow(String.join(", ", ids) + (one ? " was" : " were") + " only recorded as ran by "
                + (one ? "its precondition" : "their preconditions") + " (onFail: MARK_RAN): none of "
                + (one ? "its" : "their") + " changes ran, yet Liquibase runs " + (one ? "its rollback" : "their rollbacks")
                + " all the same, undoing what was there before " + (one ? "it" : "them") + " (the SQL below)."));
        Console.blank();
    }

    /** "1 changeset", "3 changesets". */
    public static String changesets(int count) {
        return count + (count == 1 ? " changeset" : " changesets");
    }

    /** A changeset as Alembic would name it: "0001-1 (add genre column to books)". */
    public static String changeSet(Migrations.Run run) {
        return run.id() + ", " + run.description();
    }

    /**
     * The history chain, as alembic history shows it: each changeset after the one before it,
     * "<base>" first, with what Liquibase knows of each.
     */
    public static void history(List<HistoryChain.Link> chain) {
        if (chain.isEmpty()) {
            Console.say("  <base>   (no changeset yet)");
            return;
        }
        int lastApplied = -1;
        int head = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).applied()) {
                lastApplied = i;
            }
            if (chain.get(i).state().inChangelog()) {
                head = i;
            }
        }
        String previous = "<base>";
        for (int i = 0; i < chain.size(); i++) {
            HistoryChain.Link link = chain.get(i);
            String state = switch (link.state()) {
                case APPLIED -> link.markedRan() ? Console.yellow("recorded as ran: its precondition failed, none of its changes ran")
                        : Console.green("applied");
                case PENDING -> Console.yellow("pending");
                case APPLIED_EDITED -> Console.red("applied, but its file was edited since: " + link.file());
                case APPLIED_NOT_IN_CHANGELOG -> Console.red("applied, but the changelog no longer lists it: " + link.file());
                case APPLIED_FILE_MISSING -> Console.red("applied, but its file is missing: " + link.file());
            };
            String marks = (i == head ? " (head)" : "") + (i == lastApplied ? " (current)" : "")
                    + (link.tag() != null && !link.tag().isBlank() ? " (tag " + link.tag() + ")" : "");
            Console.say("  " + previous + " -> " + link.id() + marks + ", " + link.description() + "   [" + state + "]");
            previous = link.id();
        }
    }

    /**
     * What 03_change_model shows: the models and library.db agree, or what differs and the
     * changeset to make of it; or, while changesets are pending, the upgrade that comes first.
     */
    public static void modelDiff(ModelDiff diff, List<liquibase.changelog.ChangeSet> pending) {
        if (!differences(diff, "The models and library.db agree: there is nothing to migrate.", "What differs between the models and library.db:")) {
            return;
        }
        boolean databaseHasMore = databaseHasMore(diff);
        if (!pending.isEmpty()) {
            boolean one = pending.size() == 1;
            Console.say((one ? "A changeset" : pending.size() + " changesets") + " of the changelog " + (one ? "is" : "are")
                    + " not applied yet (" + pending.get(0).getFilePath() + (one ? "" : ", ...") + "): what "
                    + (one ? "it does" : "they do") + " shows above as a difference too.");
            Console.say("Next: apply " + (one ? "it" : "them") + " (04_autogenerate refuses while one is pending), then run this step again:");
            Console.say("  ./jbang steps/05_upgrade.java");
            return;
        }
        // A drop is what autogenerate would propose: worth reading, not applying unread.
        Console.say(databaseHasMore ? "Next: read the changeset autogenerate would make of it (apply it only if the models are right):"
                : "Next: turn that difference into a changeset with");
        Console.say("  ./jbang steps/04_autogenerate.java -m \"" + diff.suggestedMessage() + "\"");
    }

    /**
     * Columns the models declare under a name an applied changeset renamed away: the models are
     * behind, and autogenerate would add the old name anew and drop the new one, values and all.
     * The way back names the changeset to roll back to, where the rename is not the newest.
     */
    public static void renamedAway(List<Renames.RenamedAway> renamed) {
        for (Renames.RenamedAway rename : renamed) {
            Console.say("The models have " + rename.column() + ", which " + rename.by() + " renamed to " + rename.to() + ": rename it in "
                    + Project.MODELS_FILE + " too, or roll that changeset back (./jbang steps/07_rollback.java"
                    + (rename.newest() ? "" : " --to " + rename.before()) + "). Autogenerate would add it anew and drop " + rename.to()
                    + ", values and all.");
        }
    }

    /**
     * After an upgrade with nothing to do: what the models declare that the database lacks
     * ("books.genre"), which no changeset adds yet, and the step that writes one; nothing when
     * the two agree on tables and columns.
     */
    public static void notYetInAChangeset(List<String> missing, String database) {
        if (missing.isEmpty()) {
            return;
        }
        Console.say("The models have " + String.join(", ", missing) + ", which " + database + " does not, and no changeset adds "
                + (missing.size() == 1 ? "it" : "them") + " yet:");
        Console.say("  ./jbang steps/04_autogenerate.java -m \"" + suggestedMessage(missing) + "\" writes one; then run this step again.");
    }

    /** The difference between the models and library.db under a heading, or the line for none. Returns whether they differ. */
    public static boolean differences(ModelDiff diff, String none, String heading) {
        if (diff.inSync()) {
            Console.say(none);
            return false;
        }
        Console.say(heading);
        Console.indented(diff.lines());
        Console.blank();
        return true;
    }

    /**
     * Says, when the database has something the models lack, that autogenerate would drop it:
     * the models are its truth. Returns whether it has.
     */
    public static boolean databaseHasMore(ModelDiff diff) {
        boolean databaseHasMore = diff.lines().stream().anyMatch(line -> line.startsWith("- "));
        if (databaseHasMore) {
            Console.say("Where the database has something the models lack: if the database is right (a column made by");
            Console.say("hand that you want to keep), declare it in the models; autogenerate would drop it, data and all.");
        }
        return databaseHasMore;
    }

    /**
     * An applied changeset adds what library.db lacks: not a change to autogenerate (it would be
     * added twice), but a record to take back. Returns whether there was any to say.
     */
    public static boolean recordedButAbsent(List<AppliedButAbsent> absent, Project project) {
        if (absent.isEmpty()) {
            return false;
        }
        AppliedButAbsent first = absent.get(0);
        Console.say(first.disagreement(CommandLine.databaseName(project)) + ". Do not autogenerate it again.");
        Console.say(AppliedButAbsent.takeBackRecord(project, first.id()));
        return true;
    }

    /**
     * An upgrade's last word. When the models have more than the changelog adds, that comes in the
     * same breath: everything was applied, and what is left needs autogenerate first. copyKept:
     * the copy of the database kept before values were dropped, or null.
     */
    public static void applied(List<Migrations.Run> runs, Project project, List<String> modelsAhead, List<String> droppedNow, String copyKept) {
        String database = CommandLine.databaseName(project);
        // A column these changesets dropped on purpose, the models still declaring it: the models are behind, not the changelog.
        List<String> stillDeclared = modelsAhead.stream().filter(name -> droppedNow.stream().anyMatch(name::equalsIgnoreCase)).toList();
        if (!stillDeclared.isEmpty()) {
            boolean one = stillDeclared.size() == 1;
            Console.say(appliedCount(runs) + ": " + database + " is up to date, and " + String.join(", ", stillDeclared) + " went, which the "
                    + "models still declare: take " + (one ? "it" : "them") + " out of " + Project.MODELS_FILE + " too (or, to keep "
                    + (one ? "it" : "them") + (copyKept == null ? ", roll this back: " + CommandLine.onSameDatabase(project, "steps/07_rollback.java") + ")."
                    // A rollback brings a column back empty: the copy has the values.
                    : " with " + (one ? "its" : "their") + " values, put back the copy kept above: cp " + CommandLine.quoted(copyKept) + " "
                            + CommandLine.quoted(database) + ")."));
            return;
        }
        if (modelsAhead.isEmpty()) {
            boolean stillPending = runs.stream().anyMatch(Migrations.Run::continued);
            Console.say(appliedCount(runs) + ". " + database + (stillPending ? " has every other changeset of the changelog." : " is up to date."));
            return;
        }
        Console.say(appliedCount(runs) + ": " + database + " has the whole changelog now, but the models have more ("
                + String.join(", ", modelsAhead) + ") and no changeset adds " + (modelsAhead.size() == 1 ? "it" : "them") + " yet:");
        Console.say("  autogenerate first, ./jbang steps/04_autogenerate.java -m \"" + suggestedMessage(modelsAhead) + "\", then run this step again.");
    }

    private static String suggestedMessage(List<String> missing) {
        String[] tableAndColumn = missing.get(0).split("\\.");
        return missing.size() == 1 && tableAndColumn.length == 2
                ? ModelDiff.addColumnMessage(tableAndColumn[0], tableAndColumn[1]) : ModelDiff.NO_SUGGESTION;
    }

    /** The schema diff and row counts a migration step ends with: what changed, and that no row was lost. */
    public static void schemaChange(String database, Schema before, Schema after) {
        if (!before.available() || !after.available()) {
            return; // read with PRAGMA, so SQLite's; on a server, 06_verify shows the columns
        }
        List<String> changes = after.changesSince(before);
        Console.say(changes.isEmpty() ? "Schema of " + database + ": unchanged." : "Schema of " + database + ", what changed:");
        for (String line : changes) {
            String shown = "  " + line;
            Console.say(line.strip().startsWith("+") ? Console.green(shown) : line.strip().startsWith("-") ? Console.red(shown) : shown);
        }
        Console.say("Rows: " + after.rowCountsSince(before));
    }
}
