package io.sluice.destinations.stripe;

import java.util.List;
import java.util.stream.Collectors;

import com.stripe.model.Customer;

import io.sluice.destinations.DeliveryBatch.Operation;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.destinations.stripe.StripeSettings.MatchBy;

/**
 * One record on its way onto a customer, one Stripe request per {@link #advance} call: find the customer by
 * e-mail if need be, write, and — when Stripe answers with what it remembered for the idempotency key — make sure
 * the write still holds before calling it done.
 *
 * <p>A remembered success is checked because the same content can come back: a plan that went pro → enterprise →
 * pro within Stripe's 24 hours of key retention carries the key of the first write, and Stripe would replay that
 * answer without applying anything. A remembered failure (say, no such customer, since created) says nothing about
 * now either. In both cases the record is written again under a key derived from the remembered request — itself
 * remembered if that write was made before, which leads one step further, up to {@link #MAX_WRITES}.
 */
final class CustomerWrite extends StripeWrite {

    /** Writes per record and delivery attempt: each failed attempt within a day adds one remembered answer. */
    static final int MAX_WRITES = 4;

    private enum Step { FIND_BY_EMAIL, WRITE, CHECK_REPLAYED_WRITE }

    private final String sync;
    private final Operation operation;
    private final OutboundRecord record;
    private final CustomerChange change;
    private Step step;
    private String customerId;
    private String idempotencyKey;
    private String replayedFrom;
    private int writes;

    private CustomerWrite(String sync, Operation operation, OutboundRecord record, CustomerChange change) {
        this.sync = sync;
        this.operation = operation;
        this.record = record;
        this.change = change;
    }

    static CustomerWrite upsert(String sync, OutboundRecord record, StripeSettings settings) {
        CustomerWrite write = new CustomerWrite(sync, Operation.UPSERT, record,
                CustomerChange.upsert(record, settings));
        MetadataLimits.check(write.change.metadata()).ifPresentOrElse(
                violation -> write.finish(RecordOutcome.rejected(violation.code(),
                        violation.message() + "; nothing was sent")),
                () -> write.findCustomer(settings.matchBy()));
        return write;
    }

    /** Mirror mode: clears the sync's metadata keys on the customer the record was delivered to. */
    static CustomerWrite clear(String sync, OutboundRecord record, StripeSettings settings) {
        CustomerWrite write = new CustomerWrite(sync, Operation.DELETE, record, CustomerChange.clear(settings));
        if (record.destinationId() != null) {
            write.writeTo(record.destinationId());
        } else {
            write.findCustomer(settings.matchBy());
        }
        return write;
    }

    @Override
    void advance(StripeApi api) {
        try {
            switch (step) {
                case FIND_BY_EMAIL -> matchEmail(api.customersWithEmail(record.key()));
                case WRITE -> {
                    writes++;
                    written(api.update(customerId, change, idempotencyKey));
                }
                case CHECK_REPLAYED_WRITE -> checkReplayedWrite(api.retrieve(customerId));
            }
        } catch (StripeRefusal refusal) {
            refused(refusal);
        }
    }

    private void findCustomer(MatchBy matchBy) {
        if (matchBy == MatchBy.EMAIL) {
            step = Step.FIND_BY_EMAIL;
        } else {
            writeTo(record.key());
        }
    }

    private void writeTo(String customer) {
        customerId = customer;
        idempotencyKey = IdempotencyKeys.of(sync, operation, record, customer, change);
        step = Step.WRITE;
    }

    private void matchEmail(List<Customer> customers) {
        if (customers.size() == 1) {
            writeTo(customers.get(0).getId());
        } else if (customers.isEmpty()) {
            finish(RecordOutcome.rejected("customer_not_found", "No Stripe customer has the e-mail address '"
                    + record.key() + "' (matched exactly, letter case included); nothing was sent"));
        } else {
            finish(RecordOutcome.rejected("ambiguous_customer", "Several Stripe customers have the e-mail address '"
                    + record.key() + "': " + customers.stream().map(Customer::getId).collect(Collectors.joining(", "))
                    + "; Sluice does not guess which one to write, nothing was sent"));
        }
    }

    private void written(StripeApi.Written written) {
        if (written.replayed()) {
            replayedFrom = written.replayedFrom();
            step = Step.CHECK_REPLAYED_WRITE;
        } else {
            accept();
        }
    }

    private void checkReplayedWrite(Customer customer) {
        if (change.heldBy(customer)) {
            accept();
        } else if (writes < MAX_WRITES) {
            rekey();
        } else {
            finish(RecordOutcome.rejected("stale_idempotent_replay", "Stripe answered " + writes + " writes with "
                    + "answers it remembered from earlier requests, and customer " + customerId + " does not hold "
                    + "what this record writes; Stripe forgets idempotency keys after 24 hours"));
        }
    }

    private void refused(StripeRefusal refusal) {
        if (operation == Operation.DELETE && refusal.resourceMissing()) {
            // the customer is gone, and with it the metadata there was to clear
            accept();
        } else if (step == Step.WRITE && refusal.replayedFrom().isPresent() && writes < MAX_WRITES) {
            replayedFrom = refusal.replayedFrom().get();
            rekey();
        } else {
            finish(refusal.outcome());
        }
    }

    private void rekey() {
        idempotencyKey = IdempotencyKeys.after(idempotencyKey, replayedFrom);
        step = Step.WRITE;
    }

    private void accept() {
        finish(RecordOutcome.accepted(customerId, false));
    }
}
