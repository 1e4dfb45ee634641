package io.tavern.server.chat;

import io.tavern.db.node.NodeLease;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints this node's chat message ids, for every scope: unique across nodes and restarts, strictly
 * increasing on this node, with no coordination per id.
 *
 * <p>An id is 63 bits (a positive {@code long}; past 2^53, so JavaScript clients must read it as a BigInt):
 * <pre>
 *   | 41 bits: milliseconds since {@link #EPOCH} | 10 bits: node id | 12 bits: sequence within the ms |
 * </pre>
 * The node id comes from a {@link NodeLease} ({@code io.tavern.server.node.NodeIdLease} keeps it), so two
 * nodes never share one. Within a node, the next id is the larger of "the clock's millisecond, sequence 0"
 * and "the previous id plus one": a burst of more than 4 096 ids in a millisecond borrows the next
 * millisecond, and a clock that steps back only slows the time part down, it never repeats one. The lease
 * bounds the time part: it starts above everything the node id minted before (its recorded ceiling), and
 * an id is minted only up to the ceiling the lease has recorded, so a restart, even with a clock that
 * stepped back, and a lease taken over after a crash, continue above every earlier id of that node id.
 *
 * <p>When no lease is in force (none yet, or it expired because it could not be renewed, or the node is
 * stopping), {@link #next()} refuses with {@link MessageIdsUnavailableException}: chat is answered
 * {@code SERVER_BUSY} rather than given an id that might not be unique.
 *
 * <p>Thread-safe and lock-free: one compare-and-set per id on a counter that only this node's logic
 * threads share.
 */
public final class MessageIds {

    /** Time zero of the ids' time part. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final int SEQUENCE_BITS = 12;
    static final int NODE_BITS = 10;
    static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private static final long EPOCH_MS = EPOCH.toEpochMilli();
    /** A term's state once it stops: no id follows it. */
    private static final long SEALED = Long.MAX_VALUE;

    /**
     * What one lease lets this node mint. {@code state} is the last id minted, without the node id: its
     * time part shifted left by {@link #SEQUENCE_BITS}, plus its sequence.
     */
    private static final class Term {
        final int nodeId;
        final long nodeBits;
        final long floorMs;
        final AtomicLong state;
        volatile long ceilingMs;
        volatile long validUntilNanos;

        Term(NodeLease lease, long validUntilNanos) {
            this.nodeId = lease.nodeId();
            this.nodeBits = (long) lease.nodeId() << SEQUENCE_BITS;
            this.floorMs = lease.floorMs();
            this.state = new AtomicLong((lease.floorMs() << SEQUENCE_BITS) - 1);
            this.ceilingMs = lease.ceilingMs();
            this.validUntilNanos = validUntilNanos;
        }
    }

    private final Clock clock;
    private volatile Term term;

    public MessageIds(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The next id.
     *
     * @throws MessageIdsUnavailableException while no lease is in force, or when the lease's ceiling is
     *                                        reached before a renewal raised it
     */
    public long next() {
        Term current = term;
        if (current == null) {
            throw new MessageIdsUnavailableException("this node holds no node id");
        }
        if (System.nanoTime() - current.validUntilNanos > 0) {
            throw new MessageIdsUnavailableException("node id " + current.nodeId
                    + "'s lease expired: it could not be renewed in time");
        }
        long clockState = nowMs() << SEQUENCE_BITS;
        while (true) {
            long previous = current.state.get();
            if (previous == SEALED) {
                return next(); // the lease changed meanwhile; use the new one
            }
            long state = Math.max(previous + 1, clockState);
            if (state >>> SEQUENCE_BITS > current.ceilingMs) {
                throw new MessageIdsUnavailableException("node id " + current.nodeId
                        + " reached its lease's ceiling: the lease could not be renewed in time");
            }
            if (current.state.compareAndSet(previous, state)) {
                return (state >>> SEQUENCE_BITS) << (SEQUENCE_BITS + NODE_BITS) | current.nodeBits
                        | state & SEQUENCE_MASK;
            }
        }
    }

    /** The clock, in milliseconds since {@link #EPOCH}: the unit of leases' floors and ceilings. */
    public long nowMs() {
        return clock.millis() - EPOCH_MS;
    }

    /**
     * Starts minting under a new lease (at start, or after the previous one was lost); the previous term,
     * if any, mints nothing more.
     *
     * @param validUntilNanos ({@link System#nanoTime()} time) when the lease runs out unless renewed
     */
    public synchronized void begin(NodeLease lease, long validUntilNanos) {
        Objects.requireNonNull(lease, "lease");
        seal();
        term = new Term(lease, validUntilNanos);
    }

    /** A renewal of the lease in force: a higher ceiling and a later expiry. */
    public synchronized void extend(NodeLease lease, long validUntilNanos) {
        Term current = term;
        if (current == null || current.nodeId != lease.nodeId()) {
            throw new IllegalStateException("node id " + lease.nodeId() + " is not the one in force");
        }
        current.ceilingMs = Math.max(current.ceilingMs, lease.ceilingMs());
        current.validUntilNanos = validUntilNanos;
    }

    /**
     * The time part of the last id minted under the current lease (its floor minus one if none was), or -1
     * without a lease: what a renewal or a release records.
     */
    public long issuedUpToMs() {
        Term current = term;
        return current == null ? -1 : timeOf(current);
    }

    /**
     * Stops minting: no id is handed out after this returns.
     *
     * @return the time part of the last id minted under the lease that was in force, or -1 without one
     */
    public synchronized long seal() {
        Term current = term;
        if (current == null) {
            return -1;
        }
        term = null;
        long last = current.state.getAndSet(SEALED);
        return last == SEALED ? current.floorMs - 1 : last >>> SEQUENCE_BITS;
    }

    /** Whether {@link #next()} would mint an id now (it does not mint one). */
    public boolean canMint() {
        Term current = term;
        if (current == null || System.nanoTime() - current.validUntilNanos > 0) {
            return false;
        }
        long previous = current.state.get();
        return previous != SEALED && Math.max(previous + 1, nowMs() << SEQUENCE_BITS) >>> SEQUENCE_BITS <= current.ceilingMs;
    }

    /** The node id in force, or -1. */
    public int nodeId() {
        Term current = term;
        return current == null ? -1 : current.nodeId;
    }

    private static long timeOf(Term term) {
        long state = term.state.get();
        return state == SEALED ? term.floorMs - 1 : state >>> SEQUENCE_BITS;
    }

    /** The node id an id was minted with. */
    public static int nodeIdOf(long id) {
        return (int) (id >>> SEQUENCE_BITS & (1L << NODE_BITS) - 1);
    }

    /** The instant of an id's time part (an id may run ahead of the clock, never behind its lease's floor). */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli(EPOCH_MS + (id >>> SEQUENCE_BITS + NODE_BITS));
    }
}
