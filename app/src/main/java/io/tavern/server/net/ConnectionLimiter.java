package io.tavern.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.ErrorCode;
import java.net.InetAddress;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.tavern.server.observability.QuietLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the connection limits at accept, first in every pipeline (and gone from it once the connection is
 * counted in): at most {@code maxTotal}
 * connections, and at most {@code maxPerAddress} from one remote address. A connection over a limit
 * is told why ({@code SERVER_FULL} or {@code TOO_MANY_CONNECTIONS}) and closed before the rest of
 * the pipeline ever sees it. Refusals are counted ({@code tavern.connections.rejected}) and logged
 * quietly: a flood of them is one line per {@link QuietLog#QUIET_TIME}.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter implements ChannelFutureListener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final QuietLog refusals = QuietLog.info(log);
    private static final Duration REFUSAL_GRACE = Duration.ofSeconds(2);

    private final int maxTotal;
    private final int maxPerAddress;
    private final NetworkStats stats;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    /** Completed when the connections counted in are down to none; made by {@link #whenAllClosed}. */
    private volatile CompletableFuture<Void> allClosed;

    ConnectionLimiter(int maxTotal, int maxPerAddress, NetworkStats stats) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            reject(ctx, ErrorCode.SERVER_FULL, "the server is at its connection limit (" + maxTotal + ")");
            return;
        }
        if (perAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            reject(ctx, ErrorCode.TOO_MANY_CONNECTIONS,
                    "too many connections from " + address.getHostAddress() + " (limit " + maxPerAddress + ")");
            return;
        }
        stats.connectionOpened();
        // This limiter itself hears of the close, not a callback made for the connection (24 bytes a connection).
        ctx.channel().closeFuture().addListener(this);
        ctx.fireChannelActive();
        // Counted in: nothing more to do here, and a handler stays in the pipeline at 64 bytes a connection.
        ctx.pipeline().remove(this);
    }

    /** A connection counted in has closed: it is counted out. */
    @Override
    public void operationComplete(ChannelFuture closed) {
        release(((InetSocketAddress) closed.channel().remoteAddress()).getAddress());
        stats.connectionClosed();
    }

    private void release(InetAddress address) {
        if (total.decrementAndGet() == 0) {
            CompletableFuture<Void> waiting = allClosed;
            if (waiting != null) {
                waiting.complete(null);
            }
        }
        perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    }

    /** Connections counted by the limiter right now. */
    int open() {
        return total.get();
    }

    /**
     * Completes once every connection counted in has closed, at once if none is open: how shutdown waits for the
     * connections to drain, once it has stopped accepting. The limiter counts every connection in and out
     * already, so no channel group keeps a second record of them (an entry and a close listener a connection).
     */
    CompletableFuture<Void> whenAllClosed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        allClosed = closed;
        if (total.get() == 0) {
            closed.complete(null);
        }
        return closed;
    }

    private void reject(ChannelHandlerContext ctx, ErrorCode code, String message) {
        stats.connectionRejected(code);
        refusals.log("connection from {} refused: {}", ctx.channel().remoteAddress(), code);
        // Linger rather than close at once: a Hello already sent would otherwise turn the close into a
        // reset that can destroy this error before the client reads it.
        LingeringClose linger = LingeringClose.install(ctx.pipeline(), REFUSAL_GRACE);
        ByteBuf error = Frames.encode(ctx.alloc(), Envelopes.error(0, code, message));
        ctx.writeAndFlush(error).addListener(written -> linger.finishOutput(ctx.channel()));
    }
}
