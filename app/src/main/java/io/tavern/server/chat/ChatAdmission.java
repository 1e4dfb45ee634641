package io.tavern.server.chat;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.Session;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether a room (or the lobby) takes one more chat line, judged by what its members have not yet been
 * sent. Load shedding: when the server cannot write as fast as chat comes in, new chat is refused with
 * {@code SERVER_BUSY} and a retry hint, <em>before</em> the members' send queues reach their limit. The
 * alternative is worse: the queues overflow and well-behaved members are closed as slow consumers.
 *
 * <p>Two measures, either refuses:
 * <ul>
 *   <li><b>The audience's typical backlog</b>: the median of what the first {@value #SAMPLE} members
 *       hold (a room's fan-out reaches every member alike, so a few tell how far behind it is; the median,
 *       so that one slow member, whose own limit deals with it, does not silence the room). At or over
 *       {@code tavern.chat.admission.member-backlog}, the room refuses.</li>
 *   <li><b>The server's outbound bytes</b>, against {@code tavern.chat.admission.budget-share} of
 *       {@code tavern.net.outbound-budget}: at or over it, every room and the lobby refuse, well before
 *       the budget's own remedy (closing the biggest holders) is needed.</li>
 * </ul>
 *
 * <p>The retry hint grows with how far over the threshold the measure is: {@code retry-after} times the
 * ratio, from 1 to {@value #MAX_RETRY_FACTOR} times. Called on the room's (or lobby's) serial executor:
 * it reads a few atomic counters, allocates one small array and never blocks.
 */
public final class ChatAdmission {

    /** Members whose backlog is read: odd, so that the median is one of them. */
    static final int SAMPLE = 15;
    static final int MAX_RETRY_FACTOR = 8;

    private final OutboundBudget budget;
    private final long serverThresholdBytes;
    private final long memberBacklogBytes;
    private final long retryAfterMillis;
    private final LongAdder refusedForRoom = new LongAdder();
    private final LongAdder refusedForServer = new LongAdder();

    /**
     * @param budget             the server's outbound budget
     * @param budgetShare        the share of the budget (0..1] at which all chat is refused
     * @param memberBacklogBytes the typical member backlog at which an audience's chat is refused
     * @param retryAfterMillis   the shortest retry hint
     */
    public ChatAdmission(OutboundBudget budget, double budgetShare, long memberBacklogBytes, long retryAfterMillis) {
        if (!(budgetShare > 0 && budgetShare <= 1)) {
            throw new IllegalArgumentException("budgetShare must be in (0, 1]: " + budgetShare);
        }
        this.budget = budget;
        this.serverThresholdBytes = (long) (budget.limitBytes() * budgetShare);
        this.memberBacklogBytes = memberBacklogBytes;
        this.retryAfterMillis = retryAfterMillis;
    }

    /**
     * Lets one chat line through to {@code audience}, or refuses it.
     *
     * @throws RequestRejected {@code SERVER_BUSY} with a retry hint, when the audience or the server is too
     *                         far behind
     */
    public void admit(Collection<Session> audience) {
        long held = budget.heldBytes();
        if (held >= serverThresholdBytes) {
            refusedForServer.increment();
            throw busy("the server is sending more than it can; try again shortly", held, serverThresholdBytes);
        }
        long typical = typicalBacklog(audience);
        if (typical >= memberBacklogBytes) {
            refusedForRoom.increment();
            throw busy("this conversation is busier than the server can deliver; try again shortly",
                    typical, memberBacklogBytes);
        }
    }

    /** Lines refused because the audience was too far behind. */
    public long refusedForAudience() {
        return refusedForRoom.sum();
    }

    /** Lines refused because the server as a whole was too far behind. */
    public long refusedForServer() {
        return refusedForServer.sum();
    }

    private RequestRejected busy(String message, long measured, long threshold) {
        long factor = Math.min(MAX_RETRY_FACTOR, Math.max(1, measured / Math.max(1, threshold)));
        return new RequestRejected(ErrorCode.SERVER_BUSY, message, retryAfterMillis * factor);
    }

    /** The median of what the first {@link #SAMPLE} members hold; 0 for no members. */
    static long typicalBacklog(Collection<Session> audience) {
        long[] held = new long[Math.min(SAMPLE, audience.size())];
        int n = 0;
        for (Session member : audience) {
            if (n == held.length) {
                break;
            }
            held[n++] = member.sendQueue().queuedBytes();
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(held, 0, n);
        return held[n / 2];
    }
}
