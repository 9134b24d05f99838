package io.sluice.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sluice.destinations.OutboundRecord;
import io.sluice.pipeline.SyncReloader;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.RunContext;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;

@RestController
@RequestMapping("/admin")
@Tag(name = "Syncs", description = "The sync files, their runs, and starting one")
class SyncAdminController {

    private final SyncCatalog catalog;
    private final SyncRunner runner;
    private final RunRepository runs;
    private final SyncReloader reloader;

    SyncAdminController(SyncCatalog catalog, SyncRunner runner, RunRepository runs, SyncReloader reloader) {
        this.catalog = catalog;
        this.runner = runner;
        this.runs = runs;
        this.reloader = reloader;
    }

    /**
     * @param runsPreviousVersion the file is invalid, and its last valid version keeps running (shown here)
     * @param processors          the team's processors each record passes through, in order
     */
    record SyncView(String name, String file, boolean valid, List<Problem> errors, String model, String destination,
                    String object, String externalIdField, String schedule, String syncMode, boolean running,
                    SyncRun lastRun, boolean runsPreviousVersion, List<String> processors) {
    }

    record Problem(String field, String message) {
    }

    record RunStarted(long runId, String sync, String status) {
    }

    record Preview(String sync, long read, long duplicates, long unchanged, long rejected, long creates, long updates,
                   long deletes, Map<String, List<OutboundRecord>> sample) {
    }

    @GetMapping("/syncs")
    @Operation(summary = "List every sync file, valid or not, by name, with its last run")
    Page<SyncView> syncs(@Valid Paging paging) {
        // by name, so that a page holds the same syncs whichever order the catalog keeps
        return paging.of(catalog.all().stream().sorted(Comparator.comparing(LoadedSyncFile::name)).toList())
                .map(this::view);
    }

    /** Reads the sync files again now, instead of at the next {@code sluice.reload.interval}. */
    @PostMapping("/syncs/reload")
    @Operation(summary = "Read the sync files again now")
    SyncReloader.Result reload() {
        return reloader.reload();
    }

    @GetMapping("/syncs/{name}")
    @Operation(summary = "Show one sync: its definition, problems and last run")
    SyncView sync(@PathVariable String name) {
        return view(catalog.require(name));
    }

    @PostMapping("/syncs/{name}/run")
    @Operation(summary = "Start a run of a sync", description = "Answers at once with the run's id; follow it at"
            + " /admin/runs/{id}.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RunStarted run(@PathVariable String name) {
        return new RunStarted(runner.start(name, SyncRun.Trigger.MANUAL), name, SyncRun.Status.RUNNING.name());
    }

    /** For a destination already in step with the model: record it as delivered, send nothing. */
    @PostMapping("/syncs/{name}/baseline")
    @Operation(summary = "Record the model as delivered without sending it",
            description = "For a destination already in step with the model. Answers at once with the run's id.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RunStarted baseline(@PathVariable String name) {
        return new RunStarted(runner.start(name, SyncRun.Trigger.BASELINE), name, SyncRun.Status.RUNNING.name());
    }

    @PostMapping("/syncs/{name}/preview")
    @Operation(summary = "Plan a run without sending anything: what it would create, update and delete")
    Preview preview(@PathVariable String name) {
        RunContext preview = runner.preview(name);
        SyncRun.Counts counts = preview.counts().snapshot();
        RunContext.Plan plan = preview.plan();
        return new Preview(name, counts.read(), counts.duplicates(), counts.unchanged(), counts.failed(),
                plan.creates(), plan.updates(), plan.deletes(),
                Map.of("creates", plan.sampleCreates(), "updates", plan.sampleUpdates(),
                        "deletes", plan.sampleDeletes()));
    }

    @GetMapping("/syncs/{name}/runs")
    @Operation(summary = "List a sync's runs, newest first")
    Page<SyncRun> runs(@PathVariable String name, @Valid Paging paging) {
        catalog.require(name);
        return paging.of(runs.history(name, paging.limit(), paging.offset()), runs.count(name));
    }

    private SyncView view(LoadedSyncFile file) {
        SyncDefinition sync = file.definition().or(() -> catalog.active(file.name())).orElse(null);
        List<Problem> problems = file.problems().stream()
                .map(problem -> new Problem(problem.field(), problem.message())).toList();
        return new SyncView(file.name(), file.file().toString(), file.isValid(), problems,
                sync == null ? null : sync.modelName(),
                sync == null ? null : sync.destination(),
                sync == null ? null : sync.object(),
                sync == null ? null : sync.externalIdField(),
                sync == null ? null : sync.schedule().expression(),
                sync == null ? null : sync.mode().yamlName(),
                runner.isRunning(file.name()),
                runs.last(file.name()).orElse(null),
                !file.isValid() && sync != null,
                sync == null ? List.of() : sync.processors());
    }
}
