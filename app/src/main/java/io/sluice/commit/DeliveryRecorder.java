package io.sluice.commit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.sluice.audit.RunAudit;
import io.sluice.audit.RunRecord;
import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunCounts;
import io.sluice.runs.RunRepository;
import io.sluice.state.RecordStateStore;
import io.sluice.state.StateCommitted;

/**
 * Commits what a destination answered: accepted records into the state store, rejected ones into
 * dead letters, and every one of a run's records into its audit — in one transaction per batch.
 * Nothing reaches the state store before the destination accepted it.
 */
@Component("deliveryRecorder")
public class DeliveryRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);

    /** Delivery attempts of the current batch, set by the error handler on each redelivery. */
    public static final String ATTEMPTS = "sluiceAttempts";

    private final RecordStateStore state;
    private final DeadLetterStore deadLetters;
    private final RunAudit audit;
    private final TransactionTemplate transactions;
    private final RunRepository runs;
    private final ApplicationEventPublisher events;

    public DeliveryRecorder(RecordStateStore state, DeadLetterStore deadLetters, RunAudit audit,
                            TransactionTemplate transactions, RunRepository runs, ApplicationEventPublisher events) {
        this.runs = runs;
        this.events = events;
        this.state = state;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Body: one {@link RecordOutcome} per record of the batch, in order. */
    @SuppressWarnings("unchecked")
    public void recordOutcomes(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        Map<String, List<String>> kept = exchange.getProperty(DeliveryBatch.KEPT, Map.of(), Map.class);
        record(batch, exchange.getMessage().getBody(List.class), run.runId(), run.counts(), 1, kept);
    }

    /**
     * A first run that must not notify about every existing row: its records become the baseline,
     * counted as unchanged, and only later changes are sent.
     */
    public void recordWithoutSending(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        transactions.executeWithoutResult(transaction -> {
            state.markDelivered(batch.sync().name(), batch.records().stream()
                    .map(record -> new RecordStateStore.DeliveredRecord(record.key(), record.contentHash(), null))
                    .toList());
            audit.record(run.runId(), batch.sync().name(), batch.records().stream()
                    .map(record -> new RunAudit.Entry(record.key(), RunRecord.Operation.SKIP, null, null,
                            RunRecord.Status.SKIPPED, null))
                    .toList());
        });
        events.publishEvent(new StateCommitted(run.runId(), batch.sync().name(),
                batch.records().stream().map(OutboundRecord::key).toList(), List.of()));
        run.counts().unchanged.addAndGet(batch.records().size());
        runs.progress(run.runId(), run.counts().snapshot());
    }

    /** A batch whose call failed as a whole, after its retries: every record becomes a dead letter. */
    public void recordBatchFailure(Exchange exchange) {
        recordBatchFailure(exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class),
                exchange.getProperty(RunContext.PROPERTY, RunContext.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class),
                exchange.getProperty(ATTEMPTS, 1, Integer.class));
    }

    public void recordBatchFailure(DeliveryBatch batch, RunContext run, Throwable cause, int attempts) {
        String code = cause instanceof DeliveryException failure ? failure.errorCode() : cause.getClass().getSimpleName();
        boolean retryable = cause instanceof DeliveryException failure && failure.isTransient();
        List<DeadLetterStore.Failure> failures = batch.records().stream()
                .map(record -> new DeadLetterStore.Failure(record, code, String.valueOf(cause.getMessage()), retryable,
                        attempts))
                .toList();
        LOG.warn("Sync '{}': a batch of {} records failed after {} attempt(s) and became dead letters: {}",
                batch.sync().name(), failures.size(), attempts, cause.getMessage());
        transactions.executeWithoutResult(transaction -> {
            deadLetters.record(batch.sync().name(), run.runId(), batch.operation(), failures);
            Map<String, RunRecord.Operation> operations = failedOperations(batch, batch.records());
            audit.record(run.runId(), batch.sync().name(), batch.records().stream()
                    .map(record -> new RunAudit.Entry(record.key(), operations.get(record.key()),
                            record.destinationId(), record.payload(), RunRecord.Status.DEAD_LETTERED,
                            error(code, cause.getMessage())))
                    .toList());
        });
        run.counts().failed.addAndGet(failures.size());
        run.counts().deadLettered.addAndGet(failures.size());
        run.counts().refused.addAndGet(failures.size());
        run.counts().batchRefusal.set(String.valueOf(cause.getMessage()));
        runs.progress(run.runId(), run.counts().snapshot());
    }

    /**
     * @param counts   the run's counters, or {@code null} outside a run (a replay)
     * @param attempts delivery attempts this answer took
     * @return the failures, already stored as dead letters
     */
    public List<DeadLetterStore.Failure> record(DeliveryBatch batch, List<RecordOutcome> outcomes, Long runId,
                                                RunCounts counts, int attempts) {
        return record(batch, outcomes, runId, counts, attempts, Map.of());
    }

    /** @param kept per record key, the {@code write: if_empty} fields left out: the destination held a value */
    public List<DeadLetterStore.Failure> record(DeliveryBatch batch, List<RecordOutcome> outcomes, Long runId,
                                                RunCounts counts, int attempts, Map<String, List<String>> kept) {
        if (outcomes.size() != batch.records().size()) {
            throw new DeliveryException(false, "RESULT_MISMATCH", "destination answered " + outcomes.size()
                    + " results for " + batch.records().size() + " records", null);
        }
        String sync = batch.sync().name();
        List<RecordStateStore.DeliveredRecord> delivered = new ArrayList<>();
        List<String> deliveredKeys = new ArrayList<>();
        List<DeadLetterStore.Failure> failures = new ArrayList<>();
        List<RunAudit.Entry> audited = new ArrayList<>(outcomes.size());
        long created = 0;
        long fieldsKept = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            OutboundRecord record = batch.records().get(i);
            RecordOutcome outcome = outcomes.get(i);
            if (outcome.success()) {
                deliveredKeys.add(record.key());
                delivered.add(new RecordStateStore.DeliveredRecord(record.key(), record.contentHash(),
                        outcome.destinationId()));
                created += outcome.created() ? 1 : 0;
                List<String> keptFields = kept.getOrDefault(record.key(), List.of());
                fieldsKept += keptFields.size();
                audited.add(new RunAudit.Entry(record.key(), deliveredOperation(batch, outcome),
                        outcome.destinationId() != null ? outcome.destinationId() : record.destinationId(),
                        record.payload(), RunRecord.Status.DELIVERED, null, keptFields));
            } else {
                failures.add(new DeadLetterStore.Failure(record, outcome.errorCode(), outcome.errorMessage(), false,
                        attempts));
            }
        }
        transactions.executeWithoutResult(transaction -> {
            if (batch.operation() == DeliveryBatch.Operation.UPSERT) {
                state.markDelivered(sync, delivered);
            } else {
                state.forget(sync, deliveredKeys);
            }
            deadLetters.resolve(sync, batch.operation(), deliveredKeys, DeadLetter.Status.RESOLVED);
            deadLetters.record(sync, runId, batch.operation(), failures);
            if (runId != null) {
                Map<String, RunRecord.Operation> operations = failedOperations(batch,
                        failures.stream().map(DeadLetterStore.Failure::record).toList());
                for (DeadLetterStore.Failure failure : failures) {
                    OutboundRecord record = failure.record();
                    audited.add(new RunAudit.Entry(record.key(), operations.get(record.key()), record.destinationId(),
                            record.payload(), RunRecord.Status.FAILED,
                            error(failure.errorCode(), failure.errorMessage())));
                }
                audit.record(runId, sync, audited);
            }
        });
        if (runId != null && !deliveredKeys.isEmpty()) {
            boolean upserted = batch.operation() == DeliveryBatch.Operation.UPSERT;
            events.publishEvent(new StateCommitted(runId, sync, upserted ? deliveredKeys : List.of(),
                    upserted ? List.of() : deliveredKeys));
        }
        if (counts != null) {
            if (batch.operation() == DeliveryBatch.Operation.UPSERT) {
                counts.created.addAndGet(created);
                counts.updated.addAndGet(delivered.size() - created);
                counts.fieldsKept.addAndGet(fieldsKept);
            } else {
                counts.deleted.addAndGet(deliveredKeys.size());
            }
            counts.failed.addAndGet(failures.size());
            counts.deadLettered.addAndGet(failures.size());
            counts.refused.addAndGet(failures.size());
            runs.progress(runId, counts.snapshot());
        }
        return failures;
    }

    /** The destination says whether an upsert created the record. */
    private static RunRecord.Operation deliveredOperation(DeliveryBatch batch, RecordOutcome outcome) {
        if (batch.operation() == DeliveryBatch.Operation.DELETE) {
            return RunRecord.Operation.DELETE;
        }
        return outcome.created() ? RunRecord.Operation.CREATE : RunRecord.Operation.UPDATE;
    }

    /**
     * What refused records were meant to be: a delete, or an upsert of a record this sync had (update)
     * or had not (create) delivered before.
     */
    private Map<String, RunRecord.Operation> failedOperations(DeliveryBatch batch, List<OutboundRecord> records) {
        Map<String, RunRecord.Operation> operations = new HashMap<>();
        if (batch.operation() == DeliveryBatch.Operation.DELETE) {
            records.forEach(record -> operations.put(record.key(), RunRecord.Operation.DELETE));
            return operations;
        }
        Map<String, RecordStateStore.StoredRecord> held = state.delivered(batch.sync().name(),
                records.stream().map(OutboundRecord::key).toList());
        records.forEach(record -> operations.put(record.key(),
                held.containsKey(record.key()) ? RunRecord.Operation.UPDATE : RunRecord.Operation.CREATE));
        return operations;
    }

    private static String error(String code, String message) {
        return code == null ? message : code + ": " + message;
    }
}
