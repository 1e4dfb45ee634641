package io.tavern.db.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.awaitility.Awaitility;

/**
 * The Redis server the tests use, found once per JVM (see {@link TestServerLookup}):
 * <ul>
 *   <li>{@code TAVERN_TEST_REDIS_URL}: a Redis url ({@code redis://[:password@]host[:port]}); unset, the local
 *       server at {@code redis://127.0.0.1:6379} is used when it answers</li>
 *   <li>{@code TAVERN_TEST_REQUIRE_REDIS=true}: the tests that need Redis fail, instead of being skipped, when
 *       it cannot be reached (CI sets it)</li>
 * </ul>
 * Each test gets a database number of its own ({@link #leaseDatabase()}), emptied before and after. Several test
 * JVMs share one server (parallel builds of other work trees), so the numbers are leased in the server itself:
 * database 0 holds one key per leased number, set only if absent and expiring by itself, so that a JVM killed
 * mid-test frees its number within {@link #LEASE_TIME}. Database 0 is never handed to a test.
 */
public final class RedisTestServer {

    /** Where a local run finds Redis by itself. */
    static final String LOCAL_URL = "redis://127.0.0.1:6379";

    /** Longer than any one test; the lease is also released when the test ends. */
    static final Duration LEASE_TIME = Duration.ofMinutes(30);

    /** How long a test waits for a number when other runs have leased them all. */
    static final Duration LEASE_WAIT = Duration.ofMinutes(2);

    private static final String LEASE_KEY = "tavern:test:redis-db:";
    private static final int LEASES_DATABASE = 0;

    /** Deletes a lease only if it is still this lease: an expired one may belong to another run by now. */
    private static final String RELEASE_IF_OWNED =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private static final TestServerLookup<RedisTestServer> LOOKUP = new TestServerLookup<>("Redis",
            "TAVERN_TEST_REDIS_URL", "TAVERN_TEST_REQUIRE_REDIS", LOCAL_URL, RedisTestServer::at,
            server -> server.host() + ":" + server.port(), RedisTestServer::checkPing);

    private final RedisURI uri;
    private final RedisClient client;

    private RedisTestServer(RedisURI uri) {
        this.uri = uri;
        this.client = RedisClient.create(uri);
        // Short time-outs: an absent or stuck server fails a test in seconds, not in a minute.
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                .build());
    }

    /** The server the tests use, when one answers. */
    public static Optional<RedisTestServer> find() {
        return LOOKUP.find();
    }

    /** Why there is none, as a skip reason: where it was looked for and how to point the tests elsewhere. */
    public static String absence() {
        return LOOKUP.absence();
    }

    /**
     * The server for a test that needs one: without it the test is skipped, unless
     * {@code TAVERN_TEST_REQUIRE_REDIS=true} (CI), which makes it fail instead.
     */
    public static RedisTestServer requireOrSkip() {
        return LOOKUP.requireOrSkip();
    }

    public static boolean required() {
        return LOOKUP.required();
    }

    private static RedisTestServer at(String url) {
        return new RedisTestServer(RedisURI.create(url));
    }

    private static void checkPing(RedisTestServer server) {
        try (StatefulRedisConnection<String, String> connection = server.client.connect()) {
            String pong = connection.sync().ping();
            if (!"PONG".equals(pong)) {
                throw new IllegalStateException("PING answered " + pong);
            }
        }
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort();
    }

    /**
     * A database number no other test holds, empty; closing it empties it again and gives the number back.
     * Waits up to {@link #LEASE_WAIT} while other runs hold them all.
     */
    public RedisTestDatabase leaseDatabase() {
        String owner = UUID.randomUUID() + "@" + ProcessHandle.current().pid();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            int databases = databaseCount(redis);
            int number = Awaitility.await("a free Redis database number of the " + databases + " on " + this)
                    .atMost(LEASE_WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> tryLease(redis, databases, owner), leased -> leased > 0);
            RedisTestDatabase database = new RedisTestDatabase(this, number, owner);
            database.flush();
            return database;
        }
    }

    /** A number from 1 up, starting at a random one so that concurrent runs rarely race for the same. */
    private static int tryLease(RedisCommands<String, String> redis, int databases, String owner) {
        redis.select(LEASES_DATABASE);
        int first = 1 + ThreadLocalRandom.current().nextInt(databases - 1);
        for (int i = 0; i < databases - 1; i++) {
            int number = 1 + (first - 1 + i) % (databases - 1);
            if ("OK".equals(redis.set(LEASE_KEY + number, owner, SetArgs.Builder.nx().px(LEASE_TIME.toMillis())))) {
                return number;
            }
        }
        return 0;
    }

    private static int databaseCount(RedisCommands<String, String> redis) {
        Map<String, String> config = redis.configGet("databases");
        String count = config.get("databases");
        if (count == null || Integer.parseInt(count) < 2) {
            throw new IllegalStateException("Redis must offer at least 2 databases to lease, has " + count);
        }
        return Integer.parseInt(count);
    }

    /** The url of database {@code number} on this server. */
    RedisURI uriOf(int number) {
        return RedisURI.builder(uri).withDatabase(number).build();
    }

    /** Runs a command on database {@code number} of this server. */
    void onDatabase(int number, Consumer<RedisCommands<String, String>> command) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uriOf(number))) {
            command.accept(connection.sync());
        }
    }

    /** Gives {@code number} back, unless its lease expired and another run holds it now. */
    void release(int number, String owner) {
        onDatabase(LEASES_DATABASE, redis -> redis.eval(RELEASE_IF_OWNED, ScriptOutputType.INTEGER,
                new String[] {LEASE_KEY + number}, owner));
    }

    @Override
    public String toString() {
        return "redis://" + host() + ":" + port();
    }
}
