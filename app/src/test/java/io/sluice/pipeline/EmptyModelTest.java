package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sluice.runs.SyncRun;

/**
 * A model that returns no rows is a successful run that sends nothing — except in mirror mode, where
 * it means every record left the model, so every record delivered before is deleted.
 */
class EmptyModelTest extends BadInputContext {

    @Test
    void anEmptyModelSucceedsAndSendsNothing() {
        SyncRun run = runner.run("bi_empty", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(run.counts().read()).isZero();
        assertThat(SALESFORCE.calls()).isEmpty();
        assertThat(state.count("bi_empty")).isZero();
        assertThat(openDeadLetters("bi_empty")).isEmpty();
    }

    @Test
    void aMirrorWhoseModelBecameEmptyDeletesEveryRecordItDeliveredBefore() {
        warehouse().update("INSERT INTO bi.emptied_accounts VALUES ('E-1', 'Acme'), ('E-2', 'Globex')");
        runner.run("bi_emptied", SyncRun.Trigger.MANUAL);
        assertThat(SALESFORCE.records("Account")).hasSize(2);

        warehouse().update("DELETE FROM bi.emptied_accounts");
        SyncRun run = runner.run("bi_emptied", SyncRun.Trigger.MANUAL);

        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(run.counts().deleted()).isEqualTo(2);
        assertThat(SALESFORCE.records("Account")).isEmpty();
        assertThat(state.count("bi_emptied")).isZero();
    }
}
