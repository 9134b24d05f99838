package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SalesforceSandbox.Credentials;
import io.sluice.sandbox.salesforce.SandboxHttp.Reply;

class SalesforceSandboxOAuthTest {

    private final SalesforceSandbox sandbox = SalesforceSandbox.start(0);
    private final SandboxHttp http = new SandboxHttp(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void refreshTokenGrantAnswersTheShapeCamelSalesforceParses() throws Exception {
        Reply reply = http.token(SandboxHttp.refreshGrant(Credentials.demo()));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode token = reply.body();
        assertThat(token.get("access_token").asText()).startsWith("00D000000000001!");
        assertThat(token.get("instance_url").asText()).isEqualTo(sandbox.baseUrl());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("id").asText())
                .matches(sandbox.baseUrl().replace(".", "\\.") + "/id/00D[a-zA-Z0-9]{15}/005[a-zA-Z0-9]{15}");
        String issuedAt = token.get("issued_at").asText();
        assertThat(Long.parseLong(issuedAt)).isPositive();
        assertThat(token.get("signature").asText())
                .isEqualTo(hmacSha256(Credentials.demo().clientSecret(), token.get("id").asText() + issuedAt));
    }

    @Test
    void passwordGrantLogsTheUserIn() {
        Credentials demo = Credentials.demo();
        Reply reply = http.token(Map.of("grant_type", "password", "client_id", demo.clientId(),
                "client_secret", demo.clientSecret(), "username", demo.username(), "password", demo.password()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("access_token").asText()).isNotBlank();
    }

    @Test
    void grantsWithWrongValuesAreRefusedInTheOAuthErrorShape() {
        Credentials demo = Credentials.demo();
        Map<String, String> wrongRefreshToken = Map.of("grant_type", "refresh_token", "client_id", demo.clientId(),
                "client_secret", demo.clientSecret(), "refresh_token", "stale");
        Map<String, String> wrongPassword = Map.of("grant_type", "password", "client_id", demo.clientId(),
                "client_secret", demo.clientSecret(), "username", demo.username(), "password", "guess");
        Map<String, String> unknownClient = Map.of("grant_type", "refresh_token", "client_id", "someone-else",
                "client_secret", demo.clientSecret(), "refresh_token", demo.refreshToken());
        Map<String, String> wrongSecret = Map.of("grant_type", "refresh_token", "client_id", demo.clientId(),
                "client_secret", "guess", "refresh_token", demo.refreshToken());
        Map<String, String> unknownGrant = Map.of("grant_type", "implicit", "client_id", demo.clientId());

        assertOAuthError(http.token(wrongRefreshToken), "invalid_grant", "expired access/refresh token");
        assertOAuthError(http.token(wrongPassword), "invalid_grant", "authentication failure");
        assertOAuthError(http.token(unknownClient), "invalid_client_id", "client identifier invalid");
        assertOAuthError(http.token(wrongSecret), "invalid_client", "invalid client credentials");
        assertOAuthError(http.token(unknownGrant), "unsupported_grant_type", "grant type not supported");
        assertThat(sandbox.tokenRequests()).isEqualTo(5);
    }

    @Test
    void tokenEndpointOnlyTakesPost() {
        Reply reply = http.get(OAuthEndpoint.TOKEN_PATH + "?grant_type=refresh_token");

        assertOAuthError(reply, "invalid_request", "must use HTTP POST");
    }

    @Test
    void customCredentialsReplaceTheDemoOnes() {
        Credentials custom = new Credentials("id", "secret", "refresh", "user@example.com", "pw");
        try (SalesforceSandbox other = SalesforceSandbox.start(0, custom)) {
            SandboxHttp otherHttp = new SandboxHttp(other);

            assertThat(otherHttp.token(SandboxHttp.refreshGrant(custom)).status()).isEqualTo(200);
            assertThat(otherHttp.token(SandboxHttp.refreshGrant(Credentials.demo())).status()).isEqualTo(400);
        }
    }

    @Test
    void apiCallsWithoutAValidTokenAreUnauthorized() {
        Reply withoutToken = http.upsert(null, "Lead", "Email", false, List.of(SandboxHttp.lead("a@b.com", "Acme")));
        Reply withUnknownToken = http.upsert("00D000000000001!forged", "Lead", "Email", false,
                List.of(SandboxHttp.lead("a@b.com", "Acme")));

        for (Reply reply : List.of(withoutToken, withUnknownToken)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
            assertThat(reply.error().get("message").asText()).isEqualTo("Session expired or invalid");
        }
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void expiredSessionsNeedAFreshToken() {
        String token = http.login();
        assertThat(http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead("a@b.com", "Acme"))).status())
                .isEqualTo(200);

        sandbox.expireSessions();
        Reply expired = http.upsert(token, "Lead", "Email", false, List.of(SandboxHttp.lead("b@b.com", "Acme")));
        String freshToken = http.login();
        Reply retried = http.upsert(freshToken, "Lead", "Email", false, List.of(SandboxHttp.lead("b@b.com", "Acme")));

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error().get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(sandbox.records("Lead")).extracting(lead -> lead.get("Email")).containsExactly("a@b.com", "b@b.com");
        assertThat(sandbox.tokenRequests()).isEqualTo(2);
    }

    @Test
    void theOAuthSchemeIsAcceptedLikeBearer() {
        String token = http.login();

        Reply reply = http.callAuthorized("DELETE", SandboxHttp.API + "/composite/sobjects?ids=00Q000000000001EAA",
                "OAuth " + token, null);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void revokedTokensStopWorking() {
        String token = http.login();

        Reply revoked = http.get(OAuthEndpoint.REVOKE_PATH + "?token=" + token);
        Reply revokedAgain = http.get(OAuthEndpoint.REVOKE_PATH + "?token=" + token);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revokedAgain.status()).isEqualTo(400);
        assertThat(http.delete(token, List.of("00Q000000000001EAA"), false).status()).isEqualTo(401);
    }

    private static void assertOAuthError(Reply reply, String error, String description) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").asText()).isEqualTo(error);
        assertThat(reply.body().get("error_description").asText()).isEqualTo(description);
    }

    private static String hmacSha256(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
