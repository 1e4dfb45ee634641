package io.tavern.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how much of it Tavern may use.
 *
 * <p>With no {@code url} the server runs on an embedded H2 file database, {@code dataDirectory/fileName},
 * in PostgreSQL compatibility mode, so a single node needs no database server. With a url (PostgreSQL in
 * production) {@code user} and {@code password} are used as given.
 *
 * @param url               JDBC url, or {@code null} for the embedded H2 database
 * @param user              database user, or {@code null}
 * @param password          database password, or {@code null}
 * @param dataDirectory     directory of the embedded database file; default {@code ./data}
 * @param fileName          embedded database file name (H2 adds {@code .mv.db}); default {@code tavern}
 * @param poolSize          threads of the DB executor, which runs the players' and operators' work, and as many
 *                          connections; the pool has {@link #BACKGROUND_CONNECTIONS} more, for the background
 *                          lane; default 8
 * @param queueCapacity     tasks the DB executor queues before it refuses with SERVER_BUSY; default 10 000
 * @param connectionTimeout how long a task waits for a connection (and a connect attempt waits for the
 *                          server) before it fails; default 5 s, short so that an outage is reported quickly
 * @param socketTimeout     PostgreSQL only: a statement whose reply takes longer fails instead of hanging on
 *                          a silent network; default 30 s
 * @param closeTimeout      how long {@link Database#close()} lets queued tasks finish; default 30 s
 */
public record DatabaseConfig(
        String url,
        String user,
        String password,
        Path dataDirectory,
        String fileName,
        int poolSize,
        int queueCapacity,
        Duration connectionTimeout,
        Duration socketTimeout,
        Duration closeTimeout) {

    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    public static final String DEFAULT_FILE_NAME = "tavern";
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Threads of the background lane, and connections the pool holds for them beyond {@code poolSize}: one
     * each for the chat archive, the readiness ping and node-id leases, each of which has at most one task
     * under way (see {@link Database#submitBackground}).
     */
    public static final int BACKGROUND_CONNECTIONS = 3;

    /** H2 settings that make it accept the same SQL as PostgreSQL and sort NULLs the same way. */
    static final String H2_POSTGRESQL_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * H2 would otherwise close the database from its own shutdown hook, before the chat archive's last flush;
     * {@link Database#close()} closes the pool, and with it the database, in the right order.
     */
    static final String H2_CLOSED_BY_TAVERN = ";DB_CLOSE_ON_EXIT=FALSE";

    /**
     * The embedded database's page cache, 2 MiB in KiB where H2's default is 16 MiB: the chat archive writes pages
     * it will not read back soon, and in the larger cache they lived a few seconds, long enough for every young
     * collection to copy them again (the server's largest survivors under chat load; measured in
     * docs/performance.md). A database server ({@code tavern.db.url}) is configured by its own operator.
     */
    static final String H2_CACHE = ";CACHE_SIZE=2048";

    public DatabaseConfig {
        url = blankToNull(url);
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.contains(";") || fileName.contains("/")) {
            throw new IllegalArgumentException("fileName must be a plain file name: " + fileName);
        }
        requireAtLeastOne(poolSize, "poolSize");
        requireAtLeastOne(queueCapacity, "queueCapacity");
        requirePositive(connectionTimeout, "connectionTimeout");
        requirePositive(socketTimeout, "socketTimeout");
        requirePositive(closeTimeout, "closeTimeout");
    }

    /** The embedded H2 database under {@code ./data}, with every default. */
    public static DatabaseConfig defaults() {
        return embedded(DEFAULT_DATA_DIRECTORY);
    }

    /** An embedded H2 file database in {@code dataDirectory}. */
    public static DatabaseConfig embedded(Path dataDirectory) {
        return new DatabaseConfig(null, null, null, dataDirectory, DEFAULT_FILE_NAME, DEFAULT_POOL_SIZE,
                DEFAULT_QUEUE_CAPACITY, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
    }

    /** A database server, usually PostgreSQL. */
    public static DatabaseConfig external(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        return defaults().withUrl(url, user, password);
    }

    /** Connections in the pool: one per DB executor thread, and one per background lane thread. */
    public int connectionCount() {
        return poolSize + BACKGROUND_CONNECTIONS;
    }

    public boolean isEmbedded() {
        return url == null;
    }

    /** The url the pool connects to: the configured one, or the embedded H2 file's. */
    public String jdbcUrl() {
        if (url != null) {
            return url;
        }
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().normalize().resolve(fileName)
                + H2_POSTGRESQL_MODE + H2_CLOSED_BY_TAVERN + H2_CACHE;
    }

    /** {@link #jdbcUrl()} with any password parameter masked, for logs and messages. */
    public String redactedUrl() {
        return jdbcUrl().replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** H2's default user for the embedded database, so that the file can be opened later with H2's tools. */
    public String effectiveUser() {
        return user == null && isEmbedded() ? "sa" : user;
    }

    public DatabaseConfig withUrl(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    public DatabaseConfig withFileName(String fileName) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    public DatabaseConfig withPoolSize(int poolSize) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    public DatabaseConfig withQueueCapacity(int queueCapacity) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    public DatabaseConfig withConnectionTimeout(Duration connectionTimeout) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    public DatabaseConfig withSocketTimeout(Duration socketTimeout) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    public DatabaseConfig withCloseTimeout(Duration closeTimeout) {
        return new DatabaseConfig(url, user, password, dataDirectory, fileName, poolSize, queueCapacity,
                connectionTimeout, socketTimeout, closeTimeout);
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + redactedUrl() + ", user=" + effectiveUser() + ", poolSize=" + poolSize
                + ", queueCapacity=" + queueCapacity + ", connectionTimeout=" + connectionTimeout
                + ", socketTimeout=" + socketTimeout + ", closeTimeout=" + closeTimeout + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
