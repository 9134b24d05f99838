package io.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sluice.runs.SyncRun;
import io.sluice.support.ObservedSluice;

/** What {@code /actuator/prometheus} shows after runs a test drove, value by value. */
class SyncMetricsTest extends ObservedSluice {

    @Test
    void rowCountersRunTimerDeadLettersAndLastSuccessArePerSyncAndDestination() {
        SALESFORCE.requireFields("Lead", "Company");
        warehouse().update("INSERT INTO crm.metered_leads VALUES ('a@example.com', 'Acme'), ('b@example.com', 'Acme'),"
                + " ('a@example.com', 'Acme again'), ('c@example.com', 'Acme'), ('d@example.com', NULL)");
        SyncRun first = run("metered_leads");
        SyncRun second = run("metered_leads");
        warehouse().update("UPDATE crm.metered_leads SET company = 'Globex' WHERE email = 'b@example.com'");
        SyncRun third = run("metered_leads");

        assertThat(third.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        List<String> scrape = scrape();
        String sync = "{connection=\"default\",destination=\"salesforce\",sync=\"metered_leads\"}";
        assertThat(value(scrape, "sluice_rows_read_total" + sync)).isEqualTo(15);
        assertThat(value(scrape, "sluice_rows_duplicates_total" + sync)).isEqualTo(3);
        // the second and third runs find the delivered rows and the one waiting as a dead letter unchanged
        assertThat(value(scrape, "sluice_rows_unchanged_total" + sync)).isEqualTo(4 + 3);
        assertThat(value(scrape, "sluice_rows_inserted_total" + sync)).isEqualTo(3);
        assertThat(value(scrape, "sluice_rows_updated_total" + sync)).isEqualTo(1);
        assertThat(value(scrape, "sluice_rows_deleted_total" + sync)).isZero();
        assertThat(value(scrape, "sluice_rows_failed_total" + sync)).isEqualTo(1);
        assertThat(value(scrape, "sluice_rows_dead_lettered_total" + sync)).isEqualTo(1);
        assertThat(value(scrape, "sluice_dead_letters_open" + sync)).isEqualTo(1);
        assertThat(value(scrape, "sluice_run_duration_seconds_count{connection=\"default\",destination=\"salesforce\",status=\"PARTIAL\","
                + "sync=\"metered_leads\"}")).as("the first run: one lead refused").isEqualTo(1);
        assertThat(value(scrape, "sluice_run_duration_seconds_count{connection=\"default\",destination=\"salesforce\",status=\"SUCCEEDED\","
                + "sync=\"metered_leads\"}")).isEqualTo(2);
        assertThat(value(scrape, "sluice_last_success_seconds" + sync)).isEqualTo(third.endedAt().getEpochSecond());
        assertThat(value(scrape, "sluice_destination_requests_total" + sync)).as("the first and third runs sent")
                .isEqualTo(2);
        assertThat(first.counts().deadLettered()).isEqualTo(1);
        assertThat(second.counts().created() + second.counts().updated()).isZero();
    }

    @Test
    void aFailedRunIsTimedUnderItsOwnStatus() {
        warehouse().execute("ALTER TABLE crm.metered_leads RENAME TO metered_leads_away");
        try {
            assertThat(run("metered_leads").status()).isEqualTo(SyncRun.Status.FAILED);
        } finally {
            warehouse().execute("ALTER TABLE crm.metered_leads_away RENAME TO metered_leads");
        }

        assertThat(value(scrape(), "sluice_run_duration_seconds_count{connection=\"default\",destination=\"salesforce\",status=\"FAILED\","
                + "sync=\"metered_leads\"}")).isEqualTo(1);
    }

    @Test
    void aThrottledRequestIsCountedAsARequestA429AndARetry() {
        SLACK.failNextPosts(1, 429);
        warehouse().update("INSERT INTO crm.throttled_posts VALUES ('a@example.com')");

        SyncRun run = run("throttled_posts");

        assertThat(run.counts().created()).isEqualTo(1);
        List<String> scrape = scrape();
        String sync = "{connection=\"default\",destination=\"slack\",sync=\"throttled_posts\"}";
        assertThat(value(scrape, "sluice_destination_requests_total" + sync)).isEqualTo(2);
        assertThat(value(scrape, "sluice_destination_rate_limited_total" + sync)).isEqualTo(1);
        assertThat(value(scrape, "sluice_destination_retries_total" + sync)).isEqualTo(1);
    }

    @Test
    void theWatermarkLagIsHowFarTheTimestampCursorIsBehindNow() {
        LocalDateTime anHourAgo = LocalDateTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC).minusHours(1);
        warehouse().update("INSERT INTO crm.cursor_contacts VALUES ('a@example.com', 'Able', ?)",
                Timestamp.valueOf(anHourAgo.minusHours(5)));
        warehouse().update("INSERT INTO crm.cursor_contacts VALUES ('b@example.com', 'Baker', ?)",
                Timestamp.valueOf(anHourAgo));

        run("cursor_contacts");

        assertThat(value(scrape(), "sluice_watermark_lag_seconds{connection=\"default\",destination=\"salesforce\",sync=\"cursor_contacts\"}"))
                .isEqualTo(Duration.ofHours(1).toSeconds());
    }

    private SyncRun run(String sync) {
        return runner.run(sync, SyncRun.Trigger.MANUAL);
    }

    private List<String> scrape() {
        return Arrays.asList(http.getForObject("/actuator/prometheus", String.class).split("\n"));
    }

    /** The sample's value; the series is named with its labels in Prometheus's (alphabetical) order. */
    private static double value(List<String> scrape, String series) {
        List<String> samples = scrape.stream().filter(line -> line.startsWith(series + " ")).toList();
        assertThat(samples).as(series + " in " + scrape.stream().filter(line -> line.startsWith("sluice")).toList())
                .hasSize(1);
        return Double.parseDouble(samples.get(0).substring(series.length() + 1).trim());
    }
}
