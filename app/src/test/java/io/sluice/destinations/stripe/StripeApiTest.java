package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.destinations.DeliveryException;

class StripeApiTest {

    private final StripeProperties properties = new StripeProperties("https://api.stripe.com", null, 25,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1), Map.of());

    @Test
    void withoutAKeySluiceStartsAndStripeSyncsFailForGoodSendingNothing() {
        StripeApi api = new StripeApi(new StripeConnection(properties.apiBase(), " "), "sluice.stripe.api-key",
                properties);

        assertThatThrownBy(() -> api.retrieve("cus_1")).isInstanceOfSatisfying(DeliveryException.class, failure -> {
            assertThat(failure.isTransient()).isFalse();
            assertThat(failure.errorCode()).isEqualTo("no_api_key");
            assertThat(failure.getMessage()).contains("sluice.stripe.api-key");
        });
    }

    @Test
    void theKeyNeverShowsInAConnectionsText() {
        assertThat(new StripeConnection("https://api.stripe.com", "sk_live_secret").toString())
                .doesNotContain("sk_live_secret").contains("(set)");
    }
}
