package io.sluice.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.sluice.runs.RunRepository;
import io.sluice.runs.SyncRun;

@RestController
@RequestMapping("/admin/runs")
class RunAdminController {

    private final RunRepository runs;

    RunAdminController(RunRepository runs) {
        this.runs = runs;
    }

    @GetMapping("/{id}")
    SyncRun run(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("no run with id " + id));
    }
}
