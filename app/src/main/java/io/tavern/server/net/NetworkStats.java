package io.tavern.server.net;

import io.tavern.protocol.v1.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Connection and inbound traffic counters of the game port. */
public final class NetworkStats {

    private final AtomicInteger current = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final Map<ErrorCode, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final Map<ErrorCode, LongAdder> protocolErrors = new ConcurrentHashMap<>();
    private final LongAdder idleTimeouts = new LongAdder();

    void connectionOpened() {
        current.incrementAndGet();
        accepted.increment();
    }

    void connectionClosed() {
        current.decrementAndGet();
    }

    void connectionRejected(ErrorCode reason) {
        rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void frameIn() {
        framesIn.increment();
    }

    void bytesIn(int bytes) {
        bytesIn.add(bytes);
    }

    void protocolError(ErrorCode code) {
        protocolErrors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void idleTimeout() {
        idleTimeouts.increment();
    }

    public int currentConnections() {
        return current.get();
    }

    public long acceptedConnections() {
        return accepted.sum();
    }

    public long rejectedConnections(ErrorCode reason) {
        LongAdder count = rejected.get(reason);
        return count == null ? 0 : count.sum();
    }

    public long rejectedConnections() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long framesIn() {
        return framesIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Sessions closed for staying silent past the idle time-out. */
    public long idleTimeouts() {
        return idleTimeouts.sum();
    }

    public long protocolErrors(ErrorCode code) {
        LongAdder count = protocolErrors.get(code);
        return count == null ? 0 : count.sum();
    }
}
