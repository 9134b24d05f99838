package io.sluice.destinations.slack;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.slack.api.methods.SlackApiException;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.DeliveryException;
import io.sluice.destinations.Destination;
import io.sluice.destinations.RecordOutcome;
import io.sluice.quotas.Throttles;

/**
 * Posting through camel-slack: one route per workspace that every message to it takes — a sync's records and
 * Sluice's own alerts alike — throttled per channel (by every instance together when they share quotas), and the
 * upsert route of the Slack destination around them. Retries are
 * not decided here but by the calling sync route.
 */
@Component
class SlackRoutes extends RouteBuilder {

    /** Where the default workspace's messages go, Sluice's alerts among them. */
    static final String POST = "direct:slack-post";
    /** Exchange property: the post route of the batch's workspace. */
    private static final String WORKSPACE = "sluiceSlackWorkspace";

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
        postRoute(Optional.empty(), SlackConfiguration.COMPONENT, connection);
        properties.namedConnections().forEach((name, workspace) -> {
            String component = SlackConfiguration.COMPONENT + "-" + name;
            getContext().addComponent(component, SlackConfiguration.component(workspace));
            postRoute(Optional.of(name), component, workspace);
        });

        DeliveryBatch.Operation upsert = DeliveryBatch.Operation.UPSERT;
        from(destination.endpoint(upsert)).routeId(destination.routeId(upsert))
                .errorHandler(noErrorHandler())
                .process(exchange -> exchange.setProperty(WORKSPACE, postEndpoint(
                        exchange.getProperty(DeliveryBatch.PROPERTY, DeliveryBatch.class).sync().connection())))
                .doTry()
                    .process(messages::prepareRecord).id("slack-render")
                    .toD("${exchangeProperty." + WORKSPACE + "}").id("slack-upsert-post")
                    // camel-slack keeps the message's ts to itself: there is no id to remember
                    .setBody(exchange -> List.of(RecordOutcome.accepted(null, true)))
                .doCatch(SlackMessageRefused.class, SlackApiException.class, IOException.class,
                        CamelExchangeException.class)
                    .process(this::rejectOrRethrow)
                .end();
    }

    /** One workspace's messages, through its own camel-slack component, each of its channels paced on its own. */
    private void postRoute(Optional<String> name, String component, SlackConnection workspace) {
        String id = postEndpoint(name).substring("direct:".length());
        from(postEndpoint(name)).routeId(id)
                .errorHandler(noErrorHandler())
                // Slack allows about one message per second per channel; without this it answers 429
                .process(exchange -> throttles.pace(Destination.connectionKey(destination.name(), name) + " "
                        + exchange.getMessage().getHeader(SlackMessages.CHANNEL, String.class),
                        properties.perChannel().requests(), properties.perChannel().period()))
                    .id(id + "-channel-throttle")
                .toD(component + ":${header." + SlackMessages.CHANNEL + "}?serverUrl=RAW("
                        + workspace.baseUrl() + ")").id(id + "-call");
    }

    private static String postEndpoint(Optional<String> connection) {
        return connection.map(name -> POST + "-" + name).orElse(POST);
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
