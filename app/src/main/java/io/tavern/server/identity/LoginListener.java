package io.tavern.server.identity;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.session.Session;
import java.util.List;

/** Told on the session's executor when it logs in, before the client is told. */
@FunctionalInterface
public interface LoginListener {

    void loggedIn(Session session);

    /** Told on the session's executor when a login is refused, with the code the client is sent. */
    default void refused(Session session, ErrorCode code) {
    }

    /** One listener that tells each of {@code listeners}, in order. */
    static LoginListener all(List<? extends LoginListener> listeners) {
        List<LoginListener> each = List.copyOf(listeners);
        return new LoginListener() {
            @Override
            public void loggedIn(Session session) {
                each.forEach(listener -> listener.loggedIn(session));
            }

            @Override
            public void refused(Session session, ErrorCode code) {
                each.forEach(listener -> listener.refused(session, code));
            }
        };
    }
}
