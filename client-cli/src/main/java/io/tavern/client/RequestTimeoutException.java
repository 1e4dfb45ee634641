package io.tavern.client;

import java.util.concurrent.TimeoutException;

/** No reply arrived within {@link ClientOptions#requestTimeout()}. The connection stays open. */
public final class RequestTimeoutException extends TimeoutException {

    private final long requestId;

    public RequestTimeoutException(long requestId, long timeoutMillis) {
        super("no reply to request " + requestId + " within " + timeoutMillis + " ms");
        this.requestId = requestId;
    }

    public long requestId() {
        return requestId;
    }
}
