package io.sluice.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param settings        the file's block named after its destination, as written (empty if none)
 * @param guards          the file's own guard thresholds, replacing the global ones it sets
 * @param alerts          the file's {@code alerts:} block; what it leaves out follows {@code sluice.alerts.*}
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
        Map<String, Object> settings,
        GuardOverrides guards,
        AlertRules alerts) {

    public FieldMapping keyMapping() {
        return mapping.stream()
                .filter(field -> field.column().equalsIgnoreCase(primaryKey))
                .findFirst()
                .orElseThrow();
    }
}
