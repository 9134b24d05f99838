package io.sluice.destinations;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.sluice.sync.SyncDefinition;

/** Every destination Sluice knows, by the name sync files use. */
@Component
public class Destinations {

    private final Map<String, Destination> byName = new TreeMap<>();

    public Destinations(List<Destination> destinations) {
        destinations.forEach(destination -> byName.put(destination.name(), destination));
    }

    public Collection<Destination> all() {
        return byName.values();
    }

    public Destination of(SyncDefinition sync) {
        return byName.get(sync.destination());
    }
}
