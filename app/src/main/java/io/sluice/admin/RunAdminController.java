package io.sluice.admin;

import java.util.Locale;
import java.util.Optional;

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
import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;
import io.sluice.runs.UnknownRunException;
import io.sluice.security.AdminRole;

@RestController
@RequestMapping("/admin/runs")
class RunAdminController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final RunRepository runs;
    private final SyncRunner runner;
    private final RunAudit audit;

    RunAdminController(RunRepository runs, SyncRunner runner, RunAudit audit) {
        this.runs = runs;
        this.runner = runner;
        this.audit = audit;
    }

    @GetMapping("/{id}")
    SyncRun run(@PathVariable long id) {
        return find(id);
    }

    /** Delivers exactly the plan a guard blocked; answers with the finished run. */
    @PostMapping("/{id}/approve")
    SyncRun approve(@PathVariable long id) {
        return runner.approve(id);
    }

    @PostMapping("/{id}/discard")
    SyncRun discard(@PathVariable long id) {
        return runner.discard(id);
    }

    @GetMapping("/{id}/records")
    RunAudit.Page records(@PathVariable long id, @RequestParam Optional<String> status,
                          @RequestParam Optional<String> key, @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "100") int size, Authentication caller) {
        find(id);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("page must be 0 or more and size from 1 to " + MAX_PAGE_SIZE);
        }
        RunAudit.Page records = audit.page(id, status.filter(value -> !value.isBlank()).map(RunAdminController::status),
                key.filter(value -> !value.isEmpty()), page, size);
        // payloads can hold personal data: only operators read them, as with dead letters
        return AdminRole.OPERATOR.isHeldBy(caller) ? records : records.withoutPayloads();
    }

    private SyncRun find(long id) {
        return runs.find(id).orElseThrow(() -> new UnknownRunException(id));
    }

    private static RunRecord.Status status(String value) {
        try {
            return RunRecord.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown status '" + value
                    + "'; one of delivered, failed, dead_lettered, skipped");
        }
    }
}
