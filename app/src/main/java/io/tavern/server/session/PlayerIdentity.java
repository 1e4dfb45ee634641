package io.tavern.server.session;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Who a logged-in player is, as opposed to the name it goes by: names are reused (a guest's name is free
 * again when it leaves), identities never are. A registered player is its account, in every session; a
 * guest is its session, and a later guest with the same name is someone else.
 *
 * <p>Private history (whispers) is keyed by identities, so a later holder of a name sees nothing of an
 * earlier one. {@link #key()} is the stable text form the archive stores.
 *
 * @param key {@code account:<account id>} or {@code guest:<random UUID>}
 */
public record PlayerIdentity(String key) {

    private static final String ACCOUNT = "account:";
    private static final String GUEST = "guest:";

    public PlayerIdentity {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith(ACCOUNT) && !key.startsWith(GUEST)) {
            throw new IllegalArgumentException("not an identity: " + key);
        }
    }

    public static PlayerIdentity account(long accountId) {
        return new PlayerIdentity(ACCOUNT + accountId);
    }

    /** A new guest session's identity: random, so no later session, here or on another node, shares it. */
    public static PlayerIdentity newGuest() {
        return new PlayerIdentity(GUEST + UUID.randomUUID());
    }

    /** The account's id; empty for a guest. */
    public OptionalLong accountId() {
        return key.startsWith(ACCOUNT) ? OptionalLong.of(Long.parseLong(key.substring(ACCOUNT.length())))
                : OptionalLong.empty();
    }

    public boolean isGuest() {
        return key.startsWith(GUEST);
    }

    @Override
    public String toString() {
        return key;
    }
}
