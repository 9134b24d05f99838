package io.sluice.sync;

import java.util.Arrays;
import java.util.Optional;

public enum SyncMode {
    /** Only what is new or changed since the last successful run (past the cursor, when one is set). */
    INCREMENTAL,
    /** Read everything, send what changed. */
    FULL,
    /** Like full, and records that left the model are deleted at the destination. */
    MIRROR;

    public String yamlName() {
        return name().toLowerCase();
    }

    static Optional<SyncMode> fromYaml(String value) {
        return Arrays.stream(values()).filter(mode -> mode.yamlName().equals(value)).findFirst();
    }
}
