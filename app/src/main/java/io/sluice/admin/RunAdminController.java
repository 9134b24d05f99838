package io.sluice.admin;

import java.util.Locale;
import java.util.Optional;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sluice.audit.RunAudit;
import io.sluice.audit.RunRecord;
import io.sluice.pipeline.SyncRunner;
import io.sluice.problems.ProblemType;
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.runs.UnknownRunException;
import io.sluice.security.AdminRole;

@RestController
@RequestMapping("/admin/runs")
@Tag(name = "Runs", description = "Runs of syncs, what each did per record, and the plans guards blocked")
class RunAdminController {

    private final RunRepository runs;
    private final SyncRunner runner;
    private final RunAudit audit;

    RunAdminController(RunRepository runs, SyncRunner runner, RunAudit audit) {
        this.runs = runs;
        this.runner = runner;
        this.audit = audit;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show one run: its status, counts and error")
    SyncRun run(@PathVariable long id) {
        return find(id);
    }

    /** Delivers exactly the plan a guard blocked; answers with the finished run. */
    @PostMapping("/{id}/approve")
    @Operation(summary = "Deliver the plan a guard blocked", description = "Answers once the run has finished.")
    SyncRun approve(@PathVariable long id) {
        return runner.approve(id);
    }

    @PostMapping("/{id}/discard")
    @Operation(summary = "Discard the plan a guard blocked, sending nothing")
    SyncRun discard(@PathVariable long id) {
        return runner.discard(id);
    }

    @GetMapping("/{id}/records")
    @Operation(summary = "List what a run did to each record, in the order it did it",
            description = "Payloads are shown to operators only; a viewer sees them as null.")
    Page<RunRecord> records(@PathVariable long id,
                            @Parameter(description = "only records of this outcome: delivered, failed, dead_lettered or"
                                    + " skipped") @RequestParam Optional<String> status,
                            @Parameter(description = "only this record key") @RequestParam Optional<String> key,
                            @Valid Paging paging, Authentication caller) {
        find(id);
        Optional<RunRecord.Status> wanted = status.filter(value -> !value.isBlank()).map(RunAdminController::status);
        Optional<String> keyed = key.filter(value -> !value.isEmpty());
        // payloads can hold personal data: only operators read them, as with dead letters
        boolean operator = AdminRole.OPERATOR.isHeldBy(caller);
        return paging.of(audit.records(id, wanted, keyed, paging.limit(), paging.offset()),
                        audit.count(id, wanted, keyed))
                .map(record -> operator ? record : record.withoutPayload());
    }

    private SyncRun find(long id) {
        return runs.find(id).orElseThrow(() -> new UnknownRunException(id));
    }

    private static RunRecord.Status status(String value) {
        try {
            return RunRecord.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemType.INVALID_PARAMETER.exception("unknown status '" + value
                    + "'; one of delivered, failed, dead_lettered, skipped");
        }
    }
}
