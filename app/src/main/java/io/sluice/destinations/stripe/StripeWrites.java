package io.sluice.destinations.stripe;

import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;

/**
 * Route steps: a batch becomes one {@link CustomerWrite} per record (the message body), advanced one Stripe
 * request at a time, and finally one outcome per record in batch order.
 */
@Component
class StripeWrites {

    @FunctionalInterface
    private interface Start {
        CustomerWrite start(String sync, OutboundRecord record, StripeSettings settings);
    }

    private final StripeAccounts accounts;

    StripeWrites(StripeAccounts accounts) {
        this.accounts = accounts;
    }

    void planUpserts(Exchange exchange) {
        plan(exchange, CustomerWrite::upsert);
    }

    void planClears(Exchange exchange) {
        plan(exchange, CustomerWrite::clear);
    }

    boolean pending(Exchange exchange) {
        return writes(exchange).stream().anyMatch(write -> !write.done());
    }

    /** Where the batch's requests go: its account's throttled request route. */
    String requestEndpoint(Exchange exchange) {
        return account(exchange).requestEndpoint();
    }

    void advance(Exchange exchange) {
        writes(exchange).stream().filter(write -> !write.done()).findFirst().orElseThrow()
                .advance(account(exchange).api());
    }

    private StripeAccounts.Account account(Exchange exchange) {
        return accounts.of(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync());
    }

    void answer(Exchange exchange) {
        List<RecordOutcome> outcomes = writes(exchange).stream().map(StripeWrite::outcome).toList();
        exchange.getMessage().setBody(outcomes);
    }

    private static void plan(Exchange exchange, Start start) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        if (batch.sync().settings() instanceof MeterEventSettings events) {
            // a meter event is only ever created: upserts are events, and append syncs delete nothing
            exchange.getMessage().setBody(batch.records().stream()
                    .map(record -> (StripeWrite) new MeterEventWrite(batch.sync().name(), record, events))
                    .toList());
            return;
        }
        StripeSettings settings = batch.sync().settings(StripeSettings.class);
        exchange.getMessage().setBody(batch.records().stream()
                .map(record -> (StripeWrite) start.start(batch.sync().name(), record, settings))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private static List<StripeWrite> writes(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }
}
