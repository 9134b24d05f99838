package io.sluice.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sluice.config.SluiceProperties;
import io.sluice.runs.GuardReport;
import io.sluice.runs.GuardThresholds;
import io.sluice.runs.PlanSummary;
import io.sluice.sync.GuardOverrides;

class GuardsTest {

    /** The shipped defaults: deletes over 20%, updates over 50%, at least 10 records, 100 rows before. */
    private static final SluiceProperties.Guards DEFAULTS = new SluiceProperties.Guards(true, 20, 50, 10, 100);
    private static final GuardThresholds LIMITS = GuardThresholds.of(DEFAULTS, GuardOverrides.NONE);

    @Test
    void deletingMoreThanTheShareOfHeldRecordsTrips() {
        PlanSummary plan = new PlanSummary(790, 0, 0, 210, 1000, 1000L);

        GuardReport report = Guards.check(plan, LIMITS, true).orElseThrow();

        assertThat(report.guard()).isEqualTo("deletes");
        assertThat(report.reason()).isEqualTo("the plan deletes 210 of the 1000 records this sync holds (21%);"
                + " the limit is 20%");
        assertThat(report.plan()).isEqualTo(plan);
        assertThat(report.thresholds()).isEqualTo(LIMITS);
    }

    @Test
    void deletingUpToTheShareDoesNotTrip() {
        assertThat(Guards.check(new PlanSummary(800, 0, 0, 200, 1000, 1000L), LIMITS, true)).isEmpty();
    }

    @Test
    void changingMoreThanTheShareOfHeldRecordsTrips() {
        GuardReport report = Guards.check(new PlanSummary(1000, 40, 501, 0, 1000, 1000L), LIMITS, true).orElseThrow();

        assertThat(report.guard()).isEqualTo("changes");
        assertThat(report.reason()).isEqualTo("the plan changes 501 of the 1000 records this sync holds (50.1%);"
                + " the limit is 50%");
    }

    @Test
    void changingUpToTheShareDoesNotTripAndCreatesAreNotChanges() {
        assertThat(Guards.check(new PlanSummary(6000, 5000, 500, 0, 1000, 1000L), LIMITS, true)).isEmpty();
    }

    @Test
    void theFirstRunOfASyncHoldsNothingAndIsNotBlocked() {
        assertThat(Guards.check(new PlanSummary(50_000, 50_000, 0, 0, 0, null), LIMITS, true)).isEmpty();
    }

    @Test
    void plansTouchingFewerRecordsThanTheMinimumAreNotJudgedByShare() {
        assertThat(Guards.check(new PlanSummary(1, 0, 1, 9, 10, 10L), LIMITS, true)).isEmpty();
        assertThat(Guards.check(new PlanSummary(0, 0, 0, 10, 10, 5L), LIMITS, true))
                .hasValueSatisfying(report -> assertThat(report.guard()).isEqualTo("deletes"));
    }

    @Test
    void anEmptyModelTripsWhenTheLastSuccessfulRunReadEnoughRows() {
        GuardReport report = Guards.check(new PlanSummary(0, 0, 0, 0, 5, 100L), LIMITS, true).orElseThrow();

        assertThat(report.guard()).isEqualTo("empty_model");
        assertThat(report.reason()).isEqualTo("the model returned no rows; the last successful run read 100");
        assertThat(Guards.check(new PlanSummary(0, 0, 0, 0, 5, 99L), LIMITS, true)).isEmpty();
        assertThat(Guards.check(new PlanSummary(0, 0, 0, 0, 0, null), LIMITS, true)).isEmpty();
    }

    @Test
    void anIncrementalRunThatReadsNothingNewIsNormal() {
        assertThat(Guards.check(new PlanSummary(0, 0, 0, 0, 5000, 5000L), LIMITS, false)).isEmpty();
    }

    @Test
    void aSyncFileOverridesTheGlobalThresholdsItSets() {
        GuardThresholds strict = GuardThresholds.of(DEFAULTS, new GuardOverrides(null, 1.5, null, 2L, null));
        PlanSummary plan = new PlanSummary(98, 0, 0, 2, 100, 100L);

        assertThat(strict).isEqualTo(new GuardThresholds(true, 1.5, 50, 2, 100));
        assertThat(Guards.check(plan, strict, true)).hasValueSatisfying(report ->
                assertThat(report.reason()).endsWith("(2%); the limit is 1.5%"));
        assertThat(Guards.check(plan, LIMITS, true)).isEmpty();
    }

    @Test
    void disabledGuardsLetEverythingThrough() {
        PlanSummary wipe = new PlanSummary(0, 0, 0, 1000, 1000, 1000L);

        assertThat(Guards.check(wipe, GuardThresholds.of(DEFAULTS, new GuardOverrides(false, null, null, null, null)),
                true)).isEmpty();
        assertThat(Guards.check(wipe, GuardThresholds.of(new SluiceProperties.Guards(false, 20, 50, 10, 100),
                GuardOverrides.NONE), true)).isEmpty();
        assertThat(Guards.check(wipe, LIMITS, true)).isPresent();
    }

    @Test
    void onlyUpdatesDeletesOrAnEmptyReadAreWorthJudging() {
        assertThat(Guards.couldTrip(5000, 0, 0, LIMITS, true)).isFalse();
        assertThat(Guards.couldTrip(5000, 1, 0, LIMITS, true)).isTrue();
        assertThat(Guards.couldTrip(5000, 0, 1, LIMITS, true)).isTrue();
        assertThat(Guards.couldTrip(0, 0, 0, LIMITS, true)).isTrue();
        assertThat(Guards.couldTrip(0, 0, 0, LIMITS, false)).as("an incremental run that read nothing new").isFalse();
        assertThat(Guards.couldTrip(5000, 1, 1, GuardThresholds.of(DEFAULTS,
                new GuardOverrides(false, null, null, null, null)), true)).as("guards off").isFalse();
    }
}
