package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tavern.db.audit.AuditStore;
import jakarta.validation.Valid;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The audit log of every state-changing admin call, newest first. */
@AdminApi
@RequestMapping(AdminApi.PATH + "/audit")
class AuditController {

    private final AuditStore store;

    AuditController(AuditStore store) {
        this.store = store;
    }

    @Operation(summary = "The audit log, newest first",
            description = "One entry per state-changing call that was well formed (a 400 changes nothing and is not "
                    + "logged). It is written before the action, outcome PENDING, and completed after it with the "
                    + "outcome: OK, NOT_FOUND (no such ban, mute, session or room), REJECTED (refused as it stood), "
                    + "FAILED (database, shutdown, bug), and status, the HTTP status the caller got. An entry still "
                    + "PENDING is a call whose end was never recorded; UNKNOWN marks entries from before outcomes "
                    + "were recorded.")
    @GetMapping
    CompletableFuture<Page<AuditEntryView>> list(@Valid PageParams paging) {
        return store.list(paging.toRequest())
                .thenApply(entries -> paging.ofStored(entries.stream().map(AuditEntryView::of).toList()));
    }
}
