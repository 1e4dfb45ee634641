package io.tavern.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room message reaches each event loop once, with all of that loop's members: one task per loop,
 * not one per member, and every member still gets the frame, encoded once.
 */
class BroadcastTest {

    private static final int MEMBERS = 10;

    /** The loop the server side of every connection lives on; the one whose tasks are counted. */
    private final DefaultEventLoop serverLoop = new DefaultEventLoop();
    private final EventLoopGroup clientLoops = new DefaultEventLoopGroup(1);
    private final List<Channel> serverSides = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final List<Channel> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        opened.forEach(Channel::close);
        serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aMessageToTenMembersOnOneEventLoopIsHandedToThatLoopAsOneTask() throws Exception {
        List<Session> members = connect(MEMBERS);
        CountDownLatch loopHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serverLoop.execute(() -> {
            loopHeld.countDown();
            awaitUninterruptibly(release); // a busy loop: whatever is handed to it now waits in its queue
        });
        assertThat(loopHeld.await(10, TimeUnit.SECONDS)).isTrue();

        Envelope chat = Envelope.newBuilder().setChatMessage(ChatMessage.newBuilder().setId(1).setText("hello")).build();
        int accepted = Broadcast.send(chat, members);

        assertThat(accepted).isEqualTo(MEMBERS);
        assertThat(serverLoop.pendingTasks()).isEqualTo(1);
        release.countDown();
        long frameBytes = Frames.LENGTH_FIELD_BYTES + chat.getSerializedSize();
        await().atMost(Duration.ofSeconds(10)).until(() -> bytesReceived.get() == MEMBERS * frameBytes);
    }

    @Test
    void sendsOutsideABroadcastOrAHeldOutboxEachHandTheirOwnDrainToTheLoop() throws Exception {
        List<Session> members = connect(3);
        CountDownLatch loopHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serverLoop.execute(() -> {
            loopHeld.countDown();
            awaitUninterruptibly(release);
        });
        assertThat(loopHeld.await(10, TimeUnit.SECONDS)).isTrue();

        Envelope ping = Envelope.newBuilder().setRequestId(7).build();
        members.forEach(member -> member.send(ping));
        assertThat(serverLoop.pendingTasks()).isEqualTo(3);

        LoopOutbox.hold();
        try {
            members.forEach(member -> member.send(ping)); // their drains are pending already: nothing more to hand
            assertThat(serverLoop.pendingTasks()).isEqualTo(3);
        } finally {
            LoopOutbox.release();
        }
        release.countDown();
        long frameBytes = Frames.LENGTH_FIELD_BYTES + ping.getSerializedSize();
        await().atMost(Duration.ofSeconds(10)).until(() -> bytesReceived.get() == 3 * 2 * frameBytes);
    }

    @Test
    void aHeldOutboxHandsTheLoopOneTaskForEverySessionItsThreadSentTo() throws Exception {
        List<Session> members = connect(4);
        CountDownLatch loopHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serverLoop.execute(() -> {
            loopHeld.countDown();
            awaitUninterruptibly(release);
        });
        assertThat(loopHeld.await(10, TimeUnit.SECONDS)).isTrue();

        Envelope reply = Envelope.newBuilder().setRequestId(9).build();
        LoopOutbox.hold();
        try {
            members.forEach(member -> member.send(reply));
            assertThat(serverLoop.pendingTasks()).isZero(); // noted, not handed over yet
        } finally {
            LoopOutbox.release();
        }
        assertThat(serverLoop.pendingTasks()).isEqualTo(1);
        release.countDown();
        long frameBytes = Frames.LENGTH_FIELD_BYTES + reply.getSerializedSize();
        await().atMost(Duration.ofSeconds(10)).until(() -> bytesReceived.get() == 4 * frameBytes);
    }

    private List<Session> connect(int count) throws InterruptedException {
        LocalAddress address = new LocalAddress("broadcast-test-" + System.nanoTime());
        opened.add(new ServerBootstrap().group(serverLoop).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        serverSides.add(channel);
                    }
                })
                .bind(address).sync().channel());
        Bootstrap client = new Bootstrap().group(clientLoops).channel(LocalChannel.class)
                .handler(new ByteCounter());
        for (int i = 0; i < count; i++) {
            opened.add(client.connect(address).sync().channel());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> serverSides.size() == count);
        List<Session> sessions = new ArrayList<>();
        for (Channel channel : serverSides) {
            sessions.add(new Session("s" + sessions.size(), channel, 1 << 20, Duration.ofSeconds(1), new SendStats()));
        }
        return sessions;
    }

    @ChannelHandler.Sharable
    private final class ByteCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytesReceived.addAndGet(((ByteBuf) msg).readableBytes());
            ((ByteBuf) msg).release();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
