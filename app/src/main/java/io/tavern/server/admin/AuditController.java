package io.tavern.server.admin;

import io.tavern.db.audit.AuditStore;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log of every state-changing admin call, newest first. */
@AdminApi
@RequestMapping(AdminApi.PATH + "/audit")
class AuditController {

    private final AuditStore store;

    AuditController(AuditStore store) {
        this.store = store;
    }

    @GetMapping
    CompletableFuture<Page<AuditEntryView>> list(@RequestParam(defaultValue = "0") int page,
                                                 @RequestParam(defaultValue = "" + PageParams.DEFAULT_SIZE) int size) {
        PageParams paging = new PageParams(page, size);
        return store.list(paging.toRequest())
                .thenApply(entries -> paging.ofStored(entries.stream().map(AuditEntryView::of).toList()));
    }
}
