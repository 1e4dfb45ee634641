package io.tavern.server.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.FrameCodec;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.SendChat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The frame codec on the hot path: a room's ChatMessage encoded into a pooled direct frame (what
 * {@code Broadcast} does once per message), and a client's SendChat frame decoded by the server's
 * pipeline head (length-prefix decoder, then protobuf).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {NettyThreadExecutor.EXECUTOR, NettyThreadExecutor.EXECUTOR_CLASS})
public class FrameCodecBenchmark {

    static final String TEXT_64 = "tvb|17|123456|987654321012345|1|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private Envelope chatMessage;
    private ByteBuf sendChatFrame;
    private EmbeddedChannel decoder;

    static ChatMessage.Builder roomMessage() {
        return ChatMessage.newBuilder()
                .setId(1_234_567_890_123L)
                .setScope(ChatScope.ROOM)
                .setRoomId("0b5f2f8e-6a41-4a63-9a2e-8c9f7cf0f0a1")
                .setRoomName("bench-x1y2-17")
                .setFrom("bx1y2-170")
                .setText(TEXT_64)
                .setSentAtMs(1_790_000_000_000L);
    }

    @Setup
    public void setUp() {
        chatMessage = Envelope.newBuilder().setChatMessage(roomMessage()).build();
        sendChatFrame = Frames.encode(alloc, Envelope.newBuilder().setRequestId(42)
                .setSendChat(SendChat.newBuilder().setScope(ChatScope.ROOM).setText(TEXT_64)).build());
        decoder = new EmbeddedChannel();
        FrameCodec.install(decoder.pipeline(), Frames.DEFAULT_MAX_FRAME_BYTES);
    }

    @TearDown
    public void tearDown() {
        sendChatFrame.release();
        decoder.finishAndReleaseAll();
    }

    /** Encoding an envelope whose size protobuf has already computed (and cached). */
    @Benchmark
    public int encodeChatMessage() {
        ByteBuf frame = Frames.encode(alloc, chatMessage);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** What a room does per message: build the ChatMessage and its envelope, then encode. */
    @Benchmark
    public int buildAndEncodeChatMessage() {
        ByteBuf frame = Frames.encode(alloc, Envelope.newBuilder().setChatMessage(roomMessage()).build());
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** A SendChat frame through the server's decoders: length prefix, then the protobuf envelope. */
    @Benchmark
    public Object decodeSendChat() {
        decoder.writeInbound(sendChatFrame.retainedDuplicate());
        return decoder.readInbound();
    }
}
