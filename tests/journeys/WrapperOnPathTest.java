package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tutorial.project.ScratchProject;
import tutorial.project.ScratchProject.Result;

/**
 * ./jbang hands over to a jbang on the PATH, but never to a copy of itself: with two clones of the
 * project on the PATH, each would find the other first and hand over forever. jbang.cmd's side
 * of the same is in WindowsTest.
 */
@Tag("wrapper")
class WrapperOnPathTest {

    @Test
    @DisplayName("two clones on the PATH, then the learner's own jbang: the clones are passed over and the learner's jbang runs")
    void clonesPassedOver() throws IOException {
        try (ScratchProject here = Learner.freshCopy(); ScratchProject other = Learner.freshCopy()) {
            Path own = Files.createTempDirectory("own-jbang-");
            try {
                Path jbang = own.resolve("jbang");
                Files.writeString(jbang, "#!/bin/sh\necho \"own jbang got: $*\"\nexit 6\n");
                Files.setPosixFilePermissions(jbang, PosixFilePermissions.fromString("rwxr-xr-x"));
                Map<String, String> environment = new HashMap<>();
                environment.put("PATH", String.join(":", other.root().toString(), here.root().toString(), own.toString(), System.getenv("PATH")));
                environment.put("JBANG_WRAPPER_NO_PATH", null);
                Result result = here.jbangWith(environment, "steps/01_create.java", "a b");
                Learner.assertExit(6, result);
                assertEquals("own jbang got: steps/01_create.java a b\n", result.output());
            } finally {
                Files.deleteIfExists(own.resolve("jbang"));
                Files.deleteIfExists(own);
            }
        }
    }
}
