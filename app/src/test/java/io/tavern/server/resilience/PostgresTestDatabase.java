package io.tavern.server.resilience;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test, on the server {@code TAVERN_TEST_PG_URL} names (user
 * {@code TAVERN_TEST_PG_USER}, default {@code postgres}; password {@code TAVERN_TEST_PG_PASSWORD}):
 * created with a unique name, dropped on close whoever is still connected. Without the url the test is
 * skipped, unless {@code TAVERN_TEST_REQUIRE_PG=true} (CI), which makes it fail.
 */
final class PostgresTestDatabase implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]+)(/[^?]*)?(\\?.*)?$");

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String hostAndPort;
    private final String parameters;
    private final String name;

    private PostgresTestDatabase(String adminUrl, String user, String password) throws SQLException {
        Matcher parts = URL.matcher(adminUrl);
        if (!parts.matches()) {
            throw new IllegalArgumentException("TAVERN_TEST_PG_URL is not a jdbc:postgresql://host[:port]/db url: " + adminUrl);
        }
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.hostAndPort = parts.group(1);
        this.parameters = parts.group(3) == null ? "" : parts.group(3);
        this.name = "tavern_resilience_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
    }

    /** Creates the database, or skips the test (fails it, when PostgreSQL is required) without a server. */
    static PostgresTestDatabase createOrSkip() throws SQLException {
        String url = System.getenv("TAVERN_TEST_PG_URL");
        boolean required = "true".equalsIgnoreCase(System.getenv("TAVERN_TEST_REQUIRE_PG"));
        if (url == null || url.isBlank()) {
            if (required) {
                fail("TAVERN_TEST_REQUIRE_PG=true but TAVERN_TEST_PG_URL is not set");
            }
            Assumptions.abort("TAVERN_TEST_PG_URL is not set: no PostgreSQL to cut off");
        }
        String user = System.getenv().getOrDefault("TAVERN_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("TAVERN_TEST_PG_PASSWORD", "");
        return new PostgresTestDatabase(url.trim(), user, password);
    }

    String user() {
        return user;
    }

    /** Empty when there is none. */
    String password() {
        return password;
    }

    String host() {
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    int port() {
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? 5432 : Integer.parseInt(hostAndPort.substring(colon + 1));
    }

    /** The database's url reached directly. */
    String url() {
        return "jdbc:postgresql://" + hostAndPort + "/" + name + parameters;
    }

    /** The database's url reached through a local port: a proxy in front of the server. */
    String urlThrough(int localPort) {
        return "jdbc:postgresql://127.0.0.1:" + localPort + "/" + name + parameters;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password.isEmpty() ? null : password);
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password.isEmpty() ? null : password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
