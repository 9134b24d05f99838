package io.sluice.destinations.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.sluice.destinations.Destination.Problem;

/**
 * The {@code hubspot:} block of a sync file.
 *
 * @param batchSize inputs per batch call; HubSpot takes at most {@value #MAX_BATCH_SIZE}
 */
record HubSpotSettings(int batchSize) {

    static final int MAX_BATCH_SIZE = 100;
    static final String BLOCK = "hubspot";

    private static final String BATCH_SIZE = "batch_size";
    private static final Set<String> KNOWN = Set.of(BATCH_SIZE);

    /** What the block says, with a problem for each mistake; defaults stand in for what is wrong. */
    record Parsed(HubSpotSettings settings, List<Problem> problems) {
    }

    static Parsed parse(Map<String, Object> block) {
        List<Problem> problems = new ArrayList<>();
        block.keySet().stream().filter(key -> !KNOWN.contains(key)).forEach(key -> problems.add(
                new Problem(BLOCK + "." + key, "unknown setting; expected one of " + new TreeSet<>(KNOWN))));
        int batchSize = MAX_BATCH_SIZE;
        Object value = block.get(BATCH_SIZE);
        if (value != null) {
            if (value instanceof Integer size && size >= 1 && size <= MAX_BATCH_SIZE) {
                batchSize = size;
            } else {
                problems.add(new Problem(BLOCK + "." + BATCH_SIZE, "must be a whole number from 1 to "
                        + MAX_BATCH_SIZE + " (HubSpot's batch limit), not '" + value + "'"));
            }
        }
        return new Parsed(new HubSpotSettings(batchSize), List.copyOf(problems));
    }
}
