package io.sluice.destinations.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destination;
import io.sluice.destinations.Memberships;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/**
 * HubSpot CRM through camel-http: batch upserts of any object type (contacts, companies, custom
 * objects) matched on a unique property, and batch archives for mirror mode; or, with a {@code list_id}, the
 * membership of a static list.
 */
@Component
class HubSpotDestination implements Destination {

    static final String NAME = "hubspot";

    /** Standard names ({@code contacts}), custom objects ({@code p_cars}, {@code p123_cars}) or ids ({@code 2-1234567}). */
    private static final Pattern OBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_]*|\\d+-\\d+");
    /** HubSpot addresses properties by internal name, always lower case. */
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Set<String> connections;
    /** Looked up when first needed: reading goes through Camel, whose routes need this destination first. */
    private final ObjectProvider<HubSpotCurrentValues> currentValues;

    @Autowired
    HubSpotDestination(HubSpotProperties properties, ObjectProvider<HubSpotCurrentValues> currentValues) {
        this(properties.connections().keySet(), currentValues);
    }

    /** @param connections the names of {@code sluice.hubspot.connections.<name>} */
    HubSpotDestination(Set<String> connections, ObjectProvider<HubSpotCurrentValues> currentValues) {
        this.connections = Set.copyOf(connections);
        this.currentValues = currentValues;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> connections() {
        return connections;
    }

    @Override
    public int batchSize(SyncDefinition sync) {
        return sync.settings(HubSpotSettings.class).batchSize();
    }

    /** One batch read per batch, by the idProperty. */
    @Override
    public Optional<String> ifEmptyRefusal(SyncDefinition sync) {
        return Optional.empty();
    }

    @Override
    public Map<String, Map<String, Object>> currentValues(DeliveryBatch batch, List<String> fields) {
        return currentValues.getObject().read(batch, fields);
    }

    @Override
    public String defaultObject() {
        return "contacts";
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        List<Problem> problems = new ArrayList<>();
        if (!OBJECT_TYPE.matcher(sync.object()).matches()) {
            problems.add(new Problem("object", "'" + sync.object() + "' is not a HubSpot object type; use contacts, "
                    + "companies, deals, tickets, a custom object's p_<name>, or an objectTypeId such as 2-1234567"));
        }
        for (FieldMapping field : sync.mapping()) {
            if (!PROPERTY_NAME.matcher(field.field()).matches()) {
                problems.add(new Problem("mapping." + field.column(), "'" + field.field() + "' is not a HubSpot "
                        + "property's internal name: lower-case letters, digits and underscores, such as email"));
            }
        }
        HubSpotSettings settings = block.as(HubSpotSettings.class);
        boolean idPropertyMapped = sync.mapping().stream().anyMatch(field -> field.field().equals(sync.externalIdField()));
        if (settings.keepsMembership()) {
            problems.addAll(Memberships.problems(sync, "hubspot.list_id"));
        } else if (!idPropertyMapped) {
            problems.add(new Problem("external_id_field", "'" + sync.externalIdField() + "' is not mapped: HubSpot "
                    + "matches each record on the value it sends for this property, so a column must map to it"));
        }
        return new Reading(settings, problems);
    }
}
