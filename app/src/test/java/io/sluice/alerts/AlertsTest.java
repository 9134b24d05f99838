package io.sluice.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.support.ObservedSluice;

/** Each condition driven through real runs; the Slack and webhook fakes hold exactly what a person on call got. */
class AlertsTest extends ObservedSluice {

    @Autowired
    Alerts alerts;
    @Autowired
    AlertConditions conditions;
    @Autowired
    IncidentStore incidents;
    @Autowired
    List<AlertChannel> channels;
    @Autowired
    MeterRegistry meters;
    @Autowired
    AlertProperties properties;
    @Autowired
    RunRepository runs;

    @Test
    void aFailedRunAlertsOnceAndTheNextSuccessfulRunAnnouncesTheRecovery() {
        warehouse().execute("ALTER TABLE crm.alert_failures RENAME TO alert_failures_away");
        SyncRun failed = run("alert_failures");
        SyncRun failedAgain = run("alert_failures");
        warehouse().execute("ALTER TABLE crm.alert_failures_away RENAME TO alert_failures");
        SyncRun recovered = run("alert_failures");

        assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(failedAgain.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *alert_failures* RUN_FAILED: run " + failed.id() + " failed: " + failed.error(),
                ":white_check_mark: *alert_failures* recovered from RUN_FAILED: run " + recovered.id() + " succeeded");
        assertThat(webhookAlerts()).containsExactly(
                webhook("ALERT", "RUN_FAILED", "alert_failures", "run " + failed.id() + " failed: " + failed.error()),
                webhook("RECOVERED", "RUN_FAILED", "alert_failures", "run " + recovered.id() + " succeeded"));
    }

    @Test
    void aRunLeftInProgressByAnInstanceThatStoppedAlertsOnceHoweverManyInstancesFindIt() {
        // what an instance that died mid-run leaves behind, once its lease has expired: a RUNNING run
        long orphaned = runs.start("alert_failures", SyncRun.Trigger.SCHEDULE, "stopped-instance");

        // every instance looks for such runs on its own timer: two find this one at once
        CompletableFuture.allOf(CompletableFuture.runAsync(runner::closeAbandoned),
                CompletableFuture.runAsync(runner::closeAbandoned)).join();
        assertThat(runs.find(orphaned).orElseThrow().status()).isEqualTo(SyncRun.Status.FAILED);
        SyncRun recovered = run("alert_failures");

        String closed = "the Sluice instance running it stopped while this run was in progress";
        assertThat(webhookAlerts()).containsExactly(
                webhook("ALERT", "RUN_FAILED", "alert_failures", "run " + orphaned + " failed: " + closed),
                webhook("RECOVERED", "RUN_FAILED", "alert_failures", "run " + recovered.id() + " succeeded"));
    }

