package io.tavern.server.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.budget.BudgetListener;
import io.tavern.server.session.Session;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the request budget decides, as metrics and a log an attacker cannot flood:
 * {@code tavern.requests.refused{kind, limit}} counts requests answered {@code RATE_LIMITED} (kind: the request,
 * as {@code list_rooms}; limit: {@code session}, {@code address}, {@code chat} or {@code queue}),
 * {@code tavern.sessions.flooding} the sessions closed as {@code FLOODING}, each also logged, at most one line
 * per {@link QuietLog#QUIET_TIME}, with a count of those it left out.
 */
final class BudgetMetrics implements BudgetListener {

    private static final Logger log = LoggerFactory.getLogger(BudgetMetrics.class);

    private final MeterRegistry registry;
    private final Counter flooding;
    private final QuietLog floods;

    BudgetMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.flooding = Counter.builder("tavern.sessions.flooding")
                .description("sessions closed as FLOODING: they kept sending past RATE_LIMITED")
                .register(registry);
        this.floods = QuietLog.warn(log);
    }

    @Override
    public void refused(Envelope.BodyCase kind, Limit limit) {
        // The registry keeps one counter per tag set; asking again finds it.
        Counter.builder("tavern.requests.refused")
                .description("requests answered RATE_LIMITED, by kind and by the limit that refused them")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("limit", limit.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void flooding(Session session, int strikes) {
        flooding.increment();
        floods.log("closing {} as FLOODING: more than {} requests refused at once", session, strikes);
    }
}
