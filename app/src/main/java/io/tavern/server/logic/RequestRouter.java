package io.tavern.server.logic;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.session.Session;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Finds the handler for each request and applies the rules every request shares. */
public final class RequestRouter {

    private final Map<Envelope.BodyCase, RequestHandler> handlers = new EnumMap<>(Envelope.BodyCase.class);

    public RequestRouter(List<RequestHandler> handlers) {
        for (RequestHandler handler : handlers) {
            for (Envelope.BodyCase kind : handler.accepts()) {
                RequestHandler previous = this.handlers.put(kind, handler);
                if (previous != null) {
                    throw new IllegalStateException(kind + " is handled by both " + previous + " and " + handler);
                }
            }
        }
    }

    /** Runs on the session's serial executor. */
    public void route(Session session, Envelope request) {
        long requestId = request.getRequestId();
        RequestHandler handler = handlers.get(request.getBodyCase());
        if (handler == null) {
            session.error(requestId, ErrorCode.UNKNOWN_MESSAGE,
                    request.getBodyCase() + " is not a request the server accepts");
            return;
        }
        if (handler.requiresLogin() && !session.isLoggedIn()) {
            session.error(requestId, ErrorCode.NOT_LOGGED_IN, "log in first");
            return;
        }
        try {
            handler.handle(session, request);
        } catch (RequestRejected rejected) {
            session.send(Envelopes.error(requestId, rejected.toError()));
        } catch (RuntimeException e) {
            Reply.internal(session, requestId, "request " + request.getBodyCase(), e);
        }
    }
}
