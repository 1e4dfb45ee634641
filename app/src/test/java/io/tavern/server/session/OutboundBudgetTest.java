package io.tavern.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.tavern.protocol.v1.Goodbye;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many sessions whose peers read nothing, against one server-wide budget of outbound bytes. */
class OutboundBudgetTest {

    private static final int FRAME = 100;
    private static final long COST = OutboundBudget.cost(FRAME);

    private final List<Session> sessions = new ArrayList<>();
    private final HeldSockets sockets = new HeldSockets();
    private final SendStats stats = new SendStats();
    private final OutboundBudget budget = new OutboundBudget(20 * COST, () -> sessions);

    private Session session(String id) {
        Channel channel = sockets.open();
        Session session = new Session(id, channel, channel,
                new Session.Settings(new SendQueue.Settings(1 << 20, budget, stats), Duration.ofSeconds(2), Channel::close));
        sessions.add(session);
        return session;
    }

    private static ByteBuf frame() {
        return Unpooled.buffer(FRAME).writeZero(FRAME);
    }

    private void runEventLoops() {
        sockets.runEventLoops();
    }

    @AfterEach
    void closeChannels() {
        sockets.close();
    }

    @Test
    void everyQueuedFrameIsChargedWithItsOverheadAndRefundedOnceWritten() {
        Session reader = session("reader");
        reader.sendQueue().enqueue(frame());
        reader.sendQueue().enqueue(frame());
        assertThat(budget.heldBytes()).isEqualTo(2 * COST);
        runEventLoops(); // both go out in one gathered write, still in flight
        assertThat(budget.heldBytes()).isEqualTo(2 * COST);
        sockets.completeWrites(0);
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void framesReleasedByAClosedQueueAreRefunded() {
        Session leaving = session("leaving");
        leaving.sendQueue().enqueue(frame());
        leaving.sendQueue().enqueue(frame());
        leaving.abort();
        runEventLoops();
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void overTheBudgetTheSessionsHoldingTheMostAreClosedAsSlowConsumersAndTheOthersKeepTheirs() {
        Session stalledMost = session("stalled-most");
        Session stalled = session("stalled");
        Session reader = session("reader");
        for (Session each : sessions) {
            each.sendQueue().enqueue(frame()); // in flight, and the "socket" never takes them
        }
        runEventLoops();
        for (int i = 0; i < 8; i++) {
            stalledMost.sendQueue().enqueue(frame());
        }
        for (int i = 0; i < 7; i++) {
            stalled.sendQueue().enqueue(frame());
        }
        assertThat(budget.heldBytes()).isEqualTo(18 * COST);

        // Three more frames for the reader: the third crosses the budget (20 frames' worth).
        reader.sendQueue().enqueue(frame());
        reader.sendQueue().enqueue(frame());
        reader.sendQueue().enqueue(frame());
        runEventLoops();

        // Back under 7/8 of the budget by closing the biggest holder only; the reader keeps everything.
        assertThat(stalledMost.closeReason()).isEqualTo(Goodbye.Reason.SLOW_CONSUMER);
        assertThat(stalled.isOpen()).isTrue();
        assertThat(reader.isOpen()).isTrue();
        assertThat(budget.sessionsClosed()).isEqualTo(1);
        assertThat(stats.slowConsumerCloses()).isEqualTo(1);
        // The closed queue released what it had not written; what it has in flight still counts until the
        // socket gives it back, as memory it still holds.
        assertThat(budget.heldBytes()).isEqualTo((1 + 8 + 4) * COST);
        assertThat(budget.heldBytes()).isLessThanOrEqualTo(budget.limitBytes() / 8 * 7);
    }
}
