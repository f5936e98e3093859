package journeys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for a Maven mirror (or, asked for absolute URIs, a plain HTTP
 * proxy): it answers each request with the next of these bodies (the last one again when they run
 * out), and records what was asked for and with which credentials.
 */
final class LocalMirror implements AutoCloseable {
    private final HttpServer server;
    private final Deque<byte[]> bodies;
    private final List<String> uris = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    LocalMirror(byte[]... bodies) throws IOException {
        this.bodies = new ArrayDeque<>(List.of(bodies));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            uris.add(exchange.getRequestURI().toString());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body;
            synchronized (this.bodies) {
                body = this.bodies.size() > 1 ? this.bodies.removeFirst() : this.bodies.getFirst();
            }
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<String> uris() {
        return List.copyOf(uris);
    }

    /** The paths asked for, whatever the host the request named. */
    List<String> paths() {
        return uris().stream().map(uri -> java.net.URI.create(uri).getPath()).toList();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
