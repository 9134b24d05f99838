package io.sluice.sandbox.hubspot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * An HTTP answer of the sandbox: a status, a JSON body (or none, or text) and extra headers.
 *
 * @param body a value to write as JSON, a {@link String} sent as it is (see {@link #text}), or null for no body
 */
record Answer(int status, Object body, Map<String, String> headers) {

    static Answer json(int status, Object body) {
        return new Answer(status, body, Map.of());
    }

    static Answer text(int status, String contentType, String text) {
        return new Answer(status, text, Map.of("Content-Type", contentType + ";charset=UTF-8"));
    }

    static Answer empty(int status) {
        return new Answer(status, null, Map.of());
    }

    Answer withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new Answer(status, body, all);
    }

    void send(HttpExchange exchange, ObjectMapper mapper) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            bytes = mapper.writeValueAsBytes(body);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
