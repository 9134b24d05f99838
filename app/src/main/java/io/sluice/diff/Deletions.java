package io.sluice.diff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.read.WarehouseDiffRun;
import io.sluice.runs.RunContext;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncDefinition;

/**
 * Mirror mode's delete batches, made as they are asked for, a page of stored records at a time: the sync's
 * state, read a page at a time, of which each record the run did not read goes into the next batch; or, when the
 * warehouse diffed, the records of the keys its join found gone. However many records a sync has, the run holds
 * one page and one batch of them, besides the keys it read. Every record gone is counted in the run's plan; a dry
 * run (a preview) counts them and sends none.
 */
final class Deletions implements Iterator<DeliveryBatch> {

    private final RunContext run;
    private final SyncDefinition sync;
    /** The next page of stored records that may be gone; empty after the last. */
    private final Supplier<List<RecordStateStore.StoredRecord>> pages;
    private final Predicate<RecordStateStore.StoredRecord> isGone;
    private final int batchSize;
    private Iterator<RecordStateStore.StoredRecord> page;
    private DeliveryBatch next;

    private Deletions(RunContext run, Supplier<List<RecordStateStore.StoredRecord>> pages,
                      Predicate<RecordStateStore.StoredRecord> isGone, int batchSize) {
        this.run = run;
        this.sync = run.sync();
        this.pages = pages;
        this.isGone = isGone;
        this.batchSize = batchSize;
    }

    /** Every stored record whose key the run did not read. */
    Deletions(RecordStateStore state, RunContext run, KeyTable seenKeys, int batchSize, int pageSize) {
        this(run, new StatePages(state, run.sync().name(), pageSize),
                stored -> !seenKeys.seen(ContentHasher.keyFingerprint(stored.key())), batchSize);
    }

    /**
     * The stored records of the keys the warehouse found gone. A key the state store does not hold (the state
     * table was behind it) is dropped from the state table, not deleted anywhere.
     */
    static Deletions of(RecordStateStore state, RunContext run, WarehouseDiffRun diff, int batchSize,
                        int pageSize) {
        Iterator<String> gone = diff.gone().iterator();
        String sync = run.sync().name();
        return new Deletions(run, () -> {
            List<RecordStateStore.StoredRecord> page = List.of();
            while (page.isEmpty() && gone.hasNext()) {
                List<String> keys = new ArrayList<>(pageSize);
                while (keys.size() < pageSize && gone.hasNext()) {
                    keys.add(gone.next());
                }
                Map<String, RecordStateStore.StoredRecord> held = state.delivered(sync, keys);
                keys.stream().filter(key -> !held.containsKey(key) && !run.dryRun()).forEach(diff::forget);
                page = keys.stream().map(held::get).filter(Objects::nonNull).toList();
            }
            return page;
        }, stored -> true, batchSize);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = nextBatch();
        }
        return next != null;
    }

    @Override
    public DeliveryBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DeliveryBatch batch = next;
        next = null;
        return batch;
    }

    private DeliveryBatch nextBatch() {
        List<OutboundRecord> gone = new ArrayList<>();
        RecordStateStore.StoredRecord stored;
        while (gone.size() < batchSize && (stored = nextStored()) != null) {
            if (isGone.test(stored)) {
                OutboundRecord record = new OutboundRecord(stored.key(), Map.of(sync.externalIdField(), stored.key()),
                        stored.contentHash(), stored.destinationId());
                run.plan().delete(record);
                if (!run.dryRun()) {
                    gone.add(record);
                }
            }
        }
        return gone.isEmpty() ? null : new DeliveryBatch(sync, DeliveryBatch.Operation.DELETE, List.copyOf(gone));
    }

    private RecordStateStore.StoredRecord nextStored() {
        while (page == null || !page.hasNext()) {
            List<RecordStateStore.StoredRecord> records = pages.get();
            if (records.isEmpty()) {
                return null;
            }
            page = records.iterator();
        }
        return page.next();
    }

    /** The sync's state in key order, a page at a time. */
    private static final class StatePages implements Supplier<List<RecordStateStore.StoredRecord>> {

        private final RecordStateStore state;
        private final String sync;
        private final int pageSize;
        private String lastKey;
        private boolean lastPage;

        StatePages(RecordStateStore state, String sync, int pageSize) {
            this.state = state;
            this.sync = sync;
            this.pageSize = pageSize;
        }

        @Override
        public List<RecordStateStore.StoredRecord> get() {
            if (lastPage) {
                return List.of();
            }
            List<RecordStateStore.StoredRecord> records = state.recordsAfter(sync, lastKey, pageSize);
            lastPage = records.size() < pageSize;
            if (!records.isEmpty()) {
                lastKey = records.get(records.size() - 1).key();
            }
            return records;
        }
    }
}
