package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.testing.DatabaseKind;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.PostgresTestServer;
import io.tavern.db.testing.TcpProxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archive through a database outage: PostgreSQL behind a TCP proxy that the test cuts and restores.
 * Nothing accepted is lost and nothing is written twice.
 */
class ChatArchiveOutageTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static ArchivedMessage message(long id) {
        return ArchivedMessage.room(id, "r-1", "Tavern", "alice", "message " + id, T0.plusMillis(id / 4));
    }

    private static int storedCount(FreshDatabase fresh) {
        return (int) StoredChat.count(fresh.direct());
    }

    private static Database openThrough(TcpProxy proxy, FreshDatabase fresh) {
        PostgresTestServer server = fresh.postgresServer();
        return fresh.open(config -> config
                .withUrl(server.urlThrough(proxy.port(), fresh.postgresDatabaseName()), server.user(), server.password())
                .withConnectionTimeout(Duration.ofSeconds(1)));
    }

    private static ChatArchiveConfig quickRetries() {
        return ChatArchiveConfig.defaults().withFlushInterval(Duration.ofMillis(20))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    @DatabaseTest(DatabaseKind.POSTGRESQL)
    void messagesOfferedDuringAnOutageAreKeptAndAllWrittenAfterIt(FreshDatabase fresh) throws Exception {
        PostgresTestServer server = fresh.postgresServer();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.port())) {
            Database database = openThrough(proxy, fresh);
            ChatArchive archive = new ChatArchive(database, quickRetries());
            LongStream.rangeClosed(1, 300).forEach(id -> assertThat(archive.offer(message(id))).isTrue());
            await().atMost(Duration.ofSeconds(10)).until(() -> storedCount(fresh) == 300);

            proxy.cut();
            LongStream.rangeClosed(301, 600).forEach(id -> assertThat(archive.offer(message(id))).isTrue());

            await().atMost(Duration.ofSeconds(10)).until(() -> !archive.healthy());
            assertThat(archive.lastError()).get().satisfies(failure -> assertThat(failure.attempts()).isPositive());
            assertThat(database.ping()).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
            assertThat(archive.backlog()).isEqualTo(300);
            assertThat(storedCount(fresh)).isEqualTo(300);

            proxy.restore();

            await().atMost(Duration.ofSeconds(30)).until(() -> storedCount(fresh) == 600);
            await().atMost(Duration.ofSeconds(5)).until(archive::healthy);
            assertThat(archive.lastError()).isEmpty();
            assertThat(archive.backlog()).isZero();
            assertThat(database.ping()).succeedsWithin(Duration.ofSeconds(10));
            assertThat(StoredChat.messagesById(fresh.direct())).extracting(ArchivedMessage::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 600).boxed().toList());
        }
    }

    @DatabaseTest(DatabaseKind.POSTGRESQL)
    void cutsInTheMiddleOfWritingNeitherLoseNorDuplicateMessages(FreshDatabase fresh) throws Exception {
        PostgresTestServer server = fresh.postgresServer();
        int total = 40_000;
        try (TcpProxy proxy = new TcpProxy(server.host(), server.port())) {
            ChatArchive archive = new ChatArchive(openThrough(proxy, fresh), quickRetries().withMaxBatchSize(200));
            Thread producer = new Thread(() -> {
                for (long id = 1; id <= total; id++) {
                    while (!archive.offer(message(id))) {
                        Thread.onSpinWait();
                    }
                    if (id % 2_000 == 0) {
                        sleep(Duration.ofMillis(40)); // a steady stream, so cuts land while batches are written
                    }
                }
            }, "room-producer");
            producer.start();

            for (int cut = 0; cut < 3; cut++) {
                sleep(Duration.ofMillis(250));
                proxy.cut();
                sleep(Duration.ofMillis(300));
                proxy.restore();
            }
            producer.join(60_000);

            await().atMost(Duration.ofSeconds(60)).until(() -> storedCount(fresh) == total);
            List<Long> ids = StoredChat.messagesById(fresh.direct()).stream().map(ArchivedMessage::id).toList();
            assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(archive.close(Duration.ofSeconds(20))).isZero();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
