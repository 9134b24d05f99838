package io.sluice.destinations.stripe;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.sluice.sync.DestinationSettings;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination.Problem;
import io.sluice.sync.SyncMode;

/**
 * A sync sending Stripe Billing meter events ({@code object: meter_event}, {@code sync_mode: append}): every mapped
 * field but the record key goes into the event's payload under its field name, except {@code timestamp}, the time
 * of the usage. The record key's field is not sent: it makes the event's identifier. Read from the sync file's {@code stripe:} block:
 *
 * <pre>
 * stripe:
 *   event_name: api_calls              # the meter's event name
 *   customer_key: stripe_customer_id   # the meter's customer payload key (default)
 *   value_key: value                   # the meter's value payload key (default)
 * </pre>
 */
record MeterEventSettings(String eventName, String customerKey, String valueKey, String keyField)
        implements DestinationSettings {

    static final String OBJECT = "meter_event";
    static final String TIMESTAMP = "timestamp";

    static MeterEventSettings read(StripeSettings.Block block, SyncDefinition sync, List<Problem> problems) {
        String customerKey = block.customerKey() == null ? "stripe_customer_id" : block.customerKey();
        String valueKey = block.valueKey() == null ? "value" : block.valueKey();
        if (sync.mode() != SyncMode.APPEND) {
            problems.add(new Problem("sync_mode", "a meter event is usage, sent once and never updated: "
                    + "object meter_event needs sync_mode: append"));
        }
        if (block.eventName() == null) {
            problems.add(new Problem(StripeSettings.BLOCK + ".event_name",
                    "is missing: the event name of the meter the events count for"));
        }
        if (block.matchBy() != null || block.metadata() != null || block.customerFields() != null) {
            problems.add(new Problem(StripeSettings.BLOCK, "match_by, metadata and customer_fields write customers; "
                    + "a meter event has none of them"));
        }
        Set<String> payload = sync.mapping().stream().map(FieldMapping::field)
                .filter(field -> !field.equals(sync.keyMapping().field()) && !field.equals(TIMESTAMP))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String key : List.of(customerKey, valueKey)) {
            if (!payload.contains(key)) {
                problems.add(new Problem("mapping", "no column is mapped to the meter's payload key '" + key
                        + "' (the record key's field is not sent: it makes the event's identifier); mapped: "
                        + payload));
            }
        }
        return new MeterEventSettings(block.eventName(), customerKey, valueKey, sync.keyMapping().field());
    }
}
