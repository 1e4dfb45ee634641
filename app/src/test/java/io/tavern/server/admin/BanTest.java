package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BanTest extends AdminScenario {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken.as("mod-bea");
    }

    private ErrorCode loginRefusal(String name) throws Exception {
        Player fresh = clients.connect(UnaryOperator.identity());
        try {
            fresh.client().loginGuest(name).get(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " was let in");
        } catch (ExecutionException refused) {
            return ((ServerErrorException) refused.getCause()).code();
        }
    }

    @Test
    void aBannedPlayerIsDisconnectedAndCannotLogInUntilUnbanned() throws Exception {
        Player cheater = clients.guest("cheater");

        Reply ban = admin.put("/admin/api/bans/" + cheater.name(), Map.of("reason", "wallhack"));

        assertThat(ban.status()).as(ban.toString()).isEqualTo(200);
        assertThat(ban.json().path("permanent").asBoolean()).isTrue();
        assertThat(ban.json().path("by").asString()).isEqualTo("mod-bea");
        assertThat(cheater.inbox().await(Envelope::hasKicked, WAIT).getKicked().getReason()).isEqualTo("wallhack");
        assertThat(cheater.inbox().awaitClosed(WAIT).reason()).isEqualTo(DisconnectReason.BANNED);
        assertThat(loginRefusal(cheater.name())).isEqualTo(ErrorCode.BANNED);
        assertThat(bannedUsers()).contains(cheater.name());

        Reply unban = admin.delete("/admin/api/bans/" + cheater.name());

        assertThat(unban.status()).isEqualTo(204);
        assertThat(bannedUsers()).doesNotContain(cheater.name());
        Player back = clients.connect(UnaryOperator.identity());
        assertThat(back.client().loginGuest(cheater.name()).get(10, TimeUnit.SECONDS).getUser()).isEqualTo(cheater.name());

        AuditLog audit = new AuditLog(admin);
        JsonNode put = audit.require("ban.put", cheater.name());
        assertThat(put.path("actor").asString()).isEqualTo("mod-bea");
        assertThat(put.path("reason").asString()).isEqualTo("wallhack");
        assertThat(put.path("details").asString()).isEqualTo("permanent");
        assertThat(audit.require("ban.delete", cheater.name()).path("id").asLong()).isGreaterThan(put.path("id").asLong());
    }

    @Test
    void aBanUntilAMomentEndsThenAndSaysSo() throws Exception {
        String name = GameClients.uniqueName("later");
        Instant until = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);

        Reply ban = admin.put("/admin/api/bans/" + name, Map.of("until", until.toString()));

        assertThat(ban.status()).isEqualTo(200);
        assertThat(ban.json().path("permanent").asBoolean()).isFalse();
        assertThat(Instant.parse(ban.json().path("until").asString())).isEqualTo(until);
        assertThat(loginRefusal(name)).isEqualTo(ErrorCode.BANNED);
        assertThat(new AuditLog(admin).require("ban.put", name).path("details").asString()).isEqualTo("until " + until);
    }

    @Test
    void aBanThatWouldEndInThePastIsRefused() {
        Reply ban = admin.put("/admin/api/bans/" + GameClients.uniqueName("past"),
                Map.of("until", Instant.now().minusSeconds(60).toString()));

        assertThat(ban.status()).isEqualTo(400);
        assertThat(ban.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void aNameNoPlayerCouldHaveIsRefusedWithInvalidName() {
        Reply ban = admin.put("/admin/api/bans/x", Map.of("reason", "too short"));

        assertThat(ban.status()).isEqualTo(400);
        assertThat(ban.json().path("code").asString()).isEqualTo("INVALID_NAME");
    }

    @Test
    void liftingABanThatDoesNotExistIs404() {
        Reply unban = admin.delete("/admin/api/bans/" + GameClients.uniqueName("innocent"));

        assertThat(unban.status()).isEqualTo(404);
        assertThat(unban.json().path("code").asString()).isEqualTo("USER_NOT_FOUND");
    }

    private List<String> bannedUsers() {
        Reply list = admin.get("/admin/api/bans?size=500");
        assertThat(list.status()).isEqualTo(200);
        List<String> users = new ArrayList<>();
        list.json().path("items").forEach(ban -> users.add(ban.path("user").asString()));
        return users;
    }
}
