package io.tavern.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.account.PasswordHasher;
import io.tavern.db.account.PasswordHashing;
import io.tavern.db.account.PasswordHashingConfig;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * In the running server, the database answers only its own threads: a logic thread, an event loop or a
 * password-hashing thread that asks for a connection is refused, while the same work submitted to the DB
 * executor runs. And passwords are hashed only on the hashing threads: a logic thread or a DB thread that
 * tries is refused, while a registration's hash runs on the hashing pool.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class ThreadRuleTest {

    @Autowired
    Database database;

    @Autowired
    LogicExecutor logic;

    @Autowired
    TavernServer server;

    @Autowired
    MeterRegistry registry;

    /** The server's own cost, so that a hash these tests try is refused for its thread, not for its cost. */
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHashingConfig(64, 1, 1));

    private static Throwable connectionAttempt(Database database) {
        try (Connection connection = database.dataSource().getConnection()) {
            return null;
        } catch (Throwable refused) {
            return refused;
        }
    }

    @Test
    void aLogicThreadIsRefusedAConnection() throws Exception {
        SerialExecutor executor = logic.newSerialExecutor("thread-rule", 0);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        executor.execute(() -> outcome.complete(connectionAttempt(database)));
        Throwable refused = outcome.get(5, TimeUnit.SECONDS);
        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("tavern-logic");
    }

    @Test
    void anEventLoopIsRefusedAConnection() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop(new DefaultThreadFactory("tavern-io"));
        try {
            Throwable refused = loop.submit(() -> connectionAttempt(database)).get(5, TimeUnit.SECONDS);
            assertThat(refused).isInstanceOf(IllegalStateException.class);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSameQueryOnTheDbExecutorRuns() throws Exception {
        Integer one = database.submit(jdbc -> jdbc.queryForObject("SELECT 1", Integer.class)).get(5, TimeUnit.SECONDS);
        assertThat(one).isEqualTo(1);
    }

    @Test
    void aHashingThreadIsRefusedAConnection() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread hashing = new Thread(() -> outcome.complete(connectionAttempt(database)), PasswordHashing.THREAD_PREFIX + "test");
        hashing.start();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tavern-hash-test");
    }

    @Test
    void aLogicThreadIsRefusedAPasswordHash() throws Exception {
        SerialExecutor executor = logic.newSerialExecutor("hash-rule", 0);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                hasher.hash("correct horse");
                outcome.complete(null);
            } catch (Throwable refused) {
                outcome.complete(refused);
            }
        });
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tavern-logic");
    }

    @Test
    void aDbThreadIsRefusedAPasswordHash() {
        assertThat(database.submit(jdbc -> hasher.hash("correct horse"))).failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(IllegalStateException.class)
                .withMessageContaining("tavern-db-");
    }

    @Test
    void aRegistrationHashesOnTheHashingPoolAndQueriesOnTheDbExecutor() throws Exception {
        long hashes = registry.get("tavern.hash.task.duration").timer().count();
        long queries = registry.get("tavern.db.task.duration").timer().count();
        try (GameClients clients = new GameClients(server.port())) {
            clients.connect(o -> o).client().register(GameClients.uniqueName("Rule"), "correct horse")
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(registry.get("tavern.hash.task.duration").timer().count() - hashes).isEqualTo(1);
        assertThat(registry.get("tavern.db.task.duration").timer().count() - queries).isGreaterThanOrEqualTo(2);
    }
}