    @Test
    void rejectedRowsOverTheSyncsLimitAlertOnceUntilARunIsClean() {
        SALESFORCE.requireFields("Lead", "Company");
        warehouse().update("INSERT INTO crm.alert_rejections VALUES ('a@example.com', 'Acme'), ('b@example.com', 'Acme'),"
                + " ('c@example.com', 'Acme'), ('d@example.com', NULL), ('e@example.com', NULL)");
        SyncRun rejecting = run("alert_rejections");
        warehouse().update("INSERT INTO crm.alert_rejections VALUES ('f@example.com', NULL), ('g@example.com', 'Acme')");
        SyncRun stillRejecting = run("alert_rejections");
        warehouse().update("UPDATE crm.alert_rejections SET company = 'Fixed' WHERE company IS NULL");
        SyncRun clean = run("alert_rejections");

        assertThat(stillRejecting.counts().failed()).isEqualTo(1);
        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *alert_rejections* REJECTED_ROWS: run " + rejecting.id()
                        + " had 2 of 5 rows rejected (40%), more than 20%",
                ":white_check_mark: *alert_rejections* recovered from REJECTED_ROWS: run " + clean.id()
                        + " had 0 of 3 rows rejected (0%)");
        assertThat(webhookAlerts()).extracting(alert -> alert.get("state") + " " + alert.get("kind"))
                .containsExactly("ALERT REJECTED_ROWS", "RECOVERED REJECTED_ROWS");
    }

    @Test
    void aRowCountFarFromTheAverageOfTheLastRunsAlertsAndOneCloserToItRecovers() {
        insertLeads("alert_row_counts", 0, 10);
        run("alert_row_counts");
        run("alert_row_counts");
        insertLeads("alert_row_counts", 10, 20);
        SyncRun doubled = run("alert_row_counts");
        SyncRun steady = run("alert_row_counts");

        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *alert_row_counts* ROW_COUNT: run " + doubled.id()
                        + " read 20 rows; the last 2 runs read 10 on average (100% off), more than 50%",
                ":white_check_mark: *alert_row_counts* recovered from ROW_COUNT: run " + steady.id()
                        + " read 20 rows; the last 2 runs read 15 on average (33.3% off)");
        assertThat(webhookAlerts()).hasSize(2);
    }

    @Test
    void aSyncThatHasNotSucceededWithinTwiceItsScheduleIsReportedLateOnceBetweenRuns() {
        SyncRun onTime = run("alert_late");
        conditions.checkAll();
        assertThat(slackAlerts()).isEmpty();

        CLOCK.advance(Duration.ofDays(800));
        conditions.checkAll();
        conditions.checkAll();
        SyncRun caughtUp = run("alert_late");

        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *alert_late* LATE: no successful run since " + onTime.endedAt()
                        + " (schedule 0 0 3 1 1 ?)",
                ":white_check_mark: *alert_late* recovered from LATE: run " + caughtUp.id() + " succeeded");
        assertThat(webhookAlerts()).containsExactly(
                webhook("ALERT", "LATE", "alert_late", "no successful run since " + onTime.endedAt()
                        + " (schedule 0 0 3 1 1 ?)"),
                webhook("RECOVERED", "LATE", "alert_late", "run " + caughtUp.id() + " succeeded"));
    }

    @Test
    void deadLettersPilingUpAlertAndTheirReplayClearsTheIncident() {
        SALESFORCE.requireFields("Lead", "Company");
        // a valid lead in each run: a run whose every lead was refused would fail, and alert as such
        warehouse().update("INSERT INTO crm.alert_dead_letters VALUES ('a@example.com', NULL), ('b@example.com', NULL),"
                + " ('ok1@example.com', 'Acme')");
        run("alert_dead_letters");
        assertThat(slackAlerts()).as("two open dead letters are within the limit").isEmpty();

        warehouse().update("INSERT INTO crm.alert_dead_letters VALUES ('c@example.com', NULL), ('ok2@example.com', 'Acme')");
        run("alert_dead_letters");
        SALESFORCE.requireFields("Lead");
        assertThat(http.postForEntity("/admin/dead-letters/replay?sync=alert_dead_letters", null, Map.class).getBody())
                .containsEntry("delivered", 3);
        conditions.checkAll();

        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *alert_dead_letters* DEAD_LETTERS: 3 dead letters are open, more than 2",
                ":white_check_mark: *alert_dead_letters* recovered from DEAD_LETTERS: 0 dead letters are open");
        assertThat(webhookAlerts()).containsExactly(
                webhook("ALERT", "DEAD_LETTERS", "alert_dead_letters", "3 dead letters are open, more than 2"),
                webhook("RECOVERED", "DEAD_LETTERS", "alert_dead_letters", "0 dead letters are open"));
    }

    @Test
    void aRunAGuardBlockedAlertsUntilItsApprovedPlanIsDelivered() {
        insertLeads("alert_blocked", 0, 10);
        run("alert_blocked");
        warehouse().update("UPDATE crm.alert_blocked SET company = 'Globex' WHERE email < 'lead6'");
        SyncRun blocked = run("alert_blocked");
        SyncRun approved = runner.approve(blocked.id());

        assertThat(blocked.status()).isEqualTo(SyncRun.Status.BLOCKED);
        assertThat(approved.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *alert_blocked* RUN_BLOCKED: run " + blocked.id() + " is blocked by the "
                        + blocked.blockedBy().guard() + " guard: the plan changes 6 of the 10 records this sync holds"
                        + " (60%); the limit is 50%; approve or discard it",
                ":white_check_mark: *alert_blocked* recovered from RUN_BLOCKED: run " + blocked.id() + " succeeded");
        assertThat(webhookAlerts()).extracting(alert -> alert.get("state") + " " + alert.get("kind"))
                .containsExactly("ALERT RUN_BLOCKED", "RECOVERED RUN_BLOCKED");
    }

    @Test
    void aSyncFileCanSilenceItsAlerts() {
        warehouse().execute("ALTER TABLE crm.alert_silenced RENAME TO alert_silenced_away");
        SyncRun failed = run("alert_silenced");
        warehouse().execute("ALTER TABLE crm.alert_silenced_away RENAME TO alert_silenced");

        assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(slackAlerts()).isEmpty();
        assertThat(WEBHOOK.received()).isEmpty();
    }

    @Test
    void otherPartsOfSluiceRaiseAndClearIncidentsOnceEachEvenAcrossARestart() {
        assertThat(alerts.raise("guarded_sync", "GUARD_TRIPPED", "run 41 would delete 90% of the records")).isTrue();
        assertThat(alerts.raise("guarded_sync", "GUARD_TRIPPED", "run 42 would delete 91% of the records")).isFalse();

        Alerts restarted = new Alerts(incidents, channels, CLOCK, meters, properties);
        assertThat(restarted.raise("guarded_sync", "GUARD_TRIPPED", "run 43 would delete 90% of the records"))
                .isFalse();
        assertThat(restarted.clear("guarded_sync", "GUARD_TRIPPED", "run 43 was approved")).isTrue();
        assertThat(restarted.clear("guarded_sync", "GUARD_TRIPPED", "run 43 was approved")).isFalse();

        assertThat(slackAlerts()).containsExactly(
                ":rotating_light: *guarded_sync* GUARD_TRIPPED: run 41 would delete 90% of the records",
                ":white_check_mark: *guarded_sync* recovered from GUARD_TRIPPED: run 43 was approved");
        assertThat(webhookAlerts()).hasSize(2);
    }

    private SyncRun run(String sync) {
        return runner.run(sync, SyncRun.Trigger.MANUAL);
    }

    private static void insertLeads(String table, int from, int to) {
        for (int i = from; i < to; i++) {
            warehouse().update("INSERT INTO crm." + table + " VALUES (?, 'Acme')", "lead" + i + "@example.com");
        }
    }

    private static Map<String, String> webhook(String state, String kind, String sync, String message) {
        return Map.of("state", state, "kind", kind, "sync", sync, "message", message);
    }
}
