package io.sluice.sandbox.salesforce;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: a 3-character key prefix naming the object, then 12 characters, then the 3-character
 * case-safe suffix that makes the 18-character form survive case-insensitive systems.
 */
final class SalesforceIds {

    private static final Pattern WELL_FORMED = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    static String newId(String keyPrefix, long sequence) {
        return to18(keyPrefix + String.format("%012d", sequence));
    }

    /** The 18-character form of a 15- or 18-character id, or empty when Salesforce would call it malformed. */
    static Optional<String> normalize(String id) {
        if (id == null || !WELL_FORMED.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(to18(id.substring(0, 15)));
    }

    static String to18(String id15) {
        StringBuilder id = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int upperCaseFlags = 0;
            for (int position = 0; position < 5; position++) {
                char c = id15.charAt(chunk * 5 + position);
                if (c >= 'A' && c <= 'Z') {
                    upperCaseFlags |= 1 << position;
                }
            }
            id.append(SUFFIX_ALPHABET.charAt(upperCaseFlags));
        }
        return id.toString();
    }
}
