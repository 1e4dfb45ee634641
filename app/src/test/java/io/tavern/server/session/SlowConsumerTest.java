package io.tavern.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A session whose peer stops reading: what happens when its send queue goes over the limit. */
class SlowConsumerTest {

    private final HeldWrites socket = new HeldWrites();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket);
    private final SendStats stats = new SendStats();
    private final Session session = new Session("s1", channel, 1024, Duration.ofSeconds(2), stats);

    private static Envelope chat(int n) {
        return Envelope.newBuilder().setChatMessage(ChatMessage.newBuilder().setId(n).setText("x".repeat(100))).build();
    }

    @Test
    void overTheLimitTheSessionSaysGoodbyeSlowConsumerAndClosesWithEveryQueuedFrameReleased() throws Exception {
        session.send(chat(0));
        channel.runPendingTasks(); // chat 0 is now in flight and the "socket" never completes it
        List<ByteBuf> shared = new ArrayList<>();
        int sent = 1;
        while (session.sendQueue().isOpen()) {
            ByteBuf frame = io.tavern.protocol.Frames.encode(channel.alloc(), chat(sent++));
            shared.add(frame);
            session.sendShared(frame);
        }
        channel.runPendingTasks();

        assertThat(session.closeReason()).isEqualTo(Goodbye.Reason.SLOW_CONSUMER);
        assertThat(stats.slowConsumerCloses()).isEqualTo(1);
        // Every frame we shared is back to our own single reference: the queue released its duplicates.
        assertThat(shared).allSatisfy(frame -> assertThat(frame.refCnt()).isEqualTo(1));
        shared.forEach(ByteBuf::release);

        // The Goodbye went straight to the channel behind the stuck write...
        List<String> written = new ArrayList<>();
        for (ByteBuf frame : socket.written) {
            Envelope envelope = Envelope.parseFrom(io.netty.buffer.ByteBufUtil.getBytes(frame, 4, frame.readableBytes() - 4));
            written.add(envelope.getBodyCase().name() + (envelope.hasGoodbye() ? ":" + envelope.getGoodbye().getReason() : ""));
        }
        assertThat(written).containsExactly("CHAT_MESSAGE", "GOODBYE:SLOW_CONSUMER");
        // ...and since the peer reads nothing, the close does not wait past the grace period.
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        socket.completeWrites();
        socket.takeWritten();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void sendingToAClosedSessionReleasesTheFrameAtOnce() {
        session.abort();
        ByteBuf frame = io.tavern.protocol.Frames.encode(channel.alloc(), chat(1));
        assertThat(session.sendShared(frame)).isFalse();
        assertThat(frame.refCnt()).isEqualTo(1);
        frame.release();
        channel.finishAndReleaseAll();
    }
}
