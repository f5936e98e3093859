package tutorial.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Runs the CLI with what it prints going to the terminal as ever, and kept too (its first megabyte: enough for its messages),
 * for what the tutorial says after it.
 */
public record CapturedOutput(int code, String said) {

    public static CapturedOutput of(IntSupplier cli) {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        // Encoded as the terminal's own streams encode (stdout.encoding from Java 19, sun.stdout.encoding on a Windows console before).
        Charset terminal = Charset.forName(System.getProperty("stdout.encoding",
                System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name())));
        System.setOut(new PrintStream(new Tee(out, said), true, terminal));
        System.setErr(new PrintStream(new Tee(err, said), true, terminal));
        int code;
        try {
            code = cli.getAsInt();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return new CapturedOutput(code, said.toString(StandardCharsets.UTF_8));
    }

    /** What is written, to where it was going and to a copy. */
    private static final class Tee extends OutputStream {
        private static final int KEPT = 1 << 20;
        private final OutputStream terminal;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream terminal, ByteArrayOutputStream copy) {
            this.terminal = terminal;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            terminal.write(b);
            if (copy.size() < KEPT) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            terminal.write(bytes, offset, length);
            if (copy.size() < KEPT) {
                copy.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            terminal.flush();
        }
    }
}
