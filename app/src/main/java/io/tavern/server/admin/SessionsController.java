package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminAudit.Intent;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Live sessions: list, look at one, kick one. */
@AdminApi
@RequestMapping(AdminApi.PATH + "/sessions")
class SessionsController {

    private static final Logger log = LoggerFactory.getLogger(SessionsController.class);
    private static final Comparator<Session> OLDEST_FIRST =
            Comparator.comparing(Session::connectedAt).thenComparing(Session::id);

    private final SessionRegistry registry;
    private final AdminAudit audit;

    SessionsController(SessionRegistry registry, AdminAudit audit) {
        this.registry = registry;
        this.audit = audit;
    }

    /** Sessions past the handshake, oldest first. */
    @Operation(summary = "Live sessions, oldest first",
            description = "user: part of the name, any case; room: the room's id or whole name; ip: the remote address.")
    @GetMapping
    Page<SessionView> list(@RequestParam(required = false) String user,
                           @RequestParam(required = false) String room,
                           @RequestParam(required = false) String ip,
                           @Valid PageParams paging) {
        SessionFilter filter = new SessionFilter(user, room, ip);
        List<SessionView> matching = registry.sessions().stream()
                .filter(filter::matches)
                .sorted(OLDEST_FIRST)
                .map(SessionView::of)
                .toList();
        return paging.of(matching);
    }

    @Operation(summary = "One session", description = "404 (USER_NOT_FOUND) when it is gone.")
    @GetMapping("/{id}")
    SessionView get(@PathVariable String id) {
        return SessionView.of(find(id));
    }

    /**
     * Tells the player {@code Kicked} (by the operator, with the reason), says {@code Goodbye(KICKED)}
     * and closes the connection: all on the session's own executor, after the audit entry is written.
     * Accepted (202) once the kick is queued there; the player is gone moments later.
     */
    @Operation(summary = "Disconnect a session, telling the player by whom and why",
            description = "Body optional: {\"reason\": \"...\"}, at most " + Reason.MAX_LENGTH + " characters. 202 once "
                    + "the kick is on its way; 404 (USER_NOT_FOUND) when the session is gone, which the audit log "
                    + "records as NOT_FOUND.")
    @PostMapping("/{id}/kick")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CompletableFuture<KickResult> kick(@PathVariable String id, @RequestBody(required = false) KickRequest body,
                                       Principal principal) {
        Operator operator = Operator.of(principal);
        String reason = Reason.check(body == null ? null : body.reason());
        Optional<Session> found = registry.byId(id);
        String user = found.map(Session::user).orElse(null);
        Intent intent = new Intent(operator, "session.kick", user != null ? user : "session " + id, reason, "session " + id);
        return audit.perform(intent, HttpStatus.ACCEPTED, entry -> {
            Session session = reachable(found.orElseThrow(() -> gone(id)));
            Moderation.kick(session, operator.name(), reason);
            log.info("kicked: session={} user={} remote={} by={} reason={}",
                    id, user, session.remoteAddress(), operator.name(), reason);
            return CompletableFuture.completedFuture(new KickResult(id, user, reason, entry.id()));
        });
    }

    private Session find(String id) {
        return registry.byId(id).orElseThrow(() -> gone(id));
    }

    private static AdminRejection gone(String id) {
        return AdminRejection.notFound(ErrorCode.USER_NOT_FOUND, "no session '" + id + "'");
    }

    /** A session whose executor can be handed work. */
    private static Session reachable(Session session) {
        if (session.executor() == null) {
            // Registered a moment before its executor is attached: the handshake is still finishing.
            throw new AdminRejection(HttpStatus.CONFLICT, ErrorCode.INVALID_STATE,
                    "session '" + session.id() + "' is still connecting");
        }
        return session;
    }
}
