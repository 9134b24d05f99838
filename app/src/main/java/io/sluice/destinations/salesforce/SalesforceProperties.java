package io.sluice.destinations.salesforce;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.sluice.destinations.RateLimit;

/**
 * Sluice's own settings for Salesforce ({@code sluice.salesforce.*}); the connection itself is
 * camel-salesforce's ({@code camel.component.salesforce.*}).
 *
 * @param rateLimit at most this many API calls per period, upserts and deletes of every sync together.
 *                  Salesforce counts calls per rolling 24 hours (the org's allocation, shared with its
 *                  other integrations); the pace spreads Sluice's share instead of spending it in a burst
 */
@Validated
@ConfigurationProperties("sluice.salesforce")
record SalesforceProperties(@Valid @NotNull @DefaultValue RateLimit rateLimit) {
}
