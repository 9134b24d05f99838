package io.sluice.destinations.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.DestinationSettings;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/**
 * Stripe through stripe-java: usage sent once as Billing meter events ({@link MeterEventSettings}), or warehouse
 * facts written onto existing customers — into their metadata and,
 * optionally, their own fields — one customer per call. Customers are never created or deleted; mirror mode clears
 * the metadata keys Sluice wrote.
 */
@Component
class StripeDestination implements Destination {

    static final String CUSTOMER = "customer";

    private final Set<String> connections;

    @Autowired
    StripeDestination(StripeProperties properties) {
        this(properties.connections().keySet());
    }

    /** @param connections the names of {@code sluice.stripe.connections.<name>} */
    StripeDestination(Set<String> connections) {
        this.connections = Set.copyOf(connections);
    }

    @Override
    public String name() {
        return StripeSettings.BLOCK;
    }

    @Override
    public Set<String> connections() {
        return connections;
    }

    /** Stripe updates one customer per request. */
    @Override
    public int batchSize(SyncDefinition sync) {
        return 1;
    }

    /** Refused rather than read record by record: the rule is one read per batch, never one per record. */
    @Override
    public Optional<String> ifEmptyRefusal(SyncDefinition sync) {
        return Optional.of("Stripe has no batch read: a customer is read by its id, one call per record, and Sluice "
                + "reads current values once per batch, never once per record");
    }

    @Override
    public String defaultObject() {
        return CUSTOMER;
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        List<Problem> problems = new ArrayList<>();
        StripeSettings.Block written = block.as(StripeSettings.Block.class);
        DestinationSettings settings;
        if (MeterEventSettings.OBJECT.equals(sync.object())) {
            settings = MeterEventSettings.read(written, sync, problems);
        } else {
            settings = StripeSettings.read(written, sync, problems);
            if (!CUSTOMER.equals(sync.object())) {
                problems.add(new Problem("object", "Stripe syncs write customers or meter events: leave object out, "
                        + "or write '" + CUSTOMER + "' or '" + MeterEventSettings.OBJECT + "'"));
            } else if (written.eventName() != null || written.customerKey() != null || written.valueKey() != null) {
                problems.add(new Problem(StripeSettings.BLOCK, "event_name, customer_key and value_key are for "
                        + "meter events: write object: " + MeterEventSettings.OBJECT));
            }
        }
        if (!sync.externalIdField().equals(sync.keyMapping().field())) {
            problems.add(new Problem("external_id_field", "Stripe finds customers as stripe.match_by says; "
                    + "leave external_id_field out"));
        }
        return new Reading(settings, problems);
    }
}
