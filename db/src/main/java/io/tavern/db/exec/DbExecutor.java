package io.tavern.db.exec;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * The threads that run the players' and operators' JDBC: a fixed pool of {@code tavern-db-N} threads, one per
 * connection of theirs (the pool holds a few more for the database's background lane, see
 * {@link io.tavern.db.Database#submitBackground}), in front of a bounded queue ({@link BoundedExecutor}: submit never blocks; a full
 * queue answers {@link ServerBusyException} at once). DB threads do JDBC and nothing else: password hashing,
 * for one, has threads of its own, so that a burst of logins cannot hold the connections' threads while the
 * chat archive waits.
 *
 * <p>Metrics: {@code tavern.db.queue.depth} (gauge), {@code tavern.db.task.latency} (timer: queued until a
 * thread starts it), {@code tavern.db.task.duration} (timer), {@code tavern.db.rejected} (counter of
 * SERVER_BUSY refusals).
 */
public final class DbExecutor extends BoundedExecutor {

    static final Naming NAMING = new Naming(DbThreads.NAME_PREFIX, "tavern.db", "DB tasks", "the DB queue");

    public DbExecutor(int threadCount, int queueCapacity, Duration closeTimeout, MeterRegistry registry) {
        super(NAMING, threadCount, queueCapacity, closeTimeout, registry);
    }
}
