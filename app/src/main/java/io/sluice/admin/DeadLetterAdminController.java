package io.sluice.admin;

import java.util.Locale;
import java.util.Optional;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import io.sluice.problems.ProblemType;
import io.sluice.security.AdminRole;

@RestController
@RequestMapping("/admin/dead-letters")
@Tag(name = "Dead letters", description = "Records a destination refused, kept to replay or discard")
class DeadLetterAdminController {

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;

    DeadLetterAdminController(DeadLetterStore store, DeadLetterReplayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    @GetMapping
    @Operation(summary = "List dead letters, oldest first",
            description = "Payloads are shown to operators only; a viewer sees them as null.")
    Page<DeadLetter> list(@Parameter(description = "only this sync's") @RequestParam Optional<String> sync,
                          @Parameter(description = "only letters in this status: open, replayed, resolved or discarded")
                          @RequestParam Optional<String> status,
                          @Valid Paging paging, Authentication caller) {
        Optional<DeadLetter.Status> wanted = status.map(DeadLetterAdminController::status);
        return paging.of(store.list(sync, wanted, paging.limit(), paging.offset()), store.count(sync, wanted))
                .map(letter -> visibleTo(caller, letter));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show one dead letter")
    DeadLetter get(@PathVariable long id, Authentication caller) {
        return visibleTo(caller, find(id));
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Send one dead letter to its destination again")
    DeadLetterReplayer.ReplayResult replay(@PathVariable long id) {
        return replayer.replay(find(id));
    }

    @PostMapping("/replay")
    @Operation(summary = "Send every open dead letter of a sync again")
    DeadLetterReplayer.ReplayResult replayAll(@RequestParam String sync) {
        return replayer.replayAll(sync);
    }

    /** Discarded letters stay in the store for audit, without their payload. */
    @DeleteMapping("/{id}")
    @Operation(summary = "Discard a dead letter",
            description = "It stays listed as discarded, without its payload, and is never sent.")
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
        return store.find(id)
                .orElseThrow(() -> ProblemType.UNKNOWN_DEAD_LETTER.exception("no dead letter with id " + id));
    }

    private static DeadLetter.Status status(String value) {
        try {
            return DeadLetter.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemType.INVALID_PARAMETER.exception("unknown status '" + value
                    + "'; one of open, replayed, resolved, discarded");
        }
    }
}
