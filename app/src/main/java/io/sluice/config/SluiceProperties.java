package io.sluice.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code sluice.*}. Destinations keep their own prefixes (Salesforce uses Camel's
 * {@code camel.component.salesforce.*}).
 *
 * @param routesDir the folder of sync files, read at start and watched for changes
 * @param state     the state store: record state, runs, dead letters, leases (PostgreSQL in production)
 * @param warehouse  the default warehouse: model queries of sync files without {@code warehouse:} read it,
 *                   through a read-only pool
 * @param warehouses further warehouses by name, for sync files saying {@code warehouse: <name>}; each has its
 *                   own read-only pool
 */
@Validated
@ConfigurationProperties("sluice")
public record SluiceProperties(
        @NotBlank @DefaultValue("routes") String routesDir,
        @Valid @NotNull Database state,
        @Valid @NotNull DefaultWarehouse warehouse,
        @Valid @NotNull @DefaultValue Map<String, NamedWarehouse> warehouses,
        @Valid @NotNull @DefaultValue Read read,
        @Valid @NotNull @DefaultValue Delivery delivery,
        @Valid @NotNull @DefaultValue Guards guards,
        @Valid @NotNull @DefaultValue Audit audit) {

    /**
     * A JDBC database.
     *
     * @param url         its JDBC URL
     * @param username    the user Sluice connects as
     * @param password    that user's password
     * @param maxPoolSize connections Sluice holds open to it at most
     */
    public record Database(@NotBlank String url, String username, String password,
                           @Min(1) @DefaultValue("5") int maxPoolSize) {
    }

    /**
     * The default warehouse, {@code sluice.warehouse.*}: the one sync files without {@code warehouse:} read.
     *
     * @param url         its JDBC URL
     * @param username    the user Sluice reads models as: one that may only read
     * @param password    that user's password
     * @param maxPoolSize connections Sluice holds open to it at most
     * @param diff        where runs of its syncs find what changed: {@code local} (Sluice reads every row) or
     *                    {@code warehouse} (a join inside the warehouse; only changed rows leave it); a sync file's
     *                    {@code diff:} overrides it
     * @param stateSchema a schema of the warehouse that Sluice may write, where it keeps the state table the
     *                    warehouse diff joins with (same user and password, on a connection of its own); needed for
     *                    {@code diff: warehouse}
     */
    public record DefaultWarehouse(@NotBlank String url, String username, String password,
                                   @Min(1) @DefaultValue("5") int maxPoolSize,
                                   @NotNull @DefaultValue("local") DiffMode diff, String stateSchema) {
    }

    /**
     * A warehouse sync files name in {@code warehouse: <name>}. A run holds one of its connections while it
     * reads the model and writes its plan, not while it delivers; runs beyond the pool's size wait their turn.
     *
     * @param url             its JDBC URL; the subprotocol picks the dialect and the driver (see drivers/)
     * @param username        the user Sluice connects as: one that may only read
     * @param password        that user's password
     * @param maximumPoolSize connections Sluice holds open to it at most, so runs reading it at once
     * @param diff            where runs of its syncs find what changed: {@code local} (Sluice reads every row)
     *                        or {@code warehouse} (a join inside the warehouse; only changed rows leave it); a sync
     *                        file's {@code diff:} overrides it
     * @param stateSchema     a schema of the warehouse that Sluice may write, where it keeps the state table the
     *                        warehouse diff joins with (same user and password, on a connection of its own);
     *                        needed for {@code diff: warehouse}
     */
    public record NamedWarehouse(@NotBlank String url, String username, String password,
                                 @Min(1) @DefaultValue("5") int maximumPoolSize,
                                 @NotNull @DefaultValue("local") DiffMode diff, String stateSchema) {
    }

    /**
     * How model queries read the warehouse.
     *
     * @param fetchSize    rows per round trip; the driver holds only this many rows at a time
     * @param queryTimeout how long a model query may run before the run fails
     * @param diffChunk    rows whose previous hashes are looked up in one state-store query
     */
    public record Read(@Min(1) @DefaultValue("5000") int fetchSize,
                       @NotNull @DefaultValue("30m") Duration queryTimeout,
                       @Min(1) @DefaultValue("1000") int diffChunk) {
    }

    /**
     * Retries of a batch that failed as a whole with a transient error, before its records become
     * dead letters.
     *
     * @param maxRedeliveries       how often a batch that failed as a whole with a transient error is sent again
     * @param initialBackoff        the wait before its first retry
     * @param backoffMultiplier     each further wait is the one before times this
     * @param maxBackoff            the longest wait between two retries
     * @param maxRateLimitedRetries how often a batch the vendor throttled (429) is sent again, each time
     *                              after the wait the vendor asked for
     * @param maxRetryAfter         the longest wait honoured at once; a vendor asking for more is asked again
     * @param circuitBreaker        when a destination counts as down and runs to it stop sending
     * @param shutdownTimeout       on a clean stop, how long runs in progress get to finish the batches they are
     *                              delivering (with their retries) and record how they ended
     * @param batchesInFlight       batches a run sends at once, so that a call's round trip does not set the pace;
     *                              each vendor's rate limit still applies to all of them together
     * @param rateLimitGuard        added to each rate-limit window Sluice paces itself by: Sluice counts a call
     *                              when it sends it, the vendor when it arrives, and a call held up on the way
     *                              by a concurrent one must not land in the vendor's previous window
     */
    public record Delivery(@Min(0) @DefaultValue("4") int maxRedeliveries,
                           @NotNull @DefaultValue("1s") Duration initialBackoff,
                           @DefaultValue("2.0") double backoffMultiplier,
                           @NotNull @DefaultValue("1m") Duration maxBackoff,
                           @Min(0) @DefaultValue("30") int maxRateLimitedRetries,
                           @NotNull @DefaultValue("5m") Duration maxRetryAfter,
                           @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker,
                           @NotNull @DefaultValue("2m") Duration shutdownTimeout,
                           @Min(1) @DefaultValue("4") int batchesInFlight,
                           @NotNull @DefaultValue("50ms") Duration rateLimitGuard) {

        /** The window Sluice's own throttle counts for a vendor allowing so many calls per {@code vendorWindow}. */
        public Duration throttleWindow(Duration vendorWindow) {
            return vendorWindow.plus(rateLimitGuard);
        }
    }

    /**
     * One breaker per destination, shared by every sync writing to it.
     *
     * @param failedBatches consecutive batches that failed after all their retries with a transient error
     *                      before the destination counts as down
     * @param openFor       how long no batch is sent to a destination that is down; then one run probes it
     */
    public record CircuitBreaker(@Min(1) @DefaultValue("3") int failedBatches,
                                 @NotNull @DefaultValue("5m") Duration openFor) {
    }

    /**
     * Checks on a run's plan before anything is sent; a sync file's {@code guards:} block overrides
     * any of them for that sync.
     *
     * @param enabled          false lets every plan through unjudged
     * @param maxDeletePercent planned deletes above this share of the records the sync holds block the run
     * @param maxChangePercent planned updates above this share of the records the sync holds block the run
     * @param minRecords       plans touching fewer records than this are never blocked by the two above
     * @param minPreviousRows  a model that returns no rows blocks the run when the last successful run
     *                         read at least this many
     */
    public record Guards(@DefaultValue("true") boolean enabled,
                         @DecimalMin("0") @DecimalMax("100") @DefaultValue("20") double maxDeletePercent,
                         @DecimalMin("0") @DecimalMax("100") @DefaultValue("50") double maxChangePercent,
                         @Min(0) @DefaultValue("10") long minRecords,
                         @Min(1) @DefaultValue("100") long minPreviousRows) {
    }

    /**
     * The row-level audit of what runs delivered.
     *
     * @param retention     how long audit rows are kept
     * @param purgeInterval how often rows older than that are purged
     */
    public record Audit(@NotNull @DefaultValue("30d") Duration retention,
                        @NotNull @DefaultValue("1h") Duration purgeInterval) {
    }
}
