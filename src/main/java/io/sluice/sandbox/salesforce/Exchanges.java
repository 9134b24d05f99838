package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Small helpers over the JDK server's exchange. */
final class Exchanges {

    static final String JSON = "application/json;charset=UTF-8";

    private Exchanges() {
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            return body.readAllBytes();
        }
    }

    static void sendJson(HttpExchange exchange, int status, ObjectMapper mapper, Object body) throws IOException {
        send(exchange, status, JSON, mapper.writeValueAsBytes(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (body.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Parses {@code application/x-www-form-urlencoded} text, which is also the syntax of a query string. */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.putIfAbsent(decodeFormPart(name), decodeFormPart(value));
        }
        return fields;
    }

    /** Splits a raw path into decoded segments; a '+' in a path is a literal plus, unlike in a form. */
    static List<String> pathSegments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> decodeFormPart(segment.replace("+", "%2B")))
                .toList();
    }

    private static String decodeFormPart(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
