package io.sluice.sandbox.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.sluice.sandbox.http.IntercomSandbox.ReceivedRequest;
import io.sluice.sandbox.SandboxExchanges;

/**
 * Pages for people trying the demo, labelled so nobody mistakes them for Intercom. They need no token and
 * are not API traffic. Request headers are left out: they carry the access token.
 */
final class SandboxView implements HttpHandler {

    static final String PATH = "/sandbox";
    static final String BANNER = "Sluice local Intercom sandbox — not a real Intercom workspace";

    private final ContactStore store;
    private final ApiTraffic traffic;
    private final ObjectMapper mapper;

    SandboxView(ContactStore store, ApiTraffic traffic, ObjectMapper mapper) {
        this.store = store;
        this.traffic = traffic;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            SandboxExchanges.readText(exchange);
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            if (!"GET".equals(exchange.getRequestMethod())) {
                SandboxExchanges.send(exchange, 405, "text/plain; charset=utf-8", "The sandbox pages are read-only.");
            } else if (path.equals(PATH)) {
                SandboxExchanges.send(exchange, 200, "text/html; charset=utf-8", overview());
            } else if (path.equals(PATH + "/contacts")) {
                SandboxExchanges.send(exchange, 200, SandboxExchanges.JSON, mapper.writeValueAsString(store.all()));
            } else if (path.equals(PATH + "/requests")) {
                SandboxExchanges.send(exchange, 200, SandboxExchanges.JSON, mapper.writeValueAsString(requests()));
            } else {
                SandboxExchanges.send(exchange, 404, "text/plain; charset=utf-8", "Not found. Try " + PATH);
            }
        } finally {
            exchange.close();
        }
    }

    private List<Map<String, Object>> requests() {
        return traffic.received().stream().map(request -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("method", request.method());
            shown.put("path", request.path());
            shown.put("status", request.status());
            shown.put("body", request.body());
            return shown;
        }).toList();
    }

    private String overview() {
        List<ReceivedRequest> received = traffic.received();
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + BANNER + "</title></head><body>"
                + "<h1>" + BANNER + "</h1>"
                + "<p>An in-memory stand-in for Intercom's contacts API, used by Sluice's demo and tests through the "
                + "generic HTTP destination. Contacts written here live only as long as this process and never "
                + "reach Intercom.</p><ul>"
                + "<li><a href=\"" + PATH + "/contacts\">Contacts</a>: " + store.size() + "</li>"
                + "<li><a href=\"" + PATH + "/requests\">Requests received</a>: " + received.size() + "</li>"
                + "</ul></body></html>";
    }
}
