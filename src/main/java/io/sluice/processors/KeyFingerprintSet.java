package io.sluice.processors;

/**
 * The keys seen in a run, as 64-bit fingerprints in an open-addressing table: about 16 bytes per key
 * instead of the ~100 a {@code HashSet<String>} costs, so a run over millions of rows stays small.
 */
final class KeyFingerprintSet {

    private static final long EMPTY = 0L;
    /** Stands for a real fingerprint of 0, which would otherwise look like an empty slot. */
    private static final long ZERO_STAND_IN = 0x9E3779B97F4A7C15L;

    private long[] slots = new long[1024];
    private int size;

    /** @return false when the fingerprint was already there */
    boolean add(long fingerprint) {
        long value = fingerprint == EMPTY ? ZERO_STAND_IN : fingerprint;
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, value)) {
            size++;
            return true;
        }
        return false;
    }

    boolean contains(long fingerprint) {
        long value = fingerprint == EMPTY ? ZERO_STAND_IN : fingerprint;
        int mask = slots.length - 1;
        for (int i = spread(value) & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
            if (slots[i] == value) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = spread(value) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long value : slots) {
            if (value != EMPTY) {
                insert(bigger, value);
            }
        }
        slots = bigger;
    }

    private static int spread(long value) {
        return (int) (value ^ (value >>> 32));
    }
}
