package io.tavern.server.logic;

import io.tavern.protocol.v1.Envelope;
import io.tavern.server.session.Session;

/**
 * The seam between the network tier and the logic tier. The network tier calls these methods on an
 * event loop, so implementations only hand work over; they never run packet logic here.
 */
public interface PacketDispatcher {

    /** The session completed its handshake. */
    void sessionOpened(Session session);

    /** A request from a handshaken session (not Hello, Ping, Pong or Goodbye: the network tier answers those). */
    void dispatch(Session session, Envelope request);

    /** The connection closed, whoever closed it. */
    void sessionClosed(Session session);
}
