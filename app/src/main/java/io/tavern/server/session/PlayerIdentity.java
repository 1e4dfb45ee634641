package io.tavern.server.session;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Who a logged-in player is, as opposed to the name it goes by: names are reused (a guest's name is free
 * again when it leaves), identities never are. A registered player is its account, in every session; a
 * guest is its session, and a later guest with the same name is someone else.
 *
 * <p>Private history (whispers) is keyed by identities, so a later holder of a name sees nothing of an
 * earlier one. {@link #key()} is the stable text form the archive stores: {@code account:<account id>} or
 * {@code guest:<the guest session's id>}. It is made when asked for (a whisper, a history page), not held:
 * every logged-in session has an identity, and the text of a guest's (28 characters) would cost it 72 bytes.
 */
public final class PlayerIdentity {

    private static final String ACCOUNT = "account:";
    private static final String GUEST = "guest:";

    /** The account's id; unused for a guest. */
    private final long accountId;
    /** The guest's session id (random, see {@link Session#newId}); null for an account. */
    private final String guestSession;

    private PlayerIdentity(long accountId, String guestSession) {
        this.accountId = accountId;
        this.guestSession = guestSession;
    }

    public static PlayerIdentity account(long accountId) {
        return new PlayerIdentity(accountId, null);
    }

    /**
     * A guest session's identity: its session id, which is random (128 bits drawn when the connection was accepted),
     * so no later session, here or on another node, shares it.
     */
    public static PlayerIdentity guest(Session session) {
        return new PlayerIdentity(0, Objects.requireNonNull(session.id(), "session id"));
    }

    /** The stable text form: {@code account:<account id>} or {@code guest:<session id>}. */
    public String key() {
        return guestSession == null ? ACCOUNT + accountId : GUEST + guestSession;
    }

    /** The account's id; empty for a guest. */
    public OptionalLong accountId() {
        return guestSession == null ? OptionalLong.of(accountId) : OptionalLong.empty();
    }

    public boolean isGuest() {
        return guestSession != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlayerIdentity that && accountId == that.accountId
                && Objects.equals(guestSession, that.guestSession);
    }

    @Override
    public int hashCode() {
        return guestSession == null ? Long.hashCode(accountId) : guestSession.hashCode();
    }

    @Override
    public String toString() {
        return key();
    }
}
