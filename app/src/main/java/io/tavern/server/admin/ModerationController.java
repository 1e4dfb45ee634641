package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tavern.db.moderation.SanctionKind;
import io.tavern.db.moderation.Sanction;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminAudit.Intent;
import io.tavern.server.identity.NamePolicy;
import io.tavern.server.moderation.AddressRange;
import io.tavern.server.moderation.Moderation;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Bans (refused at login, disconnected at once if online) and mutes (chat refused with
 * {@code MUTED}), by user name (and then by account, for a registered name), and bans and mutes of address
 * ranges. {@link Moderation} stores and enforces them, and tells an online
 * player; this controller checks the request and audits the call around the action.
 */
@AdminApi
@RequestMapping(AdminApi.PATH)
class ModerationController {

    private static final String TERM = "The body says how long, as exactly one of: {\"duration\": \"PT24H\"} "
            + "(ISO-8601, from now: PT30M, PT24H, P7D, P1M...), {\"until\": \"2030-01-01T00:00:00Z\"} (an ISO-8601 "
            + "instant in the future) or {\"permanent\": true}; a permanent one is never assumed. \"reason\" "
            + "(optional, at most " + Reason.MAX_LENGTH + " characters) is shown to the player. A new one replaces "
            + "the one in force. No body, no term, two terms or a bad value: 400 naming the field.";

    private static final String ADDRESS_BAN = "Address bans: refuse guests and new accounts from the range (with "
            + "tavern.moderation.refuse-guests-from-banned-ranges, on by default), and accounts that exist too only "
            + "with tavern.moderation.refuse-accounts-from-banned-ranges; those of them online are sent "
            + "ModerationEvent{BANNED}, then Goodbye(BANNED). ";

    private static final String RANGES = "IPv4 prefixes are /8 to /32, IPv6 /16 to /128; host bits are cleared. An "
            + "address or range that is not one: 400. ";

    private static final String ADDRESS_MUTE = "Address mutes: chat from the range (room, lobby, whispers) is "
            + "refused with MUTED, from guests always and from accounts too with "
            + "tavern.moderation.mute-accounts-in-muted-ranges, on by default; those of them online are sent "
            + "ModerationEvent{MUTED}. ";

    /** {@code /address-bans} and {@code /address-mutes}: one set of operations, told apart by {@code kind}. */
    private static final String ON_RANGES = "/address-{kind:bans|mutes}";

    private final Moderation moderation;
    private final AdminAudit audit;

    ModerationController(Moderation moderation, AdminAudit audit) {
        this.moderation = moderation;
        this.audit = audit;
    }

    @Operation(summary = "Bans in force, newest first")
    @GetMapping("/bans")
    CompletableFuture<Page<SanctionView>> bans(@Valid PageParams paging) {
        return moderation.bans(paging.toRequest()).thenApply(bans -> paging.ofStored(views(bans)));
    }

    @Operation(summary = "Ban a user: refused at login, and disconnected now if online",
            description = TERM + " An online player is sent ModerationEvent{BANNED}, then Goodbye(BANNED).")
    @PutMapping("/bans/{user}")
    CompletableFuture<SanctionView> ban(@PathVariable String user,
                                        @RequestBody(required = false) SanctionRequest body, Principal principal) {
        Sanctioning ban = Sanctioning.check(user, body, "ban");
        Operator operator = Operator.of(principal);
        return audit.perform(new Intent(operator, "ban.put", user, ban.reason(), ban.term().describe()), HttpStatus.OK,
                entry -> moderation.ban(user, ban.term().until(), ban.reason(), operator.name()).thenApply(SanctionView::of));
    }

    @Operation(summary = "Lift a ban", description = "204 when lifted, 404 (USER_NOT_FOUND) when there was none.")
    @DeleteMapping("/bans/{user}")
    CompletableFuture<ResponseEntity<Void>> unban(@PathVariable String user, Principal principal) {
        checkName(user);
        Operator operator = Operator.of(principal);
        return audit.perform(new Intent(operator, "ban.delete", user, null, null), HttpStatus.NO_CONTENT,
                entry -> moderation.unban(user, operator.name()).thenApply(lifted -> lifted(lifted, "ban", user)));
    }

    @Operation(summary = "Mutes in force, newest first")
    @GetMapping("/mutes")
    CompletableFuture<Page<SanctionView>> mutes(@Valid PageParams paging) {
        return moderation.mutes(paging.toRequest()).thenApply(mutes -> paging.ofStored(views(mutes)));
    }

    @Operation(summary = "Mute a user: their chat is refused with MUTED; they stay connected",
            description = TERM + " An online player is sent ModerationEvent{MUTED} with the end and the reason.")
    @PutMapping("/mutes/{user}")
    CompletableFuture<SanctionView> mute(@PathVariable String user,
                                         @RequestBody(required = false) SanctionRequest body, Principal principal) {
        Sanctioning mute = Sanctioning.check(user, body, "mute");
        Operator operator = Operator.of(principal);
        return audit.perform(new Intent(operator, "mute.put", user, mute.reason(), mute.term().describe()), HttpStatus.OK,
                entry -> moderation.mute(user, mute.term().until(), mute.reason(), operator.name()).thenApply(SanctionView::of));
    }

    @Operation(summary = "Lift a mute",
            description = "204 when lifted (an online player is sent ModerationEvent{UNMUTED}), 404 (USER_NOT_FOUND) "
                    + "when there was none.")
    @DeleteMapping("/mutes/{user}")
    CompletableFuture<ResponseEntity<Void>> unmute(@PathVariable String user, Principal principal) {
        checkName(user);
        Operator operator = Operator.of(principal);
        return audit.perform(new Intent(operator, "mute.delete", user, null, null), HttpStatus.NO_CONTENT,
                entry -> moderation.unmute(user, operator.name()).thenApply(lifted -> lifted(lifted, "mute", user)));
    }

