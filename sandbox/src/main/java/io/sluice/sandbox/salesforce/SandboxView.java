package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;
import io.sluice.sandbox.SandboxExchanges;

/**
 * A view for people trying the demo, labelled so nobody mistakes it for a real org. It needs no token and does
 * not count as API traffic. Besides reading records, it lets a demo user change what the org requires — the
 * "fix on the Salesforce side" that makes a dead letter's replay succeed.
 */
final class SandboxView implements HttpHandler {

    static final String PATH = "/sandbox";
    static final String BANNER = "Sluice local Salesforce sandbox — not a real Salesforce org";

    private final RecordStore store;
    private final ObjectMapper mapper;
    private final BiConsumer<String, String[]> requireFields;

    SandboxView(RecordStore store, ObjectMapper mapper, BiConsumer<String, String[]> requireFields) {
        this.store = store;
        this.mapper = mapper;
        this.requireFields = requireFields;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = SandboxExchanges.readBody(exchange);
            List<String> segments = SandboxExchanges.pathSegments(exchange.getRequestURI().getRawPath());
            if (!segments.get(0).equals("sandbox")) {
                sendText(exchange, 404, "Not found. Try " + PATH);
            } else if (segments.size() == 4 && segments.get(3).equals("required-fields")
                    && "PUT".equals(exchange.getRequestMethod())) {
                changeRequiredFields(exchange, segments.get(2), body);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                sendText(exchange, 405, "Only required fields can be changed: PUT " + PATH
                        + "/objects/{Object}/required-fields with a JSON array of field names.");
            } else if (segments.size() == 1) {
                SandboxExchanges.send(exchange, 200, "text/html;charset=UTF-8", overview().getBytes(StandardCharsets.UTF_8));
            } else if (segments.size() == 3 && segments.get(1).equals("objects")) {
                Optional<SObjectType> type = SObjectSchema.find(segments.get(2));
                if (type.isPresent()) {
                    SandboxExchanges.sendJson(exchange, 200, mapper, store.records(type.get()));
                } else {
                    SandboxExchanges.sendJson(exchange, 404, mapper, List.of(SalesforceError.notFound().asRequestError()));
                }
            } else {
                sendText(exchange, 404, "Not found. Try " + PATH);
            }
        } finally {
            exchange.close();
        }
    }

    private void changeRequiredFields(HttpExchange exchange, String object, byte[] body) throws IOException {
        String[] fields;
        try {
            fields = mapper.readValue(body, String[].class);
            requireFields.accept(object, fields);
        } catch (IOException | IllegalArgumentException e) {
            sendText(exchange, 400, "Send a JSON array of field names of a known object: " + e.getMessage());
            return;
        }
        sendText(exchange, 200, object + " now requires " + List.of(fields));
    }

    private String overview() {
        StringBuilder html = new StringBuilder()
                .append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(BANNER)
                .append("</title></head><body><h1>").append(BANNER).append("</h1>")
                .append("<p>An in-memory stand-in for the Salesforce REST API, used by Sluice's demo and tests. ")
                .append("Records written here live only as long as this process and never reach Salesforce.</p><ul>");
        for (String name : SObjectSchema.knownNames()) {
            int count = store.records(SObjectSchema.require(name)).size();
            html.append("<li><a href=\"").append(PATH).append("/objects/").append(name).append("\">").append(name)
                    .append("</a>: ").append(count).append(count == 1 ? " record" : " records").append("</li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        SandboxExchanges.send(exchange, status, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
