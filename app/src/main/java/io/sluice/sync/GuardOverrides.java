package io.sluice.sync;

/**
 * A sync file's {@code guards:} block: each value set here replaces the global
 * {@code sluice.guards.*} one for this sync; {@code null} keeps it.
 */
public record GuardOverrides(Boolean enabled, Double maxDeletePercent, Double maxChangePercent, Long minRecords,
                             Long minPreviousRows) {

    public static final GuardOverrides NONE = new GuardOverrides(null, null, null, null, null);
}
