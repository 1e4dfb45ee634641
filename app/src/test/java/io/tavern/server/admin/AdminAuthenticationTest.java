package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The admin token guards every admin endpoint. The endpoints are taken from the API's own OpenAPI
 * description, so one added later is covered without touching this test.
 */
@AdminServerTest
class AdminAuthenticationTest {

    /** Every operation the API had when this was written: the description must list at least these. */
    static final int KNOWN_OPERATIONS = 16;

    @LocalServerPort
    int httpPort;

    record Call(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Call> everyOperation() {
        JsonNode paths = AdminHttp.anonymous(httpPort).get("/admin/api-docs").json().path("paths");
        List<Call> calls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "nobody");
            for (String method : path.getValue().propertyNames()) {
                calls.add(new Call(method.toUpperCase(Locale.ROOT), concrete));
            }
        }
        assertThat(calls).hasSizeGreaterThanOrEqualTo(KNOWN_OPERATIONS);
        return calls;
    }

    private static Object bodyFor(Call call) {
        return call.method().equals("POST") || call.method().equals("PUT") ? Map.of("text", "hi", "reason", "r") : null;
    }

    @Test
    void everyAdminEndpointAnswers401WithAProblemWhenNoTokenIsPresented() {
        AdminHttp anonymous = AdminHttp.anonymous(httpPort);
        for (Call call : everyOperation()) {
            Reply reply = anonymous.send(call.method(), call.path(), bodyFor(call));
            assertThat(reply.status()).as(call.toString()).isEqualTo(401);
            assertThat(reply.contentType()).as(call.toString()).startsWith("application/problem+json");
            assertThat(reply.header("WWW-Authenticate")).as(call.toString()).startsWith("Bearer");
            assertThat(reply.json().path("status").asInt()).isEqualTo(401);
            assertThat(reply.json().path("instance").asString()).isEqualTo(call.path());
        }
    }

    @Test
    void everyAdminEndpointAnswers401WithAProblemWhenTheTokenIsWrong() {
        AdminHttp impostor = AdminHttp.withToken(httpPort, AdminHttp.TOKEN + "x");
        for (Call call : everyOperation()) {
            Reply reply = impostor.send(call.method(), call.path(), bodyFor(call));
            assertThat(reply.status()).as(call.toString()).isEqualTo(401);
            assertThat(reply.contentType()).as(call.toString()).startsWith("application/problem+json");
            assertThat(reply.json().path("detail").asString()).contains("token");
        }
    }

    @Test
    void withTheTokenNoEndpointAnswers401() {
        AdminHttp operator = AdminHttp.withToken(httpPort);
        for (Call call : everyOperation()) {
            Reply reply = operator.send(call.method(), call.path(), bodyFor(call));
            assertThat(reply.status()).as(call + ": " + reply).isNotEqualTo(401).isLessThan(500);
        }
    }

    @Test
    void aSchemeOtherThanBearerIsRefused() {
        Reply reply = AdminHttp.withAuthorization(httpPort, "Basic YWRtaW46YWRtaW4=").get("/admin/api/stats");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("detail").asString()).contains("bearer");
    }

    @Test
    void actuatorEndpointsOtherThanHealthInfoAndPrometheusNeedTheTokenToo() {
        assertThat(AdminHttp.anonymous(httpPort).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(AdminHttp.withToken(httpPort).get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(AdminHttp.anonymous(httpPort).get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(AdminHttp.anonymous(httpPort).get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
