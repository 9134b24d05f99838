package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sluice.runs.SyncRun;
import io.sluice.state.Watermark;

/** Values that break naive code — non-ASCII text, emoji, long text, SQL in a cursor — go through as they are. */
class UnusualValuesTest extends BadInputContext {

    @Test
    void nonAsciiAndEmojiInKeysAndNamesArriveByteExactAndAreUnchangedOnTheNextRun() {
        String[][] accounts = {
                {"ÄÖÜ-1", "Müller-Lüdenscheidt GmbH"},
                {"東京-2", "株式会社サンプル"},
                {"emoji-😀-3", "Smiley 😀🚀 Ltd"},
                {"rtl-4", "شركة المثال"},
                {"combining-5", "Zoe\u0308 & Cie"}};
        for (String[] account : accounts) {
            warehouse().update("INSERT INTO bi.unicode_accounts VALUES (?, ?)", account[0], account[1]);
        }

        SyncRun first = runner.run("bi_unicode", SyncRun.Trigger.MANUAL);

        assertThat(first.counts().created()).isEqualTo(accounts.length);
        for (String[] account : accounts) {
            assertThat(SALESFORCE.findRecord("Account", "Account_Number__c", account[0])).as(account[0]).get()
                    .satisfies(record -> assertThat(record.get("Name")).isEqualTo(account[1]));
        }
        assertThat(deliveredKeys("bi_unicode")).containsExactlyInAnyOrder(
                "ÄÖÜ-1", "東京-2", "emoji-😀-3", "rtl-4", "combining-5");
        SyncRun second = runner.run("bi_unicode", SyncRun.Trigger.MANUAL);
        assertThat(second.counts().unchanged()).isEqualTo(accounts.length);
    }

    @Test
    void aLongTextWithinTheFieldsLimitIsDeliveredWhole() {
        String paragraph = "Ünïcödé paragraph 😀 ";
        String description = paragraph.repeat(32000 / paragraph.length())
                + "x".repeat(32000 % paragraph.length());
        warehouse().update("INSERT INTO bi.long_texts VALUES (?, ?, ?)", "essay@example.com", "Essay", description);

        SyncRun run = runner.run("bi_long_text", SyncRun.Trigger.MANUAL);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(SALESFORCE.findRecord("Contact", "Email", "essay@example.com")).get()
                .satisfies(contact -> assertThat(contact.get("Description")).isEqualTo(description));
    }

    @Test
    void cursorValuesWithQuotesAndSqlAreBoundAsParametersNeverSplicedIntoTheQuery() {
        String injection = "2026-11-01 O'Brien'); DROP TABLE bi.cursor_contacts;--";
        warehouse().update("INSERT INTO bi.cursor_contacts VALUES ('obrien@example.com', 'O''Brien', ?)", injection);
        SyncRun first = runner.run("bi_cursor", SyncRun.Trigger.MANUAL);
        assertThat(first.counts().created()).isEqualTo(1);
        assertThat(watermarks.find("bi_cursor")).contains(new Watermark(Watermark.Type.TEXT, injection));

        String orTrue = "2026-11-02 x' OR '1'='1";
        warehouse().update("INSERT INTO bi.cursor_contacts VALUES ('or@example.com', 'Or', ?)", orTrue);
        SyncRun second = runner.run("bi_cursor", SyncRun.Trigger.MANUAL);

        assertThat(second.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(second.counts().read()).as("only the row past the watermark").isEqualTo(1);
        assertThat(second.counts().created()).isEqualTo(1);
        assertThat(warehouse().queryForObject("SELECT count(*) FROM bi.cursor_contacts", Integer.class)).isEqualTo(2);
        assertThat(watermarks.find("bi_cursor")).contains(new Watermark(Watermark.Type.TEXT, orTrue));
        assertThat(SALESFORCE.findRecord("Contact", "Email", "obrien@example.com")).get()
                .satisfies(contact -> assertThat(contact).containsEntry("LastName", "O'Brien"));
        assertThat(deliveredKeys("bi_cursor")).containsExactlyInAnyOrder("obrien@example.com", "or@example.com");
    }
}
