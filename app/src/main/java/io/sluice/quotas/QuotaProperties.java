package io.sluice.quotas;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the vendors' rate limits, daily budgets and circuit breakers are kept ({@code sluice.quotas.*}).
 *
 * @param shared {@code auto}: in the state store when it is PostgreSQL (instances sharing it then keep to one
 *               rate, one budget and one breaker per destination together, and the daily budget survives a
 *               restart), in memory otherwise; {@code true}: in the state store, which must be PostgreSQL;
 *               {@code false}: in each instance's memory
 */
@Validated
@ConfigurationProperties("sluice.quotas")
public record QuotaProperties(@NotNull @DefaultValue("auto") Sharing shared) {

    /** Whether quotas are kept in the state store, for every instance sharing it. */
    public enum Sharing {
        AUTO, TRUE, FALSE
    }
}
