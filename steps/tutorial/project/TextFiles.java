package tutorial.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tutorial.lesson.CommandLine;
import tutorial.lesson.LessonError;

/** Reading and writing the project's text files, with messages a learner can act on. */
public final class TextFiles {

    private TextFiles() {
    }

    /** Reads a text file of the project, with a clear message when it cannot be read. */
    public static String read(Project project, Path file) {
        try {
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            throw missing(project, project.relative(file));
        } catch (IOException e) {
            throw new LessonError("Cannot read " + project.relative(file) + ": " + e.getMessage(),
                    "Restore it from git: git checkout HEAD -- " + project.relative(file));
        }
    }

    /**
     * A file of the project moved or deleted, with the way back: git's copy is the last committed one; the master's lacks the
     * includes made since, which 05 names. A master renamed in liquibase.properties is in git only if the learner committed it.
     */
    public static LessonError missing(Project project, String name) {
        boolean master = Path.of(name).normalize().equals(Path.of(project.changelogFile()).normalize());
        String checkout = CommandLine.fromProjectFolder(project, "git checkout HEAD -- " + CommandLine.quoted(name));
        return new LessonError((master ? "The master changelog, " + name + "," : name) + " is missing (moved or deleted).",
                "Put it back where it was, if you moved it. " + (master && !name.equals(Project.MASTER_CHANGELOG_FILE) ? "If not, and you "
                        + "committed it: " : "If not: ") + checkout + " brings back git's copy" + (master ? ",\nwhich lacks the includes of "
                        + "the changesets made since; ./jbang steps/05_upgrade.java then names each, with the lines to add."
                        : " (your last committed version)."));
    }

    /**
     * Refuses a file there already that may not be written (chmod a-w, or chattr +i): write replaces a file through a rename,
     * which its folder allows, so a file a learner protected would be written all the same.
     */
    public static void requireWritable(Project project, Path file) {
        // File.canWrite: on Windows the read-only attribute alone (Files.isWritable is wrong on some network drives); access() elsewhere.
        if (Files.exists(file) && !file.toFile().canWrite()) {
            throw new LessonError("Cannot write " + project.relative(file) + ": the file is read-only. Nothing was changed.",
                    "Make it writable (chmod u+w " + CommandLine.quoted(project.relative(file)) + "; ls -l shows its owner, lsattr an immutable flag) "
                            + "and run the step again.");
        }
    }

    /** Writes a file whole, through a temporary file, so an interrupted write never leaves half a file. */
    public static void write(Project project, Path file, String text) {
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            // Made as any new file is (the umask decides who may read it), not as createTempFile makes one (rw------- always);
            // a file written over keeps the permissions it had.
            temporary = file.resolveSibling(".writing-" + java.util.UUID.randomUUID() + ".tmp");
            Files.writeString(temporary, text, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            if (Files.exists(file) && Files.getFileStore(temporary).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the message below is what matters; a stray temporary file is harmless
                }
            }
            if (Files.isDirectory(file.getParent()) && !Files.isWritable(file.getParent())) {
                throw new LessonError("Cannot write " + project.relative(file) + ": its folder is read-only.",
                        "Make it writable (chmod u+w " + project.relative(file.getParent()) + ") and run the step again.");
            }
            throw new LessonError("Cannot write " + project.relative(file) + ": " + e.getMessage(),
                    "Check that the project folder is writable.");
        }
    }
}
