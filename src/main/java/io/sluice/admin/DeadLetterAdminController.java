package io.sluice.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterNotOpenException;
import io.sluice.deadletter.DeadLetterReplayer;
import io.sluice.deadletter.DeadLetterStore;

@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterAdminController {

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;

    DeadLetterAdminController(DeadLetterStore store, DeadLetterReplayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    @GetMapping
    List<DeadLetter> list(@RequestParam Optional<String> sync, @RequestParam Optional<String> status,
                          @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") long offset) {
        return store.list(sync, status.map(DeadLetterAdminController::status), Math.min(limit, 1000), offset);
    }

    @GetMapping("/{id}")
    DeadLetter get(@PathVariable long id) {
        return find(id);
    }

    @PostMapping("/{id}/replay")
    DeadLetterReplayer.ReplayResult replay(@PathVariable long id) {
        return replayer.replay(find(id));
    }

    @PostMapping("/replay")
    DeadLetterReplayer.ReplayResult replayAll(@RequestParam String sync) {
        return replayer.replayAll(sync);
    }

    /** Discarded letters stay in the store, for audit. */
    @DeleteMapping("/{id}")
    DeadLetter discard(@PathVariable long id) {
        DeadLetter deadLetter = find(id);
        if (deadLetter.status() != DeadLetter.Status.OPEN) {
            throw new DeadLetterNotOpenException(deadLetter);
        }
        store.close(id, DeadLetter.Status.DISCARDED);
        return find(id);
    }

    private DeadLetter find(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no dead letter with id " + id));
    }

    private static DeadLetter.Status status(String value) {
        try {
            return DeadLetter.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown status '" + value + "'; one of open, replayed, resolved, discarded");
        }
    }
}
