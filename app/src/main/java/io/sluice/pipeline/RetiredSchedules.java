package io.sluice.pipeline;

import java.util.Set;
import java.util.stream.Collectors;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

/**
 * A schedule kept in the database outlives its sync file: once the file is removed (or made manual), its
 * trigger would go on firing on every instance with no route to run. Such triggers are removed at start.
 */
@Component
class RetiredSchedules {

    private static final Logger LOG = LoggerFactory.getLogger(RetiredSchedules.class);

    private final Scheduler scheduler;
    private final SyncCatalog catalog;

    RetiredSchedules(Scheduler scheduler, SyncCatalog catalog) {
        this.scheduler = scheduler;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void unscheduleRemovedSyncs() throws SchedulerException {
        if (!scheduler.getMetaData().isJobStoreSupportsPersistence()) {
            return;
        }
        Set<String> scheduled = catalog.valid().stream()
                .filter(sync -> !sync.schedule().isManual())
                .map(SyncDefinition::name)
                .collect(Collectors.toSet());
        for (TriggerKey trigger : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(SyncRoutes.SCHEDULE_GROUP))) {
            if (!scheduled.contains(trigger.getName()) && scheduler.unscheduleJob(trigger)) {
                LOG.info("Removed the schedule of '{}': no scheduled sync file has that name any more", trigger.getName());
            }
        }
    }
}
