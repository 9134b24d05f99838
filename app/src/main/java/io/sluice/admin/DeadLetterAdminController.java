package io.sluice.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterNotOpenException;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.delivery.DeadLetterReplayer;
import io.sluice.security.AdminRole;

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
                          @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") long offset,
                          Authentication caller) {
        return store.list(sync, status.map(DeadLetterAdminController::status), Math.min(limit, 1000), offset)
                .stream().map(letter -> visibleTo(caller, letter)).toList();
    }

    @GetMapping("/{id}")
    DeadLetter get(@PathVariable long id, Authentication caller) {
        return visibleTo(caller, find(id));
    }

    @PostMapping("/{id}/replay")
    DeadLetterReplayer.ReplayResult replay(@PathVariable long id) {
        return replayer.replay(find(id));
    }

    @PostMapping("/replay")
    DeadLetterReplayer.ReplayResult replayAll(@RequestParam String sync) {
        return replayer.replayAll(sync);
    }

    /** Discarded letters stay in the store for audit, without their payload. */
    @DeleteMapping("/{id}")
    DeadLetter discard(@PathVariable long id) {
        // an unknown id is not discarded either, and finding it answers 404
        if (!store.discard(id)) {
            throw new DeadLetterNotOpenException(find(id));
        }
        return find(id);
    }

    /** Payloads can hold personal data: only operators, who may replay them, read them. */
    private static DeadLetter visibleTo(Authentication caller, DeadLetter letter) {
        return AdminRole.OPERATOR.isHeldBy(caller) ? letter : letter.withoutPayload();
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
