package io.tavern.server.logic;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.List;
import io.tavern.server.observability.QuietLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each session's requests to its own bounded serial executor on the logic pool, keeping them
 * in order. A client that fills its queue is told {@code RATE_LIMITED}; one that keeps at it for
 * {@code floodStrikes} refusals in a row is closed as {@code FLOODING}, so that it cannot cost the
 * others more than its share.
 */
public final class SessionDispatcher implements PacketDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SessionDispatcher.class);
    private static final QuietLog floodCloses = QuietLog.info(log);

    /** A hint, not a promise: a full queue of cheap requests drains in well under this. */
    static final long RETRY_AFTER_FULL_QUEUE_MS = 100;

    private final LogicExecutor logic;
    private final RequestRouter router;
    private final int sessionQueueLimit;
    private final int floodStrikes;
    private final List<SessionLifecycleListener> listeners;
    private final SessionRegistry registry;

    public SessionDispatcher(LogicExecutor logic, RequestRouter router, int sessionQueueLimit, int floodStrikes,
                             List<SessionLifecycleListener> listeners, SessionRegistry registry) {
        this.registry = registry;
        this.logic = logic;
        this.router = router;
        this.sessionQueueLimit = sessionQueueLimit;
        this.floodStrikes = floodStrikes;
        this.listeners = listeners;
    }

    @Override
    public void sessionOpened(Session session) {
        session.attach(logic.newSerialExecutor("session-" + session.id(), sessionQueueLimit));
    }

    @Override
    public void dispatch(Session session, Envelope request) {
        if (session.closeReason() != null) {
            return; // its Goodbye is on the way: what it still sends is dropped (and a flooder's is not logged again)
        }
        if (session.executor().tryExecute(() -> router.route(session, request))) {
            session.floodStrikes(0);
            return;
        }
        int strikes = session.floodStrikes(session.floodStrikes() + 1);
        if (strikes > floodStrikes) {
            floodCloses.log("closing {}: kept flooding past {} queued requests", session, sessionQueueLimit);
            session.close(Goodbye.Reason.FLOODING, "too many requests");
        } else {
            session.send(Envelopes.error(request.getRequestId(), io.tavern.protocol.v1.Error.newBuilder()
                    .setCode(ErrorCode.RATE_LIMITED)
                    .setMessage("more than " + sessionQueueLimit + " requests waiting; slow down")
                    .setRetryAfterMs(RETRY_AFTER_FULL_QUEUE_MS)
                    .build()));
        }
    }

    @Override
    public void sessionClosed(Session session) {
        session.executor().execute(() -> {
            for (SessionLifecycleListener listener : listeners) {
                listener.sessionClosed(session);
            }
            // Last, and here rather than on the event loop: a login still running on this executor
            // cannot then claim a name after the session was forgotten.
            registry.remove(session);
        });
    }
}
