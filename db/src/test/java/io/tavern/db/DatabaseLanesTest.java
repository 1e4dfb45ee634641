package io.tavern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.ChatArchive;
import io.tavern.db.chat.ChatArchiveConfig;
import io.tavern.db.chat.StoredChat;
import io.tavern.db.exec.ServerBusyException;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Issue 14, database work has lanes: with every DB executor thread held by a player's query and its queue
 * full, the readiness ping still answers and the chat archive still flushes, on the background lane with
 * connections of its own.
 */
class DatabaseLanesTest {

    @DatabaseTest
    void theArchiveAndThePingNeverWaitBehindPlayersQueries(FreshDatabase fresh) throws Exception {
        Database database = fresh.open(config -> config.withPoolSize(2).withQueueCapacity(4));
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        try {
            // Every DB thread busy in a query that holds its connection, and the queue full behind them.
            CountDownLatch running = new CountDownLatch(2);
            for (int i = 0; i < 2 + 4; i++) {
                held.add(database.submit(jdbc -> {
                    Integer one = jdbc.queryForObject("SELECT 1", Integer.class);
                    running.countDown();
                    release.await();
                    return one;
                }));
                if (i == 1) {
                    assertThat(running.await(10, TimeUnit.SECONDS)).as("both DB threads hold a query").isTrue();
                }
            }
            CompletableFuture<Integer> refused = database.submit(jdbc -> 1);
            assertThat(refused).as("the players' lane is full").isCompletedExceptionally();
            assertThatThrownBy(refused::join).hasCauseInstanceOf(ServerBusyException.class);

            database.ping().get(10, TimeUnit.SECONDS);

            try (ChatArchive archive = new ChatArchive(database,
                    ChatArchiveConfig.defaults().withFlushInterval(Duration.ofMillis(10)))) {
                Instant now = Instant.now();
                for (long id = 1; id <= 100; id++) {
                    assertThat(archive.offer(ArchivedMessage.lobby(id, "alice", "line " + id, now))).isTrue();
                }
                Awaitility.await("the archive flushes while the players' lane is held")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> StoredChat.count(fresh.direct()) == 100);
                assertThat(held).as("the players' queries are all still held").noneMatch(CompletableFuture::isDone);
            }
        } finally {
            release.countDown();
            database.close();
        }
        for (CompletableFuture<Integer> query : held) {
            assertThat(query.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }
}
