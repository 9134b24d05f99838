package io.sluice.sandbox.hubspot;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.Schema.Kind;
import io.sluice.sandbox.hubspot.Schema.ObjectType;
import io.sluice.sandbox.hubspot.Schema.PropertyDefinition;

/** The account's records, per object type, in creation order. Values are kept as text, as HubSpot keeps them. */
final class ObjectStore {

    /** What one upsert did. */
    record Upserted(CrmObject object, boolean created) {
    }

    private static final class Stored {
        final String id;
        final Map<String, String> properties = new LinkedHashMap<>();
        final Instant createdAt;
        Instant updatedAt;

        Stored(String id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        CrmObject snapshot() {
            return new CrmObject(id, Collections.unmodifiableMap(new LinkedHashMap<>(properties)), createdAt, updatedAt);
        }
    }

    /** HubSpot record ids are numbers, unique across object types. */
    private long nextId = 51;
    private final Map<String, Map<String, Stored>> byType = new HashMap<>();

    /**
     * Creates the record whose unique property {@code idProperty} holds {@code id}, or updates the one
     * that does. An empty value clears a property.
     */
    synchronized Upserted upsert(ObjectType type, PropertyDefinition idProperty, String id,
                                 Map<String, String> properties, Instant now) {
        Map<String, Stored> records = records(type);
        String key = normalize(idProperty, id);
        Optional<Stored> existing = records.values().stream()
                .filter(record -> key.equals(record.properties.get(idProperty.name())))
                .findFirst();
        Stored record = existing.orElseGet(() -> {
            Stored created = new Stored(String.valueOf(nextId++), now);
            records.put(created.id, created);
            created.properties.put("hs_object_id", created.id);
            created.properties.put("createdate", now.toString());
            return created;
        });
        properties.forEach((name, value) -> {
            if (value.isEmpty()) {
                record.properties.remove(name);
            } else {
                record.properties.put(name, normalize(type.property(name).orElseThrow(), value));
            }
        });
        record.properties.put(idProperty.name(), key);
        record.properties.put(type.modifiedProperty(), now.toString());
        record.updatedAt = now;
        return new Upserted(record.snapshot(), existing.isEmpty());
    }

    /** Ids the account does not hold are ignored, as HubSpot ignores them. */
    synchronized void archive(ObjectType type, Collection<String> ids) {
        records(type).keySet().removeAll(ids);
    }

    synchronized List<CrmObject> objects(ObjectType type) {
        return records(type).values().stream().map(Stored::snapshot).toList();
    }

    synchronized Optional<CrmObject> find(ObjectType type, PropertyDefinition property, String value) {
        String wanted = normalize(property, value);
        return records(type).values().stream()
                .filter(record -> wanted.equals(record.properties.get(property.name())))
                .findFirst()
                .map(Stored::snapshot);
    }

    /** The record of that type with that HubSpot id; archived ones are gone. */
    synchronized Optional<CrmObject> get(ObjectType type, String id) {
        return Optional.ofNullable(records(type).get(id)).map(Stored::snapshot);
    }

    synchronized void clear() {
        byType.clear();
    }

    private Map<String, Stored> records(ObjectType type) {
        return byType.computeIfAbsent(type.objectTypeId(), id -> new LinkedHashMap<>());
    }

    /** HubSpot keeps e-mail addresses trimmed and in lower case, so they match whatever case is sent. */
    private static String normalize(PropertyDefinition property, String value) {
        return property.kind() == Kind.EMAIL ? value.trim().toLowerCase(Locale.ROOT) : value;
    }
}
