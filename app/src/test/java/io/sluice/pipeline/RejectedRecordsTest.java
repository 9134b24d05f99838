package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sluice.deadletter.DeadLetter;
import io.sluice.runs.SyncRun;

/**
 * Rows Sluice cannot deliver as they are — no key, or values the destination refuses — become dead
 * letters with the reason and their payload; every other row is delivered.
 */
class RejectedRecordsTest extends BadInputContext {

    @Test
    void aRowWhoseKeyIsNullOrEmptyBecomesADeadLetterWithThatReasonAndTheRestIsDelivered() {
        warehouse().update("INSERT INTO bi.keyed_leads VALUES ('first@example.com', 'Acme'), (NULL, 'Null Inc'),"
                + " ('', 'Empty Ltd'), ('   ', 'Blank plc'), ('second@example.com', 'Globex')");

        SyncRun run = runner.run("bi_keys", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).as("rows without a key were never sent: the destination refused none")
                .isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(2);
        assertThat(run.counts().deadLettered()).isEqualTo(3);
        assertThat(SALESFORCE.records("Lead")).extracting(lead -> lead.get("Email"))
                .containsExactlyInAnyOrder("first@example.com", "second@example.com");
        assertThat(deliveredKeys("bi_keys")).containsExactlyInAnyOrder("first@example.com", "second@example.com");
        assertThat(openDeadLetters("bi_keys")).hasSize(3).allSatisfy(letter -> {
            assertThat(letter.recordKey()).isNull();
            assertThat(letter.errorCode()).isEqualTo("EMPTY_RECORD_KEY");
            assertThat(letter.retryable()).isFalse();
        }).extracting(letter -> letter.payload().get("Company") + ": " + letter.errorMessage()).containsExactlyInAnyOrder(
                "Null Inc: record key 'email' is NULL; the row cannot be matched at the destination",
                "Empty Ltd: record key 'email' is empty; the row cannot be matched at the destination",
                "Blank plc: record key 'email' is empty; the row cannot be matched at the destination");
    }

    @Test
    void valuesSalesforceRefusesBecomeDeadLettersWithItsCodeWhileTheRestOfTheBatchIsDelivered() {
        String megabyte = "x".repeat(1024 * 1024);
        warehouse().update("INSERT INTO bi.contact_values VALUES (?, ?, ?)", "valid@example.com", "Valid", "fine");
        warehouse().update("INSERT INTO bi.contact_values VALUES (?, ?, ?)", "not-an-email", "Invalid", null);
        warehouse().update("INSERT INTO bi.contact_values VALUES (?, ?, ?)", "long@example.com", "L".repeat(81), null);
        warehouse().update("INSERT INTO bi.contact_values VALUES (?, ?, ?)", "huge@example.com", "Huge", megabyte);

        SyncRun run = runner.run("bi_values", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).as("some records refused").isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().deadLettered()).isEqualTo(3);
        assertThat(SALESFORCE.records("Contact")).extracting(contact -> contact.get("Email"))
                .containsExactly("valid@example.com");
        assertThat(deliveredKeys("bi_values")).containsExactly("valid@example.com");
        assertThat(openDeadLetters("bi_values")).extracting(DeadLetter::recordKey, DeadLetter::errorCode)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("not-an-email", "INVALID_EMAIL_ADDRESS"),
                        org.assertj.core.groups.Tuple.tuple("long@example.com", "STRING_TOO_LONG"),
                        org.assertj.core.groups.Tuple.tuple("huge@example.com", "STRING_TOO_LONG"));
        assertThat(openDeadLetters("bi_values")).filteredOn(letter -> letter.recordKey().equals("huge@example.com"))
                .singleElement().satisfies(letter -> {
                    assertThat(letter.payload().get("Description")).as("the payload is kept whole, for a replay")
                            .isEqualTo(megabyte);
                    assertThat(letter.errorMessage()).startsWith("Description: data value too large");
                });
    }

    @Test
    void aBatchSalesforceRefusesForOneValueOfTheWrongTypeIsTakenApartUntilOnlyThatRecordIsADeadLetter() {
        for (int i = 1; i <= 8; i++) {
            warehouse().update("INSERT INTO bi.typed_leads VALUES (?, 'Acme', ?)", "a" + i + "@example.com",
                    i == 5 ? "about forty" : String.valueOf(i * 10));
        }

        int callsBefore = leadUpserts();
        SyncRun run = runner.run("bi_types", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(run.counts().created()).isEqualTo(7);
        assertThat(run.counts().deadLettered()).isEqualTo(1);
        // the batch of 8 refused, then halves of 4, 2 and 1, each time one of them delivered
        assertThat(leadUpserts() - callsBefore).isEqualTo(7);
        assertThat(SALESFORCE.records("Lead")).hasSize(7);
        assertThat(deliveredKeys("bi_types")).hasSize(7).doesNotContain("a5@example.com");
        assertThat(openDeadLetters("bi_types")).singleElement().satisfies(letter -> {
            assertThat(letter.recordKey()).isEqualTo("a5@example.com");
            assertThat(letter.errorCode()).isEqualTo("JSON_PARSER_ERROR");
            assertThat(letter.errorMessage()).contains("about forty");
            assertThat(letter.retryable()).isFalse();
        });

        // fixed in the warehouse, the row is sent again by the next run and its dead letter resolved
        warehouse().update("UPDATE bi.typed_leads SET employees = '40' WHERE email = 'a5@example.com'");
        SyncRun fixed = runner.run("bi_types", SyncRun.Trigger.MANUAL);
        assertThat(fixed.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "a5@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("NumberOfEmployees", "40"));
        assertThat(openDeadLetters("bi_types")).isEmpty();

        // refused in both halves: not one record's fault, so no further halving; all four wait as dead letters
        warehouse().update("INSERT INTO bi.typed_leads VALUES ('b1@example.com', 'Acme', 'lots'),"
                + " ('b2@example.com', 'Acme', '2'), ('b3@example.com', 'Acme', '3'), ('b4@example.com', 'Acme', 'few')");
        callsBefore = leadUpserts();
        SyncRun twoBad = runner.run("bi_types", SyncRun.Trigger.MANUAL);
        assertThat(leadUpserts() - callsBefore).isEqualTo(3);
        assertThat(twoBad.counts().deadLettered()).isEqualTo(4);
        assertThat(openDeadLetters("bi_types")).extracting(DeadLetter::recordKey)
                .containsExactlyInAnyOrder("b1@example.com", "b2@example.com", "b3@example.com", "b4@example.com");
    }

    private static int leadUpserts() {
        return SALESFORCE.upserts("Lead").size();
    }
}
