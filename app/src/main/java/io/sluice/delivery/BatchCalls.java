package io.sluice.delivery;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.Destinations;
import io.sluice.destinations.RecordOutcome;

/**
 * Sends one batch through its destination's route once, outside a run's retries: how a dead letter is
 * replayed, and how a batch refused for one record is taken apart.
 */
@Component
public class BatchCalls {

    private final ProducerTemplate producer;
    private final Destinations destinations;
    private final FieldsKept fieldsKept;

    public BatchCalls(ProducerTemplate producer, Destinations destinations, FieldsKept fieldsKept) {
        this.producer = producer;
        this.destinations = destinations;
        this.fieldsKept = fieldsKept;
    }

    /** One outcome per record, in input order, or the failure of the whole call. */
    public record Answer(List<RecordOutcome> outcomes, DeliveryException failure) {

        /** A call that failed as a whole counts as refused for every record in it. */
        public List<RecordOutcome> perRecord(DeliveryBatch batch) {
            if (failure == null) {
                return outcomes;
            }
            return batch.records().stream()
                    .map(record -> RecordOutcome.rejected(failure.errorCode(), failure.getMessage()))
                    .toList();
        }
    }

    public Answer send(DeliveryBatch batch) {
        String endpoint = destinations.of(batch.sync()).endpoint(batch.operation());
        Exchange exchange = producer.send(endpoint, e -> {
            e.setProperty(DeliveryBatch.PROPERTY, batch);
            // a replayed letter keeps, as a run does, what people filled since
            fieldsKept.keep(e);
        });
        Exception failure = exchange.getException();
        if (failure == null) {
            @SuppressWarnings("unchecked")
            List<RecordOutcome> outcomes = exchange.getMessage().getBody(List.class);
            return new Answer(outcomes, null);
        }
        return new Answer(null, failure instanceof DeliveryException delivery ? delivery
                : new DeliveryException(true, failure.getClass().getSimpleName(), failure.getMessage(), failure));
    }
}
