package io.tavern.server.logic;

import io.tavern.server.session.Session;

/** Told when a session ends, on that session's serial executor, after its last request ran. */
public interface SessionLifecycleListener {

    void sessionClosed(Session session);
}
