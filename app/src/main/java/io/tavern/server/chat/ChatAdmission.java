package io.tavern.server.chat;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.SendQueue;
import io.tavern.server.session.Session;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether a room (or the lobby) takes one more chat line, judged by what its members have not yet been
 * sent. Load shedding: when the server cannot write to an audience as fast as it is talked to, new chat
 * is refused with {@code SERVER_BUSY} and a retry hint, <em>before</em> the members' send queues reach
 * their limit. The alternative is worse: the queues overflow and well-behaved members are closed as slow
 * consumers.
 *
 * <p>The measure is the audience's <b>typical backlog</b>: the median of what {@value #SAMPLE} members
 * spread evenly over the audience (from a random start) hold. A room's fan-out reaches every member
 * alike, so when the server is behind, most members are; a median, so that slow members (a minority,
 * whose own queue limit deals with them) cannot silence a room: the sample moves with every line, so
 * clients that never read cannot hold it by joining first. At or over
 * {@code tavern.chat.admission.member-backlog}, the line is refused.
 *
 * <p>Nor can they hold it by outnumbering the readers. A sampled member whose socket has taken none of a write
 * for {@code tavern.chat.admission.stalled-after} is <b>stalled</b>: its backlog is its own doing, not the
 * server's, and it is left out of the median (the median of the others; none left, nothing is behind). Without
 * this, a room whose members mostly stopped reading refused chat for good: they sat under their queue limit,
 * which only more chat would make them reach. Until they stall, they count, so a burst they cannot take is
 * refused first; once stalled, chat flows again and their own queue limit closes them as slow consumers.
 * A member that reads, however slowly, keeps taking part of the write in flight and never stalls; one whose
 * socket takes nothing for that long has stopped reading, or as good as, and is treated as such.
 *
 * <p>An audience is also held to its <b>share of the server's outbound budget</b>
 * ({@code tavern.chat.admission.budget-share} percent of {@code tavern.net.outbound-budget}): a line is refused
 * while its readers (the members not stalled) are together charged that share (their bytes plus each frame's
 * overhead, as the {@link OutboundBudget} counts them). A sum over the whole audience, not the typical member
 * times its size: a big room's backlog need not be even (the members served by one event loop, or read by one
 * busy client host, can be far behind while the others are not), and a median then sees nothing while the room
 * fills the budget. A room of 2 000 whose members are each 64 KB behind holds over 300 MB; without the share the
 * budget, the last resort, would act first and close its largest holders, readers among them. The share is per
 * audience, not server-wide: a server-wide test would let a few hundred connections that never read, each under
 * its own limit, silence every room. Memory as a whole stays the {@link OutboundBudget}'s to guard.
 *
 * <p>The retry hint grows with how far over the threshold the backlog is: {@code retry-after} times the
 * ratio, from 1 to {@value #MAX_RETRY_FACTOR} times. Called on the room's (or lobby's) serial executor:
 * it walks the audience once (cheaper than the fan-out it guards, which walks it too), reads every member's
 * counters, allocates one small array, sorts it only when a sampled member is over the threshold, and never
 * blocks.
 */
public final class ChatAdmission {

    /** Members whose backlog is read: odd, so that the median is one of them. */
    static final int SAMPLE = 15;
    static final int MAX_RETRY_FACTOR = 8;

    private final long memberBacklogBytes;
    private final long audienceShareBytes;
    private final long retryAfterMillis;
    private final long stalledAfterNanos;
    private final LongAdder refused = new LongAdder();

    /**
     * @param memberBacklogBytes the typical member backlog at which an audience's chat is refused
     * @param audienceShareBytes what one audience's members may together be charged to the outbound budget
     * @param retryAfterMillis   the shortest retry hint
     * @param stalledAfterNanos  how long a write may wait on a member's socket before the member is stalled
     */
    public ChatAdmission(long memberBacklogBytes, long audienceShareBytes, long retryAfterMillis, long stalledAfterNanos) {
        this.memberBacklogBytes = memberBacklogBytes;
        this.audienceShareBytes = audienceShareBytes;
        this.retryAfterMillis = retryAfterMillis;
        this.stalledAfterNanos = stalledAfterNanos;
    }

    /**
     * Lets one chat line through to {@code audience}, or refuses it.
     *
     * @throws RequestRejected {@code SERVER_BUSY} with a retry hint, when the audience is too far behind
     */
    public void admit(Collection<Session> audience) {
        Backlog backlog = backlog(audience, System.nanoTime(), stalledAfterNanos, memberBacklogBytes);
        // Over the member threshold, or over the audience's share of the budget: the ratio to the nearer limit.
        double over = Math.max((double) backlog.typicalQueued() / memberBacklogBytes,
                (double) backlog.readersCharged() / audienceShareBytes);
        if (over >= 1) {
            refused.increment();
            long factor = Math.min(MAX_RETRY_FACTOR, Math.max(1, (long) over));
            throw new RequestRejected(ErrorCode.SERVER_BUSY,
                    "this conversation is busier than the server can deliver; try again shortly", retryAfterMillis * factor);
        }
    }

    /** Lines refused so far. */
    public long refused() {
        return refused.sum();
    }

    /**
     * The audience's backlog at {@code nowNanos}, stalled members left out: the median of what {@link #SAMPLE}
     * members, evenly spread from a random start, hold, and what all of them are charged together; none, for none.
     */
    static Backlog backlog(Collection<Session> audience, long nowNanos, long stalledAfterNanos) {
        return backlog(audience, nowNanos, stalledAfterNanos, 0);
    }

    /**
     * As {@link #backlog(Collection, long, long)}, except when every member sampled holds less than
     * {@code queuedLimit}: then the largest of them, a bound on the median that is under the limit too and so
     * decides alike, without sorting (the common case, on every line).
     */
    static Backlog backlog(Collection<Session> audience, long nowNanos, long stalledAfterNanos, long queuedLimit) {
        int size = audience.size();
        if (size == 0) {
            return Backlog.NONE;
        }
        int taken = Math.min(SAMPLE, size);
        int stride = size / taken;
        // The sample spans taken - 1 strides and may start anywhere that leaves room for them, so every member
        // can be in it; a start under one stride left the last size - stride * taken members never read.
        int next = ThreadLocalRandom.current().nextInt(size - stride * (taken - 1));
        long[] queued = new long[taken];
        long mostQueued = 0;
        long readersCharged = 0;
        int n = 0;
        int seen = 0;
        int index = 0;
        for (Session member : audience) {
            SendQueue queue = member.sendQueue();
            boolean reading = !queue.stalledFor(nowNanos, stalledAfterNanos);
            if (reading) {
                readersCharged += queue.chargedBytes();
            }
            if (index++ == next && seen < taken) {
                if (reading) {
                    long memberQueued = queue.queuedBytes();
                    queued[n++] = memberQueued;
                    mostQueued = Math.max(mostQueued, memberQueued);
                }
                if (++seen < taken) {
                    next += stride;
                }
            }
        }
        if (n == 0) {
            return new Backlog(0, readersCharged);
        }
        if (mostQueued < queuedLimit) {
            return new Backlog(mostQueued, readersCharged);
        }
        Arrays.sort(queued, 0, n);
        return new Backlog(queued[n / 2], readersCharged);
    }

    /**
     * An audience's backlog: what its typical reading member holds (bytes), and what its reading members are
     * charged to the budget together (bytes plus each frame's overhead).
     */
    record Backlog(long typicalQueued, long readersCharged) {
        static final Backlog NONE = new Backlog(0, 0);
    }
}
