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
    void theBanAndMuteBodyOffersExactlyThreeTermsAndNoneIsAssumed() {
        JsonNode description = AdminHttp.anonymous(httpPort).get("/admin/api-docs").json();

        JsonNode request = description.path("components").path("schemas").path("SanctionRequest").path("properties");
        assertThat(request.propertyNames()).containsExactlyInAnyOrder("until", "duration", "permanent", "reason");
        assertThat(request.path("until").path("format").asString()).isEqualTo("date-time");
        for (String path : new String[] {"/admin/api/bans/{user}", "/admin/api/mutes/{user}"}) {
            assertThat(description.path("paths").path(path).path("put").path("description").asString()).as(path)
                    .contains("{\"duration\": \"PT24H\"}", "{\"until\": \"2030-01-01T00:00:00Z\"}",
                            "{\"permanent\": true}", "never assumed");
        }
    }

    @Test
    void everyOperationMayAnswerAProblemAndListsPagingWithItsRange() {
        JsonNode description = AdminHttp.anonymous(httpPort).get("/admin/api-docs").json();

        description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().path("responses").path("default").path("content")
                        .path("application/problem+json").path("schema").path("$ref").asString())
                        .as(operation.getKey() + " " + path.getKey()).isEqualTo("#/components/schemas/Problem")));
        JsonNode size = java.util.stream.StreamSupport.stream(description.path("paths").path("/admin/api/audit")
                        .path("get").path("parameters").spliterator(), false)
                .filter(parameter -> parameter.path("name").asString().equals("size")).findFirst().orElseThrow();
        assertThat(size.path("schema").path("type").asString()).isEqualTo("integer");
        assertThat(size.path("schema").path("maximum").asInt()).isEqualTo(500);
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
