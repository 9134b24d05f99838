package io.sluice.destinations.salesforce;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * Sluice's own settings for Salesforce ({@code sluice.salesforce.*}); the connection itself is
 * camel-salesforce's ({@code camel.component.salesforce.*}).
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
 */
@Validated
@ConfigurationProperties("sluice.salesforce")
record SalesforceProperties(@Valid @NotNull @DefaultValue RateLimit rateLimit,
                            @Min(SalesforceDestination.COLLECTION_LIMIT) @DefaultValue("10000") int bulkThreshold,
                            @Min(2 * SalesforceDestination.COLLECTION_LIMIT) @DefaultValue("10000") int bulkJobRecords,
                            @NotNull @DefaultValue("5s") Duration bulkPollInterval,
                            @NotNull @DefaultValue("1h") Duration bulkJobTimeout) {
}
