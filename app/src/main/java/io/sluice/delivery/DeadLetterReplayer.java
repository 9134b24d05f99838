package io.sluice.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.sluice.commit.DeliveryRecorder;
import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterNotOpenException;
import io.sluice.deadletter.DeadLetterNotReplayableException;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.Destinations;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.diff.ContentHasher;
import io.sluice.diff.RecordMapper;
import io.sluice.processors.ProcessorChain;
import io.sluice.processors.ProcessorLibrary;
import io.sluice.processors.ProcessorOutcome;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * Sends dead letters again, as they were stored, through the same destination routes and the same
 * commit as a run: a success updates the state store and closes the dead letter; a failure keeps it
 * open with one more attempt. A replay the destination answered closes its circuit breaker. A letter a processor
 * refused was stored as mapped: it passes through the sync's processors, as they are now, first.
 */
@Service
public class DeadLetterReplayer {

    private final DeadLetterStore store;
    private final SyncCatalog catalog;
    private final DeliveryRecorder recorder;
    private final BatchCalls calls;
    private final Destinations destinations;
    private final CircuitBreakers circuitBreakers;
    private final ProcessorLibrary processors;

    public DeadLetterReplayer(DeadLetterStore store, SyncCatalog catalog, DeliveryRecorder recorder,
                              BatchCalls calls, Destinations destinations, CircuitBreakers circuitBreakers,
                              ProcessorLibrary processors) {
        this.circuitBreakers = circuitBreakers;
        this.store = store;
        this.catalog = catalog;
        this.recorder = recorder;
        this.calls = calls;
        this.destinations = destinations;
        this.processors = processors;
    }

    /**
     * @param replayed  letters sent again
     * @param delivered of those, accepted by the destination
     * @param failed    of those, refused again (still open, one more attempt)
     * @param skipped   letters that cannot be replayed: rows without a record key, fixed in the warehouse
     * @param filtered  of those replayed, letters the sync's processors now drop: discarded, nothing is sent
     */
    public record ReplayResult(int replayed, int delivered, int failed, int skipped, int filtered) {

        static final ReplayResult NONE = new ReplayResult(0, 0, 0, 0, 0);

        ReplayResult plus(ReplayResult other) {
            return new ReplayResult(replayed + other.replayed, delivered + other.delivered, failed + other.failed,
                    skipped + other.skipped, filtered + other.filtered);
        }
    }

    public ReplayResult replay(DeadLetter deadLetter) {
        if (deadLetter.status() != DeadLetter.Status.OPEN) {
            throw new DeadLetterNotOpenException(deadLetter);
        }
        if (deadLetter.recordKey() == null) {
            throw new DeadLetterNotReplayableException(deadLetter);
        }
        return replay(catalog.runnable(deadLetter.sync()), List.of(deadLetter));
    }

    public ReplayResult replayAll(String syncName) {
        SyncDefinition sync = catalog.runnable(syncName);
        ReplayResult total = ReplayResult.NONE;
        int pageSize = destinations.of(sync).batchSize(sync);
        long offset = 0;
        List<DeadLetter> page;
        do {
            page = store.list(Optional.of(syncName), Optional.of(DeadLetter.Status.OPEN), pageSize, offset);
            ReplayResult result = replay(sync, page);
            // letters that stay open would come back on the next page
            offset += result.failed() + result.skipped();
            total = total.plus(result);
        } while (page.size() == pageSize);
        return total;
    }

    private ReplayResult replay(SyncDefinition sync, List<DeadLetter> deadLetters) {
        ProcessorChain chain = processors.chain(sync.processors());
        int delivered = 0;
        int failed = 0;
        int filtered = 0;
        for (DeliveryBatch.Operation operation : DeliveryBatch.Operation.values()) {
            List<DeadLetter> letters = new ArrayList<>();
            List<OutboundRecord> records = new ArrayList<>();
            for (DeadLetter letter : deadLetters) {
                if (letter.operation() != operation || letter.recordKey() == null) {
                    continue;
                }
                if (!ProcessorOutcome.isProcessorCode(letter.errorCode())) {
                    letters.add(letter);
                    records.add(new OutboundRecord(letter.recordKey(), letter.payload(), letter.contentHash(),
                            letter.destinationId()));
                    continue;
                }
                ProcessorOutcome outcome = chain.apply(sync.name(), sync.keyMapping().field(), letter.payload());
                switch (outcome.kind()) {
                    case DROPPED -> {
                        store.discard(letter.id());
                        filtered++;
                    }
                    case REFUSED -> {
                        store.failedAgain(letter.id(), outcome.code(), outcome.message(), false, 1);
                        failed++;
                    }
                    case KEPT -> {
                        Map<String, Object> payload = RecordMapper.normalizeAll(outcome.record());
                        letters.add(letter);
                        records.add(new OutboundRecord(letter.recordKey(), payload, ContentHasher.hash(payload),
                                letter.destinationId()));
                    }
                }
            }
            if (letters.isEmpty()) {
                continue;
            }
            DeliveryBatch batch = new DeliveryBatch(sync, operation, records);
            BatchCalls.Answer answer = calls.send(batch);
            if (answer.failure() == null) {
                circuitBreakers.recordAnswer(batch);
            }
            List<RecordOutcome> outcomes = answer.perRecord(batch);
            failed += recorder.record(batch, outcomes, null, null, 1).size();
            for (int i = 0; i < letters.size(); i++) {
                if (outcomes.get(i).success()) {
                    delivered++;
                    store.close(letters.get(i).id(), DeadLetter.Status.REPLAYED);
                }
            }
        }
        int sent = (int) deadLetters.stream().filter(letter -> letter.recordKey() != null).count();
        return new ReplayResult(sent, delivered, failed, deadLetters.size() - sent, filtered);
    }
}
