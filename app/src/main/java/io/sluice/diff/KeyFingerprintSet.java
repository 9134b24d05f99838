package io.sluice.diff;

/**
 * The keys seen in a run, as 64-bit fingerprints in an open-addressing table: 11 to 16 bytes per key
 * instead of the ~100 a {@code HashSet<String>} costs, so a run over millions of rows stays small.
 * The table fills to three quarters and grows by half, not by doubling, so what it holds beyond its
 * keys stays small too.
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
        if ((size + 1) * 4L > slots.length * 3L) {
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
        for (int i = home(value, slots.length); slots[i] != EMPTY; i = next(i, slots.length)) {
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
        int i = home(value, table.length);
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return false;
            }
            i = next(i, table.length);
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length + slots.length / 2];
        for (long value : slots) {
            if (value != EMPTY) {
                insert(bigger, value);
            }
        }
        slots = bigger;
    }

    /** The value's first slot: its 32 mixed bits scaled onto the table (a table of any length works). */
    private static int home(long value, int length) {
        return (int) (((value ^ (value >>> 32)) & 0xFFFFFFFFL) * length >>> 32);
    }

    private static int next(int slot, int length) {
        return slot + 1 == length ? 0 : slot + 1;
    }
}
