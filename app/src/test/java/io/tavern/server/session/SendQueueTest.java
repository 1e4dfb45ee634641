package io.tavern.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    private final HeldWrites socket = new HeldWrites();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket);
    private final AtomicInteger overflows = new AtomicInteger();
    private final SendStats stats = new SendStats();
    private final List<ByteBuf> made = new ArrayList<>();

    private SendQueue queue(long limit) {
        return new SendQueue(channel, limit, (q, bytes) -> overflows.incrementAndGet(), stats);
    }

    private ByteBuf frame(String label) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        made.add(buf);
        return buf;
    }

    @AfterEach
    void closeChannel() {
        socket.completeWrites();
        socket.takeWritten();
        channel.finishAndReleaseAll();
        socket.takeWritten(); // what a drain pending at the close wrote
    }

    @Test
    void aFrameEnqueuedOnAnIdleQueueIsWrittenAndFlushedByTheEventLoop() {
        SendQueue queue = queue(1024);
        assertThat(queue.enqueue(frame("a"))).isTrue();
        assertThat(socket.written).isEmpty(); // enqueue never writes on the caller's thread
        channel.runPendingTasks();
        assertThat(socket.takeWritten()).containsExactly("a");
        assertThat(socket.flushes).isEqualTo(1);
    }

    @Test
    void atMostOneWriteIsInFlight() {
        SendQueue queue = queue(1024);
        queue.enqueue(frame("a"));
        channel.runPendingTasks();
        queue.enqueue(frame("b"));
        channel.runPendingTasks();
        queue.enqueue(frame("c"));
        channel.runPendingTasks();

        assertThat(socket.takeWritten()).containsExactly("a");
        assertThat(socket.flushes).isEqualTo(1);
        assertThat(stats.writes()).isEqualTo(1);
    }

    @Test
    void framesEnqueuedWhileAWriteIsInFlightLeaveTogetherInOneBufferWithOneFlush() {
        SendQueue queue = queue(1 << 20);
        queue.enqueue(frame("first"));
        channel.runPendingTasks();
        for (int i = 0; i < 10; i++) {
            queue.enqueue(frame("m" + i));
        }
        channel.runPendingTasks();
        assertThat(socket.flushes).isEqualTo(1);

        socket.completeWrites();

        assertThat(socket.flushes).isEqualTo(2);
        assertThat(socket.takeWritten()).containsExactly("first", "m0m1m2m3m4m5m6m7m8m9");
        assertThat(stats.writes()).isEqualTo(2);
        assertThat(stats.framesWritten()).isEqualTo(11);
    }

    @Test
    void framesLeaveInTheOrderTheyWereEnqueued() {
        SendQueue queue = queue(1 << 20);
        List<String> sent = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < round % 4 + 1; i++) {
                String label = round + "." + i;
                sent.add(label);
                queue.enqueue(frame(label));
            }
            channel.runPendingTasks();
            socket.completeWrites();
        }
        assertThat(String.join("", socket.takeWritten())).isEqualTo(String.join("", sent));
    }

    @Test
    void queuedBytesCountEverythingNotYetConfirmedWrittenIncludingTheWriteInFlight() {
        SendQueue queue = queue(1024);
        queue.enqueue(frame("12345"));
        channel.runPendingTasks();
        queue.enqueue(frame("678"));
        assertThat(queue.queuedBytes()).isEqualTo(8);
        socket.completeWrites();
        assertThat(queue.queuedBytes()).isEqualTo(3);
        socket.completeWrites();
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void goingOverTheByteLimitClosesTheQueueReportsOnceAndReleasesEveryQueuedFrame() {
        SendQueue queue = queue(10);
        queue.enqueue(frame("0123456")); // 7 bytes, goes in flight and stays there
        channel.runPendingTasks();
        assertThat(queue.enqueue(frame("abc"))).isTrue(); // 10: at the limit, not over it
        assertThat(queue.enqueue(frame("d"))).isFalse(); // 11: over
        assertThat(queue.enqueue(frame("e"))).isFalse(); // refused, closed
        channel.runPendingTasks();

        assertThat(overflows).hasValue(1);
        assertThat(stats.slowConsumerCloses()).isEqualTo(1);
        assertThat(queue.isOpen()).isFalse();
        // Everything but the frame still held by the "socket" has been released by the queue.
        assertThat(made.subList(1, made.size())).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        socket.completeWrites();
        socket.takeWritten();
        assertThat(made).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void aClosedQueueReleasesWhatIsQueuedAndEveryFrameOfferedAfterwards() {
        SendQueue queue = queue(1024);
        queue.enqueue(frame("a"));
        channel.runPendingTasks();
        queue.enqueue(frame("b"));
        queue.close();
        channel.runPendingTasks();
        assertThat(queue.enqueue(frame("c"))).isFalse();
        assertThat(made).allSatisfy(buf -> assertThat(buf.refCnt()).isZero()); // a: copied into the write
        assertThat(socket.takeWritten()).containsExactly("a"); // the copy, still in the socket's hands
    }

    @Test
    void finishWritesTheLastFrameAfterEverythingQueuedThenClosesTheChannel() {
        SendQueue queue = queue(1024);
        queue.enqueue(frame("a"));
        channel.runPendingTasks();
        queue.enqueue(frame("b"));
        queue.finish(frame("bye"));
        assertThat(queue.enqueue(frame("late"))).isFalse();
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        socket.completeWrites(); // a done: b and bye go together
        assertThat(channel.isOpen()).isTrue();
        socket.completeWrites(); // b, bye done: nothing left, so close
        assertThat(channel.isOpen()).isFalse();
        assertThat(socket.takeWritten()).containsExactly("a", "bbye");
    }

    /**
     * The race a shutdown runs against a client that keeps pinging: the event loop queues Pongs while another
     * thread's finish is queueing the Goodbye, so a Pong can land behind it before the queue turns FINISHING.
     * Over loopback sockets, with real event loops, round after round: the Goodbye is always the last thing the peer reads, and what
     * landed behind it is released and no longer counted.
     */
    @Test
    void aFrameTheEventLoopQueuesWhileAnotherThreadFinishesNeverLeavesAfterTheLastFrame() throws Exception {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
            Channel listening = listenOnLoopback(loops, new ServerBootstrap(), accepted);
            for (int round = 0; round < 1000; round++) {
                ReadUntilClosed peer = new ReadUntilClosed();
                new Bootstrap().group(loops).channel(NioSocketChannel.class).handler(peer)
                        .connect(listening.localAddress()).sync();
                Channel server = accepted.poll(10, TimeUnit.SECONDS);
                SendQueue queue = new SendQueue(server, 1 << 30, (q, bytes) -> overflows.incrementAndGet(), stats);

                CountDownLatch ponging = new CountDownLatch(1);
                server.eventLoop().execute(() -> {
                    ponging.countDown();
                    for (int i = 0; i < 1_000_000 && queue.enqueue(Unpooled.copiedBuffer("p", StandardCharsets.US_ASCII)); i++) {
                        // a Pong for every Ping, until the queue takes no more
                    }
                });
                ponging.await();
                queue.finish(Unpooled.copiedBuffer("bye", StandardCharsets.US_ASCII));

                assertThat(peer.read.get(10, TimeUnit.SECONDS)).as("round %d", round).matches("p*bye");
                assertThat(queue.queuedBytes()).isZero();
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * A peer that reads slowly but steadily is never stalled, however long the write takes; one that stops reading
     * is, once its socket has taken nothing for the grace. Over a real loopback socket with small buffers: 240 KB
     * in one gathered write, read 1 KB every 20 ms (~50 KB/s), so the write takes about five seconds, five times
     * the grace.
     */
    @Test
    void aPeerReadingSlowlyIsNeverStalledAndOneThatStoppedReadingIs() throws Exception {
        Duration grace = Duration.ofSeconds(1);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        try {
            BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
            Channel listening = listenOnLoopback(loops, new ServerBootstrap().childOption(ChannelOption.SO_SNDBUF, 4096),
                    accepted);
            try (Socket peer = new Socket()) {
                peer.setReceiveBufferSize(4096);
                peer.connect(listening.localAddress());
                Channel server = accepted.poll(10, TimeUnit.SECONDS);
                SendQueue queue = new SendQueue(server, 1 << 20, (q, bytes) -> overflows.incrementAndGet(), stats);
                for (int i = 0; i < 120; i++) {
                    queue.enqueue(Unpooled.wrappedBuffer(new byte[2048]));
                }
                InputStream in = peer.getInputStream();
                byte[] bite = new byte[1024];
                ScheduledFuture<?> reading = reader.scheduleAtFixedRate(() -> {
                    try {
                        in.read(bite);
                    } catch (IOException closed) {
                        // the test is over
                    }
                }, 20, 20, TimeUnit.MILLISECONDS);

                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> !queue.stalledFor(System.nanoTime(), grace.toNanos()));
                assertThat(queue.queuedBytes()).as("the write is still going").isPositive();

                reading.cancel(false);
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> queue.stalledFor(System.nanoTime(), grace.toNanos()));
                server.close().sync();
            }
        } finally {
            reader.shutdownNow();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** A listening NIO channel on a free loopback port whose accepted channels go to {@code accepted}. */
    private static Channel listenOnLoopback(EventLoopGroup loops, ServerBootstrap bootstrap, BlockingQueue<Channel> accepted)
            throws InterruptedException {
        return bootstrap.group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel accepting) {
                        accepted.add(accepting);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** A peer that keeps what it reads, as text, until its connection closes. */
    private static final class ReadUntilClosed extends ChannelInboundHandlerAdapter {
        final CompletableFuture<String> read = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder(); // its event loop only

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            text.append(bytes.toString(StandardCharsets.US_ASCII));
            bytes.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            read.complete(text.toString());
        }
    }

    @Test
    void aFrameInManyQueuesIsReadNeverConsumedSoOneBufferServesEveryRecipient() {
        List<HeldWrites> sockets = List.of(new HeldWrites(), new HeldWrites(), new HeldWrites());
        List<EmbeddedChannel> channels = sockets.stream().map(EmbeddedChannel::new).toList();
        ByteBuf shared = frame("shared");
        for (EmbeddedChannel member : channels) {
            assertThat(new SendQueue(member, 1024, (q, bytes) -> overflows.incrementAndGet(), stats)
                    .enqueue(shared.retain())).isTrue();
        }
        channels.forEach(EmbeddedChannel::runPendingTasks);

        assertThat(sockets).allSatisfy(memberSocket -> assertThat(memberSocket.takeWritten()).containsExactly("shared"));
        assertThat(shared.refCnt()).isEqualTo(1); // the sender's own reference: every queue released its one
        assertThat(shared.readerIndex()).isZero();
        sockets.forEach(HeldWrites::completeWrites);
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        shared.release();
    }

    @Test
    void aFrameOverTheCopyLimitIsWrittenAsItselfBetweenTheCopiedOnes() {
        SendQueue queue = queue(1 << 20);
        String big = "x".repeat(SendQueue.COPIED_FRAME_MAX_BYTES + 1);
        queue.enqueue(frame("first"));
        channel.runPendingTasks();
        queue.enqueue(frame("a"));
        queue.enqueue(frame("b"));
        queue.enqueue(frame(big));
        queue.enqueue(frame("c"));
        channel.runPendingTasks();

        socket.completeWrites();

        assertThat(socket.takeWritten()).containsExactly("first", "ab", big, "c");
        assertThat(socket.flushes).isEqualTo(2);
        assertThat(stats.writes()).isEqualTo(2);
        assertThat(stats.framesWritten()).isEqualTo(5);
    }

    @Test
    void aGatheredWriteTakesAboutItsSizeAndLeavesTheRestForTheNext() {
        SendQueue queue = queue(1 << 22);
        int frameBytes = 4096;
        int perWrite = SendQueue.GATHERED_WRITE_BYTES / frameBytes;
        queue.enqueue(frame("first"));
        channel.runPendingTasks();
        for (int i = 0; i < perWrite + 10; i++) {
            queue.enqueue(frame(Character.toString('A' + i % 26).repeat(frameBytes)));
        }
        channel.runPendingTasks();

        socket.completeWrites(); // first done: the next write takes one gathered write's worth
        assertThat(socket.written).hasSize(2);
        assertThat(socket.written.get(1).readableBytes()).isEqualTo(perWrite * frameBytes);
        assertThat(queue.queuedBytes()).isEqualTo((long) (perWrite + 10) * frameBytes);
        socket.completeWrites(); // and the rest after it
        assertThat(socket.written).hasSize(3);
        assertThat(socket.written.get(2).readableBytes()).isEqualTo(10 * frameBytes);
        socket.completeWrites();
        assertThat(queue.queuedBytes()).isZero();
        assertThat(made).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void aDrainThatCannotGetItsBufferGivesBackWhatItTookAndEndsTheSession() {
        channel.config().setAllocator(new AbstractByteBufAllocator() {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                throw new OutOfMemoryError("no memory left (test)");
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw new OutOfMemoryError("no direct memory left (test)");
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        });
        SendQueue queue = queue(1024);
        queue.enqueue(frame("a"));
        queue.enqueue(frame("b"));

        assertThatThrownBy(channel::runPendingTasks).isInstanceOf(OutOfMemoryError.class);

        assertThat(made).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        assertThat(queue.queuedBytes()).isZero();
        assertThat(queue.isOpen()).isFalse();
        assertThat(channel.isOpen()).isFalse();
        assertThat(socket.written).isEmpty();
    }

    @Test
    void whenTheChannelClosesQueuedFramesAreReleased() {
        SendQueue queue = queue(1024);
        queue.enqueue(frame("a"));
        channel.runPendingTasks();
        queue.enqueue(frame("b"));
        channel.close();
        queue.close();
        channel.runPendingTasks();
        assertThat(made.get(1).refCnt()).isZero();
    }

    @Test
    void framesAreWrittenFromTheGivenContextSoTheHandlersBehindItNeverSeeThem() {
        HeldWrites wire = new HeldWrites();
        List<Object> seenBehind = new ArrayList<>();
        ChannelOutboundHandlerAdapter encoderStandIn = new ChannelOutboundHandlerAdapter();
        ChannelOutboundHandlerAdapter behind = new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                seenBehind.add(msg);
                ctx.write(msg, promise);
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                seenBehind.add("flush");
                ctx.flush();
            }
        };
        EmbeddedChannel wired = new EmbeddedChannel(wire, encoderStandIn, behind);
        SendQueue queue = new SendQueue(wired, wired.pipeline().context(encoderStandIn),
                new SendQueue.Settings(1024, OutboundBudget.UNLIMITED, stats), (q, bytes) -> overflows.incrementAndGet());

        queue.enqueue(frame("a"));
        wired.runPendingTasks();

        assertThat(wire.takeWritten()).containsExactly("a");
        assertThat(wire.flushes).isEqualTo(1);
        assertThat(seenBehind).isEmpty();
        wire.completeWrites();
        wired.finishAndReleaseAll();
    }
}
