package tutorial.liquibase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import tutorial.project.NoteFiles;
import tutorial.project.Project;

/**
 * The changesets an upgrade ran on the project's library.db (05_upgrade, the liquibase alias's update), and those the alias's
 * changelog-sync recorded there: Liquibase's record says EXECUTED of both. fix-1 records a changeset for the column break-1 made
 * by hand; one that an upgrade ran, never synced, made the column itself, and check called break-1 and fix-1 done over a notes
 * column no hand had made. One synced, rolled back and applied again (check's own way back for fix-1 taken back) still counts.
 * Noted beside library.db in the tutorial's own folder that git ignores; a changeset rolled back is no longer one that ran here;
 * gone when 01_create makes a new library.db, set aside with it by reset. Best effort: a step never fails on its note.
 */
public final class RanHere {

    private static String key(String id, String author) {
        return ValuesLostNote.key(id, author); // a changeset keyed as that note keys it
    }

    public static final String NOTE = ".tutorial/ran-here";
    private static final String RAN = "ran ";
    private static final String SYNCED = "synced ";

    private RanHere() {
    }

    /** After an upgrade: the changesets it recorded as run (not one its precondition marked ran: that ran nothing). */
    public static void noteRan(Project project, List<RanChangeSet> recorded) {
        note(project, RAN, recorded.stream().filter(ran -> !Migrations.markedRan(ran)).toList());
    }

    /** After the alias's changelog-sync: the changesets it recorded without running them. */
    public static void noteSynced(Project project, List<RanChangeSet> recorded) {
        note(project, SYNCED, recorded);
    }

    private static void note(Project project, String kind, List<RanChangeSet> rows) {
        if (!project.onOwnDatabase() || rows.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(NoteFiles.lines(project, NOTE));
        rows.stream().map(ran -> kind + key(ran.getId(), ran.getAuthor())).filter(line -> !lines.contains(line)).forEach(lines::add);
        write(project, lines);
    }

    /** After a rollback: the rows applied before that are gone now no longer ran here (changelog-sync may record them next). */
    public static void noteRolledBack(Project project, List<RanChangeSet> before, List<RanChangeSet> after) {
        if (!project.onOwnDatabase()) {
            return;
        }
        List<String> gone = Migrations.notIn(before, after).stream().map(ran -> RAN + key(ran.getId(), ran.getAuthor())).toList();
        List<String> lines = new ArrayList<>(NoteFiles.lines(project, NOTE));
        if (lines.removeAll(gone)) {
            write(project, lines);
        }
    }

    /**
     * Whether an upgrade ran this changeset on library.db and changelog-sync never recorded it there (as far as the tutorial saw: a
     * Liquibase of your own is not seen).
     */
    public static boolean ranNeverSynced(Project project, ChangeSet changeSet) {
        List<String> lines = NoteFiles.lines(project, NOTE);
        String key = key(changeSet.getId(), changeSet.getAuthor());
        return lines.contains(RAN + key) && !lines.contains(SYNCED + key);
    }

    /** A new library.db: nothing ran on it yet. */
    public static void forget(Project project) {
        NoteFiles.forget(project, NOTE);
    }

    private static void write(Project project, List<String> lines) {
        try {
            Path note = project.root().resolve(NOTE);
            Files.createDirectories(note.getParent());
            Files.write(note, lines);
        } catch (IOException | RuntimeException unwritable) {
            // best effort (above)
        }
    }
}
