package io.sluice.destinations.slack;

import java.io.IOException;
import java.util.List;

import com.slack.api.methods.SlackApiException;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.RecordOutcome;
import io.sluice.quotas.Throttles;

/**
 * Posting through camel-slack: one route that every message takes — a sync's records and Sluice's own
 * alerts alike — throttled per channel (by every instance together when they share quotas), and the upsert route of the Slack destination around it. Retries are
 * not decided here but by the calling sync route.
 */
@Component
class SlackRoutes extends RouteBuilder {

    static final String POST = "direct:slack-post";

    private final SlackDestination destination;
    private final SlackMessages messages;
    private final SlackErrors errors;
    private final SlackConnection connection;
    private final SlackProperties properties;
    private final Throttles throttles;

    SlackRoutes(SlackDestination destination, SlackMessages messages, SlackErrors errors, SlackConnection connection,
                SlackProperties properties, Throttles throttles) {
        this.destination = destination;
        this.messages = messages;
        this.errors = errors;
        this.connection = connection;
        this.properties = properties;
        this.throttles = throttles;
    }

    @Override
    public void configure() {
        from(POST).routeId("slack-post")
                .errorHandler(noErrorHandler())
                // Slack allows about one message per second per channel; without this it answers 429
                .process(exchange -> throttles.pace(destination.name() + " "
                        + exchange.getMessage().getHeader(SlackMessages.CHANNEL, String.class),
                        properties.perChannel().requests(), properties.perChannel().period()))
                    .id("slack-channel-throttle")
                .toD(SlackConfiguration.COMPONENT + ":${header." + SlackMessages.CHANNEL + "}?serverUrl=RAW("
                        + connection.baseUrl() + ")").id("slack-call");

        DeliveryBatch.Operation upsert = DeliveryBatch.Operation.UPSERT;
        from(destination.endpoint(upsert)).routeId(destination.routeId(upsert))
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(messages::prepareRecord).id("slack-render")
                    .to(POST).id("slack-upsert-post")
                    // camel-slack keeps the message's ts to itself: there is no id to remember
                    .setBody(exchange -> List.of(RecordOutcome.accepted(null, true)))
                .doCatch(SlackMessageRefused.class, SlackApiException.class, IOException.class,
                        CamelExchangeException.class)
                    .process(this::rejectOrRethrow)
                .end();
    }

    /** A message Slack refused is that record's dead letter; anything else fails the call as a whole. */
    private void rejectOrRethrow(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        DeliveryException failure = errors.classify(caught,
                exchange.getMessage().getHeader(SlackMessages.CHANNEL, "the record's channel", String.class));
        if (!(failure instanceof SlackMessageRefused)) {
            throw failure;
        }
        exchange.getMessage().setBody(List.of(RecordOutcome.rejected(failure.errorCode(), failure.getMessage())));
    }
}
