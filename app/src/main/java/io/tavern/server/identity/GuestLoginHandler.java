package io.tavern.server.identity;

import io.tavern.db.account.AccountStore;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.persistence.DbFailures;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.Session;
import java.util.Set;

/**
 * {@code LoginGuest{name}}: a nickname for this connection only, if it is valid, not reserved, not banned
 * (nor its address, while {@code tavern.moderation.refuse-guests-from-banned-ranges} is on),
 * not a registered account's, and not online already. The account check asks the database; the answer is
 * handled back on the session's executor. A reserved, registered or online name gets one and the same
 * refusal ({@link NamePolicy#UNAVAILABLE}), so that guest logins cannot be used to find out which names
 * have accounts.
 */
public final class GuestLoginHandler implements RequestHandler {

    private final SessionLogin login;
    private final AccountStore accounts;
    private final ReservedNames reserved;
    private final boolean allowGuests;

    public GuestLoginHandler(SessionLogin login, AccountStore accounts, ReservedNames reserved, boolean allowGuests) {
        this.login = login;
        this.accounts = accounts;
        this.reserved = reserved;
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
        if (login.begin(session, requestId)) {
            login.guarded(session, requestId, () -> check(session, requestId, name));
        }
    }

    private void check(Session session, long requestId, String name) {
        if (!allowGuests) {
            login.abandon(session, requestId, ErrorCode.GUESTS_DISABLED, "guest login is turned off on this server");
        } else if (!NamePolicy.isValid(name)) {
            login.abandon(session, requestId, ErrorCode.INVALID_NAME, NamePolicy.describe());
        } else if (reserved.isReserved(name)) {
            login.abandon(session, requestId, ErrorCode.NAME_TAKEN, NamePolicy.UNAVAILABLE);
        } else if (!login.refuseIfBanned(session, requestId, Moderation.Entrant.GUEST, name, null)) {
            accounts.exists(name).whenCompleteAsync((registered, failure) -> login.guarded(session, requestId, () -> {
                if (failure != null) {
                    login.abandon(session, requestId, DbFailures.toError(failure, "checking a guest name"));
                } else if (registered) {
                    login.abandon(session, requestId, ErrorCode.NAME_TAKEN, NamePolicy.UNAVAILABLE);
                } else {
                    login.complete(session, requestId, name, PlayerIdentity.guest(session));
                }
            }), session.executor());
        }
    }
}
