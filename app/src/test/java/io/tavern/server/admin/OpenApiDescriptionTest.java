package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AdminServerTest
class OpenApiDescriptionTest {

    @LocalServerPort
    int httpPort;

    @Test
    void theAdminApiIsDescribedAtAdminApiDocsForAnyoneToGenerateAClientFrom() {
        Reply docs = AdminHttp.anonymous(httpPort).get("/admin/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode description = docs.json();
        assertThat(description.path("openapi").asString()).startsWith("3.");
        assertThat(description.path("paths").propertyNames()).contains(
                "/admin/api/stats", "/admin/api/sessions", "/admin/api/sessions/{id}", "/admin/api/sessions/{id}/kick",
                "/admin/api/rooms", "/admin/api/rooms/{id}", "/admin/api/rooms/{id}/history",
                "/admin/api/bans", "/admin/api/bans/{user}", "/admin/api/mutes/{user}",
                "/admin/api/announcements", "/admin/api/audit");
        assertThat(description.path("paths").propertyNames()).allMatch(path -> path.startsWith("/admin/api/"));
    }

    @Test
    void everyOperationDeclaresTheBearerTokenItNeeds() {
        JsonNode description = AdminHttp.anonymous(httpPort).get("/admin/api-docs").json();

        JsonNode scheme = description.path("components").path("securitySchemes").path("admin-token");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(description.path("security").get(0).has("admin-token")).isTrue();
    }

    @Test
    void operatorsCanBrowseTheDescriptionInSwaggerUi() {
        AdminHttp browser = AdminHttp.anonymous(httpPort);

        Reply entry = browser.get("/admin/swagger-ui.html");
        assertThat(entry.status()).isEqualTo(302);
        String page = java.net.URI.create(entry.header("Location")).getPath();
        Reply ui = browser.get(page);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(browser.get("/admin/api-docs/swagger-config").json().path("url").asString())
                .isEqualTo("/admin/api-docs");
    }
}
