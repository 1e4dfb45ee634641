package io.tavern.server.net;

import io.tavern.protocol.EnvelopeReader;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.session.Session;

/**
 * Lifts a connection's frame limit from {@code tavern.net.max-frame-size-before-login} to
 * {@code tavern.net.max-frame-size} once it has logged in. Told before the client hears of its login,
 * so every frame the client sends after the reply may be full size.
 */
public final class FrameLimitAtLogin implements LoginListener {

    @Override
    public void loggedIn(Session session) {
        EnvelopeReader reader = session.channel().pipeline().get(EnvelopeReader.class);
        if (reader != null) { // null once the connection is gone
            reader.lift();
        }
    }
}
