package io.sluice.destinations.salesforce;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;

import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;

/**
 * One Bulk API 2.0 ingest job on its way: a consecutive run of a batch's records, the CSV they became, where the job
 * stands, and each record's outcome as the result CSVs tell it. Salesforce does not keep the upload's order in its
 * results, so a result row finds its record by the key column (the external id, or {@code Id} for a delete), whose
 * value Salesforce echoes as it was sent.
 */
final class BulkJob {

    final List<OutboundRecord> records;
    final byte[] csv;
    final String keyColumn;
    private final RecordOutcome[] outcomes;
    private final Map<String, Deque<Integer>> unanswered = new HashMap<>();
    String id;
    JobStateEnum state;
    String errorMessage;

    /**
     * @param sentKeys key value of each record as written in the CSV, or null for a record answered before sending
     * @param refused  outcomes of the records not sent (null for those sent)
     */
    BulkJob(List<OutboundRecord> records, byte[] csv, String keyColumn, List<String> sentKeys,
            List<RecordOutcome> refused) {
        this.records = records;
        this.csv = csv;
        this.keyColumn = keyColumn;
        this.outcomes = refused.toArray(RecordOutcome[]::new);
        for (int i = 0; i < sentKeys.size(); i++) {
            if (sentKeys.get(i) != null) {
                unanswered.computeIfAbsent(sentKeys.get(i), key -> new ArrayDeque<>()).add(i);
            }
        }
    }

    boolean sendsAnything() {
        return !unanswered.isEmpty();
    }

    boolean finished() {
        return state == JobStateEnum.JOB_COMPLETE || state == JobStateEnum.FAILED || state == JobStateEnum.ABORTED;
    }

    /** A result row's outcome, for the record the row's key value names; a row naming none is ignored. */
    void answer(String keyValue, RecordOutcome outcome) {
        Deque<Integer> waiting = unanswered.get(keyValue);
        Integer index = waiting == null ? null : waiting.poll();
        if (index != null) {
            outcomes[index] = outcome;
        }
    }

    /** Every record's outcome, in batch order: one the results did not mention was not processed by the job. */
    List<RecordOutcome> outcomes() {
        return Arrays.stream(outcomes).map(outcome -> outcome != null ? outcome
                : RecordOutcome.rejected("BULK_JOB_" + state.name(), "Salesforce's Bulk job " + id + " ended "
                        + state.name() + " without processing this record"
                        + (errorMessage == null ? "" : ": " + errorMessage))).toList();
    }
}
