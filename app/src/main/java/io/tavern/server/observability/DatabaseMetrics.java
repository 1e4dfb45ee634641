package io.tavern.server.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database answers, as {@link DatabaseReachability} last saw it: {@code tavern.db.available}
 * (1 or 0), {@code tavern.db.outages} (outages begun) and {@code tavern.db.unavailable.duration} (how long
 * the current outage has lasted, 0 while the database answers). Alert on the first two: readiness does not
 * follow the database, because chat goes on through an outage.
 */
final class DatabaseMetrics implements MeterBinder {

    private final DatabaseReachability reachability;

    DatabaseMetrics(DatabaseReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tavern.db.available", reachability, r -> r.current().reachable() ? 1 : 0)
                .description("1 while the database answers pings, 0 while it is unreachable")
                .register(registry);
        FunctionCounter.builder("tavern.db.outages", reachability, DatabaseReachability::outages)
                .description("database outages begun: changes from reachable to unreachable")
                .register(registry);
        TimeGauge.builder("tavern.db.unavailable.duration", reachability, TimeUnit.MILLISECONDS,
                        r -> r.unavailableFor().toMillis())
                .description("how long the database has been unreachable; 0 while it answers")
                .register(registry);
    }
}
