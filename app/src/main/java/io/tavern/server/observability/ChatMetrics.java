package io.tavern.server.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.protocol.v1.ChatScope;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chat messages accepted for delivery, by scope ({@code tavern.chat.messages}), and their rate over the
 * last minute for the admin API's stats. Counted on the scopes' executors: lock-free adders only.
 */
public final class ChatMetrics {

    private final Map<ChatScope, Counter> byScope = new EnumMap<>(ChatScope.class);
    private final LongAdder total = new LongAdder();
    private final MinuteRate rate = new MinuteRate(total::sum);

    ChatMetrics(MeterRegistry registry) {
        for (ChatScope scope : ChatScope.values()) {
            if (scope != ChatScope.UNRECOGNIZED && scope != ChatScope.CHAT_SCOPE_UNSPECIFIED) {
                byScope.put(scope, Counter.builder("tavern.chat.messages")
                        .description("chat messages accepted for delivery, by scope")
                        .tag("scope", scope.name())
                        .register(registry));
            }
        }
    }

    void accepted(ChatScope scope) {
        Counter counter = byScope.get(scope);
        if (counter != null) {
            counter.increment();
        }
        total.increment();
    }

    /** Every chat message accepted since start-up. */
    public long total() {
        return total.sum();
    }

    /** Messages per second, averaged over the last minute. */
    public double perSecondOverLastMinute() {
        return rate.perSecond();
    }

    /** Called about once a second by the sampling thread. */
    void sampleRate() {
        rate.sample();
    }
}
