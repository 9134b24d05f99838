package io.sluice.runs;

/**
 * Why a run was blocked: the guard that tripped, in words and numbers, the plan it judged and the
 * thresholds in force.
 *
 * @param guard one of {@code deletes}, {@code changes}, {@code empty_model}
 */
public record GuardReport(String guard, String reason, PlanSummary plan, GuardThresholds thresholds) {

    public static final String DELETES = "deletes";
    public static final String CHANGES = "changes";
    public static final String EMPTY_MODEL = "empty_model";
}
