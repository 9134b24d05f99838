package io.sluice.routes;

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

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
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

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
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
    void aValueOfTheWrongTypeMakesSalesforceRefuseTheCallSoItsBatchBecomesDeadLetters() {
        warehouse().update("INSERT INTO bi.typed_leads VALUES ('counted@example.com', 'Acme', '42'),"
                + " ('vague@example.com', 'Globex', 'about forty')");

        SyncRun run = runner.run("bi_types", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(SALESFORCE.records("Lead")).isEmpty();
        assertThat(state.count("bi_types")).isZero();
        assertThat(openDeadLetters("bi_types")).hasSize(2).allSatisfy(letter -> {
            assertThat(letter.errorCode()).isEqualTo("JSON_PARSER_ERROR");
            assertThat(letter.errorMessage()).contains("about forty");
            assertThat(letter.retryable()).isFalse();
        });

        // fixed in the warehouse, the rows are sent again by the next run
        warehouse().update("UPDATE bi.typed_leads SET employees = '40' WHERE email = 'vague@example.com'");
        SyncRun fixed = runner.run("bi_types", SyncRun.Trigger.MANUAL);
        assertThat(fixed.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Lead", "Email", "vague@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("NumberOfEmployees", "40"));
        assertThat(openDeadLetters("bi_types")).extracting(DeadLetter::recordKey).containsExactly("counted@example.com");
    }
}
