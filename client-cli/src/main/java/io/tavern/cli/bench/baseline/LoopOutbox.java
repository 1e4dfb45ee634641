package io.tavern.cli.bench.baseline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * What one event loop of the bare baseline has written and not yet flushed, and what it has for
 * the other loops. Only its own loop touches it.
 *
 * <p>During a read batch, frames for members on this loop are written at once and their sessions
 * noted; frames for members on another loop are gathered per target loop. At the end of the batch
 * ({@link #flush}, from {@code channelReadComplete}) each noted session is flushed once, and each
 * target loop gets one task carrying every frame for it with the members that frame goes to.
 */
final class LoopOutbox {

    private final int index;
    private final EventLoop loop;
    private final List<BareSession> unflushed = new ArrayList<>();
    private LoopOutbox[] all;
    private Handoff[] handoffs;

    LoopOutbox(int index, EventLoop loop) {
        this.index = index;
        this.loop = loop;
    }

    /** Called once, before any connection, with every loop's outbox (this one at {@link #index()}). */
    void connect(LoopOutbox[] outboxes) {
        this.all = outboxes;
        this.handoffs = new Handoff[outboxes.length];
    }

    int index() {
        return index;
    }

    /** A room message for {@code membersByLoop}: written to this loop's members, gathered for the others. */
    void fanOut(ByteBuf frame, BareSession[][] membersByLoop) {
        for (int target = 0; target < membersByLoop.length; target++) {
            BareSession[] members = membersByLoop[target];
            if (members.length == 0) {
                continue;
            }
            if (target == index) {
                for (BareSession member : members) {
                    write(member, frame.retainedDuplicate());
                }
            } else {
                Handoff handoff = handoffs[target];
                if (handoff == null) {
                    handoff = handoffs[target] = new Handoff(all[target]);
                }
                handoff.add(frame.retain(), members);
            }
        }
    }

    /** Writes {@code frame} to {@code session} (on this loop) and notes it for the next {@link #flush}. */
    void write(BareSession session, ByteBuf frame) {
        if (!session.isActive()) {
            frame.release();
            return;
        }
        session.ctx().write(frame, session.ctx().voidPromise());
        if (!session.unflushed()) {
            session.unflushed(true);
            unflushed.add(session);
        }
    }

    /** The end of a read batch: one flush per written session, one task per other loop. */
    void flush() {
        for (int i = 0; i < unflushed.size(); i++) {
            BareSession session = unflushed.get(i);
            session.unflushed(false);
            session.ctx().flush();
        }
        unflushed.clear();
        for (int target = 0; target < handoffs.length; target++) {
            Handoff handoff = handoffs[target];
            if (handoff != null) {
                handoffs[target] = null;
                all[target].loop.execute(handoff);
            }
        }
    }

    /** Frames for one other loop, gathered during a read batch; run there. */
    private static final class Handoff implements Runnable {

        private final LoopOutbox target;
        private final List<ByteBuf> frames = new ArrayList<>();
        private final List<BareSession[]> recipients = new ArrayList<>();

        Handoff(LoopOutbox target) {
            this.target = target;
        }

        void add(ByteBuf frame, BareSession[] members) {
            frames.add(frame);
            recipients.add(members);
        }

        @Override
        public void run() {
            for (int i = 0; i < frames.size(); i++) {
                ByteBuf frame = frames.get(i);
                for (BareSession member : recipients.get(i)) {
                    target.write(member, frame.retainedDuplicate());
                }
                frame.release();
            }
            target.flush();
        }
    }
}
