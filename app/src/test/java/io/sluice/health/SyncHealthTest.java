package io.sluice.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import io.sluice.runs.SyncRun;
import io.sluice.support.ObservedSluice;

/**
 * What {@code /actuator/health/sync-health} reports per sync, that Camel's own checks are there beside them, and that a
 * sync's problems never take the node or its readiness down.
 */
class SyncHealthTest extends ObservedSluice {

    @Test
    void anInvalidSyncFileIsFailingWithItsProblemsInTheSyncsGroup() {
        ResponseEntity<Map> syncs = http.getForEntity("/actuator/health/sync-health", Map.class);

        assertThat(syncs.getStatusCode().value()).isEqualTo(503);
        assertThat(syncs.getBody()).containsEntry("status", "FAILING");
        assertThat(sync("broken_watch")).containsEntry("status", "FAILING");
        assertThat(details("broken_watch").get("problems").toString())
                .contains("schedule: must be every_minute, every_15_minutes, every_hour, every_day, manual, or a "
                        + "Quartz cron expression", "not 'every_fortnight'")
                .contains("alerts.late: must be true or false");
    }

    @Test
    void aBrokenSyncFileTakesNeitherTheNodeNorItsReadinessDown() {
        ResponseEntity<Map> root = http.getForEntity("/actuator/health", Map.class);
        ResponseEntity<Map> readiness = http.getForEntity("/actuator/health/readiness", Map.class);
        ResponseEntity<Map> liveness = http.getForEntity("/actuator/health/liveness", Map.class);

        assertThat(root.getStatusCode().value()).isEqualTo(200);
        assertThat(root.getBody()).containsEntry("status", "UP");
        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).containsEntry("status", "UP");
        assertThat(components(readiness.getBody())).containsOnlyKeys("readinessState", "stateStore", "camelStarted");
        assertThat(liveness.getStatusCode().value()).isEqualTo(200);
        assertThat(liveness.getBody()).containsEntry("status", "UP");
    }

    @Test
    void syncsByHealthAreAMetric() {
        String scraped = http.getForObject("/actuator/prometheus", String.class);

        assertThat(scraped).containsPattern("sluice_syncs\\{[^}]*status=\"FAILING\"[^}]*} [1-9]")
                .containsPattern("sluice_syncs\\{[^}]*status=\"UP\"[^}]*} [1-9]");
    }

    @Test
    void camelsHealthChecksAreReportedBesideTheSyncs() {
        Map<String, Object> components = components(http.getForObject("/actuator/health", Map.class));

        assertThat(components).containsKeys("camelHealth", "syncs");
        assertThat(((Map<?, ?>) components.get("camelHealth")).get("status")).isEqualTo("UP");
    }

    @Test
    void aSyncIsDownOnceItsLastRunsAllFailedAndUpAgainAfterASuccess() {
        warehouse().execute("ALTER TABLE crm.health_failures RENAME TO health_failures_away");
        run("health_failures");
        assertThat(sync("health_failures")).containsEntry("status", "UP");
        assertThat(details("health_failures")).containsEntry("consecutiveFailures", 1)
                .containsEntry("lastRunStatus", "FAILED");

        SyncRun failed = run("health_failures");
        assertThat(sync("health_failures")).containsEntry("status", "FAILING");
        assertThat(details("health_failures")).containsEntry("consecutiveFailures", 2)
                .containsEntry("lastError", failed.error());

        warehouse().execute("ALTER TABLE crm.health_failures_away RENAME TO health_failures");
        SyncRun succeeded = run("health_failures");
        assertThat(sync("health_failures")).containsEntry("status", "UP");
        assertThat(details("health_failures")).containsEntry("consecutiveFailures", 0)
                .containsEntry("lastRunStatus", "SUCCEEDED")
                .containsEntry("lastSuccessAt", succeeded.endedAt().toString());
    }

    @Test
    void aSyncThatHasNotSucceededWithinTwiceItsScheduleIsLate() {
        run("health_late");
        assertThat(sync("health_late")).containsEntry("status", "UP");
        assertThat(details("health_late")).containsEntry("late", false);

        CLOCK.advance(Duration.ofDays(800));
        assertThat(sync("health_late")).containsEntry("status", "LATE");
        assertThat(details("health_late")).containsEntry("late", true).containsKey("due");

        run("health_late");
        assertThat(sync("health_late")).containsEntry("status", "UP");
    }

    private SyncRun run(String sync) {
        return runner.run(sync, SyncRun.Trigger.MANUAL);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sync(String name) {
        Map<String, Object> syncs = (Map<String, Object>) components(
                http.getForObject("/actuator/health/sync-health", Map.class)).get("syncs");
        return (Map<String, Object>) ((Map<String, Object>) syncs.get("components")).get(name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details(String name) {
        return (Map<String, Object>) sync(name).get("details");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(Map<?, ?> health) {
        return (Map<String, Object>) health.get("components");
    }
}
