///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION library.db's schema as a picture: boxes in the terminal; --mermaid prints a Mermaid erDiagram, --write FILE saves one

// A list of column names says little; a picture says which table points at which. The boxes
// are drawn with plain characters so they survive copy and paste; the Mermaid diagram is
// drawn as a picture by GitHub and most Markdown viewers.

import java.util.List;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class SchemaTool {
    public static void main(String[] args) {
        Step step = Step.named("schema", "The schema of library.db")
                .option("--mermaid", "print it as a Mermaid erDiagram instead")
                .option("--write FILE", "also write the Mermaid erDiagram to FILE, as a Markdown file")
                .printsDataWith("--mermaid")
                .start(args);
        Project project = step.project();
        step.requireSqliteFile();

        java.nio.file.Path written = step.has("--write") ? writable(step, step.value("--write")) : null; // before anything is drawn
        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Schema schema = Schema.read(library.connection());
            List<String> mermaid = Diagram.mermaid(schema);
            if (step.has("--mermaid")) {
                mermaid.forEach(Console::say);
            } else {
                Diagram.boxes(schema).forEach(Console::say);
            }
            if (written != null) {
                TextFiles.write(project, written, DIAGRAM_START + String.join("\n", mermaid) + "\n```\n");
                Console.blank();
                Console.say("Wrote the Mermaid diagram to " + written + ": open it in any Markdown viewer that draws Mermaid.");
            }
        }
    }

    /** How a file --write made starts: the only kind of file it writes over. */
    private static final String DIAGRAM_START = "```mermaid\n";

    /**
     * The file --write names, where writing it loses nothing: a new file in a folder that exists,
     * or a diagram it wrote before. Anything else there (library.db, the models, a changeset, a
     * README) would be overwritten with no copy kept, so it is refused, and nothing is written.
     */
    private static java.nio.file.Path writable(Step step, String named) {
        if (named.isBlank()) {
            throw step.usageError("--write takes the name of a file to write the diagram to (--write schema.md, say).");
        }
        java.nio.file.Path file = java.nio.file.Path.of(named).toAbsolutePath().normalize();
        if (java.nio.file.Files.isDirectory(file)) {
            throw new LessonError(named + " is a folder: --write takes the name of a file to write the diagram to. Nothing was written.",
                    "Name a file in it: ./jbang schema --write " + CommandLine.quoted(java.nio.file.Path.of(named).resolve("schema.md").toString()));
        }
        if (file.getParent() == null || !java.nio.file.Files.isDirectory(file.getParent())) {
            throw new LessonError("There is no folder " + file.getParent() + " to write " + file.getFileName() + " in. Nothing was written.",
                    "Make it first (mkdir -p " + CommandLine.quoted(String.valueOf(file.getParent())) + "), or name a file in a folder that exists.");
        }
        if (java.nio.file.Files.exists(file) && !wroteBefore(file)) {
            throw new LessonError(named + " exists, and is not a diagram schema --write made: written over, what it holds would be lost. "
                    + "Nothing was written.", "Name a new file (./jbang schema --write schema.md), or move that one aside first.");
        }
        return file;
    }

    /**
     * A diagram --write made, and nothing else: the fence, an erDiagram (not a flowchart of the
     * learner's), the closing fence, no note of the learner's after it (line ends as git may check
     * them out on Windows).
     */
    private static boolean wroteBefore(java.nio.file.Path file) {
        try {
            if (java.nio.file.Files.size(file) > 1 << 20) {
                return false; // a diagram of two tables is a few kilobytes; a database is not read whole to find out
            }
            String text = java.nio.file.Files.readString(file).replace("\r\n", "\n");
            return text.startsWith(DIAGRAM_START + "erDiagram\n") && text.endsWith("```\n")
                    && text.indexOf("```", DIAGRAM_START.length()) == text.length() - "```\n".length();
        } catch (java.io.IOException | java.io.UncheckedIOException unreadable) {
            return false; // not text (library.db): not a diagram
        }
    }
}
