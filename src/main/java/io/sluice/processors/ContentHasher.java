package io.sluice.processors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * SHA-256 of a payload in a canonical form (fields sorted), so reordering a mapping does not make
 * every record look changed.
 */
public final class ContentHasher {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ContentHasher() {
    }

    public static String hash(Map<String, Object> payload) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(new TreeMap<>(payload));
            return HexFormat.of().formatHex(sha256().digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload cannot be serialised", e);
        }
    }

    /** 64 bits of the key's SHA-256: enough to tell a million keys apart with no realistic collision. */
    public static long keyFingerprint(String key) {
        byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        long fingerprint = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            fingerprint = (fingerprint << 8) | (digest[i] & 0xff);
        }
        return fingerprint;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
