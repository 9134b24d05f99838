package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * The records of each object, and the one change a demo user can make: what an object requires, the "fix on
 * the Salesforce side" that makes a dead letter's replay succeed.
 */
final class SalesforceView extends SandboxView {

    static final String BANNER = "Sluice local Salesforce sandbox — not a real Salesforce org";

    private final RecordStore store;
    private final BiConsumer<String, String[]> requireFields;

    SalesforceView(RecordStore store, ObjectMapper mapper, BiConsumer<String, String[]> requireFields) {
        super(BANNER, "Only required fields can be changed: PUT " + PATH
                + "/objects/{Object}/required-fields with a JSON array of field names.", mapper);
        this.store = store;
        this.requireFields = requireFields;
    }

    @Override
    protected String overview() {
        return "<p>An in-memory stand-in for the Salesforce REST API, used by Sluice's demo and tests. Records "
                + "written here live only as long as this process and never reach Salesforce.</p>"
                + list(SObjectSchema.knownNames().stream().map(name -> link("objects/" + name, name) + ": "
                        + count(store.records(SObjectSchema.require(name)).size(), "record")).toList());
    }

    @Override
    protected Reply answer(String method, List<String> page, Map<String, String> query, byte[] body)
            throws IOException {
        if (page.size() < 2 || !page.get(0).equals("objects")) {
            return null;
        }
        String object = page.get(1);
        if (method.equals("PUT") && page.size() == 3 && page.get(2).equals("required-fields")) {
            return changeRequiredFields(object, body);
        }
        if (!method.equals("GET") || page.size() != 2) {
            return null;
        }
        Optional<SObjectType> type = SObjectSchema.find(object);
        return type.isPresent()
                ? json(200, store.records(type.get()))
                : json(404, List.of(SalesforceError.notFound().asRequestError()));
    }

    private Reply changeRequiredFields(String object, byte[] body) {
        String[] fields;
        try {
            fields = mapper().readValue(body, String[].class);
            requireFields.accept(object, fields);
        } catch (IOException | IllegalArgumentException e) {
            return Reply.text(400, "Send a JSON array of field names of a known object: " + e.getMessage());
        }
        return Reply.text(200, object + " now requires " + List.of(fields));
    }
}
