package io.sluice.processors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.sluice.deadletter.DeadLetterStore;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.runs.RunContext;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncDefinition;

/**
 * The streamed heart of a run: pulls rows from the warehouse, maps them, drops duplicate keys, and
 * compares each record's hash with what was last delivered — a chunk of rows per state-store query —
 * yielding only new or changed records, already grouped into batches the destination accepts.
 * Unchanged rows never leave this iterator, so they cost a hash and a lookup, nothing more.
 *
 * <p>The state-store query of a chunk runs on another thread while the next chunk is read, so the
 * read waits for the state store only when the store is the slower of the two. At most two chunks
 * are held at a time; records still come out in the order the model returned them.
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
    private final Executor lookups;
    private final boolean checkOpenDeadLetters;
    private final int chunkSize;
    private final int batchSize;
    private final KeyFingerprintSet seenKeys;
    private final int keyPosition;
    private final ArrayDeque<OutboundRecord> ready = new ArrayDeque<>();
    /** The chunk read last, whose state-store answer may still be on its way. */
    private Chunk pending;

    public ChangedRecords(ModelRows rows, RunContext run, RecordStateStore state, DeadLetterStore deadLetters,
                          Executor lookups, KeyFingerprintSet seenKeys, int chunkSize, int batchSize) {
        this.rows = rows;
        this.run = run;
        this.sync = run.sync();
        this.mapper = new RecordMapper(sync, rows.columns());
        this.state = state;
        this.deadLetters = deadLetters;
        this.lookups = lookups;
        this.checkOpenDeadLetters = deadLetters.hasOpen(sync.name());
        this.chunkSize = chunkSize;
        this.batchSize = batchSize;
        this.seenKeys = seenKeys;
        this.keyPosition = mapper.position(sync.keyMapping().field());
    }

    @Override
    public boolean hasNext() {
        while (ready.size() < batchSize && (pending != null || rows.hasNext())) {
            Chunk next = rows.hasNext() ? readChunk() : null;
            if (pending != null) {
                compare(pending);
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
    private record Read(String key, Object[] values, byte[] digest) {
    }

    /** What the state store and the open dead letters hold for a chunk's keys. */
    private record Previous(Map<String, RecordStateStore.StoredRecord> delivered,
                            Map<String, String> waitingInDeadLetters) {
    }

    private record Chunk(List<Read> reads, CompletableFuture<Previous> previous) {
    }

    /** Reads, maps and hashes up to a chunk of rows, and sends their keys to the state store. */
    private Chunk readChunk() {
        List<Read> reads = new ArrayList<>(chunkSize);
        List<DeadLetterStore.Failure> rejected = new ArrayList<>();
        while (reads.size() < chunkSize && rows.hasNext()) {
            Object[] row = rows.next();
            run.counts().read.incrementAndGet();
            if (sync.cursor().isPresent()) {
                run.observeCursor(mapper.cursorValue(row));
            }
            Object[] values = mapper.values(row);
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
            if (!seenKeys.add(ContentHasher.keyFingerprint(key))) {
                run.counts().duplicates.incrementAndGet();
                continue;
            }
            reads.add(new Read(key, values, mapper.digest(values)));
        }
        reject(rejected);
        List<String> keys = reads.stream().map(Read::key).toList();
        return new Chunk(reads, CompletableFuture.supplyAsync(() -> lookUp(keys), lookups));
    }

    private Previous lookUp(List<String> keys) {
        if (keys.isEmpty()) {
            return new Previous(Map.of(), Map.of());
        }
        return new Previous(state.delivered(sync.name(), keys),
                checkOpenDeadLetters ? deadLetters.openHashes(sync.name(), keys) : Map.of());
    }

    private void compare(Chunk chunk) {
        Previous previous;
        try {
            previous = chunk.previous().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        for (Read read : chunk.reads()) {
            RecordStateStore.StoredRecord delivered = previous.delivered().get(read.key());
            if (delivered != null && ContentHasher.matches(read.digest(), delivered.contentHash())
                    || ContentHasher.matches(read.digest(), previous.waitingInDeadLetters().get(read.key()))) {
                // a record already dead-lettered with this content waits for a replay, not for every run
                run.counts().unchanged.incrementAndGet();
                continue;
            }
            // destinations that update by their own id (not an external id) need the one they gave before
            OutboundRecord record = new OutboundRecord(read.key(), mapper.payload(read.values()),
                    ContentHasher.hex(read.digest()), delivered == null ? null : delivered.destinationId());
            if (delivered == null) {
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
