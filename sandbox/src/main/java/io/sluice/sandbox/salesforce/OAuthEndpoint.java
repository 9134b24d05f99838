package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.salesforce.SalesforceSandbox.Credentials;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;

/**
 * {@code /services/oauth2/token} and {@code /services/oauth2/revoke}. Errors use the OAuth shape
 * ({@code error}, {@code error_description}), not the REST error array: camel-salesforce parses a 400 from the
 * token endpoint as exactly that.
 */
final class OAuthEndpoint implements SandboxHandler {

    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String REVOKE_PATH = "/services/oauth2/revoke";

    private static final String ORG_ID_15 = "00D000000000001";
    private static final String USER_ID_15 = "005000000000001";
    /** The one user the sandbox knows, who owns what the API creates. */
    static final String USER_ID = SalesforceIds.to18(USER_ID_15);

    private final Credentials credentials;
    private final String baseUrl;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> activeTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    OAuthEndpoint(Credentials credentials, String baseUrl, ObjectMapper mapper) {
        this.credentials = credentials;
        this.baseUrl = baseUrl;
        this.mapper = mapper;
    }

    boolean isActive(String accessToken) {
        return accessToken != null && activeTokens.contains(accessToken);
    }

    void expireAll() {
        activeTokens.clear();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    void resetTokenRequestCount() {
        tokenRequests.set(0);
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        switch (exchange.getRequestURI().getPath()) {
            case TOKEN_PATH -> token(exchange, text);
            case REVOKE_PATH -> revoke(exchange, text);
            default -> SandboxExchanges.sendJson(exchange, 404, mapper,
                    List.of(SalesforceError.notFound().asRequestError()));
        }
    }

    private void token(HttpExchange exchange, String body) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            oauthError(exchange, "invalid_request", "must use HTTP POST");
            return;
        }
        tokenRequests.incrementAndGet();
        Map<String, String> form = SandboxExchanges.parseForm(body);
        String grantType = form.getOrDefault("grant_type", "");
        if (!Set.of("password", "refresh_token", "client_credentials").contains(grantType)) {
            oauthError(exchange, "unsupported_grant_type", "grant type not supported");
        } else if (!credentials.clientId().equals(form.get("client_id"))) {
            oauthError(exchange, "invalid_client_id", "client identifier invalid");
        } else if (!credentials.clientSecret().equals(form.get("client_secret"))) {
            oauthError(exchange, "invalid_client", "invalid client credentials");
        } else if (grantType.equals("refresh_token")
                && !credentials.refreshToken().equals(form.get("refresh_token"))) {
            oauthError(exchange, "invalid_grant", "expired access/refresh token");
        } else if (grantType.equals("password")
                && !(credentials.username().equals(form.get("username"))
                        && credentials.password().equals(form.get("password")))) {
            oauthError(exchange, "invalid_grant", "authentication failure");
        } else {
            SandboxExchanges.sendJson(exchange, 200, mapper, issueToken());
        }
    }

    private Map<String, String> issueToken() {
        byte[] secret = new byte[36];
        random.nextBytes(secret);
        String accessToken = ORG_ID_15 + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        activeTokens.add(accessToken);

        String identityUrl = baseUrl + "/id/" + SalesforceIds.to18(ORG_ID_15) + "/" + SalesforceIds.to18(USER_ID_15);
        String issuedAt = String.valueOf(System.currentTimeMillis());
        Map<String, String> token = new LinkedHashMap<>();
        token.put("access_token", accessToken);
        token.put("instance_url", baseUrl);
        token.put("id", identityUrl);
        token.put("token_type", "Bearer");
        token.put("issued_at", issuedAt);
        token.put("signature", sign(identityUrl + issuedAt));
        return token;
    }

    /** Salesforce signs {@code id + issued_at} with the consumer secret so clients can verify the response. */
    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void revoke(HttpExchange exchange, String body) throws IOException {
        Map<String, String> parameters = SandboxExchanges.parseForm(exchange.getRequestURI().getRawQuery());
        parameters.putAll(SandboxExchanges.parseForm(body));
        if (activeTokens.remove(Objects.requireNonNullElse(parameters.get("token"), ""))) {
            SandboxExchanges.send(exchange, 200, SandboxExchanges.JSON, new byte[0]);
        } else {
            oauthError(exchange, "unsupported_token_type", "this token type is not supported");
        }
    }

    private void oauthError(HttpExchange exchange, String error, String description) throws IOException {
        SandboxExchanges.sendJson(exchange, 400, mapper, Map.of("error", error, "error_description", description));
    }
}
