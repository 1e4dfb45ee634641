package io.tavern.server.session;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Server-wide totals over every {@link SendQueue}: what coalescing achieves (frames per gathered
 * write) and how often a consumer was too slow. Adders, because every event loop updates them.
 */
public final class SendStats {

    private final LongAdder framesWritten = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder slowConsumerCloses = new LongAdder();
    private final IntConsumer framesPerWrite;

    /** @param framesPerWrite sees the frame count of every gathered write (a distribution summary) */
    public SendStats(IntConsumer framesPerWrite) {
        this.framesPerWrite = framesPerWrite;
    }

    public SendStats() {
        this(frames -> { });
    }

    void gatheredWrite(int frames, long bytes) {
        framesWritten.add(frames);
        writes.increment();
        bytesWritten.add(bytes);
        framesPerWrite.accept(frames);
    }

    void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    public long framesWritten() {
        return framesWritten.sum();
    }

    public long writes() {
        return writes.sum();
    }

    public long bytesWritten() {
        return bytesWritten.sum();
    }

    public long slowConsumerCloses() {
        return slowConsumerCloses.sum();
    }
}
