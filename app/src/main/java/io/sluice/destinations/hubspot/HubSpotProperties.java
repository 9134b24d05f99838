package io.sluice.destinations.hubspot;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * Everything under {@code sluice.hubspot.*}: where HubSpot is, the private app's token, and how
 * fast Sluice may call it.
 *
 * @param baseUrl           HubSpot's API root
 * @param token             the private app's access token, sent as {@code Authorization: Bearer}
 * @param requestsPerWindow calls allowed per {@code window}: 100 on Free and Starter, 190 on
 *                          Professional and Enterprise; other apps of the same account share it
 * @param window            HubSpot's rolling burst window
 * @param dailyLimit        calls allowed per day (250,000 Free/Starter, 650,000 Professional,
 *                          1,000,000 Enterprise); once spent, batches become retryable dead letters
 * @param dailyResetZone    the account's time zone: HubSpot's daily count starts again at its midnight
 * @param connectTimeout    how long connecting to HubSpot may take
 * @param responseTimeout   how long HubSpot may take to answer a call
 * @param connections       further HubSpot accounts (portals) by name, for sync files saying
 *                          {@code connection: <name>}: each with its own token, burst limit and daily budget
 */
@Validated
@ConfigurationProperties("sluice.hubspot")
record HubSpotProperties(@NotBlank @DefaultValue("https://api.hubapi.com") String baseUrl,
                         @DefaultValue("") String token,
                         @Min(1) @DefaultValue("100") int requestsPerWindow,
                         @NotNull @DefaultValue("10s") Duration window,
                         @Min(1) @DefaultValue("250000") long dailyLimit,
                         @NotNull @DefaultValue("UTC") ZoneId dailyResetZone,
                         @NotNull @DefaultValue("5s") Duration connectTimeout,
                         @NotNull @DefaultValue("30s") Duration responseTimeout,
                         @Valid @NotNull @DefaultValue Map<String, Connection> connections) {

    /** The account of {@code sluice.hubspot.*} itself, the default one. */
    Connection defaultConnection() {
        return new Connection(baseUrl, token, requestsPerWindow, window, dailyLimit, dailyResetZone);
    }

    /** Never the token: configuration ends up in logs and failure messages. */
    @Override
    public String toString() {
        return "HubSpotProperties[" + defaultConnection() + ", connections=" + connections + "]";
    }

    /**
     * One more HubSpot account, as {@code sluice.hubspot.*} describes the default one; the timeouts are shared.
     *
     * @param baseUrl           its API root
     * @param token             its private app's access token
     * @param requestsPerWindow calls allowed per {@code window} to this account
     * @param window            HubSpot's rolling burst window
     * @param dailyLimit        calls allowed per day to this account
     * @param dailyResetZone    the account's time zone: its daily count starts again at its midnight
     */
    record Connection(@NotBlank @DefaultValue("https://api.hubapi.com") String baseUrl,
                      @DefaultValue("") String token,
                      @Min(1) @DefaultValue("100") int requestsPerWindow,
                      @NotNull @DefaultValue("10s") Duration window,
                      @Min(1) @DefaultValue("250000") long dailyLimit,
                      @NotNull @DefaultValue("UTC") ZoneId dailyResetZone) {

        /** The burst limit Sluice paces this account's calls by. */
        RateLimit burstLimit() {
            return new RateLimit(requestsPerWindow, window);
        }

        @Override
        public String toString() {
            return "Connection[baseUrl=" + baseUrl + ", token=" + (token == null || token.isBlank() ? "(none)" : "(set)")
                    + ", burstLimit=" + burstLimit() + ", dailyLimit=" + dailyLimit + "]";
        }
    }
}
