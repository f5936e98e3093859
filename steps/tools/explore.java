///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS ../tutorial/Machinery.java ../models/Models.java
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds*=off --enable-native-access=ALL-UNNAMED
//DESCRIPTION Open JShell with the SQLite driver loaded and a connection to library.db (or --url's database) ready: try sql("PRAGMA table_info(books)")

// JBang's own --interactive cannot see classes of a script in the default package, and a
// learner exploring a database wants a connection, not set-up. So this starts JShell
// itself, on this script's class path (the SQLite driver included), with a few lines run
// first: `db`, a connection to the project's library.db (or the database --url names), and
// `sql(...)`, which prints rows.

import java.nio.file.Files;
import java.nio.file.Path;

import jdk.jshell.tool.JavaShellToolBuilder;
import tutorial.lesson.*;
import tutorial.liquibase.*;
import tutorial.database.*;
import tutorial.exercises.*;
import tutorial.project.*;

class Explore {
    public static void main(String[] args) throws Exception {
        Step step = Step.named("explore", "JShell on the database (library.db, or the one --url names)").databaseOptions().start(args);
        Project project = step.project();
        LibraryDatabase.open(project).close(); // says what to do when library.db (or --url's database) is missing, broken or unreachable

        // Each step's copy-paste block, as a JShell script to /open whole or to type line by line:
        // args, and the imports the blocks use, are there already. They are written where the
        // tools keep their notes (.tutorial/, not in git), under names one can type, anew at each
        // start; left there at the end, as another explore open beside this one may be using them.
        // So they hold nothing of this session's: each sets its args with argsFor, which each
        // session's start-up defines for the database it opened (a password stays out of them).
        Path blocks = Files.createDirectories(project.root().resolve(".tutorial").resolve("blocks"));
        java.util.Set<String> imports = new java.util.TreeSet<>();
        java.util.List<String> opened = new java.util.ArrayList<>();
        java.util.List<String> offered = new java.util.ArrayList<>(); // their steps' files: argsFor sets args for each
        boolean onSqlite = project.databaseFile() != null;
        for (CopyPasteBlock block : CopyPasteBlock.ofSteps(project.root())) {
            String stepFile = block.step().getFileName().toString();
            if (!onSqlite && !ON_A_SERVER.contains(stepFile)) {
                continue; // it speaks SQLite (PRAGMA), or compares the models in SQLite
            }
            imports.addAll(block.imports());
            Path script = blocks.resolve(stepFile.replace(".java", ".jsh"));
            // Through a temporary file and a rename: another explore may be reading it (/open) this very moment.
            TextFiles.write(project, script, "// args, as " + stepFile + " hands them to this block, for the database explore opened\n"
                    + "String[] args = argsFor(" + CommandLine.javaString(stepFile) + ");\n" + String.join("\n", block.lines()) + "\n");
            opened.add(script.toString());
            offered.add(stepFile);
        }
        String[] blockArguments = project.blockArguments();

        Path startup = Files.createTempFile("explore-", ".jsh");
        Files.writeString(startup, """
                import java.sql.*;
                Connection db = DriverManager.getConnection(%s, %s, %s);
                java.util.logging.Logger liquibaseLog = java.util.logging.Logger.getLogger("liquibase"); // kept: a logger nobody holds is forgotten
                liquibaseLog.setLevel(java.util.logging.Level.WARNING); // the blocks' Liquibase, without its INFO lines
                %s
                void sql(String query) throws SQLException {
                    // What takes values away (DROP, DELETE, UPDATE, ALTER TABLE ... DROP): a copy first, as the steps keep one.
                    if (query.strip().matches("(?is)(drop|delete|update)\\\\b.*|alter\\\\s+table\\\\s+\\\\S+\\\\s+drop\\\\b.*") && !keptCopy("this statement")) {
                        return;
                    }
                    try (Statement statement = db.createStatement()) {
                        if (!statement.execute(query)) {
                            String words = query.strip().toUpperCase();
                            System.out.println(words.startsWith("CREATE") || words.startsWith("ALTER") || words.startsWith("DROP")
                                    ? "done: the schema changed (no rows to count)" : statement.getUpdateCount() + " row(s) changed");
                            return;
                        }
                        try (ResultSet rows = statement.getResultSet()) {
                            int columns = rows.getMetaData().getColumnCount();
                            StringBuilder header = new StringBuilder();
                            for (int i = 1; i <= columns; i++) header.append(i > 1 ? " | " : "").append(rows.getMetaData().getColumnLabel(i));
                            System.out.println(header);
                            while (rows.next()) {
                                StringBuilder line = new StringBuilder();
                                for (int i = 1; i <= columns; i++) line.append(i > 1 ? " | " : "").append(rows.getString(i));
                                System.out.println(line);
                            }
                        }
                    } catch (SQLException refused) { // a typo in the SQL: the database's words, not JShell's stack trace
                        System.out.println("The database refused it: " + refused.getMessage());
                    }
                }
                System.out.println("db is a connection to %s. Try:  sql(\\"%s\\")   and /exit to leave.");
                """.formatted(CommandLine.javaString(blockArguments[0]), CommandLine.javaString(blockArguments[2]),
                        CommandLine.javaString(blockArguments[3]), keptCopy(project), javaStringBody(CommandLine.databaseName(project)),
                        onSqlite ? "PRAGMA table_info(books)" : "SELECT * FROM books")
                + String.join("\n", imports) + "\n"
                + "String[] args = {" + java.util.Arrays.stream(blockArguments).map(CommandLine::javaString).collect(java.util.stream.Collectors.joining(", ")) + "};\n"
                + argsFor(project, blocks, offered)
                + "System.out.println(\"The steps' blocks, with args set for them, one /open each:\\n  /open " + String.join("\\n  /open ", opened.stream().map(Explore::javaStringBody).toList())
                + "\");\n");
        try {
            // JShell runs the code in a JVM of its own: it gets the SQLite library the steps unpacked once (SqliteNativeLibrary),
            // where the driver would unpack its own into the temporary folder and clear other JVMs' copies there, racing them.
            java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of("--class-path", System.getProperty("java.class.path"),
                    "--startup", "DEFAULT", "--startup", startup.toString()));
            for (String sqlite : java.util.List.of("org.sqlite.lib.path", "org.sqlite.lib.name", "org.sqlite.tmpdir")) {
                if (System.getProperty(sqlite) != null) {
                    options.add("-R-D" + sqlite + "=" + System.getProperty(sqlite));
                }
            }
            JavaShellToolBuilder.builder().start(options.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /** The blocks that run on a server too: 01 and 06 speak SQLite (PRAGMA), 03 and 04 compare the models in SQLite. */
    private static final java.util.Set<String> ON_A_SERVER = java.util.Set.of("02_setup.java", "05_upgrade.java", "07_rollback.java");

    /**
     * The start-up's argsFor(step), which each block's script calls first: args as its step hands them (04's: the URL, the
     * author and a file to write, here one of its own under .tutorial/blocks/, deleted first as Liquibase would append to it;
     * 07's: a count too, 1), for this session's database; and before a block that changes a SQLite database (05, 07), a copy
     * of it under .reset/, as the steps keep one before they lose values, with the cp that puts it back. Where no copy can be
     * kept, it says so and gives no args: the block then stops on them, before it changes anything.
     */
    private static String argsFor(Project project, Path blocks, java.util.List<String> steps) {
        StringBuilder code = new StringBuilder("java.util.Map<String, String[]> blockArgs = new java.util.HashMap<>();\n");
        for (String step : steps) {
            String[] arguments = switch (step) {
                case "04_autogenerate.java" -> new String[] {project.blockArguments()[0], Revisions.AUTHOR, blocks.resolve("autogenerated.yaml").toString()};
                case "07_rollback.java" -> project.blockArguments("1");
                default -> project.blockArguments();
            };
            code.append("blockArgs.put(").append(CommandLine.javaString(step)).append(", new String[] {")
                    .append(java.util.Arrays.stream(arguments).map(CommandLine::javaString).collect(java.util.stream.Collectors.joining(", "))).append("});\n");
        }
        code.append("String[] argsFor(String step) throws Exception {\n")
                .append("    String[] given = blockArgs.get(step);\n")
                .append("    if (step.equals(\"04_autogenerate.java\")) java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(given[2]));\n")
                .append("    if ((step.equals(\"05_upgrade.java\") || step.equals(\"07_rollback.java\")) && !keptCopy(\"this block\")) return null;\n");
        return code.append("    return given;\n}\n").toString();
    }

    /**
     * The start-up's keptCopy(undo): a copy of the SQLite database as it is now under .reset/explore-TIME/ (VACUUM INTO, through
     * the session's connection), said with the cp that puts it back; false, said, where none can be kept (the caller then does
     * nothing). On a server there is no file to copy: true, nothing kept, as the steps on a server keep none either.
     */
    private static String keptCopy(Project project) {
        Path database = project.databaseFile();
        if (database == null) {
            return "boolean keptCopy(String undo) { return true; }";
        }
        String name = project.relative(database);
        return "boolean keptCopy(String undo) {\n"
                + "    String kept = " + CommandLine.javaString(project.relative(project.root().resolve(SetAside.FOLDER)) + "/explore-")
                + " + System.currentTimeMillis() + \"/\" + " + CommandLine.javaString(database.getFileName().toString()) + ";\n"
                + "    try (Statement copy = db.createStatement()) {\n"
                + "        java.nio.file.Path target = java.nio.file.Path.of(" + CommandLine.javaString(project.root().toString()) + ").resolve(kept);\n"
                + "        java.nio.file.Files.createDirectories(target.getParent());\n"
                + "        copy.execute(\"VACUUM INTO '\" + target.toString().replace(\"'\", \"''\") + \"'\");\n"
                + "        System.out.println(\"A copy of " + javaStringBody(name) + " as it is now is kept in \" + kept + \": copy it back to undo \" + undo "
                + "+ \" (cp \" + kept + \" " + javaStringBody(CommandLine.quoted(name)) + ").\");\n"
                + "        return true;\n"
                + "    } catch (Exception notKept) {\n"
                + "        System.out.println(\"No copy of " + javaStringBody(name) + " could be kept (\" + notKept.getMessage() + \"), so \" + undo + \" is not run.\");\n"
                + "        return false;\n"
                + "    }\n"
                + "}";
    }

    /** Inside a Java string literal (its quotes left out). */
    private static String javaStringBody(String text) {
        String literal = CommandLine.javaString(text);
        return literal.substring(1, literal.length() - 1);
    }
}
