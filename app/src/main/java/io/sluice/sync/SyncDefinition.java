package io.sluice.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.sluice.config.DiffMode;

/**
 * A valid sync file, with every default applied.
 *
 * @param name            the file name without extension: unique, and used in admin paths
 * @param modelName       {@code model.name}
 * @param primaryKey      column that identifies a record (default: the first mapped column)
 * @param cursor          column whose increase marks new rows in incremental mode, if any
 * @param mapping         in file order
 * @param object          destination object (e.g. Salesforce {@code Lead})
 * @param externalIdField destination field matched on upsert (default: the primary key's field)
 * @param settings        the destination's own settings, read from the file's block named after it
 * @param guards          the file's own guard thresholds, replacing the global ones it sets
 * @param alerts          the file's {@code alerts:} block; what it leaves out follows {@code sluice.alerts.*}
 * @param warehouse       the named warehouse the model is read from; empty for the default one
 * @param processors      names of the team's processors each mapped record passes through, in order
 * @param connection      the destination's named connection ({@code sluice.<destination>.connections.<name>}) the
 *                        records go to; empty for the destination's default one
 * @param diff            where its runs find what changed, when the file says; otherwise its warehouse decides
 */
public record SyncDefinition(
        String name,
        Path file,
        String modelName,
        String query,
        String primaryKey,
        Optional<String> cursor,
        List<FieldMapping> mapping,
        String destination,
        String object,
        String externalIdField,
        Schedule schedule,
        SyncMode mode,
        DestinationSettings settings,
        GuardOverrides guards,
        AlertRules alerts,
        Optional<String> warehouse,
        List<String> processors,
        Optional<String> connection,
        Optional<DiffMode> diff) {

    /** A sync reading the default warehouse, without processors, writing to the destination's default connection. */
    public SyncDefinition(String name, Path file, String modelName, String query, String primaryKey,
                          Optional<String> cursor, List<FieldMapping> mapping, String destination, String object,
                          String externalIdField, Schedule schedule, SyncMode mode, DestinationSettings settings,
                          GuardOverrides guards, AlertRules alerts) {
        this(name, file, modelName, query, primaryKey, cursor, mapping, destination, object, externalIdField,
                schedule, mode, settings, guards, alerts, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * The destination's settings, as the type it reads them into.
     *
     * @throws IllegalStateException when this sync writes to another destination
     */
    public <S extends DestinationSettings> S settings(Class<S> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("sync '" + name + "' writes to " + destination + ", whose settings are "
                    + settings + ", not " + type.getSimpleName());
        }
        return type.cast(settings);
    }

    SyncDefinition withSettings(DestinationSettings read) {
        return new SyncDefinition(name, file, modelName, query, primaryKey, cursor, mapping, destination, object,
                externalIdField, schedule, mode, read, guards, alerts, warehouse, processors, connection, diff);
    }

    /** The model query as it runs: each {@code {{ last_sync_timestamp }}}, with its quotes, a bind parameter. */
    public String jdbcQuery() {
        return LastSyncTimestamp.asParameters(query);
    }

    /** How many {@code {{ last_sync_timestamp }}} parameters {@link #jdbcQuery()} takes. */
    public int lastSyncParameters() {
        return LastSyncTimestamp.count(query);
    }

    /**
     * Whether runs read from where the last successful one left off: past the cursor, or through the query's
     * {@code {{ last_sync_timestamp }}}.
     */
    public boolean keepsWatermark() {
        return cursor.isPresent() || lastSyncParameters() > 0;
    }

    public FieldMapping keyMapping() {
        return mapping.stream()
                .filter(field -> field.column().equalsIgnoreCase(primaryKey))
                .findFirst()
                .orElseThrow();
    }
}
