package io.sluice.destinations.stripe;

import io.sluice.destinations.RecordOutcome;

/** One record's way into Stripe, one request per {@link #advance} call, until it has its outcome. */
abstract class StripeWrite {

    private RecordOutcome outcome;

    /** Makes the next request. Failures of the whole call are thrown; the record's own end up in its outcome. */
    abstract void advance(StripeApi api);

    final boolean done() {
        return outcome != null;
    }

    final RecordOutcome outcome() {
        return outcome;
    }

    final void finish(RecordOutcome result) {
        outcome = result;
    }
}
