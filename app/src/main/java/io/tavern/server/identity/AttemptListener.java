package io.tavern.server.identity;

import java.time.Duration;

/**
 * Hears what the attempt policies ({@link LoginAttempts}, {@link RegistrationThrottle}) decide, for metrics and
 * logs. Called on the thread that asked, outside the policy's lock; must be quick and thread-safe.
 */
public interface AttemptListener {

    /** Which limit refused or blocked: the subject's (a name, a room) or the address's. */
    enum Limit { SUBJECT, ADDRESS }

    /** Hears nothing. */
    AttemptListener NONE = new AttemptListener() {
    };

    /** An attempt that was let in ended so. */
    default void ended(AttemptKind kind, Attempt.Outcome outcome) {
    }

    /** An attempt was refused before any check ran, because of {@code limit}. */
    default void refused(AttemptKind kind, Limit limit) {
    }

    /**
     * {@code key} reached its limit, or failed again after waiting: the next attempt must wait {@code wait}.
     * At most one such event per failed attempt and limit; an attacker can cause many.
     */
    default void blocked(AttemptKind kind, Limit limit, String key, int failures, Duration wait) {
    }
}
