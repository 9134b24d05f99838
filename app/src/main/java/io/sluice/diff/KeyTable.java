package io.sluice.diff;

/**
 * A run's compact view of its sync's state: per record key, a 64-bit key fingerprint and the leading
 * 63 bits of the content hash last delivered, in one open-addressing array — 16 bytes a slot, about
 * 21 per key at the fill it keeps, where a {@code HashMap<String, String>} costs some 200. Loaded
 * with one sequential scan of the state store at the start of a run, it answers "new, unchanged or
 * changed" for every row the run reads without asking the store, and remembers which keys the run
 * has seen: duplicates within the run, and (mirror mode) the delivered keys the model no longer holds.
 *
 * <p>A table that was not loaded holds only the keys seen; then it is just the run's duplicate check.
 *
 * <p>Fingerprints are not keys: two keys sharing one (about one pair in 3·10^7 at 1M keys) share a
 * slot. A leading-bits match is taken as unchanged; anything else is confirmed against the store by
 * full key before it is sent, so a collision can make a record look changed, never lose one.
 */
final class KeyTable {

    /** {@link #visit} for a key seen before in this run. */
    static final long DUPLICATE = -1;
    /** {@link #visit} for a key the table did not hold: nothing was delivered for it (if loaded). */
    static final long ABSENT = -2;

    private static final long EMPTY = 0L;
    /** Stands for a real fingerprint of 0, which would otherwise look like an empty slot. */
    private static final long ZERO_STAND_IN = 0x9E3779B97F4A7C15L;
    private static final long SEEN = Long.MIN_VALUE;
    private static final long PREFIX = Long.MAX_VALUE;

    /** Pairs: fingerprint at 2i, seen flag and hash prefix at 2i + 1. */
    private long[] slots;
    private int capacity;
    private int size;

    /** @param expectedKeys how many keys to make room for at once, so loading never regrows the table */
    KeyTable(long expectedKeys) {
        capacity = (int) Math.max(1024, Math.min(Integer.MAX_VALUE / 2 - 8, expectedKeys * 4 / 3 + 1));
        slots = new long[capacity * 2];
    }

    /** The leading 63 bits of a content hash, as held by the table. */
    static long prefix(byte[] digest) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << 8 | (digest[i] & 0xFF);
        }
        return value & PREFIX;
    }

    /** The leading 63 bits of a stored (lower-case hex) content hash; 0 for one that is missing. */
    static long prefix(String hex) {
        if (hex == null || hex.length() < 16) {
            return 0;
        }
        return Long.parseUnsignedLong(hex, 0, 16, 16) & PREFIX;
    }

    /** Adds a delivered key while loading; not yet seen by the run. */
    void put(long fingerprint, long hashPrefix) {
        insert(fingerprint, hashPrefix & PREFIX);
    }

    /**
     * Marks a key as seen by this run.
     *
     * @return {@link #DUPLICATE} if the run saw it before, {@link #ABSENT} if the table did not hold it,
     * otherwise the hash prefix last delivered for it
     */
    long visit(long fingerprint) {
        long value = fingerprint == EMPTY ? ZERO_STAND_IN : fingerprint;
        int i = home(value);
        while (slots[2 * i] != EMPTY) {
            if (slots[2 * i] == value) {
                long held = slots[2 * i + 1];
                if ((held & SEEN) != 0) {
                    return DUPLICATE;
                }
                slots[2 * i + 1] = held | SEEN;
                return held;
            }
            i = next(i);
        }
        insert(fingerprint, SEEN);
        return ABSENT;
    }

    boolean seen(long fingerprint) {
        long value = fingerprint == EMPTY ? ZERO_STAND_IN : fingerprint;
        for (int i = home(value); slots[2 * i] != EMPTY; i = next(i)) {
            if (slots[2 * i] == value) {
                return (slots[2 * i + 1] & SEEN) != 0;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private void insert(long fingerprint, long held) {
        if ((size + 1) * 4L > capacity * 3L) {
            grow();
        }
        long value = fingerprint == EMPTY ? ZERO_STAND_IN : fingerprint;
        int i = home(value);
        while (slots[2 * i] != EMPTY) {
            if (slots[2 * i] == value) {
                return;
            }
            i = next(i);
        }
        slots[2 * i] = value;
        slots[2 * i + 1] = held;
        size++;
    }

    /** By half, not by doubling: what the table holds beyond its keys stays small. */
    private void grow() {
        long[] old = slots;
        capacity = capacity + capacity / 2;
        slots = new long[capacity * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int j = home(old[i]);
                while (slots[2 * j] != EMPTY) {
                    j = next(j);
                }
                slots[2 * j] = old[i];
                slots[2 * j + 1] = old[i + 1];
                size++;
            }
        }
    }

    /** The value's first slot: its 32 mixed bits scaled onto the table (a table of any length works). */
    private int home(long value) {
        return (int) (((value ^ (value >>> 32)) & 0xFFFFFFFFL) * capacity >>> 32);
    }

    private int next(int slot) {
        return slot + 1 == capacity ? 0 : slot + 1;
    }
}
