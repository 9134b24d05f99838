package io.sluice.sync;

/**
 * A destination's own settings for one sync, read from the sync file's block named after it when the file
 * loads. Implementations are values (records): a sync whose settings read the same is the same sync.
 */
public interface DestinationSettings {

    /** For a destination whose block holds nothing. */
    DestinationSettings NONE = new DestinationSettings() {
        @Override
        public String toString() {
            return "no settings";
        }
    };
}
