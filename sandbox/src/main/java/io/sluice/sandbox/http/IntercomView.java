package io.sluice.sandbox.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.http.IntercomSandbox.ReceivedRequest;

/** The contacts and the requests received; request headers are left out, as they carry the access token. */
final class IntercomView extends SandboxView {

    static final String BANNER = "Sluice local Intercom sandbox — not a real Intercom workspace";

    private final ContactStore store;
    private final TrafficLog<ReceivedRequest> traffic;

    IntercomView(ContactStore store, TrafficLog<ReceivedRequest> traffic, ObjectMapper mapper) {
        super(BANNER, READ_ONLY, mapper);
        this.store = store;
        this.traffic = traffic;
    }

    @Override
    protected String overview() {
        return "<p>An in-memory stand-in for Intercom's contacts API, used by Sluice's demo and tests through the "
                + "generic HTTP destination. Contacts written here live only as long as this process and never "
                + "reach Intercom.</p>"
                + list(List.of(link("contacts", "Contacts") + ": " + store.size(),
                        link("requests", "Requests received") + ": " + traffic.all().size()));
    }

    @Override
    protected Reply answer(String method, List<String> page, Map<String, String> query, byte[] body)
            throws IOException {
        if (!method.equals("GET") || page.size() != 1) {
            return null;
        }
        return switch (page.get(0)) {
            case "contacts" -> json(200, store.all());
            case "requests" -> json(200, traffic.all().stream().map(IntercomView::withoutHeaders).toList());
            default -> null;
        };
    }

    private static Map<String, Object> withoutHeaders(ReceivedRequest request) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("method", request.method());
        shown.put("path", request.path());
        shown.put("status", request.status());
        shown.put("body", request.body());
        return shown;
    }
}
