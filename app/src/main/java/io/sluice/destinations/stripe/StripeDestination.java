package io.sluice.destinations.stripe;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/**
 * Stripe through stripe-java: warehouse facts written onto existing customers — into their metadata and,
 * optionally, their own fields — one customer per call. Customers are never created or deleted; mirror mode clears
 * the metadata keys Sluice wrote.
 */
@Component
class StripeDestination implements Destination {

    static final String CUSTOMER = "customer";

    @Override
    public String name() {
        return StripeSettings.BLOCK;
    }

    /** Stripe updates one customer per request. */
    @Override
    public int batchSize(SyncDefinition sync) {
        return 1;
    }

    @Override
    public String defaultObject() {
        return CUSTOMER;
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        List<Problem> problems = new ArrayList<>();
        StripeSettings settings = StripeSettings.read(block.as(StripeSettings.Block.class), sync, problems);
        if (!CUSTOMER.equals(sync.object())) {
            problems.add(new Problem("object", "Stripe syncs write customers: leave object out or write '"
                    + CUSTOMER + "'"));
        }
        if (!sync.externalIdField().equals(sync.keyMapping().field())) {
            problems.add(new Problem("external_id_field", "Stripe finds customers as stripe.match_by says; "
                    + "leave external_id_field out"));
        }
        return new Reading(settings, problems);
    }
}
