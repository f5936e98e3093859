package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** README's "When something goes wrong" lists exactly the messages the fault tests find in the steps' output. */
@Tag("faults")
@Tag("readme")
class FaultsGuideTest {

    private static final Pattern MESSAGE_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    @Test
    @DisplayName("README's \"When something goes wrong\" lists the very messages the steps print, in the same words")
    void readmeListsTheMessages() throws IOException {
        String readme = ReadmeTest.readme();
        int start = readme.indexOf("## When something goes wrong");
        assertTrue(start >= 0, "README has the section");
        int end = readme.indexOf("\n## ", start + 1);
        List<String> listed = new ArrayList<>();
        Matcher row = MESSAGE_ROW.matcher(readme.substring(start, end));
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(Messages.ALL, listed);
    }
}
