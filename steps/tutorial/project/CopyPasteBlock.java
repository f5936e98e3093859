package tutorial.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A step's copy-paste block: the lines between `// copy-paste: begin` and `// copy-paste: end`
 * in a step file, the step's work in Liquibase's and JDBC's own API. One reading of the
 * convention for everyone who finds a block the same way: explore (a JShell script each), the
 * README's test and the copy-out test.
 */
public record CopyPasteBlock(Path step, List<String> lines, List<String> imports) {

    public static final String BEGIN = "// copy-paste: begin";
    public static final String END = "// copy-paste: end";

    /**
     * The block of a step file, its lines set out as at the start of a line, with the step's
     * imports a copy of it needs: java.*, liquibase.*, and the models where the block uses them.
     * Empty when the file has no block; an error when it has two, or a begin with no end.
     */
    public static Optional<CopyPasteBlock> of(Path step) {
        List<String> all;
        try {
            all = Files.readAllLines(step);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int begin = -1;
        int end = -1;
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i).strip();
            if (line.equals(BEGIN)) {
                if (begin >= 0) {
                    throw new IllegalStateException(step + " has two copy-paste blocks");
                }
                begin = i;
            } else if (line.equals(END)) {
                end = i;
            }
        }
        if (begin < 0) {
            return Optional.empty();
        }
        if (end < begin) {
            throw new IllegalStateException(step + " begins a copy-paste block and does not end it");
        }
        List<String> body = all.subList(begin + 1, end);
        int indent = body.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        List<String> lines = body.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList();
        String block = String.join("\n", lines);
        List<String> imports = all.stream().filter(line -> line.startsWith("import java.") || line.startsWith("import liquibase.")
                || (block.contains("Models.") && (line.equals("import models.Models;") || line.equals("import tutorial.database.Table;"))))
                .toList();
        return Optional.of(new CopyPasteBlock(step, lines, imports));
    }

    /** The steps of the project that have a block, in order. */
    public static List<CopyPasteBlock> ofSteps(Path projectRoot) {
        List<CopyPasteBlock> blocks = new ArrayList<>();
        try (Stream<Path> steps = Files.list(projectRoot.resolve("steps"))) {
            for (Path step : steps.filter(p -> p.getFileName().toString().matches("0\\d_.*\\.java")).sorted().toList()) {
                of(step).ifPresent(blocks::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }
}
