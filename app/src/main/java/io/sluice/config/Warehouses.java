package io.sluice.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every warehouse Sluice reads from, by the name sync files give it; the unnamed one is the default. */
public final class Warehouses implements AutoCloseable {

    /** The name of {@code sluice.warehouse.*}, the warehouse of a sync file without {@code warehouse:}. */
    public static final String DEFAULT = "default";

    private final Map<String, Warehouse> byName;

    Warehouses(Map<String, Warehouse> byName) {
        this.byName = new TreeMap<>(byName);
    }

    /** The warehouse a sync file names, or the default one when it names none. */
    public Warehouse get(Optional<String> name) {
        String wanted = name.orElse(DEFAULT);
        Warehouse warehouse = byName.get(wanted);
        if (warehouse == null) {
            throw new IllegalArgumentException("no warehouse named '" + wanted + "' (there are " + names() + ")");
        }
        return warehouse;
    }

    /** The names a sync file may give in {@code warehouse:}. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Closes the pools; the default one is a bean of its own and closing it twice does nothing. */
    @Override
    public void close() throws Exception {
        for (Warehouse warehouse : byName.values()) {
            if (warehouse.dataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
            if (warehouse.stateSchema().isPresent()
                    && warehouse.stateSchema().get().writer() instanceof AutoCloseable writer) {
                writer.close();
            }
        }
    }
}
