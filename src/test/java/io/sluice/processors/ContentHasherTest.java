package io.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ContentHasherTest {

    private static final Map<String, Object> LEAD = payload(
            "Email", "ada@example.com", "Company", "Acme", "Seats__c", 12L, "Score__c", new BigDecimal("4.5"));

    @Test
    void theSamePayloadInAnotherFieldOrderHashesTheSame() {
        Map<String, Object> reordered = payload(
                "Score__c", new BigDecimal("4.5"), "Seats__c", 12L, "Company", "Acme", "Email", "ada@example.com");

        assertThat(ContentHasher.hash(reordered)).isEqualTo(ContentHasher.hash(LEAD));
    }

    @Test
    void theHashIsSixtyFourHexDigitsToFitTheStateColumn() {
        assertThat(ContentHasher.hash(LEAD)).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void anyValueChangeChangesTheHash() {
        String original = ContentHasher.hash(LEAD);

        assertThat(List.of(
                with("Email", "ada@example.org"),
                with("Company", "acme"),
                with("Seats__c", 13L),
                with("Seats__c", "12"),
                with("Score__c", new BigDecimal("4.6"))))
                .extracting(ContentHasher::hash)
                .doesNotContain(original)
                .doesNotHaveDuplicates();
    }

    @Test
    void aFieldRenameChangesTheHash() {
        Map<String, Object> renamed = payload(
                "Email", "ada@example.com", "Company_Name__c", "Acme", "Seats__c", 12L, "Score__c", new BigDecimal("4.5"));

        assertThat(ContentHasher.hash(renamed)).isNotEqualTo(ContentHasher.hash(LEAD));
    }

    @Test
    void aNullFieldDiffersFromAMissingOne() {
        Map<String, Object> withNull = payload("Email", "ada@example.com", "Company", null);
        Map<String, Object> without = payload("Email", "ada@example.com");

        assertThat(ContentHasher.hash(withNull)).isNotEqualTo(ContentHasher.hash(without));
    }

    @Test
    void aKeysFingerprintIsTheSameEveryTime() {
        String key = "ada@example.com";
        String sameKeyBuiltAgain = new StringBuilder("ada@").append("example.com").toString();

        assertThat(ContentHasher.keyFingerprint(sameKeyBuiltAgain)).isEqualTo(ContentHasher.keyFingerprint(key));
    }

    @Test
    void distinctKeysGetDistinctFingerprints() {
        Set<Long> fingerprints = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            fingerprints.add(ContentHasher.keyFingerprint("lead-" + i + "@example.com"));
        }
        fingerprints.add(ContentHasher.keyFingerprint("Lead-0@example.com"));
        fingerprints.add(ContentHasher.keyFingerprint(""));

        assertThat(fingerprints).hasSize(100_002);
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(LEAD);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> payload(Object... fieldsAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            payload.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return payload;
    }
}
