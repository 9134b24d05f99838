package io.sluice.alerts;

import io.sluice.sync.AlertRules;
import io.sluice.sync.SyncDefinition;

/** The conditions one sync is watched for: its file's {@code alerts:} block over the global settings. */
record AlertThresholds(boolean enabled, boolean runFailed, double rejectedRowsPercent, boolean late,
                       double rowCountDeviationPercent, int rowCountRuns, long openDeadLetters) {

    static AlertThresholds of(SyncDefinition sync, AlertProperties global) {
        AlertRules rules = sync.alerts();
        return new AlertThresholds(
                global.enabled() && rules.enabled().orElse(true),
                rules.runFailed().orElse(global.runFailed()),
                rules.rejectedRowsPercent().orElse(global.rejectedRowsPercent()),
                rules.late().orElse(global.late()),
                rules.rowCountDeviationPercent().orElse(global.rowCountDeviationPercent()),
                rules.rowCountRuns().orElse(global.rowCountRuns()),
                rules.openDeadLetters().orElse(global.openDeadLetters()));
    }
}
