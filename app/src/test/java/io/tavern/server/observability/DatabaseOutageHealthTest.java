package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.db.testing.PostgresTestServer;
import io.tavern.db.testing.TcpProxy;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.server.admin.AdminHttp;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Readiness means "can serve players". PostgreSQL is reached only through a proxy that the test cuts and
 * restores: while the database is away, health and the metrics say so, chat goes on, and readiness stays
 * UP, so that the only replica is not taken out of its Service while it still serves its players.
 */
class DatabaseOutageHealthTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** Readiness is polled this long into the outage, once the outage has been seen. */
    static final Duration WATCH = Duration.ofSeconds(2);

    @Test
    void aDatabaseOutageShowsInHealthAndMetricsWhileReadinessStaysUpAndChatGoesOn() throws Exception {
        PostgresTestServer postgres = PostgresTestServer.requireOrSkip();
        String database = postgres.createDatabase();
        try (TcpProxy proxy = new TcpProxy(postgres.host(), postgres.port())) {
            List<String> properties = new ArrayList<>(List.of(
                    "tavern.admin.token=" + AdminHttp.TOKEN,
                    "tavern.db.url=" + postgres.urlThrough(proxy.port(), database),
                    "tavern.db.user=" + postgres.user(),
                    "tavern.observability.database-check-interval=200ms",
                    "tavern.observability.database-check-patience=2s"));
            if (postgres.password() != null) {
                properties.add("tavern.db.password=" + postgres.password());
            }
            try (RunningServer server = RunningServer.start(properties.toArray(String[]::new));
                 GameClients clients = new GameClients(server.port())) {
                AdminHttp admin = AdminHttp.withToken(
                        Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port")));
                Player alice = clients.guest("alice");
                Player bob = clients.guest("bob");
                assertThat(admin.get("/actuator/health/readiness").status()).isEqualTo(200);
                assertThat(database(admin).path("status").asString()).isEqualTo("UP");
                assertThat(metrics(admin).value("tavern_db_available")).isEqualTo(1);
                double outagesBefore = metrics(admin).value("tavern_db_outages_total");

                proxy.cut();

                Awaitility.await("health reports the database DOWN").atMost(WAIT)
                        .until(() -> database(admin).path("status").asString().equals("DOWN"));
                JsonNode down = database(admin);
                assertThat(down.path("details").path("reachable").asBoolean()).isFalse();
                assertThat(down.path("details").path("error").asString()).isNotBlank();
                assertThat(admin.get("/actuator/health").status()).as("overall health").isEqualTo(503);
                PrometheusScrape duringOutage = metrics(admin);
                assertThat(duringOutage.value("tavern_db_available")).isEqualTo(0);
                assertThat(duringOutage.value("tavern_db_outages_total")).isEqualTo(outagesBefore + 1);
                assertThat(duringOutage.value("tavern_db_unavailable_duration_seconds")).isPositive();

                Awaitility.await("readiness stays UP through the outage").during(WATCH).atMost(WATCH.plus(WAIT))
                        .until(() -> admin.get("/actuator/health/readiness").status() == 200);
                assertThat(admin.get("/actuator/health/liveness").status()).isEqualTo(200);
                String line = "said while the database is away";
                assertThat(alice.client().sendChat(ChatScope.LOBBY, null, line).get(10, TimeUnit.SECONDS).hasAck())
                        .as("chat acked during the outage").isTrue();
                assertThat(bob.inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getText().equals(line),
                        WAIT).getChatMessage().getFrom()).isEqualTo(alice.name());
                assertThat(database(admin).path("status").asString()).as("still away").isEqualTo("DOWN");

                proxy.restore();

                Awaitility.await("health reports the database UP again").atMost(WAIT)
                        .until(() -> database(admin).path("status").asString().equals("UP"));
                PrometheusScrape after = metrics(admin);
                assertThat(after.value("tavern_db_available")).isEqualTo(1);
                assertThat(after.value("tavern_db_unavailable_duration_seconds")).isZero();
                assertThat(after.value("tavern_db_outages_total")).isEqualTo(outagesBefore + 1);
                assertThat(admin.get("/actuator/health/readiness").status()).isEqualTo(200);
            }
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private static JsonNode database(AdminHttp admin) {
        return admin.get("/actuator/health").json().path("components").path("database");
    }

    private static PrometheusScrape metrics(AdminHttp admin) {
        return new PrometheusScrape(admin.get("/actuator/prometheus").body());
    }
}
