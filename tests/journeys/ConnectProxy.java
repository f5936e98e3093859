package journeys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A local HTTPS proxy, as a company network has: it answers CONNECT host:port by opening a tunnel
 * to that host, once the client has sent the proxy credentials it asks for (a 407 first, as real
 * proxies do). It records every CONNECT line, so a test sees that the client came this way.
 */
final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String credentials;
    private final List<String> tunnels = Collections.synchronizedList(new ArrayList<>());
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    ConnectProxy(String user, String password) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        credentials = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Thread accepting = new Thread(this::accept, "connect-proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every CONNECT target asked for (host:port), with credentials or without, a tunnel opened or not, in order. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    /** The CONNECT targets of the tunnels opened (host:port), in order. */
    List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = head(in);
                if (!head.isEmpty()) {
                    asked.add(head.get(0).startsWith("CONNECT ") ? head.get(0).split(" ")[1] : head.get(0));
                }
                if (head.isEmpty() || !head.get(0).startsWith("CONNECT ")) {
                    out.write("HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                if (!head.contains("proxy-authorization: " + credentials.toLowerCase())) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue; // the client asks again on this connection, with its credentials
                }
                String target = head.get(0).split(" ")[1];
                int colon = target.lastIndexOf(':');
                try (Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
                    tunnels.add(target);
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread back = daemon(() -> pump(upstream, client));
                    pump(client, upstream);
                    back.join();
                }
                return;
            }
        } catch (IOException | InterruptedException e) {
            // the client or the server went away: the tunnel ends
        }
    }

    /** A request's head, lines lower-cased after the first, up to the empty line. */
    private static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(lines.isEmpty() ? text : text.toLowerCase());
                line.reset();
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "connect-proxy-tunnel");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
