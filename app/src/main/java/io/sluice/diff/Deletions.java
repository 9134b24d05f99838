package io.sluice.diff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.runs.RunContext;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncDefinition;

/**
 * Mirror mode's delete batches, made as they are asked for: the sync's state is read a page at a time and
 * each stored record the run did not read goes into the next batch. However many records a sync has, the
 * run holds one page and one batch of them, besides the keys it read. Every record gone is counted in the
 * run's plan; a dry run (a preview) counts them and sends none.
 */
final class Deletions implements Iterator<DeliveryBatch> {

    private final RecordStateStore state;
    private final RunContext run;
    private final SyncDefinition sync;
    private final KeyTable seenKeys;
    private final int batchSize;
    private final int pageSize;
    private Iterator<RecordStateStore.StoredRecord> page;
    private String lastKey;
    private boolean lastPage;
    private DeliveryBatch next;

    Deletions(RecordStateStore state, RunContext run, KeyTable seenKeys, int batchSize, int pageSize) {
        this.state = state;
        this.run = run;
        this.sync = run.sync();
        this.seenKeys = seenKeys;
        this.batchSize = batchSize;
        this.pageSize = pageSize;
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
            if (!seenKeys.seen(ContentHasher.keyFingerprint(stored.key()))) {
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
        if (page == null || !page.hasNext()) {
            if (lastPage) {
                return null;
            }
            List<RecordStateStore.StoredRecord> records = state.recordsAfter(sync.name(), lastKey, pageSize);
            lastPage = records.size() < pageSize;
            if (records.isEmpty()) {
                return null;
            }
            lastKey = records.get(records.size() - 1).key();
            page = records.iterator();
        }
        return page.next();
    }
}
