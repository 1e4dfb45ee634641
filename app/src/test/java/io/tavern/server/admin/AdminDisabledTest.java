package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.testing.RunningServer;
import org.junit.jupiter.api.Test;

class AdminDisabledTest {

    @Test
    void turningTheAdminApiOffRemovesItAndItsDescriptionButKeepsHealthAndMetrics() {
        try (RunningServer server = RunningServer.start("tavern.admin.enabled=false", "tavern.admin.token=" + AdminHttp.TOKEN)) {
            int httpPort = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
            AdminHttp operator = AdminHttp.withToken(httpPort);

            assertThat(operator.get("/admin/api/stats").status()).isEqualTo(404);
            assertThat(operator.post("/admin/api/announcements", java.util.Map.of("text", "hi")).status()).isEqualTo(404);
            assertThat(AdminHttp.anonymous(httpPort).get("/admin/api-docs").status()).isEqualTo(404);
            assertThat(AdminHttp.anonymous(httpPort).get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(AdminHttp.anonymous(httpPort).get("/actuator/prometheus").status()).isEqualTo(200);
        }
    }
}
