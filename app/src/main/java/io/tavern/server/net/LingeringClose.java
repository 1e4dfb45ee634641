package io.tavern.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection we are dropping without destroying our last words. Installed at the front of the
 * pipeline, it swallows everything the peer still sends; once the Goodbye is written the output is
 * shut down (FIN), and the socket closes when the peer closes its side or after the grace period.
 * Closing at once with unread input would make the kernel send RST, and the peer could lose the
 * error it is owed.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {

    static final String NAME = "lingeringClose";

    private final Duration grace;
    private boolean outputFinished; // event loop only

    private LingeringClose(Duration grace) {
        this.grace = grace;
    }

    /**
     * How a session's connection ends after the Goodbye of a server-side close (flooding, idle time-out, shutdown,
     * kick): the peer may still be sending, and closing with its bytes unread would reset the connection, which can
     * destroy the Goodbye before the peer reads it. So the end is lingering, as after a protocol error. One for all
     * the connections of a server.
     */
    static Consumer<Channel> afterGoodbye(Duration grace) {
        return channel -> install(channel.pipeline(), grace).finishOutput(channel);
    }

    static LingeringClose install(ChannelPipeline pipeline, Duration grace) {
        LingeringClose existing = pipeline.get(LingeringClose.class);
        if (existing != null) {
            return existing;
        }
        LingeringClose linger = new LingeringClose(grace);
        pipeline.addFirst(NAME, linger);
        pipeline.channel().config().setAutoRead(true);
        return linger;
    }

    /** Called on the event loop once the last frame has been written. */
    void finishOutput(Channel channel) {
        outputFinished = true;
        if (!(channel instanceof DuplexChannel duplex) || duplex.isInputShutdown()) {
            channel.close();
            return;
        }
        duplex.shutdownOutput().addListener(done -> {
            if (!done.isSuccess()) {
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent || event instanceof ChannelInputShutdownReadComplete) {
            if (outputFinished) {
                ctx.close(); // both sides done
            }
            return; // else finishOutput closes, once the last frame is out
        }
        ctx.fireUserEventTriggered(event);
    }
}
