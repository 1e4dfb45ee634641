package io.tavern.client;

import io.tavern.protocol.v1.Envelope;

/**
 * Receives what the server pushes. Both methods run on the connection's Netty event loop thread:
 * they must return quickly and never block (no {@code join()} on a request's future here), or
 * every connection sharing that event loop stalls. Hand longer work to another thread.
 */
public interface ClientListener {

    /**
     * Every frame with request_id 0 (ChatMessage, RoomEvent, LobbyEvent, Kicked, Goodbye, Pong,
     * and unsolicited Errors), except Ping, which the client answers by itself. Called in the
     * order the frames arrived.
     */
    default void onEvent(Envelope event) {
    }

    /** Called exactly once, after the connection closed, whatever closed it. */
    default void onClosed(DisconnectInfo info) {
    }
}
