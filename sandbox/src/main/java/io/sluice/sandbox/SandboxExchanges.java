package io.sluice.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** What every sandbox does with the JDK server's exchanges: read a request, write an answer. */
public final class SandboxExchanges {

    public static final String JSON = "application/json;charset=UTF-8";
    public static final String TEXT = "text/plain;charset=UTF-8";

    private SandboxExchanges() {
    }

    public static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            return body.readAllBytes();
        }
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (body.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void sendJson(HttpExchange exchange, int status, ObjectMapper mapper, Object body)
            throws IOException {
        send(exchange, status, JSON, mapper.writeValueAsBytes(body));
    }

    /**
     * Closes the connection without a word: the client learns nothing of what was done, as when a
     * network fails after the vendor processed a request. (The JDK server drops the connection of an
     * exchange closed unanswered.)
     */
    public static void hangUp(HttpExchange exchange) {
        exchange.close();
    }

    /** Every request header, by lower-case name, first value. */
    public static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        return headers;
    }

    /**
     * {@code application/x-www-form-urlencoded} text — a POST body or a query string — with bracket
     * keys kept as written ({@code metadata[plan]}); the first of repeated names wins.
     */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.putIfAbsent(decode(name), decode(value));
        }
        return fields;
    }

    /** Decoded path segments; a '+' in a path is a literal plus, unlike in a form. */
    public static List<String> pathSegments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> decode(segment.replace("+", "%2B")))
                .toList();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
