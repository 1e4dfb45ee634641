package io.tavern.server.identity;

import io.tavern.server.session.Session;

/** Told on the session's executor when it logs in, before the client is told. */
@FunctionalInterface
public interface LoginListener {

    void loggedIn(Session session);
}
