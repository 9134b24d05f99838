package io.sluice.runs;

/**
 * What a run's plan would do, as the guards judge it.
 *
 * @param read             rows the model returned
 * @param held             records this sync had delivered (and not deleted) before the run
 * @param previousRowsRead rows the last successful run read, if there was one
 */
public record PlanSummary(long read, long creates, long updates, long deletes, long held, Long previousRowsRead) {
}
