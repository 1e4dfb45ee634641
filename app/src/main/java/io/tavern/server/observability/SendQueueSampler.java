package io.tavern.server.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;

/**
 * The distribution of bytes waiting in the sessions' send queues, sampled: every run records one value
 * per live session. A queue's size changes on every enqueue and write, far too often to record each
 * change; a periodic sample over all sessions shows what matters, how close the fullest queues come to
 * the slow-consumer limit.
 */
final class SendQueueSampler implements Runnable {

    private final SessionRegistry sessions;
    private final DistributionSummary queuedBytes;

    SendQueueSampler(SessionRegistry sessions, MeterRegistry registry) {
        this.sessions = sessions;
        this.queuedBytes = DistributionSummary.builder("tavern.send.queue.bytes")
                .description("bytes queued for a session and not yet written, sampled over all sessions")
                .baseUnit("bytes")
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public void run() {
        for (Session session : sessions.sessions()) {
            queuedBytes.record(session.sendQueue().queuedBytes());
        }
    }
}
