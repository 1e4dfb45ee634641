package io.tavern.server.lobby;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.identity.AddressBlock;
import io.tavern.server.identity.Attempt;
import io.tavern.server.identity.LoginAttempts;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.Session;

/**
 * A room's password check, throttled as logins are ({@link LoginAttempts}): failures counted per room from
 * one address, and per address over all rooms, with the same back-off. Counted per room and address rather
 * than per room, so that nobody can lock a room's players out by guessing wrong on purpose. A join without
 * a password is no guess (the room's summary says it has one) and is not counted.
 *
 * <p>Called on the room's executor, where the password lives; the counts are thread-safe.
 */
final class RoomPasswordGate {

    private final LoginAttempts attempts;

    RoomPasswordGate(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    /**
     * Returns when {@code given} opens {@code password}; else refuses with {@code WRONG_PASSWORD}, or with
     * {@code TOO_MANY_ATTEMPTS} and when to try again while this address must wait.
     */
    void check(String roomId, String roomName, RoomPassword password, Session session, String given) {
        if (given == null || given.isEmpty()) {
            throw wrongPassword(roomName);
        }
        AddressBlock from = AddressBlock.of(session.remoteAddress());
        Attempt attempt = attempts.reserve(roomId + " " + from.key(), from);
        if (attempt.refused()) {
            throw new RequestRejected(ErrorCode.TOO_MANY_ATTEMPTS,
                    "too many wrong passwords for room '" + roomName + "'; try again later", attempt.retryAfterMillis());
        }
        if (password.matches(given)) {
            attempt.succeeded();
            return;
        }
        attempt.failed();
        throw wrongPassword(roomName);
    }

    private static RequestRejected wrongPassword(String roomName) {
        return new RequestRejected(ErrorCode.WRONG_PASSWORD, "wrong password for room '" + roomName + "'");
    }
}
