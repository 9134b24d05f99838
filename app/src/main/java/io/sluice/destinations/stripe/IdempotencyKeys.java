package io.sluice.destinations.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;

/**
 * Idempotency keys derived from what a write is — sync, operation, record key, customer, content hash and the
 * exact parameters — so a write sent again after a timeout or a crash, or replayed from a dead letter, carries the
 * key it had and Stripe applies it once. Hashed: record keys may be e-mail addresses, which Stripe asks to keep out
 * of keys.
 */
final class IdempotencyKeys {

    private static final String PREFIX = "sluice-";

    private IdempotencyKeys() {
    }

    static String of(String sync, DeliveryBatch.Operation operation, OutboundRecord record, String customerId,
                     CustomerChange change) {
        return PREFIX + sha256(String.join("\n", sync, operation.name(), record.key(), customerId,
                String.valueOf(record.contentHash()), change.fingerprint()));
    }

    /**
     * The key for writing again after Stripe answered {@code key} with a remembered answer that no longer holds —
     * given by request {@code originalRequest}. Derived from that request, so a repeat of this rewrite carries the
     * same key too.
     */
    static String after(String key, String originalRequest) {
        return PREFIX + sha256(key + "\n" + originalRequest);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