    @Operation(summary = "Address bans (GET /address-bans) or address mutes (GET /address-mutes) in force, newest first",
            description = "Each with its range in canonical CIDR form (host bits cleared, IPv6 shortest): user holds it.")
    @GetMapping(ON_RANGES)
    CompletableFuture<Page<SanctionView>> onRanges(@PathVariable String kind, @Valid PageParams paging) {
        return moderation.onAddresses(RangeSanction.of(kind).kind, paging.toRequest())
                .thenApply(sanctions -> paging.ofStored(views(sanctions)));
    }

    @Operation(summary = "Ban or mute an address: PUT /address-bans/198.51.100.7, /address-mutes/2001:db8::1",
            description = ADDRESS_BAN + ADDRESS_MUTE + RANGES + TERM)
    @PutMapping(ON_RANGES + "/{address}")
    CompletableFuture<SanctionView> putOnAddress(@PathVariable String kind, @PathVariable String address,
                                                 @RequestBody(required = false) SanctionRequest body, Principal principal) {
        return putOnRange(RangeSanction.of(kind), address, body, principal);
    }

    @Operation(summary = "Ban or mute a range of addresses: PUT /address-bans/192.0.2.0/24, /address-mutes/2001:db8::/32",
            description = ADDRESS_BAN + ADDRESS_MUTE + RANGES + TERM)
    @PutMapping(ON_RANGES + "/{address}/{prefix}")
    CompletableFuture<SanctionView> putOnRange(@PathVariable String kind, @PathVariable String address,
                                               @PathVariable String prefix,
                                               @RequestBody(required = false) SanctionRequest body, Principal principal) {
        return putOnRange(RangeSanction.of(kind), address + "/" + prefix, body, principal);
    }

    @Operation(summary = "Lift the ban or mute on an address",
            description = "As it was put: 204 when lifted (players from the range whom a lifted mute held, and no "
                    + "other mute holds, are sent ModerationEvent{UNMUTED}), 404 (USER_NOT_FOUND) when there was none.")
    @DeleteMapping(ON_RANGES + "/{address}")
    CompletableFuture<ResponseEntity<Void>> liftFromAddress(@PathVariable String kind, @PathVariable String address,
                                                            Principal principal) {
        return liftFromRange(RangeSanction.of(kind), address, principal);
    }

    @Operation(summary = "Lift the ban or mute on a range of addresses",
            description = "As it was put: 204 when lifted (players from the range whom a lifted mute held, and no "
                    + "other mute holds, are sent ModerationEvent{UNMUTED}), 404 (USER_NOT_FOUND) when there was none.")
    @DeleteMapping(ON_RANGES + "/{address}/{prefix}")
    CompletableFuture<ResponseEntity<Void>> liftFromRange(@PathVariable String kind, @PathVariable String address,
                                                          @PathVariable String prefix, Principal principal) {
        return liftFromRange(RangeSanction.of(kind), address + "/" + prefix, principal);
    }

    private CompletableFuture<SanctionView> putOnRange(RangeSanction sanction, String text, SanctionRequest body,
                                                       Principal principal) {
        AddressRange range = range(text);
        SanctionTerm term = SanctionTerm.of(body, sanction.word, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String reason = Reason.check(body.reason());
        Operator operator = Operator.of(principal);
        return audit.perform(new Intent(operator, sanction.action + ".put", range.key(), reason, term.describe()),
                HttpStatus.OK, entry -> moderation.sanctionAddresses(sanction.kind, range, term.until(), reason,
                        operator.name()).thenApply(SanctionView::of));
    }

    private CompletableFuture<ResponseEntity<Void>> liftFromRange(RangeSanction sanction, String text,
                                                                  Principal principal) {
        AddressRange range = range(text);
        Operator operator = Operator.of(principal);
        return audit.perform(new Intent(operator, sanction.action + ".delete", range.key(), null, null),
                HttpStatus.NO_CONTENT, entry -> moderation.liftFromAddresses(sanction.kind, range, operator.name())
                        .thenApply(lifted -> lifted(lifted, sanction.word, range.key())));
    }

    /** The {@code {kind}} of {@code /address-{kind}}: what is put on a range, as the audit log names it. */
    private enum RangeSanction {
        BANS(SanctionKind.BAN, "ban", "address-ban"),
        MUTES(SanctionKind.MUTE, "mute", "address-mute");

        final SanctionKind kind;
        final String word;
        final String action;

        RangeSanction(SanctionKind kind, String word, String action) {
            this.kind = kind;
            this.word = word;
            this.action = action;
        }

        /** {@code kind} is one of the words {@link #ON_RANGES} lets through. */
        static RangeSanction of(String kind) {
            return valueOf(kind.toUpperCase(Locale.ROOT));
        }
    }

    private static AddressRange range(String text) {
        try {
            return AddressRange.parse(text);
        } catch (IllegalArgumentException notARange) {
            throw AdminRejection.invalid("address: " + notARange.getMessage());
        }
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
            throw AdminRejection.invalid(ErrorCode.INVALID_NAME, "user: '" + user + "' is not a player's name; "
                    + NamePolicy.describe());
        }
    }

    /** A ban or mute request, checked: a valid name, a term said explicitly, a short reason. */
    private record Sanctioning(SanctionTerm term, String reason) {

        static Sanctioning check(String user, SanctionRequest body, String what) {
            checkName(user);
            SanctionTerm term = SanctionTerm.of(body, what, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            return new Sanctioning(term, Reason.check(body.reason()));
        }
    }
}
