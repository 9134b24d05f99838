package io.sluice.sync;

import java.util.Optional;

/**
 * The little the loader asks of the team's processors (the {@code processors:} list of a sync file): whether one
 * of that name can run. A sync naming one that cannot is invalid; every other sync runs.
 */
public interface SyncFileProcessors {

    /** For loaders built without a processors folder: no name can be found. */
    SyncFileProcessors NONE = new SyncFileProcessors() {
        @Override
        public Optional<String> problem(String name) {
            return Optional.of("no processor '" + name + "': no processors folder is configured");
        }

        @Override
        public long reread() {
            return 0;
        }
    };

    /** Why the processor of that name cannot run (missing, or its source does not compile), or empty. */
    Optional<String> problem(String name);

    /**
     * Reads the processors folder again, compiling what changed.
     *
     * @return a number that changes whenever a processor was added, edited or removed
     */
    long reread();
}
