package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KickTest extends AdminScenario {

    static final Duration WAIT = Duration.ofSeconds(10);


    @Test
    void aKickedPlayerIsToldByWhomAndWhyThenDisconnectedAndTheKickIsAudited() throws Exception {
        Player troll = clients.guest("troll");
        Player bystander = clients.guest("bystander");
        String session = troll.client().welcome().getSessionId();

        Reply reply = admin.as("mod-ann").post("/admin/api/sessions/" + session + "/kick", Map.of("reason", "spamming"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().path("user").asString()).isEqualTo(troll.name());
        Kicked kicked = troll.inbox().await(Envelope::hasKicked, WAIT).getKicked();
        assertThat(kicked.getScope()).isEqualTo(KickScope.FROM_SERVER);
        assertThat(kicked.getBy()).isEqualTo("mod-ann");
        assertThat(kicked.getReason()).isEqualTo("spamming");
        assertThat(troll.inbox().awaitClosed(WAIT).reason()).isEqualTo(DisconnectReason.KICKED);
        Awaitility.await().atMost(WAIT).until(() -> admin.get("/admin/api/sessions/" + session).status() == 404);
        assertThat(bystander.client().isOpen()).isTrue();

        JsonNode entry = new AuditLog(admin).require("session.kick", troll.name());
        assertThat(entry.path("actor").asString()).isEqualTo("mod-ann");
        assertThat(entry.path("reason").asString()).isEqualTo("spamming");
        assertThat(entry.path("details").asString()).isEqualTo("session " + session);
        assertThat(entry.path("at").asString()).isNotBlank();
        assertThat(entry.path("id").asLong()).isEqualTo(reply.json().path("auditId").asLong());
        assertThat(entry.path("outcome").asString()).isEqualTo("OK");
        assertThat(entry.path("status").asInt()).isEqualTo(202);
    }

    @Test
    void theSingleConfiguredTokenActsAsTheOperatorNamedAdmin() throws Exception {
        Player quiet = clients.guest("quiet");

        Reply reply = admin.post("/admin/api/sessions/" + quiet.client().welcome().getSessionId() + "/kick", null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(quiet.inbox().awaitClosed(WAIT).reason()).isEqualTo(DisconnectReason.KICKED);
        assertThat(new AuditLog(admin).require("session.kick", quiet.name()).path("actor").asString()).isEqualTo("admin");
    }

    @Test
    void kickingASessionThatDoesNotExistIs404WithUserNotFound() {
        Reply reply = admin.post("/admin/api/sessions/no-such-session/kick", Map.of("reason", "x"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("code").asString()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void aReasonLongerThanTheAuditLogKeepsIsRefusedAndNothingHappens() throws Exception {
        Player patient = clients.guest("patient");

        Reply reply = admin.post("/admin/api/sessions/" + patient.client().welcome().getSessionId() + "/kick",
                Map.of("reason", "x".repeat(501)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(patient.client().isOpen()).isTrue();
        assertThat(new AuditLog(admin).latest("session.kick", patient.name())).isEmpty();
    }
}
