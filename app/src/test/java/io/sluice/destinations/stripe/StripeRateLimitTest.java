package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;
import io.sluice.quotas.Throttles;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.sandbox.stripe.StripeSandbox.RecordedRequest;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;

/**
 * Sluice's own request limit, in a lean context of just the Stripe routes: whoever asks — here two syncs at
 * once — every request to Stripe passes the one throttle.
 */
@SpringBootTest(classes = {CamelAutoConfiguration.class, StripeRateLimitTest.StripeOnly.class},
        properties = "sluice.stripe.requests-per-second=2")
class StripeRateLimitTest {

    static final StripeSandbox STRIPE = StripeSandbox.start(0);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StripeProperties.class)
    @Import({StripeConfiguration.class, StripeAccounts.class, StripeWrites.class, StripeRoutes.class, StripeDestination.class})
    static class StripeOnly {

        @Bean
        Throttles throttles() {
            return Throttles.inMemory();
        }
    }

    @Autowired
    ProducerTemplate producer;

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("sluice.stripe.api-base", STRIPE::baseUrl);
        registry.add("sluice.stripe.api-key", () -> StripeSandbox.DEMO_API_KEY);
    }

    @AfterAll
    static void stop() {
        STRIPE.close();
    }

    @Test
    void twoSyncsWritingAtOnceShareOneLimitOfRequestsPerSecond() throws Exception {
        for (int i = 0; i <= 8; i++) {
            STRIPE.addCustomer("cus_" + i, i + "@example.com", "C" + i);
        }
        SyncDefinition sync = sync();
        // the first request of a client is slow to leave (classes, connection): its arrival says little of its permit
        writeOneByOne(sync, 0);
        ExecutorService syncs = Executors.newFixedThreadPool(2);
        try {
            Future<?> odd = syncs.submit(() -> writeOneByOne(sync, 1, 3, 5, 7));
            Future<?> even = syncs.submit(() -> writeOneByOne(sync, 2, 4, 6, 8));
            odd.get();
            even.get();
        } finally {
            syncs.shutdownNow();
        }

        List<Instant> arrivals = STRIPE.requests().stream().skip(1).map(RecordedRequest::receivedAt).sorted().toList();
        assertThat(STRIPE.requests()).hasSize(9).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        for (int i = 0; i + 2 < arrivals.size(); i++) {
            // a third request within a second of the first would exceed 2 per second
            assertThat(Duration.between(arrivals.get(i), arrivals.get(i + 2))).isGreaterThan(Duration.ofMillis(900));
        }
    }

    private void writeOneByOne(SyncDefinition sync, int... customers) {
        for (int customer : customers) {
            Map<String, Object> payload = Map.of("customer_id", "cus_" + customer, "plan", "pro");
            DeliveryBatch batch = new DeliveryBatch(sync, DeliveryBatch.Operation.UPSERT,
                    List.of(new OutboundRecord("cus_" + customer, payload, "hash-" + customer, null)));
            Exchange answered = producer.send("direct:stripe-upsert",
                    exchange -> exchange.setProperty(DeliveryBatch.PROPERTY, batch));
            @SuppressWarnings("unchecked")
            List<RecordOutcome> outcomes = answered.getMessage().getBody(List.class);
            assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.success()).isTrue());
        }
    }

    private static SyncDefinition sync() throws IOException {
        Path file = Files.createTempDirectory("stripe-rate").resolve("rate.yaml");
        Files.writeString(file, """
                model:
                  name: rate
                  query: SELECT customer_id, plan FROM plans
                destination: stripe
                mapping:
                  customer_id: customer_id
                  plan: plan
                schedule: manual
                sync_mode: full
                """);
        return new SyncFileLoader(List.of(new StripeDestination(java.util.Set.of()))).load(file).definition().orElseThrow();
    }
}
