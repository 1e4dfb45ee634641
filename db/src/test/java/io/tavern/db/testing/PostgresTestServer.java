package io.tavern.db.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the tests use, found once per JVM (see {@link TestServerLookup}):
 * <ul>
 *   <li>{@code TAVERN_TEST_PG_URL}: a JDBC url to the server (any database on it, e.g. {@code postgres});
 *       unset, the local server at {@code jdbc:postgresql://127.0.0.1:5432/postgres} is used when it answers</li>
 *   <li>{@code TAVERN_TEST_PG_USER} (default {@code postgres}), {@code TAVERN_TEST_PG_PASSWORD} (default none)</li>
 *   <li>{@code TAVERN_TEST_REQUIRE_PG=true}: the tests that need PostgreSQL fail, instead of being skipped,
 *       when it cannot be reached (CI sets it)</li>
 * </ul>
 * Each test gets a database of its own, created through this admin connection and dropped afterwards.
 */
public final class PostgresTestServer {

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]+)(/[^?]*)?(\\?.*)?$");

    /** Where a local run finds PostgreSQL by itself. */
    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static final TestServerLookup<PostgresTestServer> LOOKUP = new TestServerLookup<>("PostgreSQL",
            "TAVERN_TEST_PG_URL", "TAVERN_TEST_REQUIRE_PG", LOCAL_URL, PostgresTestServer::at,
            server -> server.host() + ":" + server.port(), PostgresTestServer::checkLogin);

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String hostAndPort;
    private final String parameters;

    private PostgresTestServer(String adminUrl, String user, String password) {
        Matcher parts = URL.matcher(adminUrl);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/db url: " + adminUrl);
        }
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.hostAndPort = parts.group(1);
        this.parameters = parts.group(3) == null ? "" : parts.group(3);
    }

    /** The server the tests use, when one answers. */
    public static Optional<PostgresTestServer> find() {
        return LOOKUP.find();
    }

    /** Why there is none, as a skip reason: where it was looked for and how to point the tests elsewhere. */
    public static String absence() {
        return LOOKUP.absence();
    }

    /**
     * The server for a test that needs one: without it the test is skipped, unless
     * {@code TAVERN_TEST_REQUIRE_PG=true} (CI), which makes it fail instead.
     */
    public static PostgresTestServer requireOrSkip() {
        return LOOKUP.requireOrSkip();
    }

    public static boolean required() {
        return LOOKUP.required();
    }

    private static PostgresTestServer at(String url) {
        String user = System.getenv().getOrDefault("TAVERN_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("TAVERN_TEST_PG_PASSWORD", "");
        return new PostgresTestServer(url, user, password);
    }

    /** A login with short time-outs: an absent server must not cost the run the driver's default ten seconds. */
    private static void checkLogin(PostgresTestServer server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user);
        if (server.password() != null) {
            properties.setProperty("password", server.password);
        }
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "5");
        try (Connection connection = DriverManager.getConnection(server.adminUrl, properties);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    public String user() {
        return user;
    }

    public String password() {
        return password.isEmpty() ? null : password;
    }

    public String host() {
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    public int port() {
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? 5432 : Integer.parseInt(hostAndPort.substring(colon + 1));
    }

    /** The url of database {@code name} on this server. */
    public String urlOf(String name) {
        return "jdbc:postgresql://" + hostAndPort + "/" + name + parameters;
    }

    /** The url of database {@code name} reached through a local port (a proxy in front of this server). */
    public String urlThrough(int localPort, String name) {
        return "jdbc:postgresql://127.0.0.1:" + localPort + "/" + name + parameters;
    }

    /** A connection to database {@code name}, directly. */
    public Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(urlOf(name), user, password());
    }

    /** Creates an empty, uniquely named database; its name. */
    public String createDatabase() throws SQLException {
        String name = "tavern_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Drops it, whoever is still connected. */
    public void dropDatabase(String name) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public String toString() {
        return adminUrl + " as " + user;
    }
}
