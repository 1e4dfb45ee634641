package io.tavern.client;

import java.io.IOException;

/** The connection closed before the reply arrived, or a request was made on a closed client. */
public final class ConnectionClosedException extends IOException {

    private final transient DisconnectInfo info;

    public ConnectionClosedException(DisconnectInfo info) {
        super("connection closed (" + info.reason() + (info.message().isEmpty() ? "" : ": " + info.message()) + ")",
                info.cause());
        this.info = info;
    }

    public DisconnectInfo info() {
        return info;
    }
}
