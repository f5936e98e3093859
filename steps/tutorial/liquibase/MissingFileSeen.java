package tutorial.liquibase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tutorial.project.*;

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

    /** Notes that this applied changeset file was found missing. */
    public static void note(Project project, String file) {
        if (!project.onOwnDatabase()) {
            return;
        }
        try {
            Path note = project.root().resolve(NOTE);
            Files.createDirectories(note.getParent());
            Files.writeString(note, file + "\n");
        } catch (IOException | RuntimeException unwritable) {
            // best effort (above)
        }
    }

    /** The applied changeset file last found missing, if one was since library.db was made. */
    public static java.util.Optional<String> seen(Project project) {
        try {
            Path note = project.root().resolve(NOTE);
            return Files.isRegularFile(note) ? java.util.Optional.of(Files.readString(note).strip()).filter(file -> !file.isEmpty())
                    : java.util.Optional.empty();
        } catch (IOException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** A new library.db: no file of its chain was found missing yet. */
    public static void forget(Project project) {
        try {
            Files.deleteIfExists(project.root().resolve(NOTE));
        } catch (IOException unwritable) {
            // best effort (above)
        }
    }
}
