package io.tavern.server.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.session.SendQueue;
import io.tavern.server.session.SendStats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SendQueue}: a shared frame's retained duplicate enqueued, then the event loop's drain
 * writing what is queued as one gathered write with one flush. The channel is an
 * {@link EmbeddedChannel} (its event loop runs the drain when asked; its "socket" accepts every
 * write at once), so what is measured is the queue and Netty's outbound path, not a kernel.
 * Figures are per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {NettyThreadExecutor.EXECUTOR, NettyThreadExecutor.EXECUTOR_CLASS})
public class SendQueueBenchmark {

    private EmbeddedChannel channel;
    private SendQueue queue;
    private ByteBuf frame;

    @Setup
    public void setUp() {
        channel = new EmbeddedChannel();
        queue = new SendQueue(channel, 1 << 20, (q, bytes) -> {
            throw new IllegalStateException("overflow in a benchmark");
        }, new SendStats());
        frame = Frames.encode(ByteBufAllocator.DEFAULT,
                Envelope.newBuilder().setChatMessage(FrameCodecBenchmark.roomMessage()).build());
    }

    @TearDown
    public void tearDown() {
        queue.close();
        channel.runPendingTasks();
        channel.finishAndReleaseAll();
        frame.release();
    }

    private int writtenAndReleased() {
        int frames = 0;
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
            frames++;
        }
        return frames;
    }

    /** An idle session: each frame gets its own drain, write and flush. */
    @Benchmark
    public int enqueueThenFlushOne() {
        queue.enqueue(frame.retainedDuplicate());
        channel.runPendingTasks();
        return writtenAndReleased();
    }

    /** A busy session: 16 frames arrive before the event loop drains; one gathered write, one flush. */
    @Benchmark
    @OperationsPerInvocation(16)
    public int enqueueSixteenThenOneCoalescedFlush() {
        for (int i = 0; i < 16; i++) {
            queue.enqueue(frame.retainedDuplicate());
        }
        channel.runPendingTasks();
        return writtenAndReleased();
    }
}
