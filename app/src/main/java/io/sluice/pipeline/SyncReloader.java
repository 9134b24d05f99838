package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.sluice.destinations.Destinations;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncDefinitionChanged;

/**
 * Makes edited, added and removed sync files take effect without a restart: a changed sync's routes are
 * removed and built again from the route templates, a removed file's routes are removed (its state and
 * history stay), and a file that broke keeps its last valid version running. A sync in the middle of a
 * run is left alone; its change is applied by the next reload after the run.
 */
@Component("syncReloader")
public class SyncReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SyncReloader.class);

    private final SyncCatalog catalog;
    private final SyncRunner runner;
    private final Destinations destinations;
    private final CamelContext camel;
    private final ApplicationEventPublisher events;

    SyncReloader(SyncCatalog catalog, SyncRunner runner, Destinations destinations, CamelContext camel,
                 ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.runner = runner;
        this.destinations = destinations;
        this.camel = camel;
        this.events = events;
    }

    /**
     * What a reload did, by sync name.
     *
     * @param deferred changed or removed syncs that were running: applied by a later reload
     * @param invalid  files that are invalid now; those in {@code keptPrevious} still run their last valid version
     * @param routeFileProblems what is wrong with the destinations' own files (Camel routes), {@code file:line: reason};
     *                          such a file's last version that loaded keeps running
     */
    public record Result(List<String> added, List<String> updated, List<String> removed, List<String> deferred,
                         List<String> keptPrevious, List<String> invalid, List<String> routeFileProblems) {
    }

    public synchronized Result reload() {
        // first, so that a sync reloaded with a new route finds it
        List<String> routeFileProblems = destinations.all().stream()
                .flatMap(destination -> destination.reloadFiles().stream()).toList();
        SyncCatalog.Changes changes = catalog.reread();
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        for (SyncDefinition sync : changes.changed()) {
            Optional<SyncDefinition> previous = catalog.active(sync.name());
            if (apply(sync.name(), previous, Optional.of(sync))) {
                (previous.isPresent() ? updated : added).add(sync.name());
            } else {
                deferred.add(sync.name());
            }
        }
        for (String name : changes.removed()) {
            if (apply(name, catalog.active(name), Optional.empty())) {
                removed.add(name);
            } else {
                deferred.add(name);
            }
        }
        changes.broken().forEach(name -> LOG.error("Sync file of '{}' is invalid; its last valid version keeps "
                + "running until the file is fixed", name));
        List<String> invalid = catalog.all().stream().filter(file -> !file.isValid()).map(LoadedSyncFile::name)
                .toList();
        Result result = new Result(added, updated, removed, deferred, changes.broken(), invalid, routeFileProblems);
        if (!added.isEmpty() || !updated.isEmpty() || !removed.isEmpty() || !deferred.isEmpty()) {
            LOG.info("Sync files reloaded: {}", result);
        }
        return result;
    }

    private boolean apply(String name, Optional<SyncDefinition> previous, Optional<SyncDefinition> current) {
        return runner.whileIdle(name, () -> {
            try {
                for (String routeId : SyncRouteSet.routeIds(name)) {
                    if (camel.getRoute(routeId) != null) {
                        camel.getRouteController().stopRoute(routeId);
                        camel.removeRoute(routeId);
                    }
                }
                current.ifPresentOrElse(catalog::activate, () -> catalog.retire(name));
                events.publishEvent(new SyncDefinitionChanged(name, previous, current));
                if (current.isPresent()) {
                    for (SyncRouteSet.TemplatedRoute route : SyncRouteSet.of(current.get(),
                            destinations.of(current.get()))) {
                        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, route.template())
                                .routeId(route.routeId());
                        route.parameters().forEach(builder::parameter);
                        builder.add();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not rebuild the routes of sync '" + name + "'", e);
            }
        });
    }
}
