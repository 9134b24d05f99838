package io.sluice.processors;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The bytes a content hash is taken of, written straight into one reusable buffer: the UTF-8 of
 * the canonical text, byte for byte what {@code String.getBytes(UTF_8)} gives (stored hashes must
 * stay valid), without the strings a {@code StringBuilder} would build per row.
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

    /** Text as UTF-8; an unpaired surrogate becomes '?', as the JDK's encoder makes it. */
    CanonicalForm text(String text) {
        int chars = text.length();
        ensure(chars * 3);
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    bytes[length++] = (byte) (0xF0 | codePoint >> 18);
                    bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                    bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                    bytes[length++] = (byte) (0x80 | codePoint & 0x3F);
                } else {
                    bytes[length++] = '?';
                }
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
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
