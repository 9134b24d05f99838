package io.sluice.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.support.ObservedSluice;

/**
 * A run's status says whether the destination refused records: FAILED when it refused every one it was sent,
 * PARTIAL when some, SUCCEEDED when none — alike in the admin API, the health details, the metrics and the alerts.
 */
class RunOutcomeTest extends ObservedSluice {

    @Test
    void aRunWhoseEveryRecordWasRefusedFailsAndOneWithSomeRefusedIsPartial() {
        SALESFORCE.requireFields("Lead", "Company");
        warehouse().update("INSERT INTO crm.refused_leads VALUES ('a@example.com', NULL), ('b@example.com', NULL)");

        SyncRun refused = runner.run("refused_leads", SyncRun.Trigger.MANUAL);

        assertThat(refused.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(refused.error()).isEqualTo("the destination refused all 2 records it was sent; their dead letters say why");
        assertThat(http.getForObject("/admin/runs/{id}", Map.class, refused.id())).containsEntry("status", "FAILED");
        assertThat(webhookAlerts()).containsExactly(Map.of("state", "ALERT", "kind", "RUN_FAILED",
                "sync", "refused_leads", "message", "run " + refused.id() + " failed: " + refused.error()));

        warehouse().update("INSERT INTO crm.refused_leads VALUES ('c@example.com', 'Acme'), ('d@example.com', NULL)");
        SyncRun partial = runner.run("refused_leads", SyncRun.Trigger.MANUAL);

        assertThat(partial.status()).isEqualTo(SyncRun.Status.PARTIAL);
        assertThat(partial.counts().created()).isEqualTo(1);
        assertThat(partial.counts().failed()).isEqualTo(1);
        assertThat(http.getForObject("/admin/runs/{id}", Map.class, partial.id())).containsEntry("status", "PARTIAL");
        assertThat(webhookAlerts()).contains(Map.of("state", "RECOVERED", "kind", "RUN_FAILED", "sync", "refused_leads",
                "message", "run " + partial.id() + " succeeded with 1 rows rejected"));
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("sluice_run_duration_seconds_count{connection=\"default\",destination=\"salesforce\",status=\"FAILED\","
                        + "sync=\"refused_leads\"} 1")
                .contains("sluice_run_duration_seconds_count{connection=\"default\",destination=\"salesforce\",status=\"PARTIAL\","
                        + "sync=\"refused_leads\"} 1");
        assertThat(http.getForObject("/actuator/health/sync-health/syncs/refused_leads", Map.class).get("details"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("lastRunStatus", "PARTIAL").containsEntry("lastSuccessAt", partial.endedAt().toString());
    }
}
