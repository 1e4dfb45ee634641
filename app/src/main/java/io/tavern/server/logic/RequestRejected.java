package io.tavern.server.logic;

import io.tavern.protocol.v1.ErrorCode;

/**
 * A request refused for a reason the client is told: thrown by validation, answered by the router
 * (or by an actor's operation wrapper) as {@code Error{code, message}}. Not a failure of the server,
 * so it carries no stack trace.
 */
public final class RequestRejected extends RuntimeException {

    private final ErrorCode code;

    public RequestRejected(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
