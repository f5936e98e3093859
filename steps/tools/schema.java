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

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Schema schema = Schema.read(library.connection());
            List<String> mermaid = Diagram.mermaid(schema);
            if (step.has("--mermaid")) {
                mermaid.forEach(Console::say);
            } else {
                Diagram.boxes(schema).forEach(Console::say);
            }
            if (step.has("--write")) {
                java.nio.file.Path file = java.nio.file.Path.of(step.value("--write")).toAbsolutePath();
                TextFiles.write(project, file, "```mermaid\n" + String.join("\n", mermaid) + "\n```\n");
                Console.blank();
                Console.say("Wrote the Mermaid diagram to " + file + ": open it in any Markdown viewer that draws Mermaid.");
            }
        }
    }
}
