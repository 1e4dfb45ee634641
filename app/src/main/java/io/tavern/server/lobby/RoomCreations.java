package io.tavern.server.lobby;

import io.netty.util.AttributeKey;
import io.tavern.server.budget.TokenBucket;
import io.tavern.server.identity.AddressBlock;
import io.tavern.server.session.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * How many rooms a session, and all the sessions of one address (an IPv6 /64), may create per minute: a
 * token bucket each, {@code perMinute} at once, then one every 60/{@code perMinute} seconds. A creation is
 * {@link #reserve reserved} before the room exists and {@link #giveBack given back} if it was not created
 * (a name taken, a cap reached), so only rooms made count.
 *
 * <p>Threads: a session's bucket is touched only on its executor (where rooms are created); the address
 * table under its lock. Buckets of addresses that have refilled are dropped when the table grows large.
 */
final class RoomCreations {

    static final int PURGE_ABOVE = 10_000;
    private static final AttributeKey<TokenBucket> SESSION = AttributeKey.valueOf(RoomCreations.class, "session");

    private final TokenBucket.Rate perSession;
    private final TokenBucket.Rate perAddress;
    private final Map<AddressBlock, TokenBucket> byAddress = new HashMap<>();
    private int purgeAbove = PURGE_ABOVE;

    RoomCreations(int perSessionPerMinute, int perAddressPerMinute) {
        this.perSession = new TokenBucket.Rate(perSessionPerMinute / 60.0, perSessionPerMinute);
        this.perAddress = new TokenBucket.Rate(perAddressPerMinute / 60.0, perAddressPerMinute);
    }

    /**
     * Takes one creation from the session's and its address's allowance.
     *
     * @return 0 when taken; else the milliseconds until one would be (nothing is taken)
     */
    long reserve(Session creator) {
        long now = System.nanoTime();
        TokenBucket session = sessionBucket(creator, now);
        if (!session.canTake(1, now)) {
            return session.millisUntil(1);
        }
        AddressBlock address = AddressBlock.of(creator.remoteAddress());
        synchronized (this) {
            TokenBucket fromAddress = byAddress.computeIfAbsent(address,
                    key -> new TokenBucket(perAddress, now));
            if (!fromAddress.tryTake(1, now)) {
                return fromAddress.millisUntil(1);
            }
            purgeIfLarge(now);
        }
        session.take(1);
        return 0;
    }

    /** A reserved creation made no room after all. */
    void giveBack(Session creator) {
        sessionBucket(creator, System.nanoTime()).giveBack(1);
        AddressBlock address = AddressBlock.of(creator.remoteAddress());
        synchronized (this) {
            TokenBucket fromAddress = byAddress.get(address);
            if (fromAddress != null) {
                fromAddress.giveBack(1);
            }
        }
    }

    private TokenBucket sessionBucket(Session creator, long now) {
        TokenBucket bucket = creator.attribute(SESSION).get();
        if (bucket == null) {
            bucket = new TokenBucket(perSession, now);
            creator.attribute(SESSION).set(bucket);
        }
        return bucket;
    }

    private void purgeIfLarge(long now) {
        if (byAddress.size() <= purgeAbove) {
            return;
        }
        byAddress.values().removeIf(bucket -> bucket.isFull(now));
        purgeAbove = Math.max(PURGE_ABOVE, 2 * byAddress.size());
    }
}
