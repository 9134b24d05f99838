package io.sluice.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.apache.camel.CamelContext;

import io.sluice.deadletter.DeadLetterStore;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.processors.ProcessorChain;
import io.sluice.processors.ProcessorOutcome;
import io.sluice.read.WarehouseDiffRun;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunLog;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

/**
 * The streamed heart of a run: pulls rows from the warehouse, maps them, drops duplicate keys, and
 * compares each record's hash with what was last delivered, yielding only new or changed records,
 * already grouped into batches the destination accepts. Where the run's state was loaded into a
 * {@link KeyTable}, an unchanged row costs a hash and a probe of that table, nothing more, and the
 * store is asked only about the records that changed (for their destination ids); otherwise (an
 * incremental run past a cursor, which reads few rows) the store is asked once per chunk.
 *
 * <p>Two threads share the work: the run's own thread only reads rows off the warehouse connection,
 * while another maps, hashes and dedupes the chunk read before and compares it with the state store.
 * Chunks are worked on one after the other, in the order read, and at most two are held at a time:
 * records come out in model order and memory stays flat.
 *
 * <p>Duplicates: the first row with a key wins; give the model an ORDER BY to choose which.
 */
public final class ChangedRecords implements Iterator<DeliveryBatch> {

    private final Iterator<Object[]> rows;
    private final RunContext run;
    private final SyncDefinition sync;
    private final RecordMapper mapper;
    private final RecordStateStore state;
    private final DeadLetterStore deadLetters;
    private final Executor diffs;
    private final boolean checkOpenDeadLetters;
    private final boolean appendOnly;
    private final int chunkSize;
    private final int batchSize;
    /** The run's keys: loaded from the state store (see {@link KeyTable}) or filled as they are read. */
    private final CompletableFuture<KeyTable> keys;
    private final boolean stateLoaded;
    private final int keyPosition;
    private final RunLog runLog;
    private final ProcessorChain processors;
    private final String keyField;
    /** Set when the warehouse diffed: the rows are only those it let out, and it learns which were unchanged. */
    private final WarehouseDiffRun warehouseDiff;
    private final ArrayDeque<OutboundRecord> ready = new ArrayDeque<>();
    /** The diff of the chunk read last, which may still be under way. */
    private CompletableFuture<Diff> pending;

    public ChangedRecords(Iterator<Object[]> rows, List<String> columns, WarehouseDiffRun warehouseDiff,
                          RunContext run, RecordStateStore state, DeadLetterStore deadLetters, Executor diffs,
                          CompletableFuture<KeyTable> keys, boolean stateLoaded, int chunkSize, int batchSize,
                          RunLog runLog, ProcessorChain processors, CamelContext camel) {
        this.rows = rows;
        this.warehouseDiff = warehouseDiff;
        this.run = run;
        this.sync = run.sync();
        this.mapper = new RecordMapper(sync, columns, camel);
        this.state = state;
        this.deadLetters = deadLetters;
        this.diffs = diffs;
        this.checkOpenDeadLetters = deadLetters.hasOpen(sync.name());
        this.appendOnly = sync.mode() == SyncMode.APPEND;
        this.chunkSize = chunkSize;
        this.batchSize = batchSize;
        this.keys = keys;
        this.stateLoaded = stateLoaded;
        this.keyField = sync.keyMapping().field();
        this.keyPosition = mapper.position(keyField);
        this.runLog = runLog;
        this.processors = processors;
    }

