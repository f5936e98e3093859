///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//DEPS ../tutorial/Machinery.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION The history chain, like alembic history: every changeset in order, applied or pending, and applied ones whose file is gone or edited

// Liquibase's own `history` lists only what library.db has applied; `status` lists only what
// is pending. Alembic's history shows the whole chain at once. This shows both together,
// and also what neither shows plainly: an applied changeset whose file has disappeared, or
// was edited since it ran.
// It exits 1 when the chain is broken, so scripts can notice.

import java.util.List;

import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class HistoryTool {
    public static void main(String[] args) {
        Step step = Step.named("history", "The history chain, oldest first")
                .standsFor("liquibase history + status", "alembic history")
                .databaseOptions()
                .start(args);
        Project project = step.project();

        try (LibraryDatabase library = LibraryDatabase.open(project)) {
            Migrations migrations = Migrations.on(project, library);
            HistoryChain history = HistoryChain.read(migrations);
            if (history.unreadable() instanceof RepeatedChangeSet repeated) {
                throw repeated; // the chain would show the copy as its original, edited since it was applied
            }
            var chain = history.links();
            Report.history(chain);
            // Beside the chain: a file there that no include names, and library.db does not record.
            new Changelog(project).sayNotIncluded(migrations.applied().stream().map(liquibase.changelog.RanChangeSet::getChangeLog).toList());
            var broken = chain.stream().filter(link -> link.state().broken()).toList();
            if (!broken.isEmpty()) {
                Console.blank();
                HistoryChain.Link first = broken.get(0);
                if (first.state() == HistoryChain.State.APPLIED_FILE_MISSING) {
                    throw new LessonError("The chain is broken: " + library.name() + " has applied " + first.file() + ", and that file is gone.",
                            "Put it back where it was (a copy you kept, such as a .bak beside it, or "
                                    + CommandLine.fromProjectFolder(project, "git checkout HEAD -- " + first.file())
                                    + " if it was committed); every step that reads the changelog fails until then."
                                    + MissingChangelogFile.copyOf(first.file()).map(way -> "\nHere " + way)
                                            .orElse("\nNo copy anywhere? " + MissingChangelogFile.writeItAgain().replace("\n   ", "")));
                }
                if (first.state() == HistoryChain.State.APPLIED_EDITED) {
                    LessonError edited = ChangelogFailures.editedAfterApplied(List.of(first.file() + " (changeset " + first.id() + ")"), null, project);
                    throw new LessonError("The chain is broken: " + edited.getMessage(), edited.next());
                }
                // Still included, and there: Liquibase could not read it (not valid YAML, say), so it is not in the chain.
                LessonError unreadable = history.unreadable();
                java.nio.file.Path applied = project.root().resolve(first.file()).normalize();
                if (unreadable != null && java.nio.file.Files.isRegularFile(applied) && new Changelog(project).includedFiles().contains(applied)) {
                    throw new LessonError("The chain is broken: " + library.name() + " has applied " + first.file() + ", which Liquibase cannot read: "
                            + unreadable.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(ChangelogFailures.CANNOT_READ), ""), // said once
                            unreadable.next(), unreadable.exitCode(), unreadable);
                }
                // Not listed where it was recorded: its include taken out, its file moved, or its id edited (NotListed tells which).
                NotListed notListed = NotListed.first(migrations, migrations.applied(), project.changelogFile()).orElse(null);
                if (notListed != null && notListed.includeFile() == null) {
                    throw new LessonError("The chain is broken: " + library.name() + " has applied " + notListed.id() + ", " + notListed.said() + ".",
                            Character.toUpperCase(notListed.wayOut().charAt(0)) + notListed.wayOut().substring(1)
                                    + ": until then 05_upgrade passes over it, and 07_rollback cannot roll it back.");
                }
                throw new LessonError("The chain is broken: " + library.name() + " has applied " + first.file()
                        + ", which the master changelog no longer includes.",
                        "Put its include back in " + project.changelogFile() + ", where it was: until then 05_upgrade passes over it, and 07_rollback "
                                + "cannot roll it back.");
            }
            // What cannot be read (a file not valid YAML, an include whose file is gone) is not in the chain
            // above, and every step that reads the changelog stops on it: said here as they say it.
            LessonError unreadable = history.unreadable();
            if (unreadable != null) {
                Console.blank();
                throw new LessonError("The chain above leaves out what cannot be read: " + unreadable.getMessage(), unreadable.next(),
                        unreadable.exitCode(), unreadable);
            }
            // A pending changeset copied from a reference file with its NNNN left in: caught before
            // changelog-sync (fix-1) or an upgrade records that id for good.
            String placeholder = Exercise.WriteNewestChangeset.NUMBER_SHOWN;
            if (chain.stream().anyMatch(link -> !link.applied() && (link.id().contains(placeholder) || link.file().contains(placeholder)))) {
                for (var pending : migrations.notApplied()) {
                    String left = Revisions.placeholderLeft(pending);
                    if (left != null) {
                        Console.blank();
                        throw new LessonError(left, Revisions.placeholderFix(pending) + ", before you apply it or record it as applied (changelog-sync).");
                    }
                }
            }
        }
    }
}
