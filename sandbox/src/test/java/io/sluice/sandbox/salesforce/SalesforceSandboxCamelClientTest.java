package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SalesforceSandbox.Credentials;
import io.sluice.sandbox.salesforce.SalesforceSandbox.RecordedCall;

/** The real camel-salesforce client, configured as Sluice configures it, against the sandbox. */
class SalesforceSandboxCamelClientTest {

    private static final String UPSERT = "salesforce:raw?rawPath=" + SandboxHttp.API
            + "/composite/sobjects/Lead/Email&rawMethod=PATCH&format=JSON";

    private final SalesforceSandbox sandbox = SalesforceSandbox.start(0);
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startCamel() {
        Credentials demo = Credentials.demo();
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
        salesforce.setLoginUrl(sandbox.baseUrl());
        salesforce.setClientId(demo.clientId());
        salesforce.setClientSecret(demo.clientSecret());
        salesforce.setRefreshToken(demo.refreshToken());
        salesforce.setLazyLogin(true);
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", salesforce);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        sandbox.close();
    }

    @Test
    void rawCollectionsUpsertLogsInAndLandsInTheSandbox() {
        String results = producer.requestBody(UPSERT, leads("ada@example.com", "not-an-email"), String.class);

        assertThat(results).contains("\"created\":true").contains("INVALID_EMAIL_ADDRESS");
        assertThat(sandbox.records("Lead")).singleElement()
                .satisfies(lead -> assertThat(lead).containsEntry("Email", "ada@example.com"));
        assertThat(sandbox.tokenRequests()).isEqualTo(1);
    }

    @Test
    void anExpiredSessionIsRenewedAndTheCallRetried() {
        producer.requestBody(UPSERT, leads("ada@example.com"), String.class);
        sandbox.expireSessions();

        String results = producer.requestBody(UPSERT, leads("grace@example.com"), String.class);

        assertThat(results).contains("\"success\":true");
        assertThat(sandbox.tokenRequests()).isEqualTo(2);
        assertThat(sandbox.calls()).extracting(RecordedCall::status).containsExactly(200, 401, 200);
        assertThat(sandbox.records("Lead")).hasSize(2);
    }

    @Test
    void aSpentQuotaReachesTheCallerWithStatusAndErrorCode() {
        sandbox.setDailyRequestLimit(0);

        Throwable failure = catchThrowable(() -> producer.requestBody(UPSERT, leads("ada@example.com"), String.class));

        assertThat(failure).hasRootCauseInstanceOf(SalesforceException.class);
        SalesforceException cause = (SalesforceException) failure.getCause();
        assertThat(cause.getStatusCode()).isEqualTo(403);
        assertThat(cause.getMessage()).contains("REQUEST_LIMIT_EXCEEDED");
    }

    private static String leads(String... emails) {
        StringBuilder records = new StringBuilder();
        for (String email : emails) {
            records.append(records.isEmpty() ? "" : ",")
                    .append("{\"attributes\":{\"type\":\"Lead\"},\"Email\":\"").append(email)
                    .append("\",\"Company\":\"Acme\"}");
        }
        return "{\"allOrNone\":false,\"records\":[" + records + "]}";
    }
}
