package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tavern.db.moderation.ReportStore;
import jakarta.validation.Valid;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Players' reports of other players ({@code Report{user, reason}} in the game protocol), newest first. */
@AdminApi
@RequestMapping(AdminApi.PATH + "/reports")
class ReportsController {

    private final ReportStore reports;

    ReportsController(ReportStore reports) {
        this.reports = reports;
    }

    @Operation(summary = "Players' reports, newest first",
            description = "Who reported (name, identity, address block), whom, why (sanitised text), from which room "
                    + "(none in the lobby) and when. Each reporter files at most tavern.moderation.reports.per-reporter "
                    + "reports per tavern.moderation.reports.window.")
    @GetMapping
    CompletableFuture<Page<ReportView>> list(@Valid PageParams paging) {
        return reports.list(paging.toRequest())
                .thenApply(page -> paging.ofStored(page.stream().map(ReportView::of).toList()));
    }
}
