package io.tavern.server.budget;

import io.tavern.protocol.v1.Envelope;
import io.tavern.server.session.Session;
import java.util.List;

/**
 * Hears what the {@link RequestBudget} decides, for metrics and logs. Called on the session's event loop;
 * must be quick and thread-safe. An attacker can cause any number of these events.
 */
public interface BudgetListener {

    /** What refused a request. */
    enum Limit {
        /** The session's own budget. */
        SESSION,
        /** The budget its address shares with its other sessions. */
        ADDRESS,
        /** The chat rate limit ({@code SendChat} only); not a strike. */
        CHAT,
        /** The session's queue of requests waiting to run was full. */
        QUEUE
    }

    /** Hears nothing. */
    BudgetListener NONE = new BudgetListener() {
    };

    /** Tells each of {@code listeners}, in order. */
    static BudgetListener all(List<? extends BudgetListener> listeners) {
        List<BudgetListener> each = List.copyOf(listeners);
        return new BudgetListener() {
            @Override
            public void refused(Envelope.BodyCase kind, Limit limit) {
                each.forEach(listener -> listener.refused(kind, limit));
            }

            @Override
            public void flooding(Session session, int strikes) {
                each.forEach(listener -> listener.flooding(session, strikes));
            }
        };
    }

    /** A request of {@code kind} was answered {@code RATE_LIMITED} because of {@code limit}. */
    default void refused(Envelope.BodyCase kind, Limit limit) {
    }

    /** {@code session} kept on past {@code strikes} refusals at once and is closed as {@code FLOODING}. */
    default void flooding(Session session, int strikes) {
    }
}
