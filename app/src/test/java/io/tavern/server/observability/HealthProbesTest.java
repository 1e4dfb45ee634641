package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.admin.AdminServerTest;
import io.tavern.server.net.TavernServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AdminServerTest
class HealthProbesTest {

    @Autowired
    TavernServer server;

    @LocalServerPort
    int httpPort;

    @Test
    void probesAnswerWithoutATokenAndTellOnlyUpOrDown() {
        Reply liveness = AdminHttp.anonymous(httpPort).get("/actuator/health/liveness");
        Reply readiness = AdminHttp.anonymous(httpPort).get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().has("components")).as("details need the token").isFalse();
    }

    @Test
    void withTheTokenReadinessShowsTheGamePortButNotTheDatabase() {
        JsonNode readiness = AdminHttp.withToken(httpPort).get("/actuator/health/readiness").json();

        JsonNode components = readiness.path("components");
        assertThat(components.propertyNames()).as("chat goes on through a database outage")
                .containsExactlyInAnyOrder("readinessState", "gamePort");
        JsonNode gamePort = components.path("gamePort");
        assertThat(gamePort.path("status").asString()).isEqualTo("UP");
        assertThat(gamePort.path("details").path("port").asInt()).isEqualTo(server.port());
        assertThat(gamePort.path("details").path("transport").asString()).isEqualTo(server.transportName());
    }

    @Test
    void withTheTokenHealthShowsTheDatabase() {
        JsonNode health = AdminHttp.withToken(httpPort).get("/actuator/health").json();

        JsonNode database = health.path("components").path("database");
        assertThat(database.path("status").asString()).isEqualTo("UP");
        assertThat(database.path("details").path("reachable").asBoolean()).isTrue();
        assertThat(database.path("details").path("archiveWrites").asBoolean()).isTrue();
        assertThat(database.path("details").path("outages").asLong()).isZero();
    }

    @Test
    void aWrongTokenIsRefusedEvenOnTheProbes() {
        Reply reply = AdminHttp.withToken(httpPort, "not-the-admin-token-at-all").get("/actuator/health/readiness");

        assertThat(reply.status()).isEqualTo(401);
    }
}
