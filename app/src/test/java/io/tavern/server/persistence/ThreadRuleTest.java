package io.tavern.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tavern.db.Database;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.SerialExecutor;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * In the running server, the database answers only its own threads: a logic thread or an event loop
 * that asks for a connection is refused, while the same work submitted to the DB executor runs.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class ThreadRuleTest {

    @Autowired
    Database database;

    @Autowired
    LogicExecutor logic;

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
}
