package io.sluice.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.stripe.StripeHttp.Reply;

/** The page and JSON views a demo user opens, and the one change they can make. */
class StripeSandboxViewTest extends StripeSandboxTestSupport {

    @Test
    void thePageSaysWhatItIsAndCountsCustomers() {
        http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");

        String page = http.text("/sandbox");

        assertThat(page).contains(StripeView.BANNER, "not a real Stripe account", "customers</a>: 2, 1 with metadata",
                "API requests received</a>: 1");
    }

    @Test
    void customersAndRequestsAreShownAsJsonWithoutTheSecretKey() {
        http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro"), "k-1");

        Reply customers = http.get("/sandbox/customers");
        Reply requests = http.get("/sandbox/requests");

        assertThat(customers.body().findValuesAsText("id")).containsExactly("cus_ada", "cus_grace");
        assertThat(customers.body().get(0).path("metadata").path("plan").asText()).isEqualTo("pro");
        assertThat(requests.body().get(0).path("idempotencyKey").asText()).isEqualTo("k-1");
        assertThat(requests.body().toString()).doesNotContain(sandbox.apiKey());
    }

    @Test
    void aDemoUserCanCreateACustomerOnce() {
        Reply created = http.put("/sandbox/customers/cus_new", "{\"email\":\"new@example.com\",\"name\":\"New\"}");
        Reply again = http.put("/sandbox/customers/cus_new", "{\"email\":\"other@example.com\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(sandbox.customer("cus_new").orElseThrow().email()).isEqualTo("new@example.com");
        assertThat(http.post("/v1/customers/cus_new", Map.of("metadata[plan]", "pro"), "k-1").status()).isEqualTo(200);
    }

    @Test
    void theDemoAccountHoldsTheWarehouseCustomersButTwo() {
        sandbox.reset();

        int seeded = sandbox.seedDemoCustomers();

        assertThat(seeded).isEqualTo(198);
        assertThat(sandbox.customer("cus_00001").orElseThrow().email()).isEqualTo("tim.thompson.c1@example.org");
        assertThat(sandbox.customer("cus_00042")).isEmpty();
        assertThat(sandbox.customer("cus_00137")).isEmpty();
    }
}
