package io.tavern.db.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.DatabaseConfig;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One empty database for one test: H2 in a temporary directory, or a uniquely named PostgreSQL database.
 * {@link #open()} runs the production {@link Database#open} against it; {@link #direct()} reads it behind
 * the code under test's back (on the test thread, without the DB executor) to check what it wrote.
 * Closing closes every {@link Database} opened here, then deletes the database.
 */
public final class FreshDatabase implements AutoCloseable {

    private final DatabaseKind kind;
    private final DatabaseConfig config;
    private final PostgresTestServer server;
    private final String postgresName;
    private final Path h2Directory;
    private final Deque<Database> opened = new ArrayDeque<>();

    private FreshDatabase(DatabaseKind kind, DatabaseConfig config, PostgresTestServer server, String postgresName,
                          Path h2Directory) {
        this.kind = kind;
        this.config = config;
        this.server = server;
        this.postgresName = postgresName;
        this.h2Directory = h2Directory;
    }

    /** Small pool and short time-outs: tests should fail fast, not wait out production time-outs. */
    private static DatabaseConfig forTests(DatabaseConfig config) {
        return config.withPoolSize(4).withConnectionTimeout(Duration.ofSeconds(2)).withCloseTimeout(Duration.ofSeconds(20));
    }

    public static FreshDatabase h2() throws IOException {
        Path directory = Files.createTempDirectory("tavern-db-test");
        return new FreshDatabase(DatabaseKind.H2, forTests(DatabaseConfig.embedded(directory)), null, null, directory);
    }

    public static FreshDatabase postgres(PostgresTestServer server) throws SQLException {
        String name = server.createDatabase();
        DatabaseConfig config = DatabaseConfig.external(server.urlOf(name), server.user(), server.password());
        return new FreshDatabase(DatabaseKind.POSTGRESQL, forTests(config), server, name, null);
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The configuration {@link #open()} uses. */
    public DatabaseConfig config() {
        return config;
    }

    /** The PostgreSQL server and database name, for tests that reach it another way (through a proxy). */
    public PostgresTestServer postgresServer() {
        return Objects.requireNonNull(server, "not a PostgreSQL database");
    }

    public String postgresDatabaseName() {
        return Objects.requireNonNull(postgresName, "not a PostgreSQL database");
    }

    public Database open() {
        return open(UnaryOperator.identity());
    }

    public Database open(UnaryOperator<DatabaseConfig> adjust) {
        return open(adjust, new SimpleMeterRegistry());
    }

    public Database open(UnaryOperator<DatabaseConfig> adjust, MeterRegistry registry) {
        Database database = Database.open(adjust.apply(config), registry);
        opened.push(database);
        return database;
    }

    /** Plain JDBC to this database, on any thread, bypassing pool, executor and proxy. */
    public JdbcTemplate direct() {
        try {
            String url = config.jdbcUrl();
            return new JdbcTemplate(new SimpleDriverDataSource(DriverManager.getDriver(url), url,
                    config.effectiveUser(), config.password()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
        if (server != null) {
            server.dropDatabase(postgresName);
        }
        if (h2Directory != null) {
            try (Stream<Path> files = Files.walk(h2Directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + config.jdbcUrl();
    }
}
