package io.tavern.client;

import io.tavern.protocol.v1.Goodbye;

/**
 * Why a connection ended. The first values mirror {@link Goodbye.Reason} (the server said why
 * before closing); {@link #NETWORK} and {@link #CLOSED} cover the closes that came without a
 * Goodbye.
 */
public enum DisconnectReason {
    SERVER_SHUTDOWN,
    SLOW_CONSUMER,
    KICKED,
    BANNED,
    IDLE_TIMEOUT,
    PROTOCOL_ERROR,
    FLOODING,
    CLIENT_QUIT,
    /** The server sent a Goodbye whose reason this client does not know. */
    UNSPECIFIED,
    /** The connection failed or the server closed it without a Goodbye. */
    NETWORK,
    /** This client closed the connection ({@link TavernClient#close()}). */
    CLOSED;

    public static DisconnectReason of(Goodbye.Reason reason) {
        return switch (reason) {
            case SERVER_SHUTDOWN -> SERVER_SHUTDOWN;
            case SLOW_CONSUMER -> SLOW_CONSUMER;
            case KICKED -> KICKED;
            case BANNED -> BANNED;
            case IDLE_TIMEOUT -> IDLE_TIMEOUT;
            case PROTOCOL_ERROR -> PROTOCOL_ERROR;
            case FLOODING -> FLOODING;
            case CLIENT_QUIT -> CLIENT_QUIT;
            case REASON_UNSPECIFIED, UNRECOGNIZED -> UNSPECIFIED;
        };
    }
}
