package io.sluice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A generic webhook on loopback: keeps every JSON body POSTed to it and answers 204. */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> received = new ArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                synchronized (this) {
                    received.add(body);
                }
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    public synchronized void reset() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
