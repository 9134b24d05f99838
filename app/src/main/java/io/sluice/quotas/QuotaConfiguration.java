package io.sluice.quotas;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sluice.config.SluiceProperties;

/**
 * Quotas kept by this instance alone or shared through the state store, as {@code sluice.quotas.shared} says:
 * by default shared exactly when the state store is PostgreSQL, which is what several instances run on.
 */
@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaConfiguration.class);
    private static final String POSTGRESQL = "jdbc:postgresql:";

    @Bean
    QuotaStore quotaStore(QuotaProperties quotas, SluiceProperties sluice, DataSource stateDataSource) {
        if (!shared(quotas, sluice)) {
            LOG.info("Rate limits, daily budgets and circuit breakers are this instance's own (sluice.quotas.shared)");
            return new InMemoryQuotaStore();
        }
        // an operator running several instances must see that they keep to their quotas together
        LOG.info("Rate limits, daily budgets and circuit breakers are shared by every instance on the state store");
        return new PostgresQuotaStore(new JdbcTemplate(stateDataSource));
    }

    @Bean
    Throttles throttles(QuotaProperties quotas, SluiceProperties sluice, DataSource stateDataSource) {
        if (!shared(quotas, sluice)) {
            return Throttles.inMemory();
        }
        return Throttles.shared(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(stateDataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("quota_bucket")
                .build());
    }

    static boolean shared(QuotaProperties quotas, SluiceProperties sluice) {
        boolean postgres = sluice.state().url().startsWith(POSTGRESQL);
        return switch (quotas.shared()) {
            case FALSE -> false;
            case AUTO -> postgres;
            case TRUE -> {
                if (!postgres) {
                    throw new IllegalStateException("sluice.quotas.shared=true keeps rate limits, budgets and"
                            + " breakers in the state store, which must then be PostgreSQL; sluice.state.url is "
                            + sluice.state().url().split("[;?]")[0] + ". Set sluice.quotas.shared to auto or false.");
                }
                yield true;
            }
        };
    }
}
