package io.tavern.server.bench;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH's benchmark threads as Netty {@code FastThreadLocalThread}s, like Tavern's event loops and
 * logic threads. It matters for allocation figures: Netty's object pools (the outbound buffer's
 * entries, for one) recycle only on such threads, so on a plain JMH thread every write would seem to
 * allocate what the server never does. Selected with {@code -Djmh.executor=CUSTOM
 * -Djmh.executor.class=io.tavern.server.bench.NettyThreadExecutor} (see {@link #EXECUTOR}).
 */
public final class NettyThreadExecutor extends ThreadPoolExecutor {

    /** For {@code @Fork(jvmArgsAppend = ...)}. */
    static final String EXECUTOR = "-Djmh.executor=CUSTOM";
    static final String EXECUTOR_CLASS = "-Djmh.executor.class=io.tavern.server.bench.NettyThreadExecutor";

    public NettyThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
