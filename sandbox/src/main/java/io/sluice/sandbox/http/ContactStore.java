package io.sluice.sandbox.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace's contacts, in creation order. Like Intercom it keeps e-mail addresses (ignoring case)
 * and external ids unique, and answers with the whole contact object after every write.
 */
final class ContactStore {

    static final String WORKSPACE_ID = "sandbox0";

    private final Clock clock;
    private final Map<String, Map<String, Object>> contacts = new LinkedHashMap<>();
    private long sequence;

    ContactStore(Clock clock) {
        this.clock = clock;
    }

    synchronized Map<String, Object> create(Map<String, Object> fields) {
        String role = (String) fields.getOrDefault("role", "user");
        if (role == null) {
            role = "user";
        }
        if (role.equals("user") && fields.get("email") == null && fields.get("external_id") == null) {
            throw ApiError.badRequest("parameter_not_found", "A user requires an email or an external_id");
        }
        requireUnique(null, fields);
        long now = clock.instant().getEpochSecond();
        String id = String.format("65%022x", ++sequence);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("type", "contact");
        contact.put("id", id);
        contact.put("workspace_id", WORKSPACE_ID);
        contact.put("external_id", null);
        contact.put("role", role);
        contact.put("email", null);
        contact.put("phone", null);
        contact.put("name", null);
        contact.put("avatar", null);
        contact.put("owner_id", null);
        contact.put("has_hard_bounced", false);
        contact.put("marked_email_as_spam", false);
        contact.put("unsubscribed_from_emails", false);
        contact.put("created_at", now);
        contact.put("updated_at", now);
        contact.put("signed_up_at", null);
        contact.put("last_seen_at", null);
        contact.put("custom_attributes", new LinkedHashMap<String, Object>());
        apply(contact, fields);
        contact.put("role", role);
        contacts.put(id, contact);
        return copy(contact);
    }

    synchronized Map<String, Object> update(String id, Map<String, Object> fields) {
        Map<String, Object> contact = require(id);
        if ("lead".equals(fields.get("role")) && "user".equals(contact.get("role"))) {
            throw ApiError.badRequest("client_error", "Contact with user role can't be converted to a lead");
        }
        requireUnique(id, fields);
        apply(contact, fields);
        contact.put("updated_at", clock.instant().getEpochSecond());
        return copy(contact);
    }

    synchronized Map<String, Object> delete(String id) {
        Map<String, Object> contact = require(id);
        contacts.remove(id);
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("id", id);
        deleted.put("external_id", contact.get("external_id"));
        deleted.put("type", "contact");
        deleted.put("deleted", true);
        return deleted;
    }

    synchronized Optional<Map<String, Object>> find(String id) {
        return Optional.ofNullable(contacts.get(id)).map(ContactStore::copy);
    }

    synchronized Optional<Map<String, Object>> findBy(String attribute, String value) {
        return contacts.values().stream().filter(contact -> matches(attribute, contact.get(attribute), value))
                .findFirst().map(ContactStore::copy);
    }

    synchronized List<Map<String, Object>> all() {
        List<Map<String, Object>> all = new ArrayList<>(contacts.size());
        contacts.values().forEach(contact -> all.add(copy(contact)));
        return all;
    }

    synchronized int size() {
        return contacts.size();
    }

    synchronized void clear() {
        contacts.clear();
    }

    private Map<String, Object> require(String id) {
        Map<String, Object> contact = contacts.get(id);
        if (contact == null) {
            throw ApiError.notFound("Contact Not Found");
        }
        return contact;
    }

    private void requireUnique(String id, Map<String, Object> fields) {
        for (String attribute : List.of("external_id", "email")) {
            Object value = fields.get(attribute);
            if (value == null) {
                continue;
            }
            contacts.values().stream()
                    .filter(other -> !other.get("id").equals(id))
                    .filter(other -> matches(attribute, other.get(attribute), value.toString()))
                    .findFirst()
                    .ifPresent(other -> {
                        throw ApiError.conflict(other.get("id").toString());
                    });
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> contact, Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            if (name.equals("custom_attributes")) {
                if (value != null) {
                    ((Map<String, Object>) contact.get("custom_attributes")).putAll((Map<String, Object>) value);
                }
            } else {
                contact.put(name, value);
            }
        });
    }

    /** E-mail addresses match whatever their letter case; external ids exactly. */
    private static boolean matches(String attribute, Object stored, String value) {
        if (stored == null) {
            return false;
        }
        return attribute.equals("email")
                ? stored.toString().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))
                : Objects.equals(stored.toString(), value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> contact) {
        Map<String, Object> copy = new LinkedHashMap<>(contact);
        copy.put("custom_attributes", new LinkedHashMap<>((Map<String, Object>) contact.get("custom_attributes")));
        return copy;
    }
}
