package io.tavern.server.identity;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.Set;

/** {@code LoginGuest{name}}: a nickname for this connection only, if nobody online holds it. */
public final class GuestLoginHandler implements io.tavern.server.logic.RequestHandler {

    private final SessionRegistry registry;
    private final LoginListener loginListener;
    private final boolean allowGuests;

    public GuestLoginHandler(SessionRegistry registry, LoginListener loginListener, boolean allowGuests) {
        this.registry = registry;
        this.loginListener = loginListener;
        this.allowGuests = allowGuests;
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.LOGIN_GUEST);
    }

    @Override
    public boolean requiresLogin() {
        return false;
    }

    @Override
    public void handle(Session session, Envelope request) {
        long requestId = request.getRequestId();
        String name = request.getLoginGuest().getName();
        if (session.isLoggedIn()) {
            session.error(requestId, ErrorCode.ALREADY_LOGGED_IN, "already logged in as " + session.user());
        } else if (!allowGuests) {
            session.error(requestId, ErrorCode.GUESTS_DISABLED, "guest login is turned off on this server");
        } else if (!NamePolicy.isValid(name)) {
            session.error(requestId, ErrorCode.INVALID_NAME, NamePolicy.describe());
        } else if (!registry.claimName(session, name)) {
            session.error(requestId, ErrorCode.NAME_TAKEN, "'" + name + "' is online already");
        } else {
            session.loggedIn(name, true);
            loginListener.loggedIn(session);
            session.send(Envelope.newBuilder()
                    .setRequestId(requestId)
                    .setLoginOk(LoginOk.newBuilder().setUser(name).setGuest(true))
                    .build());
        }
    }
}
