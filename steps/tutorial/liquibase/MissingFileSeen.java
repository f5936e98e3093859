package tutorial.liquibase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tutorial.project.NoteFiles;
import tutorial.project.Project;

/**
 * An applied changeset's file found missing (break-2: moved to .bak), noted beside library.db
 * in the tutorial's own folder that git ignores. Once the file is back, library.db and the
 * changelog no longer show that the chain was ever broken, yet break-2 was done and fix-3 is
 * halfway (the file back, the tag to come): check reads this note to say so, where it said
 * break-2 was not done and hint sent the learner to break the chain again. Written by whatever
 * finds the file missing (05_upgrade's refusal, history, check); gone when 01_create makes a new
 * library.db. Best effort: a step never fails on its note.
 */
public final class MissingFileSeen {

    public static final String NOTE = ".tutorial/applied-file-missing";

    private MissingFileSeen() {
    }

    /** What precedes the tags on the note's second line. */
    private static final String TAGS = "tags then:";

    /**
     * Notes that this applied changeset file was found missing, with the tags library.db holds
     * now: fix-3's tag of the repaired chain is one made after the file was last found missing (a
     * tag from before break-2, the docs' 05_upgrade --tag with-genre, or one made while the file
     * was away, marks no repair). ./jbang liquibase tag looks for a missing file itself once it
     * has tagged, so a tag made while the file is away is noted so whether or not a check ran
     * in between.
     */
    public static void note(Project project, String file, java.util.List<liquibase.changelog.RanChangeSet> applied) {
        if (!project.onOwnDatabase()) {
            return;
        }
        try {
            Path note = project.root().resolve(NOTE);
            Files.createDirectories(note.getParent());
            Files.writeString(note, file + "\n" + TAGS + String.join(" ", tags(applied)) + "\n");
        } catch (IOException | RuntimeException unwritable) {
            // best effort (above)
        }
    }

    /**
     * The files of the applied changesets that are not in the project now (break-2's), oldest first, the first of them noted:
     * what check, revision --discard and the liquibase alias's tag look for. A row of Liquibase's own that only carries a tag
     * (liquibase-internal) has no file to miss; nor has a path the changelog still reads, which a file of another name gives
     * as its logicalFilePath (the README's alter-2 file pasted whole into a file revision numbered otherwise: break-2 read as done).
     */
    public static java.util.List<String> look(Project project, Migrations migrations) {
        java.util.List<liquibase.changelog.RanChangeSet> applied = migrations.applied();
        java.util.Set<String> read = migrations.readable().changeSets().stream().map(liquibase.changelog.ChangeSet::getFilePath)
                .collect(java.util.stream.Collectors.toSet());
        java.util.List<String> missing = applied.stream().filter(ran -> !Migrations.tagOnly(ran)).map(liquibase.changelog.RanChangeSet::getChangeLog)
                .distinct().filter(file -> !read.contains(file) && !Files.exists(project.root().resolve(file))).toList();
        missing.stream().findFirst().ifPresent(file -> note(project, file, applied));
        return missing;
    }

    /** What precedes a tag made once the file was back, on a line of its own (one a tag). */
    private static final String TAGGED_BACK = "tagged once back:";

    /**
     * After a tag on library.db (the liquibase alias's tag, 05_upgrade --tag): where an applied file was found missing since
     * library.db was made and none is missing now, the tag marks the repaired chain, and is noted so. By its name alone it could
     * not be told apart: Liquibase puts a tag on the rows applied last, so a tag made too early, while the file was away, and
     * made again under the same name once it was back (as the warning and the README have it) sits where it sat, and fix-3
     * read it as the early one. Returns the file missing now, if one is (then nothing is noted but the sighting).
     */
    public static java.util.Optional<String> noteTagged(Project project, Migrations migrations, String tag) {
        java.util.Optional<String> missing = look(project, migrations).stream().findFirst();
        if (missing.isPresent() || tag == null || !project.onOwnDatabase() || seen(project).isEmpty()) {
            return missing;
        }
        try {
            Files.writeString(project.root().resolve(NOTE), TAGGED_BACK + tag + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException unwritable) {
            // best effort (above)
        }
        return missing;
    }

    /** The tags noted as made once the file was back (noteTagged), since it was last found missing. */
    public static java.util.List<String> taggedOnceBack(Project project) {
        return lines(project).stream().filter(line -> line.startsWith(TAGGED_BACK)).map(line -> line.substring(TAGGED_BACK.length()).strip())
                .filter(tag -> !tag.isEmpty()).toList();
    }

    /** The applied changeset file last found missing, if one was since library.db was made. */
    public static java.util.Optional<String> seen(Project project) {
        return lines(project).stream().findFirst().map(String::strip).filter(file -> !file.isEmpty());
    }

    /** The tags library.db held when the file was last found missing; empty when no note says (none, or one written before it said). */
    public static java.util.Optional<java.util.List<String>> tagsThen(Project project) {
        return lines(project).stream().skip(1).filter(line -> line.startsWith(TAGS)).findFirst()
                .map(line -> java.util.Arrays.stream(line.substring(TAGS.length()).strip().split(" ")).filter(tag -> !tag.isEmpty()).toList());
    }

    /** The tags of these applied changesets, in the order they ran (a tag name has no space: Liquibase's tag command takes one word). */
    public static java.util.List<String> tags(java.util.List<liquibase.changelog.RanChangeSet> applied) {
        return applied.stream().map(liquibase.changelog.RanChangeSet::getTag).filter(java.util.Objects::nonNull).toList();
    }

    private static java.util.List<String> lines(Project project) {
        return NoteFiles.lines(project, NOTE);
    }

    /** A new library.db: no file of its chain was found missing yet. */
    public static void forget(Project project) {
        NoteFiles.forget(project, NOTE);
    }
}