    @Override
    public boolean hasNext() {
        while (ready.size() < batchSize && (pending != null || rows.hasNext())) {
            CompletableFuture<Diff> next = null;
            if (rows.hasNext()) {
                List<Object[]> chunk = readChunk();
                // after the chunk before it: the first row of a key wins, and records keep model order
                next = (pending == null ? keys : pending).thenApplyAsync(done -> diff(chunk), diffs);
            }
            if (pending != null) {
                take(pending);
            }
            pending = next;
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
    /**
     * A row still to compare with what was delivered.
     *
     * @param mappedDigest the hash of the row as mapped
     * @param processed    what the sync's processors made of it (as mapped when they refused it); {@code null}
     *                     without processors
     * @param digest       the hash of what would be sent and stored
     * @param refusal      the processors' refusal, or {@code null}
     */
    private record Read(String key, Object[] values, byte[] mappedDigest, Map<String, Object> processed,
                        byte[] digest, ProcessorOutcome refusal) {
    }

    /** A new or changed record; new when nothing was delivered for its key before. */
    private record Change(OutboundRecord record, boolean isNew) {
    }

    /** What a chunk turned out to hold: its changes in model order, and its rows without a key. */
    private record Diff(List<Change> changes, List<DeadLetterStore.Failure> rejected) {
    }

    private List<Object[]> readChunk() {
        List<Object[]> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && rows.hasNext()) {
            Object[] row = rows.next();
            if (sync.cursor().isPresent()) {
                run.observeCursor(mapper.cursorValue(row));
            }
            chunk.add(row);
        }
        long read = run.counts().read.addAndGet(chunk.size());
        runLog.rowsRead(run, read - chunk.size(), read);
        return chunk;
    }

    /** Maps, hashes and dedupes a chunk, then compares it with what was delivered before. */
    private Diff diff(List<Object[]> chunk) {
        KeyTable table = keys.join();
        List<Read> reads = new ArrayList<>(chunk.size());
        List<String> askStore = new ArrayList<>();
        List<DeadLetterStore.Failure> rejected = new ArrayList<>();
        for (Object[] row : chunk) {
            Object[] values;
            try {
                values = mapper.values(row);
            } catch (RecordMapper.UnmappableRow e) {
                // like a row without a key, its fix is in the warehouse: the next run reads it again
                Map<String, Object> columns = mapper.columns(row);
                rejected.add(new DeadLetterStore.Failure(new OutboundRecord(null, columns,
                        ContentHasher.hash(columns), null), "CAST_FAILED", e.getMessage(), false, 0));
                continue;
            }
            Object keyValue = values[keyPosition];
            String key = keyValue == null ? "" : keyValue.toString().strip();
            if (key.isEmpty()) {
                rejected.add(new DeadLetterStore.Failure(new OutboundRecord(null, mapper.payload(values),
                        ContentHasher.hex(mapper.digest(values)), null),
                        "EMPTY_RECORD_KEY", "record key '" + sync.primaryKey() + "' is "
                        + (keyValue == null ? "NULL" : "empty") + "; the row cannot be matched at the destination",
                        false, 0));
                continue;
            }
            long held = table.visit(ContentHasher.keyFingerprint(key));
            if (held == KeyTable.DUPLICATE) {
                run.counts().duplicates.incrementAndGet();
                continue;
            }
            if (warehouseDiff != null) {
                warehouseDiff.requireSameKey(key);
            }
            byte[] mappedDigest = mapper.digest(values);
            if (appendOnly && stateLoaded && held != KeyTable.ABSENT) {
                // an event is sent once, changed or not
                run.counts().unchanged.incrementAndGet();
                continue;
            }
            Map<String, Object> processed = null;
            byte[] digest = mappedDigest;
            ProcessorOutcome refusal = null;
            if (!processors.isEmpty()) {
                // what processors return is what is hashed and stored, so they run before the comparison
                Map<String, Object> mapped = mapper.payload(values);
                ProcessorOutcome outcome = processors.apply(sync.name(), keyField, mapped);
                if (outcome.kind() == ProcessorOutcome.Kind.DROPPED) {
                    run.counts().filtered.incrementAndGet();
                    continue;
                }
                if (outcome.kind() == ProcessorOutcome.Kind.REFUSED) {
                    // kept as mapped, so that a replay passes it through the fixed processors
                    refusal = outcome;
                    processed = mapped;
                } else {
                    processed = RecordMapper.normalizeAll(outcome.record());
                    digest = ContentHasher.digest(processed);
                }
            }
            if (refusal == null && stateLoaded && held != KeyTable.ABSENT && KeyTable.prefix(digest) == held) {
                run.counts().unchanged.incrementAndGet();
                continue;
            }
            reads.add(new Read(key, values, mappedDigest, processed, digest, refusal));
            // a loaded table knows the keys never delivered; the others need their destination id
            if (!stateLoaded || held != KeyTable.ABSENT) {
                askStore.add(key);
            }
        }
        List<Change> changes = new ArrayList<>();
        if (reads.isEmpty()) {
            return new Diff(changes, rejected);
        }
        Map<String, RecordStateStore.StoredRecord> delivered = state.delivered(sync.name(), askStore);
        Map<String, String> waitingInDeadLetters = checkOpenDeadLetters
                ? deadLetters.openHashes(sync.name(), reads.stream().map(Read::key).toList()) : Map.of();
        for (Read read : reads) {
            RecordStateStore.StoredRecord previous = delivered.get(read.key());
            String waiting = waitingInDeadLetters.get(read.key());
            // an event is never sent again, changed or not: a refused one waits for a replay
            // a record already dead-lettered with this content waits for a replay, not for every run
            if (appendOnly && (previous != null || waiting != null)
                    || ContentHasher.matches(read.mappedDigest(), waiting)
                    || ContentHasher.matches(read.digest(), waiting)) {
                run.counts().unchanged.incrementAndGet();
                if (appendOnly && previous != null) {
                    confirmUnchanged(read.key());
                }
                continue;
            }
            if (read.refusal() != null) {
                rejected.add(new DeadLetterStore.Failure(new OutboundRecord(read.key(), read.processed(),
                        ContentHasher.hex(read.mappedDigest()), previous == null ? null : previous.destinationId()),
                        read.refusal().code(), read.refusal().message(), false, 0));
                continue;
            }
            byte[] digest = read.digest();
            if (previous != null && ContentHasher.matches(digest, previous.contentHash())) {
                run.counts().unchanged.incrementAndGet();
                confirmUnchanged(read.key());
                continue;
            }
            // destinations that update by their own id (not an external id) need the one they gave before
            boolean creating = previous == null;
            OutboundRecord record = new OutboundRecord(read.key(),
                    read.processed() == null ? mapper.outbound(read.values(), creating)
                            : mapper.outbound(read.processed(), creating),
                    ContentHasher.hex(digest), creating ? null : previous.destinationId());
            changes.add(new Change(record, previous == null));
        }
        return new Diff(changes, rejected);
    }

    /** A row the warehouse let out (its hash there was unknown or another) that the state store holds as it is. */
    private void confirmUnchanged(String key) {
        if (warehouseDiff != null && !run.dryRun()) {
            warehouseDiff.unchanged(key);
        }
    }

    /** Waits for a chunk's diff and passes its records on: to the run's plan, and to delivery unless a dry run. */
    private void take(CompletableFuture<Diff> pendingDiff) {
        Diff diff;
        try {
            diff = pendingDiff.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        reject(diff.rejected());
        for (Change change : diff.changes()) {
            if (change.isNew()) {
                run.plan().create(change.record());
            } else {
                run.plan().update(change.record());
            }
            if (!run.dryRun()) {
                ready.add(change.record());
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
