package io.tavern.server.moderation;

import io.tavern.db.moderation.ReportStore;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Report;
import io.tavern.server.identity.AddressBlock;
import io.tavern.server.identity.NamePolicy;
import io.tavern.server.lobby.Room;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.persistence.DbFailures;
import io.tavern.server.session.Session;
import io.tavern.server.text.TextSanitizer;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code Report{user, reason}}: a player reports another to the operators, who list reports in the admin
 * API. The reason is sanitised as chat is ({@link TextSanitizer}) and kept with who reported (name, identity,
 * address block), from which room, and when. Each reporter files at most so many reports in a window
 * ({@link ReportThrottle}); a reporter is its account, or for a guest its address block, since a guest can
 * come back under another name at will. The reply is an {@code Ack} once the report is stored.
 */
public final class ReportRequestHandler implements RequestHandler {

    private final ReportStore reports;
    private final ReportThrottle throttle;

    public ReportRequestHandler(ReportStore reports, ModerationProperties.Reports limits) {
        this.reports = reports;
        this.throttle = new ReportThrottle(limits.perReporter(), limits.window());
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.REPORT);
    }

    @Override
    public void handle(Session session, Envelope request) {
        long requestId = request.getRequestId();
        Report report = request.getReport();
        String user = report.getUser();
        String reason = TextSanitizer.clean(report.getReason()).strip();
        if (!NamePolicy.isValid(user)) {
            session.error(requestId, ErrorCode.INVALID_NAME, "user: " + NamePolicy.describe());
        } else if (user.equalsIgnoreCase(session.user())) {
            session.error(requestId, ErrorCode.INVALID_ARGUMENT, "you cannot report yourself");
        } else if (reason.isEmpty()) {
            session.error(requestId, ErrorCode.INVALID_ARGUMENT, "reason: say why you report " + user);
        } else if (reason.length() > ReportStore.MAX_REASON_LENGTH) {
            session.error(requestId, ErrorCode.MESSAGE_TOO_LONG,
                    "reason: at most " + ReportStore.MAX_REASON_LENGTH + " characters");
        } else {
            file(session, requestId, user, reason);
        }
    }

    private void file(Session session, long requestId, String user, String reason) {
        String address = AddressBlock.of(session.remoteAddress()).key();
        OptionalLong wait = throttle.tryFile(session.isGuest() ? "address:" + address : session.identity().key());
        if (wait.isPresent()) {
            session.send(Envelope.newBuilder().setRequestId(requestId).setError(Error.newBuilder()
                    .setCode(ErrorCode.RATE_LIMITED)
                    .setMessage("too many reports lately; try again later")
                    .setRetryAfterMs(wait.getAsLong())).build());
            return;
        }
        Room room = session.player().room();
        reports.file(session.user(), session.identity().key(), address, user, reason,
                room == null ? null : room.id(), room == null ? null : room.name())
                .whenCompleteAsync((filed, failure) -> {
                    if (failure != null) {
                        session.send(Envelope.newBuilder().setRequestId(requestId)
                                .setError(DbFailures.toError(failure, "filing a report")).build());
                    } else {
                        session.ack(requestId);
                    }
                }, session.executor());
    }
}
