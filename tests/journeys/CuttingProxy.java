package journeys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay to a local server that cuts the connection the moment the client sends a given
 * text (a statement's first words, which PostgreSQL's protocol carries as plain UTF-8): what a
 * server killed, or a network gone, does to a step midway, at a point a test can choose.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final int targetPort;
    private final byte[] cutAt;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    CuttingProxy(int targetPort, String cutAt) throws IOException {
        this.targetPort = targetPort;
        this.cutAt = cutAt.getBytes(StandardCharsets.UTF_8);
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "cutting-proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /** True once a connection was cut at the text. */
    boolean cut() {
        return cut.get();
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                relay(client, server, true);
                relay(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, boolean watched) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) > 0;) {
                    if (watched && contains(buffer, read)) {
                        cut.set(true);
                        from.close();
                        to.close();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // the other side went, or was cut
            } finally {
                close(from);
                close(to);
            }
        }, "cutting-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private boolean contains(byte[] buffer, int length) {
        outer:
        for (int i = 0; i + cutAt.length <= length; i++) {
            for (int j = 0; j < cutAt.length; j++) {
                if (buffer[i + j] != cutAt[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing what is closed already
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        open.forEach(CuttingProxy::close);
    }
}
