package io.tavern.server.persistence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.AttributeKey;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The players' lane into the database, per session: at most {@code perSession} of one session's requests in
 * flight (queued for or running on the DB executor). One more is refused at once with {@code RATE_LIMITED}
 * and a retry hint, rather than queued: the session's own queue already orders its requests, and a refusal
 * costs the server nothing while a queue per session would hold memory for a client that does not wait for
 * its answers. So one session can hold at most {@code perSession} of the DB executor's threads and queue
 * slots, however fast it asks; the chat archive and the readiness ping have a lane of their own
 * ({@link io.tavern.db.Database#submitBackground}), and password hashes a pool of their own.
 *
 * <p>Used by the requests that reach the database after login ({@code History}); a session has one login at
 * a time anyway ({@link io.tavern.server.identity.SessionLogin}).
 *
 * <p>Metrics: {@code tavern.db.session.in.flight} (summary: a session's requests in flight as each starts; its
 * max is at most {@code perSession}), {@code tavern.db.session.refused} (counter).
 */
public final class SessionDbRequests {

    /** A hint: about one database round trip. */
    static final long RETRY_AFTER_MS = 100;

    private static final AttributeKey<AtomicInteger> IN_FLIGHT =
            AttributeKey.valueOf(SessionDbRequests.class, "inFlight");

    private final int perSession;
    private final DistributionSummary inFlight;
    private final Counter refused;

    public SessionDbRequests(int perSession, MeterRegistry registry) {
        if (perSession < 1) {
            throw new IllegalArgumentException("perSession must be at least 1: " + perSession);
        }
        this.perSession = perSession;
        this.inFlight = DistributionSummary.builder("tavern.db.session.in.flight")
                .description("a session's database requests in flight, as each one starts")
                .register(registry);
        this.refused = Counter.builder("tavern.db.session.refused")
                .description("requests refused with RATE_LIMITED: their session had as many in the database as it may")
                .register(registry);
    }

    /**
     * Starts {@code query} (which submits to the database) for {@code session} if it has a free place; the
     * place is given back when the returned future completes. Session executor only.
     *
     * @throws RequestRejected {@code RATE_LIMITED} when the session has {@code perSession} in flight already
     */
    public <T> CompletableFuture<T> start(Session session, Supplier<CompletableFuture<T>> query) {
        AtomicInteger places = placesOf(session);
        int taken = places.incrementAndGet();
        if (taken > perSession) {
            places.decrementAndGet();
            refused.increment();
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "at most " + perSession
                    + " database requests of a session at a time; wait for an answer", RETRY_AFTER_MS);
        }
        inFlight.record(taken);
        CompletableFuture<T> started;
        try {
            started = query.get();
        } catch (RuntimeException refusedBeforeAnyQuery) {
            places.decrementAndGet();
            throw refusedBeforeAnyQuery;
        }
        // Given back on the thread that completes it (a DB thread), before any continuation hops elsewhere.
        return started.whenComplete((result, failure) -> places.decrementAndGet());
    }

    private static AtomicInteger placesOf(Session session) {
        AtomicInteger places = session.attribute(IN_FLIGHT).get();
        if (places == null) {
            places = new AtomicInteger();
            session.attribute(IN_FLIGHT).set(places); // the session's executor only: no race to set it
        }
        return places;
    }
}
