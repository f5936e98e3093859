package journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/troubleshooting.md lists exactly the messages the fault tests find in the steps' output. */
@Tag("faults")
@Tag("readme")
class FaultsGuideTest {

    private static final Pattern MESSAGE_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    @Test
    @DisplayName("docs/troubleshooting.md lists the very messages the steps print, in the same words")
    void readmeListsTheMessages() throws IOException {
        String page = ReadmeTest.page("troubleshooting");
        List<String> listed = new ArrayList<>();
        Matcher row = MESSAGE_ROW.matcher(page);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(Messages.ALL, listed);
    }
}
