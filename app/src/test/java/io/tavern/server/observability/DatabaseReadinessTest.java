package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tavern.server.admin.AdminHttp;
import io.tavern.server.testing.RunningServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        Optional<TestPostgres> configured = TestPostgres.fromEnvironment();
        if (configured.isEmpty()) {
            if (TestPostgres.required()) {
                fail("TAVERN_TEST_REQUIRE_PG=true but TAVERN_TEST_PG_URL is not set");
            }
            assumeTrue(false, "TAVERN_TEST_PG_URL is not set: no PostgreSQL to cut");
        }
        TestPostgres postgres = configured.get();
        String database;
        try {
            database = postgres.createDatabase();
        } catch (SQLException unreachable) {
            if (TestPostgres.required()) {
                throw unreachable;
            }
            assumeTrue(false, "PostgreSQL at TAVERN_TEST_PG_URL is unreachable: " + unreachable.getMessage());
            return;
        }
        try (CuttableProxy proxy = new CuttableProxy(postgres.host(), postgres.port())) {
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
