package io.sluice.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.sandbox.stripe.StripeHttp.Reply;

/** The customer resources: what Stripe accepts, what it refuses, and in which shape. */
class StripeSandboxCustomerApiTest extends StripeSandboxTestSupport {

    @Test
    void anUpdateMergesMetadataAndAnEmptyValueDeletesAKey() {
        http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "pro", "metadata[seats]", "5"), "k-1");

        Reply reply = http.post("/v1/customers/cus_ada", Map.of("metadata[plan]", "enterprise", "metadata[seats]", "",
                "metadata[region]", "eu"), "k-2");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("object").asText()).isEqualTo("customer");
        assertThat(reply.body().path("id").asText()).isEqualTo("cus_ada");
        assertThat(reply.body().path("email").asText()).isEqualTo("ada@example.com");
        assertThat(reply.body().path("metadata").toString()).isEqualTo("{\"plan\":\"enterprise\",\"region\":\"eu\"}");
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("plan", "enterprise", "region", "eu"));
    }

    @Test
    void customerFieldsAreSetAndAnEmptyValueUnsetsThem() {
        http.post("/v1/customers/cus_ada", Map.of("name", "Augusta Ada King", "phone", "+44 20 7946 0000",
                "description", "first programmer"), "k-1");
        Reply reply = http.post("/v1/customers/cus_ada", Map.of("phone", "", "email", "countess@example.com"), "k-2");

        assertThat(reply.status()).isEqualTo(200);
        StripeSandbox.Customer ada = sandbox.customer("cus_ada").orElseThrow();
        assertThat(ada.name()).isEqualTo("Augusta Ada King");
        assertThat(ada.phone()).isNull();
        assertThat(ada.description()).isEqualTo("first programmer");
        assertThat(ada.email()).isEqualTo("countess@example.com");
        assertThat(reply.body().path("phone").isNull()).isTrue();
    }

    @Test
    void anUnknownCustomerIsResourceMissing() {
        Reply reply = http.post("/v1/customers/cus_nobody", Map.of("metadata[plan]", "pro"), "k-1");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error().path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(reply.error().path("code").asText()).isEqualTo("resource_missing");
        assertThat(reply.error().path("param").asText()).isEqualTo("id");
        assertThat(reply.error().path("message").asText()).isEqualTo("No such customer: 'cus_nobody'");
        assertThat(http.get("/v1/customers/cus_nobody").status()).isEqualTo(404);
    }

    @Test
    void metadataOverStripesLimitsIsRefusedNamingTheParamAndChangesNothing() {
        Reply longValue = http.post("/v1/customers/cus_ada",
                Map.of("metadata[plan]", "pro", "metadata[notes]", "x".repeat(501)), "k-1");
        Reply longKey = http.post("/v1/customers/cus_ada", Map.of("metadata[" + "k".repeat(41) + "]", "v"), "k-2");
        Map<String, String> fiftyOne = new LinkedHashMap<>();
        for (int i = 1; i <= 51; i++) {
            fiftyOne.put("metadata[key" + i + "]", "v");
        }
        Reply tooMany = http.post("/v1/customers/cus_ada", fiftyOne, "k-3");

        assertThat(longValue.status()).isEqualTo(400);
        assertThat(longValue.error().path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(longValue.error().path("param").asText()).isEqualTo("metadata[notes]");
        assertThat(longValue.error().path("message").asText()).contains("500 characters");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.error().path("param").asText()).isEqualTo("metadata");
        assertThat(longKey.error().path("message").asText()).contains("40 characters");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error().path("param").asText()).isEqualTo("metadata");
        assertThat(tooMany.error().path("message").asText()).contains("50 keys");
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void fiftyKeysAreAllowedCountingWhatTheCustomerHoldsAlready() {
        Map<String, String> fifty = new LinkedHashMap<>();
        for (int i = 1; i <= 50; i++) {
            fifty.put("metadata[key" + i + "]", "v");
        }
        assertThat(http.post("/v1/customers/cus_ada", fifty, "k-1").status()).isEqualTo(200);

        Reply oneMore = http.post("/v1/customers/cus_ada", Map.of("metadata[key51]", "v"), "k-2");
        Reply swap = http.post("/v1/customers/cus_ada", Map.of("metadata[key51]", "v", "metadata[key1]", ""), "k-3");

        assertThat(oneMore.status()).isEqualTo(400);
        assertThat(swap.status()).isEqualTo(200);
        assertThat(sandbox.customer("cus_ada").orElseThrow().metadata()).hasSize(50).containsKey("key51")
                .doesNotContainKey("key1");
    }

    @Test
    void unknownParametersAndMalformedEmailAddressesAreRefused() {
        Reply unknown = http.post("/v1/customers/cus_ada", Map.of("plan", "pro"), "k-1");
        Reply email = http.post("/v1/customers/cus_ada", Map.of("email", "ada-at-example.com"), "k-2");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error().path("code").asText()).isEqualTo("parameter_unknown");
        assertThat(unknown.error().path("param").asText()).isEqualTo("plan");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.error().path("code").asText()).isEqualTo("email_invalid");
        assertThat(email.error().path("param").asText()).isEqualTo("email");
        assertThat(sandbox.customer("cus_ada").orElseThrow().email()).isEqualTo("ada@example.com");
    }

    @Test
    void listingByEmailMatchesExactlyLetterCaseIncluded() {
        sandbox.addCustomer("cus_ada2", "ada@example.com", "Ada Again");
        sandbox.addCustomer("cus_shout", "ADA@EXAMPLE.COM", "Ada Shouting");

        Reply both = http.get("/v1/customers?email=" + StripeHttp.encode("ada@example.com") + "&limit=10");
        Reply firstOnly = http.get("/v1/customers?email=" + StripeHttp.encode("ada@example.com") + "&limit=1");
        Reply none = http.get("/v1/customers?email=" + StripeHttp.encode("Ada@example.com"));

        assertThat(both.status()).isEqualTo(200);
        assertThat(both.body().path("object").asText()).isEqualTo("list");
        assertThat(both.body().path("url").asText()).isEqualTo("/v1/customers");
        assertThat(both.body().path("data").findValuesAsText("id")).containsExactly("cus_ada2", "cus_ada");
        assertThat(both.body().path("has_more").asBoolean()).isFalse();
        assertThat(firstOnly.body().path("data")).hasSize(1);
        assertThat(firstOnly.body().path("has_more").asBoolean()).isTrue();
        assertThat(none.body().path("data")).isEmpty();
    }

    @Test
    void listParametersAreValidated() {
        assertThat(http.get("/v1/customers?limit=0").error().path("param").asText()).isEqualTo("limit");
        assertThat(http.get("/v1/customers?limit=101").status()).isEqualTo(400);
        assertThat(http.get("/v1/customers?limit=ten").error().path("code").asText())
                .isEqualTo("parameter_invalid_integer");
        assertThat(http.get("/v1/customers?mail=x").error().path("code").asText()).isEqualTo("parameter_unknown");
        assertThat(http.get("/v1/customers?starting_after=cus_grace").body().path("data").findValuesAsText("id"))
                .containsExactly("cus_ada");
    }

    @Test
    void anUnknownPathIsUnrecognized() {
        Reply reply = http.post("/v1/charges", Map.of("amount", "100"), "k-1");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error().path("message").asText()).contains("Unrecognized request URL");
    }
}
