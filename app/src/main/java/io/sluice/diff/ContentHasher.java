package io.sluice.diff;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Hashes that run once per row, so they are written for speed: a content hash (SHA-256 of a
 * canonical, field-sorted form, so reordering a mapping does not make every record look changed)
 * and a 64-bit key fingerprint.
 */
public final class ContentHasher {

    /** Getting a digest from the provider registry costs as much as using it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ContentHasher::sha256);
    private static final ThreadLocal<CanonicalForm> CANONICAL = ThreadLocal.withInitial(CanonicalForm::new);
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private ContentHasher() {
    }

    public static String hash(Map<String, Object> payload) {
        return hex(digest(payload));
    }

    static byte[] digest(Map<String, Object> payload) {
        String[] fields = payload.keySet().toArray(new String[0]);
        return digest(fields, nameOrder(fields), payload.values().toArray());
    }

    /** The positions of fields sorted by name. */
    static int[] nameOrder(String[] fields) {
        Integer[] order = new Integer[fields.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> fields[a].compareTo(fields[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The content hash as the digest's 32 bytes. The diff compares these with the stored hex text
     * ({@link #matches}), so an unchanged row never becomes a hex string.
     */
    static byte[] digest(String[] fields, int[] order, Object[] values) {
        CanonicalForm canonical = CANONICAL.get();
        canonical.clear();
        for (int i : order) {
            canonical.text(fields[i]).ascii('\u0000');
            appendValue(canonical, values[i]);
            canonical.ascii('\u0001');
        }
        return canonical.digest(SHA_256.get());
    }

    static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** Whether a digest is the one a stored (lower-case hex) content hash stands for. */
    static boolean matches(byte[] digest, String hex) {
        if (hex == null || hex.length() != digest.length * 2) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            int b = digest[i] & 0xFF;
            if (hex.charAt(2 * i) != HEX_DIGITS[b >>> 4] || hex.charAt(2 * i + 1) != HEX_DIGITS[b & 0xF]) {
                return false;
            }
        }
        return true;
    }

    /** Each value tagged with its kind: the text "12" and the number 12 are different content. */
    private static void appendValue(CanonicalForm canonical, Object value) {
        if (value == null) {
            canonical.ascii('n');
        } else if (value instanceof String text) {
            canonical.ascii('s').number(text.length()).ascii(':').text(text);
        } else if (value instanceof BigDecimal decimal) {
            canonical.ascii('d').text(decimal.toPlainString());
        } else if (value instanceof Long number) {
            canonical.ascii('l').number(number);
        } else if (value instanceof Number number) {
            canonical.ascii(value instanceof Double || value instanceof Float ? 'f' : 'l').text(number.toString());
        } else if (value instanceof Boolean flag) {
            canonical.ascii('b').text(flag.toString());
        } else if (value instanceof List<?> list) {
            canonical.ascii('[').number(list.size()).ascii(':');
            list.forEach(element -> appendValue(canonical, element));
            canonical.ascii(']');
        } else {
            String text = value.toString();
            canonical.ascii('o').number(text.length()).ascii(':').text(text);
        }
    }

    /**
     * A 64-bit fingerprint of a record key: two independent well-mixed 32-bit halves, so a million
     * keys in one run meet a collision with a chance of about one in thirty million.
     */
    public static long keyFingerprint(String key) {
        long high = 0x9E3779B97F4A7C15L;
        long low = 0xC2B2AE3D27D4EB4FL;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            high = (high ^ c) * 0x100000001B3L;
            low = Long.rotateLeft(low ^ c, 31) * 0x9E3779B97F4A7C15L;
        }
        return mix(high) ^ Long.rotateLeft(mix(low + key.length()), 32);
    }

    /** MurmurHash3's finaliser: every input bit affects every output bit. */
    private static long mix(long value) {
        long h = value;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
