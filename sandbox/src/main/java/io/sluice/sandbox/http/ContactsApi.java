package io.sluice.sandbox.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The contact resources: create, update, fetch, list and delete, answering with Intercom's objects. */
final class ContactsApi {

    private final ContactStore store;
    private final ObjectMapper mapper;

    ContactsApi(ContactStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** @param segments the path below the API root, e.g. {@code [contacts, 65...01]} */
    Object answer(String method, List<String> segments, String body) {
        if (segments.isEmpty() || !segments.get(0).equals("contacts") || segments.size() > 2) {
            throw ApiError.notFound("Resource Not Found");
        }
        if (segments.size() == 1) {
            return switch (method) {
                case "POST" -> store.create(ContactFields.read(json(body)));
                case "GET" -> list();
                default -> throw ApiError.notFound("Resource Not Found");
            };
        }
        String id = segments.get(1);
        return switch (method) {
            case "PUT" -> store.update(id, ContactFields.read(json(body)));
            case "GET" -> store.find(id).orElseThrow(() -> ApiError.notFound("Contact Not Found"));
            case "DELETE" -> store.delete(id);
            default -> throw ApiError.notFound("Resource Not Found");
        };
    }

    private Map<String, Object> list() {
        List<Map<String, Object>> contacts = store.all();
        return Map.of("type", "list", "data", contacts, "total_count", contacts.size());
    }

    private JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("parameter_invalid", "The request body is not valid JSON");
        }
    }
}
