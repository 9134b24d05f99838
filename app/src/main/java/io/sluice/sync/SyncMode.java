package io.sluice.sync;

import java.util.Locale;

public enum SyncMode {
    /** Only what is new or changed since the last successful run (past the cursor, when one is set). */
    INCREMENTAL,
    /** Read everything, send what changed. */
    FULL,
    /** Like full, and records that left the model are deleted at the destination. */
    MIRROR,
    /**
     * Events: each record not delivered before (past the cursor, or with a key never delivered) is sent once and
     * never updated or deleted afterwards, however its row changes.
     */
    APPEND;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
