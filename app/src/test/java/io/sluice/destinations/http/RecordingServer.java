package io.sluice.destinations.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An internal service as a sync file might call it: it records every request and answers 200 with a
 * small JSON body, or with the statuses queued by a test; slowly if asked, counting the requests it
 * holds at once.
 */
final class RecordingServer implements AutoCloseable {

    record Received(String method, String path, Map<String, String> headers, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> queued = new ArrayDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpenAtOnce = new AtomicInteger();
    private volatile Duration answerAfter = Duration.ZERO;

    private RecordingServer(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            mostOpenAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
                Answer answer;
                synchronized (this) {
                    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    answer = queued.isEmpty() ? new Answer(200, "{\"ok\":true}") : queued.poll();
                }
                pause(answerAfter);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                open.decrementAndGet();
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

    /** Every later request is answered only after this long. */
    void answerAfter(Duration delay) {
        answerAfter = delay;
    }

    /** The most requests this server has held unanswered at one time since the last reset. */
    int mostOpenAtOnce() {
        return mostOpenAtOnce.get();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized void reset() {
        received.clear();
        queued.clear();
        answerAfter = Duration.ZERO;
        mostOpenAtOnce.set(0);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
