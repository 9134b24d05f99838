package io.sluice.sandbox.hubspot;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.Schema.ObjectType;
import io.sluice.sandbox.SandboxExchanges;

/**
 * A read-only view for people trying the demo, labelled so nobody mistakes it for a real account:
 * {@code GET /sandbox} lists the object types, {@code GET /sandbox/objects/{objectType}} shows the
 * records as JSON. It needs no token and does not count against the limits.
 */
final class SandboxPage implements HttpHandler {

    static final String PATH = "/sandbox";
    static final String BANNER = "Sluice local HubSpot sandbox — not a real HubSpot account";

    private final Schema schema;
    private final ObjectStore store;
    private final ObjectMapper mapper;
    private final long portalId;

    SandboxPage(Schema schema, ObjectStore store, ObjectMapper mapper, long portalId) {
        this.schema = schema;
        this.store = store;
        this.mapper = mapper;
        this.portalId = portalId;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            SandboxExchanges.readBody(exchange);
            Answer answer;
            try {
                answer = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            } catch (RuntimeException bug) {
                answer = Answer.text(500, "text/plain", "Sandbox failure: " + bug);
            }
            answer.send(exchange, mapper);
        } finally {
            exchange.close();
        }
    }

    private Answer answer(String method, String path) {
        List<String> segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
        if (!"GET".equals(method)) {
            return Answer.text(405, "text/plain", "The sandbox view is read-only: GET " + PATH);
        }
        if (segments.size() == 1 && segments.get(0).equals("sandbox")) {
            return Answer.text(200, "text/html", overview());
        }
        if (segments.size() == 3 && segments.get(1).equals("objects")) {
            Optional<ObjectType> type = schema.find(segments.get(2));
            return type.isPresent()
                    ? Answer.json(200, store.objects(type.get()).stream().map(CrmObject::asJson).toList())
                    : Answer.json(404, HubSpotErrors.unknownObjectType(segments.get(2)));
        }
        return Answer.text(404, "text/plain", "Not found. Try " + PATH);
    }

    private String overview() {
        StringBuilder html = new StringBuilder()
                .append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(BANNER)
                .append("</title></head><body><h1>").append(BANNER).append("</h1>")
                .append("<p>An in-memory stand-in for HubSpot's CRM API (portal ").append(portalId)
                .append("), used by Sluice's demo and tests. Records written here live only as long as this ")
                .append("process and never reach HubSpot.</p><ul>");
        for (ObjectType type : schema.types()) {
            int count = store.objects(type).size();
            html.append("<li><a href=\"").append(PATH).append("/objects/").append(type.objectTypeId()).append("\">")
                    .append(type.name()).append("</a> (").append(type.objectTypeId()).append("): ").append(count)
                    .append(count == 1 ? " record" : " records").append("</li>");
        }
        return html.append("</ul></body></html>").toString();
    }
}
