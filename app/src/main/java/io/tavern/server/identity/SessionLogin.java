package io.tavern.server.identity;

import io.tavern.db.moderation.Sanction;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.server.logic.Reply;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.PlayerState;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.Optional;

/**
 * The last step of every login, guest or account: the ban check, the name claim, the session's new
 * identity, the login listeners, and the {@code LoginOk}. Also keeps a session from running two
 * logins at once (a login may wait for the database, and the next request must not overtake it): the
 * player is {@code LOGGING_IN} ({@link PlayerState}) from {@link #begin} until it is answered.
 *
 * <p>Every step of a login runs {@link #guarded}: an unexpected exception anywhere between
 * {@link #begin} and the answer is answered {@code INTERNAL} with a reference, and the login ends. Before
 * the name is claimed the session is simply not logged in and may try again; after it (a login listener
 * failed, so the player may be half let in) the session is closed, which undoes all of it the one way
 * every close does. Session executor only.
 */
public final class SessionLogin {

    private final SessionRegistry registry;
    private final Moderation moderation;
    private final LoginListener listener;

    public SessionLogin(SessionRegistry registry, Moderation moderation, LoginListener listener) {
        this.registry = registry;
        this.moderation = moderation;
        this.listener = listener;
    }

    /** Starts a login; false (and the client told why) if the session is logged in or logging in. */
    public boolean begin(Session session, long requestId) {
        if (!session.player().beginLogin()) {
            listener.refused(session, ErrorCode.ALREADY_LOGGED_IN);
            session.error(requestId, ErrorCode.ALREADY_LOGGED_IN,
                    session.isLoggedIn() ? "already logged in as " + session.user() : "a login is already in progress");
            return false;
        }
        return true;
    }

    /**
     * Runs one step of a login begun for {@code requestId} (the checks after {@link #begin}, or an answer
     * from the database on the session's executor); an unexpected exception ends the login with
     * {@code INTERNAL}.
     */
    public void guarded(Session session, long requestId, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException unexpected) {
            failed(session, requestId, unexpected);
        }
    }

    /** Every step answers last, so a step that threw has not answered. */
    private void failed(Session session, long requestId, RuntimeException unexpected) {
        String reference = Reply.internal(session, requestId, "a login", unexpected);
        if (!session.isLoggedIn()) {
            session.player().loginEnded(); // nothing was claimed: it may try again
        } else if (session.player().phase() != PlayerState.Phase.CLOSED) {
            session.close(Goodbye.Reason.REASON_UNSPECIFIED, "internal error during login, reference " + reference);
        }
    }

    /** Ends a login that failed before {@link #complete}. */
    public void abandon(Session session, long requestId, Error error) {
        session.player().loginEnded();
        listener.refused(session, error.getCode());
        session.send(Envelope.newBuilder().setRequestId(requestId).setError(error).build());
    }

    public void abandon(Session session, long requestId, ErrorCode code, String message) {
        abandon(session, requestId, Error.newBuilder().setCode(code).setMessage(message).build());
    }

    /**
     * The ban check, from memory: answers {@code BANNED} and ends the login if {@code name}, its account or
     * (as {@code tavern.moderation.*} says for this kind of entrant) the session's address is banned. An
     * address ban is told as such, without its range.
     *
     * @param identity the account logging in; null for a guest or a registration
     */
    public boolean refuseIfBanned(Session session, long requestId, Moderation.Entrant entrant, String name,
                                  PlayerIdentity identity) {
        Optional<Moderation.ActiveBan> ban = moderation.banOn(entrant, name, identity, session.remoteAddress());
        if (ban.isEmpty()) {
            return false;
        }
        Sanction sanction = ban.get().sanction();
        String who = ban.get().onAddress() ? "your address" : "'" + name + "'";
        abandon(session, requestId, Error.newBuilder()
                .setCode(ErrorCode.BANNED)
                .setMessage(who + " is banned" + sanction.end().map(until -> " until " + until).orElse(" permanently"))
                .setUntilMs(sanction.end().map(java.time.Instant::toEpochMilli).orElse(0L))
                .setReason(sanction.reason() == null ? "" : sanction.reason())
                .build());
        return true;
    }

    /**
     * Claims {@code name} for the session and logs it in as {@code identity} (its account, or a new guest
     * identity); {@code NAME_TAKEN} if someone online holds the name. A guest is told so in the words of every
     * other unavailable name; an account's owner, who proved the name theirs, that it is online.
     */
    public void complete(Session session, long requestId, String name, PlayerIdentity identity) {
        if (session.player().phase() != PlayerState.Phase.LOGGING_IN) {
            return; // closed while the database answered; claiming now would leak the name
        }
        if (!registry.claimName(session, name)) {
            abandon(session, requestId, ErrorCode.NAME_TAKEN,
                    identity.isGuest() ? NamePolicy.UNAVAILABLE : "'" + name + "' is online already");
            return;
        }
        session.loggedIn(name, identity);
        session.player().loggedIn();
        listener.loggedIn(session);
        session.send(Envelope.newBuilder().setRequestId(requestId)
                .setLoginOk(LoginOk.newBuilder().setUser(name).setGuest(identity.isGuest())).build());
    }
}
