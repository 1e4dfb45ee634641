package io.tavern.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.testing.PostgresTestServer;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.History;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, database work has lanes, from the outside: a session that pipelines History requests holds at
 * most {@code tavern.db.max-in-flight-per-session} of them in the database (the others are answered
 * RATE_LIMITED with a retry hint), while another player's chat is acked and reaches the database through
 * the archive. On PostgreSQL, with one DB thread, so the flood would otherwise fill the whole players' lane.
 */
class SessionDbLaneTest {

    static final int IN_FLIGHT = 2;
    static final int PIPELINED = 300;
    static final int LINES = 8;

    @Test
    void aSessionFloodingHistoryHoldsAtMostItsPlacesAndTheArchiveStillFlushes() throws Exception {
        PostgresTestServer postgres = PostgresTestServer.requireOrSkip();
        String database = postgres.createDatabase();
        List<String> properties = new ArrayList<>(List.of(
                "tavern.db.url=" + postgres.urlOf(database),
                "tavern.db.user=" + postgres.user(),
                "tavern.db.pool-size=1",
                "tavern.db.max-in-flight-per-session=" + IN_FLIGHT,
                // The request budget would close a flood like this one as FLOODING, and the session's request queue
                // (256 waiting by default) would refuse some of it RATE_LIMITED whenever the logic threads fall
                // behind (15 of 300 once in CI); here the lane alone is tested, so neither may refuse.
                "tavern.limits.session.per-second=0",
                "tavern.logic.session-queue-limit=" + (PIPELINED + LINES)));
        if (postgres.password() != null) {
            properties.add("tavern.db.password=" + postgres.password());
        }
        try (RunningServer server = RunningServer.start(properties.toArray(String[]::new));
             GameClients clients = new GameClients(server.port())) {
            MeterRegistry metrics = server.bean(MeterRegistry.class);
            Player reader = clients.guest("reader");
            Player chatter = clients.guest("chatter");

            List<CompletableFuture<Envelope>> pages = new ArrayList<>();
            for (int i = 0; i < PIPELINED; i++) {
                pages.add(reader.client().request(Envelope.newBuilder()
                        .setHistory(History.newBuilder().setScope(ChatScope.LOBBY).setLimit(100))));
            }
            List<CompletableFuture<Envelope>> lines = new ArrayList<>();
            for (int i = 0; i < LINES; i++) {
                lines.add(chatter.client().sendChat(ChatScope.LOBBY, null, "archived line " + i));
            }

            int answered = 0;
            int limited = 0;
            for (CompletableFuture<Envelope> page : pages) {
                Envelope reply = page.get(30, TimeUnit.SECONDS);
                if (reply.hasHistoryPage()) {
                    answered++;
                } else {
                    assertThat(reply.getError().getCode()).as(reply.toString()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(reply.getError().getRetryAfterMs()).isPositive();
                    limited++;
                }
            }
            assertThat(answered).as("pages answered").isPositive();
            assertThat(limited).as("refused beyond the session's places").isPositive();
            DistributionSummary inFlight = metrics.get("tavern.db.session.in.flight").summary();
            assertThat(inFlight.max()).as("a session's requests in the database at once").isLessThanOrEqualTo(IN_FLIGHT);
            assertThat(metrics.get("tavern.db.session.refused").counter().count()).isEqualTo(limited);
            assertThat(reader.client().isOpen()).isTrue();

            for (CompletableFuture<Envelope> line : lines) {
                assertThat(line.get(30, TimeUnit.SECONDS).hasAck()).isTrue();
            }
            // Read back from the database, by the chatter, once the reader has stopped: the archive flushed.
            Awaitility.await("the chatter's lines are in the database").atMost(Duration.ofSeconds(30)).until(() -> {
                Envelope page = chatter.client().request(Envelope.newBuilder().setHistory(History.newBuilder()
                        .setScope(ChatScope.LOBBY).setLimit(100))).get(10, TimeUnit.SECONDS);
                return page.hasHistoryPage() && page.getHistoryPage().getMessagesList().stream()
                        .filter(message -> message.getText().startsWith("archived line ")).count() == LINES;
            });
        }
    }
}
