package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A state-changing call is audited before it acts and completed with how it ended, so a call that
 * failed never reads like one that worked.
 */
class AuditOutcomeTest extends AdminScenario {

    @Override
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken.as("mod-oz");
    }

    @Test
    void aFailedCallIsAuditedWithItsOutcomeAndAGoodOneWithItsOwn() {
        String user = GameClients.uniqueName("twice");

        Reply missing = admin.delete("/admin/api/mutes/" + user);
        JsonNode failed = new AuditLog(admin).require("mute.delete", user);
        admin.put("/admin/api/mutes/" + user, Map.of("duration", "PT1M"));
        Reply lifted = admin.delete("/admin/api/mutes/" + user);
        JsonNode succeeded = new AuditLog(admin).require("mute.delete", user);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(failed.path("outcome").asString()).isEqualTo("NOT_FOUND");
        assertThat(failed.path("status").asInt()).isEqualTo(404);
        assertThat(lifted.status()).isEqualTo(204);
        assertThat(succeeded.path("id").asLong()).isGreaterThan(failed.path("id").asLong());
        assertThat(succeeded.path("outcome").asString()).isEqualTo("OK");
        assertThat(succeeded.path("status").asInt()).isEqualTo(204);
        assertThat(Instant.parse(succeeded.path("completedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(succeeded.path("at").asString()));
    }

    @Test
    void aKickOfASessionThatIsGoneIsAuditedAsNotFound() throws Exception {
        Player leaver = clients.guest("leaver");
        String session = leaver.client().welcome().getSessionId();
        leaver.client().close();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/admin/api/sessions/" + session).status() == 404);

        Reply kick = admin.post("/admin/api/sessions/" + session + "/kick", Map.of("reason", "too late"));

        assertThat(kick.status()).isEqualTo(404);
        assertThat(kick.json().path("code").asString()).isEqualTo("USER_NOT_FOUND");
        JsonNode entry = new AuditLog(admin).require("session.kick", "session " + session);
        assertThat(entry.path("actor").asString()).isEqualTo("mod-oz");
        assertThat(entry.path("reason").asString()).isEqualTo("too late");
        assertThat(entry.path("outcome").asString()).isEqualTo("NOT_FOUND");
        assertThat(entry.path("status").asInt()).isEqualTo(404);
    }

    @Test
    void closingOrAnnouncingToARoomThatIsNotOpenIsAuditedAsNotFound() {
        String room = GameClients.uniqueName("Nowhere");

        assertThat(admin.delete("/admin/api/rooms/" + room + "?reason=cleanup").status()).isEqualTo(404);
        assertThat(admin.post("/admin/api/announcements", Map.of("text", "anyone?", "room", room)).status()).isEqualTo(404);

        AuditLog audit = new AuditLog(admin);
        assertThat(audit.require("room.close", room).path("outcome").asString()).isEqualTo("NOT_FOUND");
        assertThat(audit.require("announcement", room).path("outcome").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aRequestTheApiCannotUnderstandChangesNothingAndIsNotAudited() {
        String user = GameClients.uniqueName("garbled");

        assertThat(admin.put("/admin/api/bans/" + user, Map.of("until", "tomorrow")).status()).isEqualTo(400);

        assertThat(new AuditLog(admin).latest("ban.put", user)).isEmpty();
    }
}
