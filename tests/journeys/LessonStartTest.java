package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;

/**
 * A test's scratch copy is the lesson's start, whatever the learner's own folder holds. Cheap
 * (one step), so JourneyTest runs it as a suite of its own in the learner's folder once their
 * finished exercises are committed: the copy must still be the start, not their work.
 */
@Tag("start")
class LessonStartTest {

    @Test
    @DisplayName("a scratch copy is the lesson's start: the genre line commented out, no changeset, and 01_create makes the three books")
    void aCopyIsTheLessonsStart() throws IOException {
        try (ScratchProject copy = Learner.freshCopy()) {
            String genre = Files.readAllLines(copy.path(Learner.MODELS)).get(Learner.markerLine(copy) - 1);
            assertTrue(genre.strip().startsWith("//"), () -> "the genre line is commented out: " + genre);
            assertEquals(List.of(".gitkeep"), Learner.files(copy, "changelog/changes"), "no changeset yet");
            Learner.assertExit(0, copy.jbang("steps/01_create.java"));
            assertEquals(ReadBack.THREE_BOOKS, ReadBack.books(copy.path("library.db")));
            assertEquals(List.of("authors", "books"), ReadBack.rows(copy.path("library.db"),
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"), "no Liquibase table yet");
        }
    }
}
