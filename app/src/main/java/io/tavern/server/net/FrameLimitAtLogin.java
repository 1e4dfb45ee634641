package io.tavern.server.net;

import io.tavern.protocol.FrameDecoder;
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
        FrameDecoder decoder = session.channel().pipeline().get(FrameDecoder.class);
        if (decoder != null) { // null once the connection is gone
            decoder.lift();
        }
    }
}
