package io.tavern.server.bench;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A room message's fan-out, as {@code Room.deliver} does it: the ChatMessage built and encoded
 * once, a retained duplicate offered to each member's send queue ({@link Broadcast}), then every
 * member's event loop draining its queue (one write and one flush each). One operation is one
 * message to all {@code members}; divide by {@code members} for the cost per delivery (the
 * allocation per delivery is {@code gc.alloc.rate.norm / members} with {@code -prof gc}).
 *
 * <p>Members' channels are {@link EmbeddedChannel}s, so no kernel is involved; their event loops
 * run on the benchmark thread when told to.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {NettyThreadExecutor.EXECUTOR, NettyThreadExecutor.EXECUTOR_CLASS})
public class RoomFanoutBenchmark {

    @Param({"10", "100", "1000"})
    int members;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private long nextId;

    @Setup
    public void setUp() {
        SendStats stats = new SendStats();
        for (int i = 0; i < members; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            channels.add(channel);
            sessions.add(new Session("s" + i, channel, 1 << 20, Duration.ofSeconds(2), stats));
        }
    }

    @TearDown
    public void tearDown() {
        sessions.forEach(Session::abort);
        channels.forEach(channel -> {
            channel.runPendingTasks();
            channel.finishAndReleaseAll();
        });
    }

    @Benchmark
    public int fanOut() {
        Envelope message = Envelope.newBuilder()
                .setChatMessage(FrameCodecBenchmark.roomMessage().setId(++nextId).setSentAtMs(System.currentTimeMillis()))
                .build();
        int accepted = Broadcast.send(message, sessions);
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
            Object written;
            while ((written = channel.readOutbound()) != null) {
                ReferenceCountUtil.release(written);
            }
        }
        return accepted;
    }
}
