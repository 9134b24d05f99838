package io.sluice.destinations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency identifier of an event ({@code sync_mode: append}): derived from the sync and the record key
 * alone, so the event carries the same identifier however often it is sent — again after a crash, by a retry, or
 * replayed from a dead letter — and the destination records it once. Hashed: record keys may be e-mail addresses.
 */
public final class EventIdentifiers {

    private static final String PREFIX = "sluice-";

    private EventIdentifiers() {
    }

    /** {@code sluice-} and 64 hex digits: within Stripe's 100 characters and any header. */
    public static String of(String sync, String recordKey) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((sync + "\n" + recordKey).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
