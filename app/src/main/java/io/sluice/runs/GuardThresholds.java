package io.sluice.runs;

import io.sluice.config.SluiceProperties;
import io.sluice.sync.GuardOverrides;

/** The thresholds that apply to one sync: its file's {@code guards:} block over {@code sluice.guards.*}. */
public record GuardThresholds(boolean enabled, double maxDeletePercent, double maxChangePercent, long minRecords,
                              long minPreviousRows) {

    public static GuardThresholds of(SluiceProperties.Guards global, GuardOverrides sync) {
        return new GuardThresholds(
                sync.enabled() != null ? sync.enabled() : global.enabled(),
                sync.maxDeletePercent() != null ? sync.maxDeletePercent() : global.maxDeletePercent(),
                sync.maxChangePercent() != null ? sync.maxChangePercent() : global.maxChangePercent(),
                sync.minRecords() != null ? sync.minRecords() : global.minRecords(),
                sync.minPreviousRows() != null ? sync.minPreviousRows() : global.minPreviousRows());
    }
}
