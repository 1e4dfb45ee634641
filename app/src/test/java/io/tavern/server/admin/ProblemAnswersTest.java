package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever goes wrong under {@code /admin/api}, the caller gets an RFC 9457 problem whose detail says
 * what to change: the field, the value it was given and what would be valid.
 */
class ProblemAnswersTest extends AdminScenario {

    @Test
    void anUnknownPathIsA404ProblemPointingAtTheApiDescription() {
        for (String path : new String[] {"/admin/api/nope", "/admin/api", "/admin/api/bans/someone/extra"}) {
            Reply reply = admin.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
            assertThat(reply.json().path("detail").asString())
                    .isEqualTo("no endpoint GET " + path + "; the endpoints are described at /admin/api-docs "
                            + "and /admin/swagger-ui.html");
            assertThat(reply.json().path("instance").asString()).isEqualTo(path);
        }
    }

    @Test
    void aMethodTheEndpointDoesNotTakeIsA405ProblemSayingWhichItTakes() {
        Reply reply = admin.post("/admin/api/stats", Map.of());

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("Allow")).isEqualTo("GET");
        assertThat(reply.json().path("detail").asString()).isEqualTo("POST is not allowed on /admin/api/stats; it takes GET");
    }

    @Test
    void aBodyThatIsNotJsonIsA415ProblemSayingWhatToSend() {
        Reply reply = admin.sendRaw("PUT", "/admin/api/bans/someone", Map.of("Content-Type", "text/plain"), "ban them");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).startsWith("Content-Type 'text/plain")
                .endsWith("' is not supported; send a JSON body with Content-Type: application/json");
    }

    @Test
    void aBodyThatIsNotValidJsonSaysWhereItBreaks() {
        Reply reply = rawPut("/admin/api/mutes/someone", "{\"permanent\": tru}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(reply.json().path("detail").asString()).startsWith("the body is not valid JSON: ").contains("line 1, column");
        assertThat(rawPut("/admin/api/mutes/someone", "[true]").json().path("detail").asString())
                .isEqualTo("the body must be a JSON object, not an array");
    }

    @Test
    void aValueOutsideAnEnumNamesTheValidOnes() {
        for (String state : new String[] {"PLAYING", "UNRECOGNIZED", "ROOM_STATE_UNSPECIFIED"}) {
            Reply reply = admin.get("/admin/api/rooms?state=" + state);

            assertThat(reply.status()).as(state).isEqualTo(400);
            assertThat(reply.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(reply.json().path("detail").asString())
                    .isEqualTo("state: '" + state + "' is not one of OPEN, IN_GAME, CLOSED");
        }
    }

    @Test
    void badPagingNamesTheParameterAndItsRange() {
        assertThat(detail(admin.get("/admin/api/sessions?page=first"))).isEqualTo("page: 'first' is not a whole number");
        assertThat(detail(admin.get("/admin/api/audit?size=0"))).isEqualTo("size: 0 must be greater than or equal to 1");
        assertThat(detail(admin.get("/admin/api/bans?page=-1&size=501")))
                .contains("page: -1 must be greater than or equal to 0", "size: 501 must be less than or equal to 500");
        assertThat(detail(admin.get("/admin/api/rooms/any/history?limit=101")))
                .isEqualTo("limit: 101 must be less than or equal to 100");
    }

    @Test
    void aPathTheFirewallRefusesIsAProblemSayingWhy() {
        Reply reply = admin.get("/admin/api//stats");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).contains("\"//\"");
    }

    @Test
    void aHistoryCursorTheServerDidNotMakeIsNamed() {
        assertThat(detail(admin.get("/admin/api/rooms/any/history?before=not-a-cursor")))
                .isEqualTo("before: 'not-a-cursor' is not a cursor; pass a page's nextCursor as it is");
    }

    @Test
    void anAnswerTheCallerCannotAcceptIsA406Problem() {
        Reply reply = admin.sendRaw("GET", "/admin/api/stats", Map.of("Accept", "text/html"), null);

        assertThat(reply.status()).isEqualTo(406);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).startsWith("this API answers application/json");
    }

    @Test
    void pathsOutsideTheAdminApiKeepTheirOwnAnswers() {
        Reply actuator = admin.get("/actuator/nope");

        assertThat(actuator.status()).isEqualTo(404);
        assertThat(actuator.json().has("code")).isFalse();
        assertThat(actuator.json().path("detail").isMissingNode()).isTrue();
    }

    private Reply rawPut(String path, String json) {
        return admin.sendRaw("PUT", path, Map.of("Content-Type", "application/json"), json);
    }

    private static String detail(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        return reply.json().path("detail").asString();
    }
}
