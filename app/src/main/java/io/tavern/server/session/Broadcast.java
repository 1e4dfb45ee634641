package io.tavern.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.Envelope;

/**
 * Fan-out: one envelope encoded <b>once</b>, and every recipient's send queue given a reference to
 * the same buffer (queues only read their frames). No per-recipient serialization, no per-recipient copy, and no
 * per-recipient hand-off: the drains the recipients' queues need are collected in the
 * {@link LoopOutbox}, so each event loop gets one task for all of its members.
 */
public final class Broadcast {

    private Broadcast() {
    }

    /** @return how many recipients accepted the frame into their send queues */
    public static int send(Envelope envelope, Iterable<Session> recipients) {
        ByteBuf frame = Frames.encode(ByteBufAllocator.DEFAULT, envelope);
        LoopOutbox.hold();
        try {
            int accepted = 0;
            for (Session recipient : recipients) {
                if (recipient.sendShared(frame)) {
                    accepted++;
                }
            }
            return accepted;
        } finally {
            LoopOutbox.release();
            frame.release();
        }
    }
}
