package io.sluice.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyFingerprintSetTest {

    private final KeyFingerprintSet set = new KeyFingerprintSet();

    @Test
    void anAddedFingerprintIsContainedAndOthersAreNot() {
        assertThat(set.add(42L)).isTrue();

        assertThat(set.contains(42L)).isTrue();
        assertThat(set.contains(43L)).isFalse();
        assertThat(set.contains(-42L)).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void addingADuplicateIsRefusedAndNotCounted() {
        set.add(Long.MIN_VALUE);

        assertThat(set.add(Long.MIN_VALUE)).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void aFingerprintOfZeroIsAKeyLikeAnyOther() {
        assertThat(set.contains(0L)).isFalse();

        assertThat(set.add(0L)).isTrue();
        assertThat(set.add(0L)).isFalse();

        assertThat(set.contains(0L)).isTrue();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void fingerprintsThatLandOnTheSameSlotAreAllKept() {
        // (x << 32) | (x ^ 0xFFFFFFFF) all hash to the last slot of the table, so they wrap round it
        for (long x = 1; x <= 300; x++) {
            assertThat(set.add((x << 32) | (x ^ 0xFFFFFFFFL))).isTrue();
        }

        for (long x = 1; x <= 300; x++) {
            assertThat(set.contains((x << 32) | (x ^ 0xFFFFFFFFL))).isTrue();
        }
        assertThat(set.contains((301L << 32) | (301 ^ 0xFFFFFFFFL))).isFalse();
        assertThat(set.size()).isEqualTo(300);
    }

    @Test
    void growingPastManyThousandsOfKeysKeepsEveryOne() {
        Random random = new Random(20261001);
        Set<Long> oracle = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            // a narrow range mixed in makes real duplicates
            long fingerprint = i % 10 == 0 ? random.nextInt(5_000) : random.nextLong();
            assertThat(set.add(fingerprint)).isEqualTo(oracle.add(fingerprint));
        }

        assertThat(set.size()).isEqualTo(oracle.size());
        assertThat(oracle).allMatch(set::contains);
        for (int i = 0; i < 10_000; i++) {
            long probe = i % 2 == 0 ? random.nextInt(10_000) : random.nextLong();
            assertThat(set.contains(probe)).isEqualTo(oracle.contains(probe));
        }
    }
}
