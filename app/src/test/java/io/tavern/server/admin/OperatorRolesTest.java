package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each operator's token carries a role: a viewer reads, a moderator acts on players, an admin may do
 * everything; and the audit log names the operator the token belongs to, whatever the request says.
 */
class OperatorRolesTest extends AdminScenario {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aViewerCanReadButCannotKick() throws Exception {
        Player troll = clients.guest("troll");
        String session = troll.client().welcome().getSessionId();
        AdminHttp viewer = admin.as("viewer-vi");

        assertThat(viewer.get("/admin/api/sessions/" + session).status()).isEqualTo(200);
        Reply kick = viewer.post("/admin/api/sessions/" + session + "/kick", Map.of("reason", "spamming"));

        assertThat(kick.status()).as(kick.toString()).isEqualTo(403);
        assertThat(kick.contentType()).startsWith("application/problem+json");
        assertThat(kick.json().path("detail").asString())
                .contains("viewer-vi", "viewer role", "needs the moderator or admin role");
        assertThat(new AuditLog(admin).latest("session.kick", troll.name())).as("nothing was asked of the server").isEmpty();
        troll.client().listRooms(ListRooms.getDefaultInstance()).get(5, TimeUnit.SECONDS);
        assertThat(troll.client().isOpen()).as("still connected and served").isTrue();
    }

    @Test
    void aModeratorCanKickAndTheAuditLogNamesThemNotTheNameTheRequestGives() throws Exception {
        Player troll = clients.guest("troll");
        String session = troll.client().welcome().getSessionId();

        Reply kick = admin.as("mod-ann").sendRaw("POST", "/admin/api/sessions/" + session + "/kick",
                Map.of("Content-Type", "application/json", "X-Tavern-Operator", "chief-cal"), "{\"reason\":\"spam\"}");

        assertThat(kick.status()).as(kick.toString()).isEqualTo(202);
        assertThat(troll.inbox().await(Envelope::hasKicked, WAIT).getKicked().getBy()).isEqualTo("mod-ann");
        assertThat(troll.inbox().awaitClosed(WAIT).reason()).isEqualTo(DisconnectReason.KICKED);
        JsonNode entry = new AuditLog(admin).require("session.kick", troll.name());
        assertThat(entry.path("actor").asString()).isEqualTo("mod-ann");
    }

    @Test
    void aModeratorCannotCloseARoomAndAnAdminCan() throws Exception {
        Player host = clients.guest("host");
        String room = host.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Kept")).build())
                .get(5, TimeUnit.SECONDS).getRoom().getId();

        Reply refused = admin.as("mod-ann").delete("/admin/api/rooms/" + room + "?reason=cleanup");
        Reply closed = admin.as("chief-cal").delete("/admin/api/rooms/" + room + "?reason=cleanup");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).contains("needs the admin role");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(new AuditLog(admin).require("room.close", room).path("actor").asString()).isEqualTo("chief-cal");
    }

    @Test
    void aViewerCanMakeEveryReadButReportsAndNoChange() {
        AdminHttp viewer = admin.as("viewer-vi");
        for (String[] call : everyOperation()) {
            String method = call[0];
            String path = call[1];
            if (path.startsWith("/admin/api/report")) {
                continue; // reports name players and their addresses: moderators' reading (the test below)
            }
            Reply reply = viewer.send(method, path, method.equals("POST") || method.equals("PUT")
                    ? Map.of("text", "hi", "reason", "r") : null);
            if (method.equals("GET")) {
                assertThat(reply.status()).as(method + " " + path + ": " + reply).isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(reply.status()).as(method + " " + path + ": " + reply).isEqualTo(403);
                assertThat(reply.contentType()).startsWith("application/problem+json");
            }
        }
    }

    /** Endpoints added next to the moderation ones are covered by where they are, without new rules. */
    @Test
    void reportsAndBansOfAnyKindAreModeratorsBusinessByTheirPlace() {
        AdminHttp viewer = admin.as("viewer-vi");
        AdminHttp moderator = admin.as("mod-mo");

        assertThat(viewer.get("/admin/api/reports").status()).isEqualTo(403);
        assertThat(moderator.get("/admin/api/reports").status()).isNotIn(401, 403);
        assertThat(viewer.put("/admin/api/address-bans/10.0.0.1", Map.of("reason", "r")).status()).isEqualTo(403);
        assertThat(moderator.put("/admin/api/address-bans/10.0.0.1", Map.of("reason", "r")).status()).isNotIn(401, 403);
        assertThat(moderator.post("/admin/api/config", Map.of("reason", "r")).status()).isEqualTo(403);
    }

    private List<String[]> everyOperation() {
        JsonNode paths = AdminHttp.anonymous(httpPort).get("/admin/api-docs").json().path("paths");
        List<String[]> calls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "nobody");
            for (String method : path.getValue().propertyNames()) {
                calls.add(new String[] {method.toUpperCase(Locale.ROOT), concrete});
            }
        }
        assertThat(calls).hasSizeGreaterThanOrEqualTo(AdminAuthenticationTest.KNOWN_OPERATIONS);
        return calls;
    }
}
