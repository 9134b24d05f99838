package io.sluice.delivery;

import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.sluice.commit.DeliveryRecorder;
import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.metrics.SyncMetrics;
import io.sluice.runs.RunContext;

/**
 * What a batch refused for good becomes. Usually every record of it becomes a dead letter. But when the
 * vendor refused the whole call for what one record holds, the others would wait as dead letters for a
 * replay that the bad record fails again: instead the batch is sent again as two halves, and a refused half
 * is halved again, until the record is found and only it becomes a dead letter. When both halves of a
 * batch are refused, the cause is not one record: both become dead letters at once, so taking a batch apart
 * costs at most two calls per halving (16 for 200 records), never one per record.
 */
@Component("batchIsolation")
class BatchIsolation {

    private static final Logger LOG = LoggerFactory.getLogger(BatchIsolation.class);

    private final BatchCalls calls;
    private final DeliveryRecorder recorder;
    private final SyncMetrics metrics;

    BatchIsolation(BatchCalls calls, DeliveryRecorder recorder, SyncMetrics metrics) {
        this.calls = calls;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    /** Called by the error handler for a batch refused for good. */
    public void deliverOrDeadLetter(Exchange exchange) {
        DeliveryBatch batch = exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof DeliveryException refused && refused.isCausedByOneRecord() && batch.records().size() > 1) {
            LOG.info("Sync '{}': {} refused a batch of {} for one record's content; sending it again in halves",
                    batch.sync().name(), batch.sync().destination(), batch.records().size());
            takeApart(batch, exchange);
        } else {
            recorder.recordBatchFailure(exchange);
        }
    }

    private void takeApart(DeliveryBatch batch, Exchange exchange) {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        List<DeliveryBatch> halves = batch.halves();
        List<BatchCalls.Answer> answers = halves.stream().map(half -> {
            metrics.requestSent(exchange);
            return calls.send(half);
        }).toList();
        boolean bothRefused = answers.stream().allMatch(answer -> answer.failure() != null);
        for (int i = 0; i < halves.size(); i++) {
            DeliveryBatch half = halves.get(i);
            BatchCalls.Answer answer = answers.get(i);
            if (answer.failure() == null) {
                recorder.record(half, answer.outcomes(), run.runId(), run.counts(), 1);
            } else if (!bothRefused && answer.failure().isCausedByOneRecord() && half.records().size() > 1) {
                takeApart(half, exchange);
            } else {
                recorder.recordBatchFailure(half, run, answer.failure(), 1);
            }
        }
    }
}
