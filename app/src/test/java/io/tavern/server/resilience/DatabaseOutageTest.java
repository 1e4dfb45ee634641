package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.StoredChat;
import io.tavern.server.resilience.ChatLoad.Acked;
import io.tavern.server.resilience.ChatLoad.Line;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.RunningServer;
import io.tavern.db.testing.PostgresTestServer;
import io.tavern.db.testing.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, a database outage under load: the server's only way to PostgreSQL is a TCP proxy, which the
 * test cuts for ten seconds while ten players chat in two rooms. Chat goes on (the archive queues it),
 * readiness stays UP all along (the server still serves its players: issue 13, item 6), and once the
 * database is back every line the server acked ends up in the database. Runs against the tests' PostgreSQL (see {@code PostgresTestServer}), in a database of its own.
 */
class DatabaseOutageTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageTest.class);

    static final Duration OUTAGE = Duration.ofSeconds(10);

    /** Readiness as a load balancer sees it, polled every 100 ms: each change, and when. */
    private static final class Readiness implements AutoCloseable {
        record Change(long atNanos, int status) {
        }

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final URI uri;
        private final List<Change> changes = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

        Readiness(int httpPort) {
            uri = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness");
            poller.scheduleWithFixedDelay(this::poll, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void poll() {
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (changes.isEmpty() || changes.get(changes.size() - 1).status() != status) {
                changes.add(new Change(System.nanoTime(), status));
            }
        }

        int current() {
            return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).status();
        }

        /** The statuses seen between two moments, in order (the one in force at {@code from} first). */
        List<Integer> between(long fromNanos, long toNanos) {
            List<Integer> seen = new ArrayList<>();
            for (Change change : changes) {
                if (change.atNanos() <= fromNanos) {
                    seen.clear();
                }
                if (change.atNanos() <= toNanos) {
                    seen.add(change.status());
                }
            }
            return seen;
        }

        @Override
        public void close() {
            poller.shutdownNow();
        }

        @Override
        public String toString() {
            return changes.toString();
        }
    }

    @Test
    void chatGoesOnThroughATenSecondDatabaseOutageWhileReadinessStaysUpAndNoAckedLineIsLost()
            throws Exception {
        PostgresTestServer postgres = PostgresTestServer.requireOrSkip();
        String database = postgres.createDatabase();
        try (TcpProxy proxy = new TcpProxy(postgres.host(), postgres.port())) {
            List<String> properties = new ArrayList<>(List.of(
                    "tavern.db.url=" + postgres.urlThrough(proxy.port(), database),
                    "tavern.db.user=" + postgres.user(),
                    "tavern.chat.rate-limit.per-second=0",
                    "tavern.observability.database-check-interval=200ms",
                    "tavern.observability.database-check-patience=2s"));
            if (postgres.password() != null) {
                properties.add("tavern.db.password=" + postgres.password());
            }
            List<Acked> acked;
            long cutAt;
            long restoredAt;
            try (RunningServer server = RunningServer.start(properties.toArray(String[]::new));
                 GameClients clients = new GameClients(server.port());
                 Readiness readiness = new Readiness(Integer.parseInt(
                         server.context().getEnvironment().getRequiredProperty("local.server.port")))) {
                ChatLoad load = ChatLoad.inRooms(clients, 2, 5);
                load.start(Duration.ofMillis(50));
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> readiness.current() == 200 && load.ackedCount() >= 100);

                cutAt = System.nanoTime();
                proxy.cut();
                // The outage lasts its time, and readiness says UP all of it: chat goes on.
                Awaitility.await("readiness UP while the database is cut off").during(OUTAGE)
                        .atMost(OUTAGE.plusSeconds(30)).until(() -> readiness.current() == 200);
                restoredAt = System.nanoTime();
                proxy.restore();

                load.stopAndAwaitAnswers(Duration.ofSeconds(30));
                acked = load.acked();
                log.info("readiness {}; acked {}; refused {}", readiness, acked.size(), load.refused());

                long ackedDuringOutage = acked.stream()
                        .filter(line -> line.ackedAtNanos() > cutAt && line.ackedAtNanos() < restoredAt).count();
                assertThat(ackedDuringOutage).as("lines acked while the database was cut off").isGreaterThan(200);
                assertThat(load.refused()).as("lines refused").isEmpty();
                assertThat(readiness.between(cutAt - 1, restoredAt)).as("readiness from the cut to the restore")
                        .containsOnly(200);
                assertThat(readiness.current()).isEqualTo(200);
                assertThat(clients.guest("after").client().isOpen()).isTrue();

                Set<Line> expected = new HashSet<>();
                acked.forEach(line -> expected.add(line.line()));
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(archived(postgres, database)).as("the archive, read straight from PostgreSQL").containsAll(expected));
            }
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private static Set<Line> archived(PostgresTestServer postgres, String database) throws SQLException {
        Set<Line> lines = new HashSet<>();
        try (Connection connection = postgres.connect(database)) {
            for (ArchivedMessage message : StoredChat.messages(connection)) {
                if (message.scope() == io.tavern.db.chat.ChatScope.ROOM) {
                    lines.add(new Line(message.roomId(), message.text()));
                }
            }
        }
        return lines;
    }
}
