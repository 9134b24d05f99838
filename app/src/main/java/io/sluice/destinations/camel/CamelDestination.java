package io.sluice.destinations.camel;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.sluice.destinations.Destination;
import io.sluice.sync.SettingsBlock;
import io.sluice.sync.SyncDefinition;

/**
 * Any Camel endpoint, Kamelet or route the team writes in Camel's YAML DSL: each batch goes there as one exchange
 * ({@link CamelBatches} says what it holds and how it is answered).
 */
@Component
class CamelDestination implements Destination {

    static final String NAME = "camel";

    /** Absent where no Camel runs ({@code validate}). */
    private final ObjectProvider<CamelRouteFiles> routeFiles;

    CamelDestination(ObjectProvider<CamelRouteFiles> routeFiles) {
        this.routeFiles = routeFiles;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int batchSize(SyncDefinition sync) {
        return sync.settings(CamelSettings.class).batchSize();
    }

    @Override
    public String defaultObject() {
        return null;
    }

    @Override
    public Reading read(SettingsBlock block, SyncDefinition sync) {
        return new Reading(block.as(CamelSettings.class), List.of());
    }

    @Override
    public List<String> reloadFiles() {
        CamelRouteFiles files = routeFiles.getIfAvailable();
        return files == null ? List.of() : files.reload();
    }

    @Override
    public List<String> checkFiles(Path folder) {
        return CamelRouteFiles.check(folder);
    }
}
