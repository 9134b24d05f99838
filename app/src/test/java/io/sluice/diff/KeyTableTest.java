package io.sluice.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyTableTest {

    private final KeyTable table = new KeyTable(0);

    @Test
    void aLoadedKeyAnswersItsHashPrefixOnceThenIsADuplicate() {
        table.put(42L, 7L);

        assertThat(table.seen(42L)).isFalse();
        assertThat(table.visit(42L)).isEqualTo(7L);
        assertThat(table.seen(42L)).isTrue();
        assertThat(table.visit(42L)).isEqualTo(KeyTable.DUPLICATE);
    }

    @Test
    void aKeyNotLoadedIsAbsentOnceThenADuplicate() {
        table.put(42L, 7L);

        assertThat(table.visit(43L)).isEqualTo(KeyTable.ABSENT);
        assertThat(table.visit(43L)).isEqualTo(KeyTable.DUPLICATE);
        assertThat(table.seen(42L)).isFalse();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aFingerprintOfZeroIsAKeyLikeAnyOther() {
        assertThat(table.seen(0L)).isFalse();

        table.put(0L, 5L);

        assertThat(table.visit(0L)).isEqualTo(5L);
        assertThat(table.visit(0L)).isEqualTo(KeyTable.DUPLICATE);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void theHashPrefixOfADigestIsThePrefixOfItsHex() {
        byte[] digest = new byte[32];
        new Random(3).nextBytes(digest);
        digest[0] = (byte) 0xF3; // the sign bit is the table's own

        assertThat(KeyTable.prefix(digest)).isEqualTo(KeyTable.prefix(ContentHasher.hex(digest)));
        assertThat(KeyTable.prefix(digest)).isNotNegative();
        assertThat(KeyTable.prefix((String) null)).isZero();
    }

    @Test
    void fingerprintsThatLandOnTheSameSlotAreAllKept() {
        // (x << 32) | (x ^ 0xFFFFFFFF) all hash to the last slot of the table, so they wrap round it
        for (long x = 1; x <= 300; x++) {
            table.put((x << 32) | (x ^ 0xFFFFFFFFL), x);
        }

        for (long x = 1; x <= 300; x++) {
            assertThat(table.visit((x << 32) | (x ^ 0xFFFFFFFFL))).isEqualTo(x);
        }
        assertThat(table.visit((301L << 32) | (301 ^ 0xFFFFFFFFL))).isEqualTo(KeyTable.ABSENT);
        assertThat(table.size()).isEqualTo(301);
    }

    @Test
    void growingPastManyThousandsOfKeysKeepsEveryOneAndWhatItHeld() {
        Random random = new Random(20261001);
        Map<Long, Long> loaded = new HashMap<>();
        List<Long> loadedKeys = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            long fingerprint = random.nextLong();
            long prefix = random.nextLong() & Long.MAX_VALUE;
            table.put(fingerprint, prefix);
            loaded.put(fingerprint, prefix);
            loadedKeys.add(fingerprint);
        }
        Set<Long> visited = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            // half the visits are loaded keys, a narrow range mixed in makes real duplicates
            long fingerprint = i % 2 == 0 ? loadedKeys.get(random.nextInt(loadedKeys.size()))
                    : i % 10 == 1 ? random.nextInt(5_000) : random.nextLong();
            long expected = !visited.add(fingerprint) ? KeyTable.DUPLICATE
                    : loaded.getOrDefault(fingerprint, KeyTable.ABSENT);
            assertThat(table.visit(fingerprint)).isEqualTo(expected);
        }

        Set<Long> held = new HashSet<>(loaded.keySet());
        held.addAll(visited);
        assertThat(table.size()).isEqualTo(held.size());
        assertThat(loaded.keySet()).allMatch(key -> table.seen(key) == visited.contains(key));
    }
}
