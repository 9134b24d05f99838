package io.sluice.sandbox.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Stripe's idempotency keys: the first answer given for a key is given again to every later request with that key
 * and the same parameters for 24 hours; the same key with other parameters is an {@code idempotency_error}; a key
 * whose first request is still running answers 409. A request refused before it ran (bad parameters) leaves no
 * answer behind and may be sent again.
 */
final class IdempotencyLedger {

    static final Duration RETENTION = Duration.ofHours(24);

    /** What the ledger knows of a key: nothing yet (the request may run), or an answer to replay. */
    record Lookup(Answer replay, StripeError refusal) {

        static final Lookup FIRST = new Lookup(null, null);

        boolean first() {
            return replay == null && refusal == null;
        }
    }

    private record Entry(String fingerprint, Answer answer, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    IdempotencyLedger(Clock clock) {
        this.clock = clock;
    }

    /** Claims the key for this request unless the ledger already has something to say about it. */
    synchronized Lookup claim(String key, String fingerprint) {
        entries.values().removeIf(entry -> entry.at().isBefore(clock.instant().minus(RETENTION)));
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(fingerprint, null, clock.instant()));
            return Lookup.FIRST;
        }
        if (!entry.fingerprint().equals(fingerprint)) {
            return new Lookup(null, StripeError.idempotencyMismatch(key));
        }
        if (entry.answer() == null) {
            return new Lookup(null, StripeError.idempotentRequestInFlight(key));
        }
        return new Lookup(entry.answer().asReplay(), null);
    }

    synchronized void remember(String key, Answer answer) {
        entries.computeIfPresent(key, (k, entry) -> new Entry(entry.fingerprint(), answer, entry.at()));
    }

    /** The claimed request never ran: the key is free again. */
    synchronized void release(String key) {
        entries.remove(key);
    }

    synchronized void clear() {
        entries.clear();
    }
}
