package io.sluice.processors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.sluice.deadletter.DeadLetterStore;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunLog;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncDefinition;

/**
 * The streamed heart of a run: pulls rows from the warehouse, maps them, drops duplicate keys, and
 * compares each record's hash with what was last delivered — a chunk of rows per state-store query —
 * yielding only new or changed records, already grouped into batches the destination accepts.
 * Unchanged rows never leave this iterator, so they cost a hash and a lookup, nothing more.
 *
 * <p>Duplicates: the first row with a key wins; give the model an ORDER BY to choose which.
 */
public final class ChangedRecords implements Iterator<DeliveryBatch> {

    private final Iterator<Map<String, Object>> rows;
    private final RunContext run;
    private final SyncDefinition sync;
    private final RecordMapper mapper;
    private final RecordStateStore state;
    private final DeadLetterStore deadLetters;
    private final boolean checkOpenDeadLetters;
    private final int chunkSize;
    private final int batchSize;
    private final KeyFingerprintSet seenKeys;
    private final int keyPosition;
    private final RunLog runLog;
    private final ArrayDeque<OutboundRecord> ready = new ArrayDeque<>();

    public ChangedRecords(Iterator<Map<String, Object>> rows, List<String> columns, RunContext run,
                          RecordStateStore state, DeadLetterStore deadLetters, KeyFingerprintSet seenKeys,
                          int chunkSize, int batchSize, RunLog runLog) {
        this.rows = rows;
        this.run = run;
        this.sync = run.sync();
        this.mapper = new RecordMapper(sync, columns);
        this.state = state;
        this.deadLetters = deadLetters;
        this.checkOpenDeadLetters = deadLetters.hasOpen(sync.name());
        this.chunkSize = chunkSize;
        this.batchSize = batchSize;
        this.seenKeys = seenKeys;
        this.keyPosition = mapper.position(sync.keyMapping().field());
        this.runLog = runLog;
    }

    @Override
    public boolean hasNext() {
        while (ready.size() < batchSize && rows.hasNext()) {
            diffChunk();
        }
        return !ready.isEmpty();
    }

    @Override
    public DeliveryBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<OutboundRecord> batch = new ArrayList<>(Math.min(batchSize, ready.size()));
        while (batch.size() < batchSize && !ready.isEmpty()) {
            batch.add(ready.poll());
        }
        return new DeliveryBatch(sync, DeliveryBatch.Operation.UPSERT, batch);
    }

    /** A row read and hashed, not yet compared: its payload map is built only if it changed. */
    private record Read(String key, Object[] values, String contentHash) {
    }

    private void diffChunk() {
        List<Read> chunk = new ArrayList<>(chunkSize);
        List<DeadLetterStore.Failure> rejected = new ArrayList<>();
        while (chunk.size() < chunkSize && rows.hasNext()) {
            Map<String, Object> row = rows.next();
            runLog.rowRead(run, run.counts().read.incrementAndGet());
            if (sync.cursor().isPresent()) {
                run.observeCursor(mapper.cursorValue(row));
            }
            Object[] values = mapper.values(row);
            Object keyValue = values[keyPosition];
            String key = keyValue == null ? "" : keyValue.toString().strip();
            if (key.isEmpty()) {
                rejected.add(new DeadLetterStore.Failure(new OutboundRecord(null, mapper.payload(values),
                        mapper.hash(values), null),
                        "EMPTY_RECORD_KEY", "record key '" + sync.primaryKey() + "' is "
                        + (keyValue == null ? "NULL" : "empty") + "; the row cannot be matched at the destination",
                        false, 0));
                continue;
            }
            if (!seenKeys.add(ContentHasher.keyFingerprint(key))) {
                run.counts().duplicates.incrementAndGet();
                continue;
            }
            chunk.add(new Read(key, values, mapper.hash(values)));
        }
        reject(rejected);
        if (chunk.isEmpty()) {
            return;
        }
        List<String> keys = chunk.stream().map(Read::key).toList();
        Map<String, RecordStateStore.StoredRecord> delivered = state.delivered(sync.name(), keys);
        Map<String, String> waitingInDeadLetters = checkOpenDeadLetters
                ? deadLetters.openHashes(sync.name(), keys) : Map.of();
        for (Read read : chunk) {
            RecordStateStore.StoredRecord previous = delivered.get(read.key());
            if (previous != null && read.contentHash().equals(previous.contentHash())
                    || read.contentHash().equals(waitingInDeadLetters.get(read.key()))) {
                // a record already dead-lettered with this content waits for a replay, not for every run
                run.counts().unchanged.incrementAndGet();
                continue;
            }
            // destinations that update by their own id (not an external id) need the one they gave before
            OutboundRecord record = new OutboundRecord(read.key(), mapper.payload(read.values()), read.contentHash(),
                    previous == null ? null : previous.destinationId());
            if (previous == null) {
                run.plan().create(record);
            } else {
                run.plan().update(record);
            }
            if (!run.dryRun()) {
                ready.add(record);
            }
        }
    }

    private void reject(List<DeadLetterStore.Failure> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        run.counts().failed.addAndGet(rejected.size());
        if (!run.dryRun()) {
            deadLetters.record(sync.name(), run.runId(), DeliveryBatch.Operation.UPSERT, rejected);
            run.counts().deadLettered.addAndGet(rejected.size());
        }
    }
}
