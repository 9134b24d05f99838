package io.sluice.plan;

import java.util.Optional;

import io.sluice.runs.GuardReport;
import io.sluice.runs.GuardThresholds;
import io.sluice.runs.PlanSummary;
import io.sluice.runs.ReportNumbers;

/**
 * The checks on a plan before its first write. A share of held records is only judged when the plan
 * touches at least {@code minRecords}: a sync of five records that deletes two is not an accident
 * worth stopping for, one that deletes 4,000 of 10,000 is.
 */
final class Guards {

    private Guards() {
    }

    /**
     * Whether {@link #check} could trip, so what the sync holds is worth counting: only enabled guards,
     * and only on updates, deletes or an empty read of a whole model; creates alone never trip.
     */
    static boolean couldTrip(long read, long updates, long deletes, GuardThresholds limits, boolean readsWholeModel) {
        return limits.enabled() && ((readsWholeModel && read == 0) || updates > 0 || deletes > 0);
    }

    /**
     * @param readsWholeModel false for an incremental sync, whose runs read only new rows: for it an
     *                        empty read is the normal case, not a broken model
     */
    static Optional<GuardReport> check(PlanSummary plan, GuardThresholds limits, boolean readsWholeModel) {
        if (!limits.enabled()) {
            return Optional.empty();
        }
        if (exceeds(plan.deletes(), plan.held(), limits.maxDeletePercent(), limits.minRecords())) {
            return Optional.of(shareReport(GuardReport.DELETES, "deletes", plan.deletes(), limits.maxDeletePercent(),
                    plan, limits));
        }
        if (exceeds(plan.updates(), plan.held(), limits.maxChangePercent(), limits.minRecords())) {
            return Optional.of(shareReport(GuardReport.CHANGES, "changes", plan.updates(), limits.maxChangePercent(),
                    plan, limits));
        }
        if (readsWholeModel && plan.read() == 0 && plan.previousRowsRead() != null
                && plan.previousRowsRead() >= limits.minPreviousRows()) {
            return Optional.of(new GuardReport(GuardReport.EMPTY_MODEL, "the model returned no rows; the last"
                    + " successful run read " + plan.previousRowsRead(), plan, limits));
        }
        return Optional.empty();
    }

    private static boolean exceeds(long planned, long held, double maxPercent, long minRecords) {
        return planned > 0 && planned >= minRecords && held > 0 && planned * 100.0 / held > maxPercent;
    }

    private static GuardReport shareReport(String guard, String verb, long planned, double maxPercent,
                                           PlanSummary plan, GuardThresholds limits) {
        return new GuardReport(guard, "the plan " + verb + " " + planned + " of the " + plan.held()
                + " records this sync holds (" + ReportNumbers.percent(planned * 100.0 / plan.held())
                + "); the limit is " + ReportNumbers.percent(maxPercent), plan, limits);
    }
}
