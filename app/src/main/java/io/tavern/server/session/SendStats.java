package io.tavern.server.session;

import io.tavern.protocol.v1.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Server-wide totals over every {@link SendQueue}: what coalescing achieves (frames per gathered
 * write), how often a consumer was too slow, and the error replies sent, by code. Adders, because
 * every event loop updates them.
 */
public final class SendStats {

    private final LongAdder framesWritten = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder slowConsumerCloses = new LongAdder();
    private final Map<ErrorCode, LongAdder> errorsSent = new EnumMap<>(ErrorCode.class);
    private final IntConsumer framesPerWrite;

    /** @param framesPerWrite sees the frame count of every gathered write (a distribution summary) */
    public SendStats(IntConsumer framesPerWrite) {
        this.framesPerWrite = framesPerWrite;
        for (ErrorCode code : ErrorCode.values()) {
            errorsSent.put(code, new LongAdder()); // all up front: the map is then only read
        }
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

    void errorSent(ErrorCode code) {
        errorsSent.get(code).increment();
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

    /** Error replies queued for clients with {@code code}. */
    public long errorsSent(ErrorCode code) {
        return errorsSent.get(code).sum();
    }
}
