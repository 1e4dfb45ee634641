package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.db.testing.PostgresTestServer;
import io.tavern.db.testing.TcpProxy;
import io.tavern.server.admin.AdminHttp;
import io.tavern.server.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL behind a proxy that the test cuts and restores: readiness follows the database, DOWN
 * while it is unreachable and UP again once it answers, without a restart.
 */
class DatabaseReadinessTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void readinessGoesDownWhileTheDatabaseIsUnreachableAndUpWhenItIsBack() throws Exception {
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
            try (RunningServer server = RunningServer.start(properties.toArray(String[]::new))) {
                AdminHttp admin = AdminHttp.withToken(
                        Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port")));
                assertThat(readiness(admin).status()).isEqualTo(200);

                proxy.cut();

                Awaitility.await().atMost(WAIT).until(() -> readiness(admin).status() == 503);
                JsonNode down = readiness(admin).json().path("components").path("database");
                assertThat(down.path("status").asString()).isEqualTo("DOWN");
                assertThat(down.path("details").path("reachable").asBoolean()).isFalse();
                assertThat(down.path("details").path("error").asString()).isNotBlank();
                assertThat(readiness(admin).json().path("components").path("gamePort").path("status").asString())
                        .as("the game port itself is fine").isEqualTo("UP");
                assertThat(admin.get("/actuator/health/liveness").status()).as("alive, only not ready").isEqualTo(200);
                AdminHttp.Reply audit = admin.get("/admin/api/audit");
                assertThat(audit.status()).isEqualTo(503);
                assertThat(audit.json().path("code").asString()).isEqualTo("SERVER_BUSY");
                assertThat(audit.header("Retry-After")).isNotNull();

                proxy.restore();

                Awaitility.await().atMost(WAIT).until(() -> readiness(admin).status() == 200);
                assertThat(admin.get("/admin/api/audit").status()).isEqualTo(200);
            }
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private static AdminHttp.Reply readiness(AdminHttp admin) {
        return admin.get("/actuator/health/readiness");
    }
}
