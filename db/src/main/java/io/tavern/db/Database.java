package io.tavern.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tavern.db.exec.BoundedExecutor;
import io.tavern.db.exec.DbExecutor;
import io.tavern.db.exec.DbThreadOnlyDataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The persistence layer's entry point: a HikariCP pool, the {@link DbExecutor} whose {@code tavern-db-*}
 * threads are the only ones allowed to use it, and a schema that Flyway brings up to date before anything
 * else runs.
 *
 * <p>Two lanes: {@link #submit} for the work of players and operators (the DB executor, {@code pool-size}
 * threads and connections, a bounded queue), and {@link #submitBackground} for the server's own work that
 * must never queue behind theirs: the chat archive's writes, the readiness ping, node-id leases. The
 * background lane has {@link DatabaseConfig#BACKGROUND_CONNECTIONS} threads ({@code tavern-db-background-N})
 * and as many connections of its own in the pool, one per user, and each user has at most one task under
 * way, so a background task starts at once however deep the players' queue is.
 *
 * <p>{@link #jdbc()} and {@link #dataSource()} refuse connections on any other thread (see
 * {@link io.tavern.db.exec.DbThreads}); stores wrap their JDBC in {@link #submit} and return futures.
 *
 * <p>Close order: {@link #close()} first closes what was registered with {@link #addDependent} (the chat
 * archive flushes there), then lets the executor run what is queued, then closes the pool.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The background lane's threads pass the JDBC thread rule ({@link io.tavern.db.exec.DbThreads}). */
    static final BoundedExecutor.Naming BACKGROUND_NAMING = new BoundedExecutor.Naming(
            io.tavern.db.exec.DbThreads.NAME_PREFIX + "background-", "tavern.db.background", "background DB tasks",
            "the background DB queue");
    /** Room for a few tasks per user; each user has one under way, so more than that is a bug, refused. */
    static final int BACKGROUND_QUEUE_CAPACITY = 16;

    private final DatabaseConfig config;
    private final SqlDialect dialect;
    private final HikariDataSource pool;
    private final DbExecutor executor;
    private final BoundedExecutor background;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry registry;
    private final Deque<AutoCloseable> dependents = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(DatabaseConfig config, SqlDialect dialect, HikariDataSource pool, DbExecutor executor,
                     MeterRegistry registry) {
        this.config = config;
        this.dialect = dialect;
        this.pool = pool;
        this.executor = executor;
        this.background = new BoundedExecutor(BACKGROUND_NAMING, DatabaseConfig.BACKGROUND_CONNECTIONS,
                BACKGROUND_QUEUE_CAPACITY, config.closeTimeout(), registry);
        this.registry = registry;
        this.dataSource = new DbThreadOnlyDataSource(pool);
        this.jdbc = new JdbcTemplate(dataSource);
        // By the exception's class and SQL state (duplicate keys included: 23505 on PostgreSQL and H2), which never
        // needs a connection to look the database up, nor Spring's sql-error-codes.xml: reading that file loaded
        // the JDK's XML parser and Spring's XML bean readers at start-up, about 400 classes for nothing else.
        this.jdbc.setExceptionTranslator(new SQLExceptionSubclassTranslator());
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** {@link #open(DatabaseConfig, MeterRegistry)} with metrics kept in a private registry. */
    public static Database open(DatabaseConfig config) {
        return open(config, new SimpleMeterRegistry());
    }

    /**
     * Connects, starts the DB executor and migrates the schema (on a DB thread, like all JDBC).
     *
     * @param registry where the pool ({@code hikaricp.*}), the executor ({@code tavern.db.*}) and the stores
     *                 built on this database publish metrics
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    public static Database open(DatabaseConfig config, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        SqlDialect dialect = SqlDialect.fromJdbcUrl(config.jdbcUrl());
        if (config.isEmbedded()) {
            createDirectories(config);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(HikariConfigFactory.create(config, dialect, registry));
        } catch (RuntimeException unreachable) {
            throw new IllegalStateException("cannot connect to " + config.redactedUrl(), unreachable);
        }
        DbExecutor executor = new DbExecutor(config.poolSize(), config.queueCapacity(), config.closeTimeout(), registry);
        Database database = new Database(config, dialect, pool, executor, registry);
        try {
            MigrateResult result = executor.submit(() -> Migrations.migrate(database.dataSource)).join();
            log.info("Database {} ready: schema version {} ({} migrations applied now)", config.redactedUrl(),
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
        } catch (CompletionException migrationFailed) {
            database.close();
            throw new IllegalStateException("cannot migrate " + config.redactedUrl(), migrationFailed.getCause());
        }
        return database;
    }

    private static void createDirectories(DatabaseConfig config) {
        try {
            Files.createDirectories(config.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDirectory(), e);
        }
    }

    /**
     * Runs {@code work} on a DB thread.
     *
     * @return its result; {@link io.tavern.db.exec.ServerBusyException} at once when the DB queue is full
     */
    public <T> CompletableFuture<T> submit(JdbcWork<T> work) {
        Objects.requireNonNull(work, "work");
        return executor.submit(() -> work.run(jdbc));
    }

    /** Like {@link #submit}, all of {@code work} in one transaction, rolled back if it throws. */
    public <T> CompletableFuture<T> submitInTransaction(JdbcWork<T> work) {
        Objects.requireNonNull(work, "work");
        return executor.submit(() -> {
            try {
                return transactions.execute(status -> {
                    try {
                        return work.run(jdbc);
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Exception checked) {
                        throw new CheckedFailure(checked);
                    }
                });
            } catch (CheckedFailure failure) {
                throw (Exception) failure.getCause();
            }
        });
    }

    /**
     * Runs {@code work} on the background lane: for the server's own work that must not wait behind the
     * players' (the chat archive, node-id leases), one task at a time per user.
     *
     * @return its result; {@link io.tavern.db.exec.ServerBusyException} at once when the lane's queue is full
     */
    public <T> CompletableFuture<T> submitBackground(JdbcWork<T> work) {
        Objects.requireNonNull(work, "work");
        return background.submit(() -> work.run(jdbc));
    }

    /**
     * A cheap round trip for readiness checks, on the background lane, so that it answers however busy the
     * players keep the DB executor: completes normally when a pooled connection answers, and exceptionally
     * while the database is unreachable (within the configured connection time-out).
     */
    public CompletableFuture<Void> ping() {
        return background.submit(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid((int) Math.max(1, config.connectionTimeout().toSeconds()))) {
                    throw new SQLTransientConnectionException("the database did not answer a validation query");
                }
            }
            return null;
        });
    }

    public DbExecutor executor() {
        return executor;
    }

    /** The background lane (see {@link #submitBackground}). */
    public BoundedExecutor backgroundExecutor() {
        return background;
    }

    /** A JdbcTemplate that works only on {@code tavern-db-*} threads, i.e. inside {@link #submit}. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The pool, guarded like {@link #jdbc()}: connections only on {@code tavern-db-*} threads. */
    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public DatabaseConfig config() {
        return config;
    }

    /**
     * Retires a borrowed connection: the pool closes it when it is returned, and never lends it again. For
     * work done on the driver's own connection behind the pool's back (PostgreSQL's COPY API), whose
     * failures the pool cannot see, so a connection that broke there would otherwise be lent again.
     */
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    /** The registry this database and the stores built on it publish metrics to. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Registers something built on this database (the chat archive) to be closed, in reverse order of
     * registration, at the start of {@link #close()}, while the executor and the pool still work.
     */
    public void addDependent(AutoCloseable dependent) {
        dependents.push(Objects.requireNonNull(dependent, "dependent"));
    }

    /**
     * Closes the dependents, then the executor (queued tasks run, up to the close time-out), then the pool.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable dependent; (dependent = dependents.poll()) != null; ) {
            try {
                dependent.close();
            } catch (Exception e) {
                log.error("Closing {} failed", dependent, e);
            }
        }
        executor.close();
        background.close();
        pool.close();
        log.info("Database {} closed", config.redactedUrl());
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Carries a checked exception out of a transaction callback, which rolls back on unchecked ones. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
