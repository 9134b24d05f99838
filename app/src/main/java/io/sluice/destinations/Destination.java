package io.sluice.destinations;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination;

/**
 * A kind of system Sluice writes to. Each destination contributes a Camel route per
 * {@link DeliveryBatch.Operation}, consuming its {@link #endpoint}: one that upserts a {@link DeliveryBatch} and
 * answers one {@link RecordOutcome} per record in input order, and one that deletes (or archives, or clears) a
 * batch of records delivered before. Whole-batch failures are thrown as {@link DeliveryException}, telling
 * transient from permanent, or as {@link RateLimitedException} when the vendor asks Sluice to slow down.
 *
 * <p>A sync file may hold a block named after its destination ({@code hubspot:}, {@code slack:},
 * ...) with settings only that destination understands: it reads them when the file loads
 * ({@link SyncFileDestination#read}).
 */
public interface Destination extends SyncFileDestination {

    /**
     * What the quotas of the account a sync writes to are kept under — throttles, daily budgets, circuit breakers,
     * metrics: {@code <destination>} for the destination's default connection, {@code <destination>:<connection>}
     * for a named one. Two syncs share a quota exactly when they share the key.
     */
    static String connectionKey(SyncDefinition sync) {
        return connectionKey(sync.destination(), sync.connection());
    }

    /** @see #connectionKey(SyncDefinition) */
    static String connectionKey(String destination, Optional<String> connection) {
        return connection.map(name -> destination + ":" + name).orElse(destination);
    }

    /** Records per call for this sync: never more than the vendor accepts. */
    int batchSize(SyncDefinition sync);

    /**
     * Records per call when a run's plan holds {@code planned} records of one operation. A destination with a bulk
     * interface answers more for a large plan, and its route then sends such a batch as one bulk job; the records
     * of a batch still get one {@link RecordOutcome} each. Replays and batches taken apart use
     * {@link #batchSize(SyncDefinition)}.
     */
    default int batchSize(SyncDefinition sync, DeliveryBatch.Operation operation, long planned) {
        return batchSize(sync);
    }

    /**
     * This destination as it judges sync files away from the deployment that runs them (a team's CI): what
     * only the deployment provides — credentials, endpoints — counts as provided.
     */
    default Destination forValidation() {
        return this;
    }

    /**
     * Whether the first run of a sync sends what it reads. A destination where every record becomes
     * a notification says no, unless the sync asks for it: the first run then only records state.
     */
    default boolean sendsFirstRun(SyncDefinition sync) {
        return true;
    }

    /**
     * Whether records must arrive in the order the plan holds them. Such a destination gets one batch at a
     * time; the others get up to {@code sluice.delivery.batches-in-flight} at once.
     */
    default boolean keepsOrder() {
        return false;
    }

    /** Id of the route this destination offers for one operation, consuming {@link #endpoint}. */
    default String routeId(DeliveryBatch.Operation operation) {
        return name() + "-" + operation.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads again the files of its own this destination keeps beside the sync files (Camel's YAML routes), with
     * the sync files; they are never sync files themselves.
     *
     * @return what is wrong with them, one {@code file:line: reason} each
     */
    default List<String> reloadFiles() {
        return List.of();
    }

    /** What {@link #reloadFiles} would find wrong in a folder of sync files, without running anything. */
    default List<String> checkFiles(Path folder) {
        return List.of();
    }

    /**
     * The current values of these fields of the batch's records, read in one call for the whole batch: record key
     * to field to value; a record the destination does not hold yet is absent. Called only for syncs
     * {@link #ifEmptyRefusal} accepts.
     *
     * @throws DeliveryException when the read fails, as a delivery call would
     */
    default Map<String, Map<String, Object>> currentValues(DeliveryBatch batch, List<String> fields) {
        throw new UnsupportedOperationException(name() + " reads no current values");
    }

    /** Where the delivery step sends a batch of one operation. */
    default String endpoint(DeliveryBatch.Operation operation) {
        return "direct:" + routeId(operation);
    }
}
