package io.tavern.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a socket whose writes complete only when the test says so, so that "a write in
 * flight" can be held and observed. Written buffers are kept until the test reads them.
 */
final class HeldWrites extends ChannelOutboundHandlerAdapter {

    final List<ByteBuf> written = new ArrayList<>();
    private final List<ChannelPromise> pending = new ArrayList<>();
    int flushes;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        written.add((ByteBuf) msg);
        pending.add(promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        flushes++;
    }

    /** Completes every write handed to the "socket" so far, as the kernel would. */
    void completeWrites() {
        List<ChannelPromise> done = new ArrayList<>(pending);
        pending.clear();
        done.forEach(ChannelPromise::setSuccess);
    }

    int writesPending() {
        return pending.size();
    }

    /** Takes the written frames' first bytes as text labels, releasing each buffer. */
    List<String> takeWritten() {
        List<String> labels = new ArrayList<>();
        for (ByteBuf buf : written) {
            labels.add(buf.toString(java.nio.charset.StandardCharsets.US_ASCII));
            buf.release();
        }
        written.clear();
        return labels;
    }
}
