package io.sluice.destinations.salesforce;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.apache.camel.component.salesforce.AuthenticationType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * Sluice's own settings for Salesforce ({@code sluice.salesforce.*}); the default org's connection is
 * camel-salesforce's ({@code camel.component.salesforce.*}), further orgs are {@code connections}.
 *
 * @param rateLimit       at most this many API calls per period, upserts and deletes of every sync together.
 *                        Salesforce counts calls per rolling 24 hours (the org's allocation, shared with its
 *                        other integrations); the pace spreads Sluice's share instead of spending it in a burst
 * @param bulkThreshold   a run that plans more upserts (or more deletes) than this sends them as Bulk API 2.0
 *                        ingest jobs instead of sObject Collections calls of 200 records: a handful of calls per
 *                        job instead of one call per 200 records. At least 200
 * @param bulkJobRecords  records per Bulk API 2.0 job at most (Salesforce processes a job in internal batches of
 *                        10,000 records); a job's records are held in memory while it runs, and a job whose CSV
 *                        would pass Salesforce's 100 MB upload limit is split further
 * @param bulkPollInterval how often Sluice asks Salesforce whether a closed Bulk API 2.0 job has finished; each
 *                        question is an API call
 * @param bulkJobTimeout  how long Sluice waits for one Bulk API 2.0 job before it counts as a transient failure
 *                        (retried, then its records become retryable dead letters)
 * @param connections     further orgs by name, for sync files saying {@code connection: <name>}: each logs in on
 *                        its own and has its own throttle, so two orgs never share a quota
 */
@Validated
@ConfigurationProperties("sluice.salesforce")
record SalesforceProperties(@Valid @NotNull @DefaultValue RateLimit rateLimit,
                            @Min(SalesforceDestination.COLLECTION_LIMIT) @DefaultValue("10000") int bulkThreshold,
                            @Min(2 * SalesforceDestination.COLLECTION_LIMIT) @DefaultValue("10000") int bulkJobRecords,
                            @NotNull @DefaultValue("5s") Duration bulkPollInterval,
                            @NotNull @DefaultValue("1h") Duration bulkJobTimeout,
                            @Valid @NotNull @DefaultValue Map<String, Connection> connections) {

    /**
     * One more Salesforce org, logged in to by a camel-salesforce component of its own. The settings are
     * camel-salesforce's, as {@code camel.component.salesforce.*} holds them for the default org; every other
     * component setting (API version, lazy login, timeouts) is the default org's.
     *
     * @param loginUrl           where the org logs in: {@code https://login.salesforce.com}, {@code
     *                           https://test.salesforce.com} for a sandbox org, or the org's My Domain
     * @param authenticationType REFRESH_TOKEN, USERNAME_PASSWORD, JWT or CLIENT_CREDENTIALS
     * @param clientId           the connected app's consumer key
     * @param clientSecret       the connected app's consumer secret (not with JWT)
     * @param refreshToken       with REFRESH_TOKEN: the refresh token the OAuth flow gave
     * @param userName           with USERNAME_PASSWORD and JWT: the user Sluice acts as
     * @param password           with USERNAME_PASSWORD: that user's password (and security token)
     * @param keystore           with JWT: the keystore holding the certificate's private key, as a Camel resource
     *                           ({@code file:/run/secrets/salesforce.p12}, {@code classpath:...})
     * @param keystorePassword   with JWT: the keystore's password
     * @param rateLimit          at most this many API calls per period to this org, every sync writing to it
     *                           together
     */
    record Connection(@NotBlank String loginUrl,
                      @NotNull @DefaultValue("REFRESH_TOKEN") AuthenticationType authenticationType,
                      @NotBlank String clientId,
                      String clientSecret,
                      String refreshToken,
                      String userName,
                      String password,
                      String keystore,
                      String keystorePassword,
                      @Valid @NotNull @DefaultValue RateLimit rateLimit) {

        /** Never a secret: configuration ends up in logs and failure messages. */
        @Override
        public String toString() {
            return "Connection[loginUrl=" + loginUrl + ", authenticationType=" + authenticationType + ", clientId="
                    + clientId + ", userName=" + userName + ", rateLimit=" + rateLimit + "]";
        }
    }
}
