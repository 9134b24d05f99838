package io.sluice.state;

import java.util.List;

/**
 * Published once a run's batch is committed to the state store, after the destination accepted it: what the
 * warehouse diff mirrors into its state table, never before.
 *
 * @param runId     the run whose batch it was
 * @param sync      the sync's name
 * @param delivered keys now held as delivered
 * @param forgotten keys deleted at the destination and dropped from the store
 */
public record StateCommitted(long runId, String sync, List<String> delivered, List<String> forgotten) {
}
