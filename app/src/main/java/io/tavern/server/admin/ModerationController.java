package io.tavern.server.admin;

import io.tavern.db.moderation.Sanction;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.identity.NamePolicy;
import io.tavern.server.moderation.Moderation;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Bans (refused at login, disconnected at once if online) and mutes (chat refused with
 * {@code MUTED}), by user name. {@link Moderation} stores and enforces them; this controller checks
 * the request and writes the audit entry first.
 */
@AdminApi
@RequestMapping(AdminApi.PATH)
class ModerationController {

    private final Moderation moderation;
    private final AdminAudit audit;

    ModerationController(Moderation moderation, AdminAudit audit) {
        this.moderation = moderation;
        this.audit = audit;
    }

    /** Bans in force, newest first. */
    @GetMapping("/bans")
    CompletableFuture<Page<SanctionView>> bans(@RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "" + PageParams.DEFAULT_SIZE) int size) {
        PageParams paging = new PageParams(page, size);
        return moderation.bans(paging.toRequest()).thenApply(bans -> paging.ofStored(views(bans)));
    }

    @PutMapping("/bans/{user}")
    CompletableFuture<SanctionView> ban(@PathVariable String user, @RequestBody(required = false) SanctionRequest body,
                                        Principal principal) {
        Sanctioning ban = Sanctioning.check(user, body);
        Operator operator = Operator.of(principal);
        return audit.record(operator, "ban.put", user, ban.reason(), ban.describeEnd())
                .thenCompose(entry -> moderation.ban(user, ban.until(), ban.reason(), operator.name()))
                .thenApply(SanctionView::of);
    }

    @DeleteMapping("/bans/{user}")
    CompletableFuture<ResponseEntity<Void>> unban(@PathVariable String user, Principal principal) {
        checkName(user);
        Operator operator = Operator.of(principal);
        return audit.record(operator, "ban.delete", user, null, null)
                .thenCompose(entry -> moderation.unban(user, operator.name()))
                .thenApply(lifted -> lifted(lifted, "ban", user));
    }

    /** Mutes in force, newest first. */
    @GetMapping("/mutes")
    CompletableFuture<Page<SanctionView>> mutes(@RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "" + PageParams.DEFAULT_SIZE) int size) {
        PageParams paging = new PageParams(page, size);
        return moderation.mutes(paging.toRequest()).thenApply(mutes -> paging.ofStored(views(mutes)));
    }

    @PutMapping("/mutes/{user}")
    CompletableFuture<SanctionView> mute(@PathVariable String user, @RequestBody(required = false) SanctionRequest body,
                                         Principal principal) {
        Sanctioning mute = Sanctioning.check(user, body);
        Operator operator = Operator.of(principal);
        return audit.record(operator, "mute.put", user, mute.reason(), mute.describeEnd())
                .thenCompose(entry -> moderation.mute(user, mute.until(), mute.reason(), operator.name()))
                .thenApply(SanctionView::of);
    }

    @DeleteMapping("/mutes/{user}")
    CompletableFuture<ResponseEntity<Void>> unmute(@PathVariable String user, Principal principal) {
        checkName(user);
        Operator operator = Operator.of(principal);
        return audit.record(operator, "mute.delete", user, null, null)
                .thenCompose(entry -> moderation.unmute(user, operator.name()))
                .thenApply(lifted -> lifted(lifted, "mute", user));
    }

    private static ResponseEntity<Void> lifted(boolean lifted, String what, String user) {
        if (!lifted) {
            throw AdminRejection.notFound(ErrorCode.USER_NOT_FOUND, "no " + what + " on '" + user + "'");
        }
        return ResponseEntity.noContent().build();
    }

    private static List<SanctionView> views(List<Sanction> sanctions) {
        return sanctions.stream().map(SanctionView::of).toList();
    }

    private static void checkName(String user) {
        if (!NamePolicy.isValid(user)) {
            throw AdminRejection.invalid(ErrorCode.INVALID_NAME, NamePolicy.describe());
        }
    }

    /** A ban or mute request, checked: a valid name, an end in the future (or none), a short reason. */
    private record Sanctioning(Instant until, String reason) {

        static Sanctioning check(String user, SanctionRequest body) {
            checkName(user);
            Instant until = body == null ? null : body.until();
            if (until != null && !until.isAfter(Instant.now())) {
                throw AdminRejection.invalid("until must be in the future: " + until);
            }
            return new Sanctioning(until, Reason.check(body == null ? null : body.reason()));
        }

        String describeEnd() {
            return until == null ? "permanent" : "until " + until;
        }
    }
}
