package io.sluice.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The bytes a content hash is taken of, written straight into one reusable buffer: the UTF-8 of
 * the canonical text, byte for byte what encoding it as one string gives (stored hashes must stay
 * valid), without building that string per row.
 */
final class CanonicalForm {

    private byte[] bytes = new byte[512];
    private int length;

    void clear() {
        length = 0;
    }

    CanonicalForm ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** A decimal number, as {@code Long.toString} writes it. */
    CanonicalForm number(long value) {
        if (value == Long.MIN_VALUE) {
            return text(Long.toString(value));
        }
        ensure(20);
        long rest = value;
        if (rest < 0) {
            bytes[length++] = '-';
            rest = -rest;
        }
        int digits = 1;
        for (long limit = 10; digits < 19 && rest >= limit; limit *= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        length += digits;
        return this;
    }

    /** Text as UTF-8: the JDK's encoder copies ASCII text in one step, faster than any loop here. */
    CanonicalForm text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    byte[] digest(MessageDigest digest) {
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    /** What was written so far. */
    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
