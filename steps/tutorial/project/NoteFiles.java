package tutorial.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tools' notes of what library.db went through, in the project's .tutorial/ folder (ignored
 * by git; set aside with library.db by reset): break-2's missing file, values a CAST cut, an
 * upgrade before any changeset. Read and removed here, best effort: a step never fails on a note.
 */
public final class NoteFiles {

    private NoteFiles() {
    }

    /** The note's lines; none where it is not there or cannot be read. */
    public static List<String> lines(Project project, String note) {
        try {
            Path file = project.root().resolve(note);
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The note gone (a new library.db: nothing of it to note yet). */
    public static void forget(Project project, String note) {
        try {
            Files.deleteIfExists(project.root().resolve(note));
        } catch (IOException unwritable) {
            // best effort (above)
        }
    }
}
