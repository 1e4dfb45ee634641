package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StatsTest extends AdminScenario {


    @Test
    void statsShowTheServerAtAGlance() throws Exception {
        JsonNode before = admin.get("/admin/api/stats").json();
        Player one = clients.guest("stat");
        Player two = clients.guest("stat");
        one.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Counted")).build())
                .get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            two.client().sendChat(ChatScope.LOBBY, null, "busy " + i).get(5, TimeUnit.SECONDS);
        }

        JsonNode stats = admin.get("/admin/api/stats").json();

        assertThat(stats.path("uptimeSeconds").asLong()).isPositive();
        assertThat(stats.path("transport").asString()).isIn("io_uring", "epoll", "nio");
        assertThat(stats.path("gamePort").asInt()).isEqualTo(server.port());
        assertThat(stats.path("accepting").asBoolean()).isTrue();
        JsonNode connections = stats.path("connections");
        assertThat(connections.path("current").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(connections.path("accepted").asLong())
                .isGreaterThanOrEqualTo(before.path("connections").path("accepted").asLong() + 2);
        assertThat(connections.path("rejectedByReason").propertyNames()).contains("SERVER_FULL", "TOO_MANY_CONNECTIONS");
        assertThat(stats.path("sessions").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("sessionsLoggedIn").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("roomsByState").path("OPEN").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("roomsByState").has("IN_GAME")).isTrue();
        assertThat(stats.path("archiveBacklog").asInt()).isNotNegative();
        assertThat(stats.path("databaseQueue").path("capacity").asInt()).isPositive();
        assertThat(stats.path("databaseQueue").path("depth").asInt()).isNotNegative();
        // The rate is sampled once a second: within a few seconds the twenty messages show.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                admin.get("/admin/api/stats").json().path("messagesPerSecond").asDouble() > 0);
    }
}
