package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sluice.delivery.DeliveryRoutes;
import io.sluice.destinations.Destination;
import io.sluice.sync.SyncDefinition;

/**
 * The routes one sync runs on — its read-and-plan pipeline, the route that applies a plan, and its schedule
 * unless it is manual — as instances of the route templates in {@link SyncRoutes} and {@link DeliveryRoutes}.
 * The same list serves start-up and a reload of the sync's file.
 */
final class SyncRouteSet {

    record TemplatedRoute(String template, String routeId, Map<String, String> parameters) {
    }

    private SyncRouteSet() {
    }

    static List<TemplatedRoute> of(SyncDefinition sync, Destination destination) {
        List<TemplatedRoute> routes = new ArrayList<>();
        routes.add(new TemplatedRoute(SyncRoutes.PIPELINE_TEMPLATE, pipelineRouteId(sync.name()),
                Map.of("sync", sync.name())));
        routes.add(new TemplatedRoute(DeliveryRoutes.APPLY_TEMPLATE, applyRouteId(sync.name()),
                DeliveryRoutes.applyParameters(sync, destination)));
        if (!sync.schedule().isManual()) {
            routes.add(new TemplatedRoute(SyncRoutes.SCHEDULE_TEMPLATE, scheduleRouteId(sync.name()),
                    Map.of("sync", sync.name(), "cron", sync.schedule().cron().replace(' ', '+'))));
        }
        return routes;
    }

    /** Every route a sync may have, the schedule first: stopped in this order, no trigger finds its pipeline gone. */
    static List<String> routeIds(String syncName) {
        return List.of(scheduleRouteId(syncName), pipelineRouteId(syncName), applyRouteId(syncName));
    }

    private static String applyRouteId(String syncName) {
        return "apply-" + syncName;
    }

    private static String pipelineRouteId(String syncName) {
        return "sync-" + syncName;
    }

    private static String scheduleRouteId(String syncName) {
        return "schedule-" + syncName;
    }
}
