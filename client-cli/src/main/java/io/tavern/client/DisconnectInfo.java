package io.tavern.client;

import io.tavern.protocol.v1.Goodbye;

/**
 * How a connection ended.
 *
 * @param reason  the Goodbye's reason when the server sent one, else {@link DisconnectReason#NETWORK}
 *                or {@link DisconnectReason#CLOSED}
 * @param message the Goodbye's message, or a description of the failure; never null
 * @param goodbye the Goodbye the server sent, or null
 * @param cause   the network failure that closed the connection, or null
 */
public record DisconnectInfo(DisconnectReason reason, String message, Goodbye goodbye, Throwable cause) {

    public DisconnectInfo {
        if (reason == null) {
            throw new IllegalArgumentException("reason is required");
        }
        message = message == null ? "" : message;
    }

    static DisconnectInfo of(Goodbye goodbye) {
        return new DisconnectInfo(DisconnectReason.of(goodbye.getReason()), goodbye.getMessage(), goodbye, null);
    }

    public boolean byServer() {
        return goodbye != null;
    }
}
