package io.sluice.diff;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.processors.ProcessorLibrary;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destinations;
import io.sluice.read.ModelRows;
import io.sluice.read.WarehouseDiffRun;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunLog;
import io.sluice.state.RecordStateStore;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileProblem;
import io.sluice.sync.SyncMode;

/**
 * Route steps that decide what a run sends: the changed records of the streamed model, then (mirror
 * mode) the records that left it.
 */
@Component("changeDetection")
public class ChangeDetection {

    private static final String RUN_KEYS = "sluiceRunKeys";

    private final RecordStateStore state;
    private final DeadLetterStore deadLetters;
    private final SluiceProperties properties;
    private final Destinations destinations;
    private final RunLog runLog;
    private final ProcessorLibrary processors;
    private final CamelContext camel;
    /** Diffs each run's chunks beside its read: one chunk at a time per run. */
    private final ExecutorService diffs;

    public ChangeDetection(RecordStateStore state, DeadLetterStore deadLetters, SluiceProperties properties,
                           Destinations destinations, RunLog runLog, ProcessorLibrary processors,
                           CamelContext camel) {
        this.state = state;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.destinations = destinations;
        this.runLog = runLog;
        this.processors = processors;
        this.camel = camel;
        this.diffs = camel.getExecutorServiceManager().newCachedThreadPool(this, "sluice-diff");
    }

    /** Body in: the {@link ModelRows} of the model query. Body out: batches of new or changed records. */
    public Iterator<DeliveryBatch> changedBatches(Exchange exchange) {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        SyncDefinition sync = run.sync();
        ModelRows rows = exchange.getMessage().getBody(ModelRows.class);
        List<SyncFileProblem> missing = SyncCatalog.missingColumns(sync, rows.columns());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing.stream().map(Object::toString).toList()));
        }
        // a cursor's run reads only the rows past it, and a warehouse diff lets out only what changed: a few
        // probes of the store beat reading all of it
        boolean loadState = sync.cursor().isEmpty() && rows.warehouseDiff().isEmpty();
        CompletableFuture<KeyTable> keys = loadState
                ? CompletableFuture.supplyAsync(() -> load(sync), diffs)
                : CompletableFuture.completedFuture(new KeyTable(0));
        exchange.setProperty(RUN_KEYS, keys);
        return new ChangedRecords(rows, rows.columns(), rows.warehouseDiff().orElse(null), run, state, deadLetters,
                diffs, keys, loadState,
                properties.read().diffChunk(), destinations.of(sync).batchSize(sync), runLog,
                processors.chain(sync.processors()), camel);
    }

    /** One sequential scan of the sync's state, beside the warehouse's first fetch. */
    private KeyTable load(SyncDefinition sync) {
        KeyTable table = new KeyTable(state.count(sync.name()));
        state.forEach(sync.name(), stored ->
                table.put(ContentHasher.keyFingerprint(stored.key()), KeyTable.prefix(stored.contentHash())));
        return table;
    }

    public boolean isRecordOnly(Exchange exchange) {
        return exchange.getProperty(RunContext.PROPERTY, RunContext.class).recordOnly();
    }

    /**
     * In mirror mode, delete batches for records delivered before that this run did not read, streamed off the
     * state store a page of {@code sluice.read.diff-chunk} at a time. Runs only after the whole model was read: a
     * read that failed half-way deletes nothing.
     */
    public Iterator<DeliveryBatch> deletions(Exchange exchange) {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        SyncDefinition sync = run.sync();
        if (sync.mode() != SyncMode.MIRROR) {
            return Collections.emptyIterator();
        }
        int batchSize = destinations.of(sync).batchSize(sync);
        Optional<WarehouseDiffRun> diffed = exchange.getProperty(ModelRows.PROPERTY, ModelRows.class).warehouseDiff();
        if (diffed.isPresent()) {
            return Deletions.of(state, run, diffed.get(), batchSize, properties.read().diffChunk());
        }
        KeyTable seen = (KeyTable) exchange.getProperty(RUN_KEYS, CompletableFuture.class).join();
        return new Deletions(state, run, seen, batchSize, properties.read().diffChunk());
    }
}
