package io.tavern.server.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.session.SendStats;

/**
 * What the send queues did, read from {@link SendStats} when scraped: frames, bytes and writes out
 * (frames over writes is the coalescing factor; its distribution per write is
 * {@code tavern.send.frames.per.write}, recorded by the send path itself), slow-consumer closes, and
 * the error replies every session sent, by code.
 */
final class SendMetrics implements MeterBinder {

    private final SendStats stats;

    SendMetrics(SendStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tavern.frames.out", stats, SendStats::framesWritten)
                .description("frames written to clients")
                .register(registry);
        FunctionCounter.builder("tavern.bytes.out", stats, SendStats::bytesWritten)
                .description("bytes written to clients")
                .register(registry);
        FunctionCounter.builder("tavern.send.writes", stats, SendStats::writes)
                .description("gathered writes, each ending in one flush")
                .register(registry);
        FunctionCounter.builder("tavern.slow.consumer.closes", stats, SendStats::slowConsumerCloses)
                .description("sessions closed because their send queue went over its limit")
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            if (code != ErrorCode.ERROR_CODE_UNSPECIFIED && code != ErrorCode.UNRECOGNIZED) {
                FunctionCounter.builder("tavern.errors", stats, s -> s.errorsSent(code))
                        .description("error replies sent to clients, by protocol error code")
                        .tag("code", code.name())
                        .register(registry);
            }
        }
    }
}
