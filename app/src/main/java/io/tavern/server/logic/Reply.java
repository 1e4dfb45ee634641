package io.tavern.server.logic;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.session.Session;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one answer a request is owed. A request that travels on to another actor (a room) carries its
 * reply, which remembers whether it has answered; when the operation fails unexpectedly, the actor
 * answers {@code INTERNAL} only if nothing went out yet. So a request gets exactly one reply even when
 * an operation throws after its answer (a room that admitted a player and then failed to tell the
 * others).
 *
 * <p>A reply for request id 0 (work nobody waits for, such as leaving a room because the connection
 * closed) sends nothing. Used by one executor at a time: the hop between executors hands it over.
 */
public final class Reply {

    private static final Logger log = LoggerFactory.getLogger(Reply.class);

    private final Session session;
    private final long requestId;
    private boolean answered;

    private Reply(Session session, long requestId) {
        this.session = session;
        this.requestId = requestId;
        this.answered = requestId == 0;
    }

    public static Reply to(Session session, long requestId) {
        return new Reply(session, requestId);
    }

    public Session session() {
        return session;
    }

    public boolean answered() {
        return answered;
    }

    public void ack() {
        if (claim()) {
            session.ack(requestId);
        }
    }

    /** Answers with {@code envelope}, under the request's id. */
    public void send(Envelope.Builder envelope) {
        if (claim()) {
            session.send(envelope.setRequestId(requestId).build());
        }
    }

    public void reject(RequestRejected rejected) {
        if (claim()) {
            session.send(Envelopes.error(requestId, rejected.toError()));
        }
    }

    public void error(Error error) {
        if (claim()) {
            session.send(Envelopes.error(requestId, error));
        }
    }

    /** {@code INTERNAL} with a reference to the log line that holds {@code failure}, unless already answered. */
    public void failed(String what, Throwable failure) {
        if (claim()) {
            internal(session, requestId, what, failure);
        } else {
            log.error("{} from {} failed after its reply", what, session, failure);
        }
    }

    private boolean claim() {
        if (answered) {
            return false;
        }
        answered = true;
        return true;
    }

    /**
     * Logs an unexpected failure under a short reference and answers {@code INTERNAL} with it, so that a
     * player's report can be matched with the log. Returns the reference.
     */
    public static String internal(Session session, long requestId, String what, Throwable failure) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} from {} failed (reference {})", what, session, reference, failure);
        session.error(requestId, ErrorCode.INTERNAL, "internal error, reference " + reference);
        return reference;
    }
}
