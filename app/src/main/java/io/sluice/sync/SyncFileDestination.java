package io.sluice.sync;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What loading a sync file needs of a destination. A file may hold a block named after its destination
 * ({@code hubspot:}, {@code slack:}, ...): its shape is the destination's own schema,
 * {@code schema/destinations/<name>.schema.json}, which the sync-file schema refers to; the destination reads
 * the block into its settings once, when the file loads, and checks what a schema cannot express.
 */
public interface SyncFileDestination {

    /** What {@code connection:} may say for the destination's unnamed settings, as leaving it out does. */
    String DEFAULT_CONNECTION = "default";

    /** As written in a sync file's {@code destination} field, and the name of its settings block. */
    String name();

    /** Object written when a sync file names none; {@code null} where the vendor has no objects. */
    String defaultObject();

    /**
     * The names of this destination's named connections, configured as
     * {@code sluice.<destination>.connections.<name>.*}: what a sync file's {@code connection:} may name besides
     * {@value #DEFAULT_CONNECTION}. None where the destination has no connections of its own.
     */
    default Set<String> connections() {
        return Set.of();
    }

    /**
     * The sync's settings, or every problem with what the file asks of this destination that its schema cannot
     * see: cross-field rules, references to mapped fields, configuration the deployment must provide.
     *
     * @param block the file's block, with whatever failed the block's schema left out (reported already)
     * @param sync  the file's definition, whose {@link SyncDefinition#settings() settings} are not read yet
     */
    Reading read(SettingsBlock block, SyncDefinition sync);

    /**
     * Why this destination cannot honour {@code write: if_empty} for this sync, or empty when it can: the option
     * needs the current values of a batch's records, read in one call per batch.
     */
    default Optional<String> ifEmptyRefusal(SyncDefinition sync) {
        return Optional.of(name() + " does not read its records' current values, which if_empty needs");
    }

    /** @param field full path in the file, such as {@code slack.channel} or {@code object} */
    record Problem(String field, String message) {
    }

    /** @param settings meaningful only without problems */
    record Reading(DestinationSettings settings, List<Problem> problems) {

        public Reading {
            problems = List.copyOf(problems);
        }
    }
}
