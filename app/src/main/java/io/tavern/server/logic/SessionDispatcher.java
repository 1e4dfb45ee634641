package io.tavern.server.logic;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.server.budget.RequestBudget;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.List;

/**
 * Hands each session's requests to its own bounded serial executor on the logic pool, keeping them
 * in order, once the {@link RequestBudget} has admitted them: every request kind is metered here, as it
 * arrives on the event loop, before it costs a queue slot or a logic thread. A refused request is answered
 * {@code RATE_LIMITED} with a retry hint, as is one that finds the session's queue full; a session that keeps
 * at it is closed as {@code FLOODING}, so that it cannot cost the others more than its share.
 */
public final class SessionDispatcher implements PacketDispatcher {

    private final LogicExecutor logic;
    private final RequestRouter router;
    private final int sessionQueueLimit;
    private final RequestBudget budget;
    private final List<SessionLifecycleListener> listeners;
    private final SessionRegistry registry;

    public SessionDispatcher(LogicExecutor logic, RequestRouter router, int sessionQueueLimit, RequestBudget budget,
                             List<SessionLifecycleListener> listeners, SessionRegistry registry) {
        this.registry = registry;
        this.logic = logic;
        this.router = router;
        this.sessionQueueLimit = sessionQueueLimit;
        this.budget = budget;
        this.listeners = listeners;
    }

    @Override
    public void sessionOpened(Session session) {
        budget.sessionOpened(session, System.nanoTime());
        session.attach(logic.newSerialExecutor("session", session.id(), sessionQueueLimit));
    }

    @Override
    public void dispatch(Session session, Envelope request) {
        if (session.closeReason() != null) {
            return; // its Goodbye is on the way: what it still sends is dropped (and a flooder's is not logged again)
        }
        RequestBudget.Verdict verdict = budget.admit(session, request.getBodyCase(), System.nanoTime());
        if (verdict.outcome() == RequestBudget.Outcome.ADMIT) {
            if (session.executor().tryExecute(() -> router.route(session, request))) {
                return;
            }
            verdict = budget.queueFull(session, request.getBodyCase(), sessionQueueLimit);
        }
        if (verdict.outcome() == RequestBudget.Outcome.CLOSE) {
            session.close(Goodbye.Reason.FLOODING, verdict.message());
        } else {
            session.send(Envelopes.error(request.getRequestId(), verdict.toError()));
        }
    }

    @Override
    public void sessionClosed(Session session) {
        budget.sessionClosed(session, System.nanoTime());
        session.executor().execute(() -> {
            session.player().close(); // first: what arrives from the rooms from now on finds it CLOSED
            for (SessionLifecycleListener listener : listeners) {
                listener.sessionClosed(session);
            }
            // Last, and here rather than on the event loop: a login still running on this executor
            // cannot then claim a name after the session was forgotten.
            registry.remove(session);
        });
    }
}
