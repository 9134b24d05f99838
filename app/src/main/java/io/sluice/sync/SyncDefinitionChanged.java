package io.sluice.sync;

import java.util.Optional;

/**
 * Published when a sync starts running with another definition, or stops running, after its file was
 * edited, added or removed while Sluice runs. Destinations that keep routes of their own per sync rebuild
 * them on it.
 *
 * @param previous the definition it ran with; empty for a new sync
 * @param current  the definition it runs with now; empty when its file was removed
 */
public record SyncDefinitionChanged(String name, Optional<SyncDefinition> previous,
                                    Optional<SyncDefinition> current) {
}
