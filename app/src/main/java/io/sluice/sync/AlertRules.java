package io.sluice.sync;

import java.util.Optional;

/**
 * A sync file's {@code alerts:} block. Every setting left out falls back to the global one under
 * {@code sluice.alerts.*}.
 *
 * @param enabled                  {@code false} silences every alert of this sync
 * @param runFailed                alert when a run fails
 * @param rejectedRowsPercent      alert when more than this share of the rows a run sent was rejected
 * @param late                     alert when the sync has not succeeded within twice its schedule
 * @param rowCountDeviationPercent alert when a run reads more or fewer rows than the average of the
 *                                 previous runs by more than this share
 * @param rowCountRuns             how many previous successful runs that average is taken over
 * @param openDeadLetters          alert when more dead letters than this are open
 */
public record AlertRules(Optional<Boolean> enabled, Optional<Boolean> runFailed, Optional<Double> rejectedRowsPercent,
                         Optional<Boolean> late, Optional<Double> rowCountDeviationPercent,
                         Optional<Integer> rowCountRuns, Optional<Long> openDeadLetters) {

    public static final AlertRules GLOBAL = new AlertRules(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
