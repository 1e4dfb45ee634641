package io.tavern.server.logic;

import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;

/**
 * A request refused for a reason the client is told: thrown by validation, answered by the router
 * (or by an actor's operation wrapper) as {@code Error{code, message}}. Not a failure of the server,
 * so it carries no stack trace.
 */
public final class RequestRejected extends RuntimeException {

    private final ErrorCode code;
    private final long retryAfterMillis;

    public RequestRejected(ErrorCode code, String message) {
        this(code, message, 0);
    }

    /** A refusal that says when to try again ({@code TOO_MANY_ATTEMPTS}, {@code SERVER_BUSY}). */
    public RequestRejected(ErrorCode code, String message, long retryAfterMillis) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMillis = retryAfterMillis;
    }

    public ErrorCode code() {
        return code;
    }

    /** The answer the client gets. */
    public Error toError() {
        return Error.newBuilder().setCode(code).setMessage(getMessage()).setRetryAfterMs(retryAfterMillis).build();
    }
}
