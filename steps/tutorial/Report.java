package tutorial;

import java.util.List;

import tutorial.LibraryDatabase.Book;

/** The tables and lists the steps print, laid out the same way everywhere. */
public final class Report {

    private Report() {
    }

    /** The books, one per line: "  1 | The Pragmatic Programmer     | David Thomas". */
    public static void books(LibraryDatabase library) {
        List<Book> books = library.books();
        Console.say("Books in database:");
        for (Book book : books) {
            Console.say(String.format("  %d | %-28s | %s", book.id(), book.title(), book.author()));
        }
        if (books.isEmpty()) {
            Console.say("  (none)");
        }
    }

    /** The column names of a table, as the lesson's one-liner prints them: [id, title, author_id]. */
    public static String columnList(List<String> names) {
        return "[" + String.join(", ", names) + "]";
    }

    /** A changeset as Alembic would name it: "0001-1 (add genre column to books)". */
    public static String changeSet(Migrations.Run run) {
        return run.id() + ", " + run.description();
    }

    /**
     * The history chain, as alembic history shows it: each changeset after the one before it,
     * "<base>" first, with what Liquibase knows of each.
     */
    public static void history(List<Migrations.Link> chain) {
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
            if (chain.get(i).state() == Migrations.State.APPLIED || chain.get(i).state() == Migrations.State.PENDING) {
                head = i;
            }
        }
        String previous = "<base>";
        for (int i = 0; i < chain.size(); i++) {
            Migrations.Link link = chain.get(i);
            String state = switch (link.state()) {
                case APPLIED -> Console.green("applied");
                case PENDING -> Console.yellow("pending");
                case APPLIED_NOT_IN_CHANGELOG -> Console.red("applied, but the changelog no longer lists it: " + link.file());
                case APPLIED_FILE_MISSING -> Console.red("applied, but its file is missing: " + link.file());
            };
            String marks = (i == head ? " (head)" : "") + (i == lastApplied ? " (current)" : "");
            Console.say("  " + previous + " -> " + link.id() + marks + ", " + link.description() + "   [" + state + "]");
            previous = link.id();
        }
    }
}
