package io.tavern.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/** Translates a {@link DatabaseConfig} into HikariCP's settings. */
final class HikariConfigFactory {

    static final String POOL_NAME = "tavern";

    private HikariConfigFactory() {
    }

    static HikariConfig create(DatabaseConfig config, SqlDialect dialect, MeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(POOL_NAME);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.effectiveUser());
        hikari.setPassword(config.password());
        // A fixed-size pool (HikariCP's own advice): the DB executor and the background lane have exactly
        // this many threads together, so every running task can have a connection and none waits inside
        // the pool; in particular, the background lane never waits for a player's request to return one.
        hikari.setMaximumPoolSize(config.connectionCount());
        hikari.setMinimumIdle(config.connectionCount());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.max(250, Math.min(5_000, config.connectionTimeout().toMillis())));
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        if (dialect == SqlDialect.POSTGRESQL) {
            // The driver turns a JDBC batch of single-row INSERTs into multi-row INSERTs: the chat
            // archive's batches cost a few round trips instead of one per message.
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            hikari.addDataSourceProperty("connectTimeout", Long.toString(seconds(config.connectionTimeout())));
            hikari.addDataSourceProperty("socketTimeout", Long.toString(seconds(config.socketTimeout())));
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
            hikari.addDataSourceProperty("ApplicationName", "tavern");
        }
        return hikari;
    }

    /** The PostgreSQL driver counts these time-outs in whole seconds, where 0 would mean "never". */
    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
