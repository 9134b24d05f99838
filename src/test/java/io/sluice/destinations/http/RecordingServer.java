package io.sluice.destinations.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * An internal service as a sync file might call it: it records every request and answers 200 with a
 * small JSON body, or with the statuses queued by a test.
 */
final class RecordingServer implements AutoCloseable {

    record Received(String method, String path, Map<String, String> headers, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> queued = new ArrayDeque<>();

    private RecordingServer(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
                Answer answer;
                synchronized (this) {
                    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    answer = queued.isEmpty() ? new Answer(200, "{\"ok\":true}") : queued.poll();
                }
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
    }

    static RecordingServer start() {
        try {
            RecordingServer recording = new RecordingServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            recording.server.start();
            return recording;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} requests are answered with this status and body, then 200 again. */
    synchronized void answerNext(int count, int status, String body) {
        for (int i = 0; i < count; i++) {
            queued.add(new Answer(status, body));
        }
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized void reset() {
        received.clear();
        queued.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
