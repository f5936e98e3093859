package tutorial.liquibase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.RanChangeSet;

import tutorial.project.NoteFiles;
import tutorial.project.Project;

/**
 * What an applied changeset's CAST cut when it ran ('978-0-13-468599-1' stored as 978), as
 * 05_upgrade said before running it, the values as they went in, and the copy of library.db it
 * kept first: noted beside library.db in the tutorial's own folder that git ignores. Once it ran,
 * library.db holds only what came out, and check called fix-2 done over cut ISBNs. The values
 * are kept until library.db is made anew: rolled back and applied again, the changeset cuts
 * nothing more ('978' comes through as 978), yet the ISBNs are as cut as before; check compares
 * them with what library.db holds now (stillCut). Gone when 01_create makes a new
 * library.db; set aside with it by reset. Best effort: a step never fails on its note.
 */
public final class ValuesLostNote {

    public static final String NOTE = ".tutorial/values-lost";

    /** What 05_upgrade said the changeset would take away, and the copy of library.db it kept before it (null: none). */
    public record Lost(String said, String copyKept) {
    }

    private static final String SAID = "said";
    private static final String CUT = "cut";

    private ValuesLostNote() {
    }

    /**
     * After an upgrade, finished or stopped by a failure: for each changeset it recorded as run (not one its precondition marked
     * ran: that ran nothing), the losses said before of it ("Applying ID ..."), the copy kept then, and the values its CASTs cut.
     */
    public static void noteUpgrade(Project project, List<RanChangeSet> recorded, List<String> losses, List<DataLoss.Cut> cuts, String copyKept) {
        if (!project.onOwnDatabase() || recorded.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(lines(project));
        for (RanChangeSet ran : recorded) {
            if (Migrations.markedRan(ran)) {
                continue;
            }
            String key = key(ran.getId(), ran.getAuthor());
            losses.stream().filter(said -> said.startsWith("Applying " + ran.getId() + " "))
                    .map(said -> String.join("\t", key, SAID, copyKept == null ? "" : oneLine(copyKept), oneLine(said)))
                    .filter(line -> !lines.contains(line)).forEach(lines::add);
            cuts.stream().filter(cut -> cut.changeSetId().equals(ran.getId()) && cut.author().equals(ran.getAuthor()))
                    .flatMap(cut -> cut.beforeAndAfter().stream().map(pair -> String.join("\t", key, CUT, oneLine(cut.table() + "." + cut.column()),
                            oneLine(pair[0]), oneLine(pair[1]))))
                    .filter(line -> !lines.contains(line)).forEach(lines::add);
        }
        try {
            Path note = project.root().resolve(NOTE);
            if (!lines.isEmpty()) {
                Files.createDirectories(note.getParent());
                Files.write(note, lines);
            }
        } catch (IOException | RuntimeException unwritable) {
            // best effort (above)
        }
    }

    /** What 05_upgrade said this changeset would take away, each time it ran here and took something. */
    public static List<Lost> of(Project project, liquibase.changelog.ChangeSet changeSet) {
        return fields(project, changeSet, SAID).map(parts -> new Lost(parts[1], parts[0].isEmpty() ? null : parts[0])).toList();
    }

    /**
     * The values this changeset's CAST cut in table.column ("books.isbn") whose cut form a row still holds, and none holds whole,
     * read as ISBNs are: by their digits ('978-0-13-468599-1' is whole as 9780134685991, as plain digits first make it; not as 978,
     * nor '0134685997' as 134685997). Empty once library.db holds each again (the copy put back and the changeset mended, the values
     * mended by hand) or holds its cut form no more (that book deleted, its ISBN emptied: nothing cut is left to mend).
     */
    public static List<String> stillCut(Project project, liquibase.changelog.ChangeSet changeSet, String tableColumn, List<String> valuesNow) {
        java.util.Set<String> whole = new java.util.HashSet<>(valuesNow.stream().map(ValuesLostNote::digits).toList());
        java.util.Set<String> now = new java.util.HashSet<>(valuesNow);
        // A line written before the cut form was kept beside the value: cut while no row holds the value whole.
        return fields(project, changeSet, CUT).filter(parts -> parts[0].equalsIgnoreCase(tableColumn)).map(parts -> parts[1].split("\t", 2))
                .filter(pair -> (pair.length == 1 || now.contains(pair[1])) && !whole.contains(digits(pair[0]))).map(pair -> pair[0])
                .distinct().toList();
    }

    private static String digits(String value) {
        String digits = value == null ? "" : value.replaceAll("\\D", "");
        return digits.isEmpty() ? String.valueOf(value) : digits; // no digits at all: the value itself
    }

    /** The two fields after the changeset's key and this kind, of each of its lines. */
    private static java.util.stream.Stream<String[]> fields(Project project, liquibase.changelog.ChangeSet changeSet, String kind) {
        String prefix = key(changeSet.getId(), changeSet.getAuthor()) + "\t" + kind + "\t";
        return lines(project).stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).split("\t", 2))
                .filter(parts -> parts.length == 2);
    }

    /** A new library.db: nothing of it was taken away yet. */
    public static void forget(Project project) {
        NoteFiles.forget(project, NOTE);
    }

    /**
     * A changeset by its id and author (a tab in neither, as written in the note); its file is left out, which the CLI's run
     * and check's file-by-file reading may spell apart (two changesets of one id and author in two files would share a note).
     */
    static String key(String id, String author) {
        return oneLine(id) + "::" + oneLine(author);
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("[\\t\\r\\n]", " ");
    }

    private static List<String> lines(Project project) {
        return NoteFiles.lines(project, NOTE);
    }
}
