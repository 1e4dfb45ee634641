package io.tavern.server.observability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server a test may use, from the environment as CI sets it: {@code TAVERN_TEST_PG_URL}
 * (unset: the test is skipped, unless {@code TAVERN_TEST_REQUIRE_PG=true}, which makes it fail),
 * {@code TAVERN_TEST_PG_USER} (default {@code postgres}), {@code TAVERN_TEST_PG_PASSWORD}. Each test
 * gets a fresh database of its own, dropped afterwards.
 */
record TestPostgres(String adminUrl, String host, int port, String parameters, String user, String password) {

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/[^?]*)?(\\?.*)?$");

    static Optional<TestPostgres> fromEnvironment() {
        String url = System.getenv("TAVERN_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Matcher parts = URL.matcher(url.trim());
        if (!parts.matches()) {
            throw new IllegalArgumentException("TAVERN_TEST_PG_URL is not jdbc:postgresql://host[:port]/db: " + url);
        }
        String password = System.getenv().getOrDefault("TAVERN_TEST_PG_PASSWORD", "");
        return Optional.of(new TestPostgres(url.trim(), parts.group(1),
                parts.group(2) == null ? 5432 : Integer.parseInt(parts.group(2)),
                parts.group(4) == null ? "" : parts.group(4),
                System.getenv().getOrDefault("TAVERN_TEST_PG_USER", "postgres"),
                password.isEmpty() ? null : password));
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("TAVERN_TEST_REQUIRE_PG"));
    }

    /** The url of database {@code name} reached through a local port, such as a proxy's. */
    String urlThrough(int localPort, String name) {
        return "jdbc:postgresql://127.0.0.1:" + localPort + "/" + name + parameters;
    }

    String createDatabase() throws SQLException {
        String name = "tavern_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
