package io.tavern.client;

import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;

/** The server answered with an {@link Error} where a success was expected. */
public final class ServerErrorException extends RuntimeException {

    private final transient Error error;

    public ServerErrorException(Error error) {
        super(error.getCode() + (error.getMessage().isEmpty() ? "" : ": " + error.getMessage()));
        this.error = error;
    }

    public Error error() {
        return error;
    }

    public ErrorCode code() {
        return error.getCode();
    }
}
