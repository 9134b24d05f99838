package io.sluice.destinations.stripe;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's documented metadata limits, checked before anything is sent: at most 50 keys, keys of at most 40
 * characters without square brackets, values of at most 500 characters. Stripe counts the keys a customer holds
 * after the update, which only Stripe knows; Sluice counts the keys it writes.
 */
final class MetadataLimits {

    static final int MAX_KEYS = 50;
    static final int MAX_KEY_LENGTH = 40;
    static final int MAX_VALUE_LENGTH = 500;

    /** @param code a Sluice error code, for the dead letter */
    record Violation(String code, String message) {
    }

    private MetadataLimits() {
    }

    static Optional<Violation> checkKeys(Collection<String> keys) {
        if (keys.size() > MAX_KEYS) {
            return Optional.of(new Violation("metadata_too_many_keys",
                    keys.size() + " metadata keys, but Stripe allows at most " + MAX_KEYS));
        }
        for (String key : keys) {
            if (key.length() > MAX_KEY_LENGTH) {
                return Optional.of(new Violation("metadata_key_too_long", "metadata key '" + key + "' has "
                        + key.length() + " characters, but Stripe allows at most " + MAX_KEY_LENGTH));
            }
            if (key.contains("[") || key.contains("]")) {
                return Optional.of(new Violation("metadata_key_invalid",
                        "metadata key '" + key + "' contains a square bracket, which Stripe does not allow"));
            }
        }
        return Optional.empty();
    }

    static Optional<Violation> check(Map<String, String> metadata) {
        Optional<Violation> keys = checkKeys(metadata.keySet());
        if (keys.isPresent()) {
            return keys;
        }
        return metadata.entrySet().stream()
                .filter(entry -> entry.getValue().length() > MAX_VALUE_LENGTH)
                .findFirst()
                .map(entry -> new Violation("metadata_value_too_long", "the value of metadata key '" + entry.getKey()
                        + "' has " + entry.getValue().length() + " characters, but Stripe allows at most "
                        + MAX_VALUE_LENGTH));
    }
}
