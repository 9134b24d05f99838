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
    /** Per type, records by the value of each unique property: HubSpot finds them by index, not by a scan. */
    private final Map<String, Map<String, Stored>> byUniqueValue = new HashMap<>();

    /**
     * Creates the record whose unique property {@code idProperty} holds {@code id}, or updates the one
     * that does. An empty value clears a property.
     */
    synchronized Upserted upsert(ObjectType type, PropertyDefinition idProperty, String id,
                                 Map<String, String> properties, Instant now) {
        Map<String, Stored> records = records(type);
        String key = normalize(idProperty, id);
        Optional<Stored> existing = lookup(type, idProperty, key);
        Stored record = existing.orElseGet(() -> {
            Stored created = new Stored(String.valueOf(nextId++), now);
            records.put(created.id, created);
            set(type, created, "hs_object_id", created.id);
            set(type, created, "createdate", now.toString());
            return created;
        });
        properties.forEach((name, value) ->
                set(type, record, name, value.isEmpty() ? null : normalize(type.property(name).orElseThrow(), value)));
        set(type, record, idProperty.name(), key);
        set(type, record, type.modifiedProperty(), now.toString());
        record.updatedAt = now;
        return new Upserted(record.snapshot(), existing.isEmpty());
    }

    /** Ids the account does not hold are ignored, as HubSpot ignores them. */
    synchronized void archive(ObjectType type, Collection<String> ids) {
        for (String id : ids) {
            Stored removed = records(type).remove(id);
            if (removed != null) {
                List.copyOf(removed.properties.keySet()).forEach(name -> set(type, removed, name, null));
            }
        }
    }

    synchronized List<CrmObject> objects(ObjectType type) {
        return records(type).values().stream().map(Stored::snapshot).toList();
    }

    synchronized Optional<CrmObject> find(ObjectType type, PropertyDefinition property, String value) {
        return lookup(type, property, normalize(property, value)).map(Stored::snapshot);
    }

    /** The record of that type with that HubSpot id; archived ones are gone. */
    synchronized Optional<CrmObject> get(ObjectType type, String id) {
        return Optional.ofNullable(records(type).get(id)).map(Stored::snapshot);
    }

    synchronized void clear() {
        byType.clear();
        byUniqueValue.clear();
    }

    private Map<String, Stored> records(ObjectType type) {
        return byType.computeIfAbsent(type.objectTypeId(), id -> new LinkedHashMap<>());
    }

    /** The record whose {@code property} holds the (normalised) {@code value}; the first created, if not unique. */
    private Optional<Stored> lookup(ObjectType type, PropertyDefinition property, String value) {
        if (property.unique()) {
            return Optional.ofNullable(uniqueValues(type).get(indexKey(property.name(), value)));
        }
        return records(type).values().stream()
                .filter(record -> value.equals(record.properties.get(property.name())))
                .findFirst();
    }

    /** Sets a property of a record, or removes it for {@code null}, keeping the unique-value index in step. */
    private void set(ObjectType type, Stored record, String name, String value) {
        String before = value == null ? record.properties.remove(name) : record.properties.put(name, value);
        if (type.property(name).map(PropertyDefinition::unique).orElse(false)) {
            Map<String, Stored> index = uniqueValues(type);
            if (before != null) {
                index.remove(indexKey(name, before), record);
            }
            if (value != null) {
                index.put(indexKey(name, value), record);
            }
        }
    }

    private Map<String, Stored> uniqueValues(ObjectType type) {
        return byUniqueValue.computeIfAbsent(type.objectTypeId(), id -> new HashMap<>());
    }

    private static String indexKey(String property, String value) {
        return property + '\n' + value;
    }

    /** HubSpot keeps e-mail addresses trimmed and in lower case, so they match whatever case is sent. */
    private static String normalize(PropertyDefinition property, String value) {
        return property.kind() == Kind.EMAIL ? value.trim().toLowerCase(Locale.ROOT) : value;
    }
}
