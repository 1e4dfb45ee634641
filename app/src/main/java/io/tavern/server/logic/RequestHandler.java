package io.tavern.server.logic;

import io.tavern.protocol.v1.Envelope;
import io.tavern.server.session.Session;
import java.util.Set;

/**
 * Handles some kinds of client request. Runs on the requesting session's serial executor, so one
 * session's requests never overlap; it must not block, and it must answer every request exactly once
 * (a result, an Ack or an Error carrying the request's id), possibly later from another executor.
 */
public interface RequestHandler {

    Set<Envelope.BodyCase> accepts();

    /** False only for the requests that log a session in. */
    default boolean requiresLogin() {
        return true;
    }

    void handle(Session session, Envelope request);
}
