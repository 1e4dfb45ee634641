package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MuteTest extends AdminScenario {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken.as("mod-mo");
    }

    @Test
    void aMutedPlayerIsToldUntilWhenAndWhyCannotChatThenIsToldWhenUnmutedAndChatsAgain() throws Exception {
        Player shouter = clients.guest("shouter");
        Player listener = clients.guest("listener");

        Reply mute = admin.put("/admin/api/mutes/" + shouter.name(), Map.of("duration", "PT1H", "reason", "caps lock"));

        assertThat(mute.status()).as(mute.toString()).isEqualTo(200);
        Instant until = Instant.parse(mute.json().path("until").asString());
        ModerationEvent muted = shouter.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent();
        assertThat(muted.getType()).isEqualTo(ModerationEvent.Type.MUTED);
        assertThat(muted.getUntilMs()).isEqualTo(until.toEpochMilli());
        assertThat(muted.getReason()).isEqualTo("caps lock");
        assertThat(muted.getBy()).isEqualTo("mod-mo");

        Error refused = shouter.client().sendChat(ChatScope.LOBBY, null, "HELLO").get(5, TimeUnit.SECONDS).getError();
        assertThat(refused.getCode()).isEqualTo(ErrorCode.MUTED);
        assertThat(refused.getUntilMs()).isEqualTo(until.toEpochMilli());
        assertThat(refused.getReason()).isEqualTo("caps lock");
        assertThat(shouter.client().isOpen()).isTrue();
        assertThat(listener.inbox().drain()).noneMatch(Envelope::hasModerationEvent);

        assertThat(admin.delete("/admin/api/mutes/" + shouter.name()).status()).isEqualTo(204);

        ModerationEvent unmuted = shouter.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent();
        assertThat(unmuted.getType()).isEqualTo(ModerationEvent.Type.UNMUTED);
        assertThat(unmuted.getBy()).isEqualTo("mod-mo");
        assertThat(shouter.client().sendChat(ChatScope.LOBBY, null, "hello").get(5, TimeUnit.SECONDS).hasAck()).isTrue();
        assertThat(listener.inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getText().equals("hello"), WAIT)
                .getChatMessage().getFrom()).isEqualTo(shouter.name());
        AuditLog audit = new AuditLog(admin);
        JsonNode put = audit.require("mute.put", shouter.name());
        assertThat(put.path("reason").asString()).isEqualTo("caps lock");
        assertThat(put.path("details").asString()).isEqualTo("until " + until);
        assertThat(put.path("outcome").asString()).isEqualTo("OK");
        assertThat(audit.require("mute.delete", shouter.name()).path("actor").asString()).isEqualTo("mod-mo");
    }

    @Test
    void aPermanentMuteIsToldWithoutAnEnd() throws Exception {
        Player forever = clients.guest("forever");

        assertThat(admin.put("/admin/api/mutes/" + forever.name(), Map.of("permanent", true)).status()).isEqualTo(200);

        ModerationEvent muted = forever.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent();
        assertThat(muted.getType()).isEqualTo(ModerationEvent.Type.MUTED);
        assertThat(muted.getUntilMs()).isZero();
        assertThat(muted.getReason()).isEmpty();
    }

    @Test
    void aMuteWithoutATermIsRefusedAndThePlayerChatsOn() throws Exception {
        Player chatty = clients.guest("chatty");

        Reply mute = admin.put("/admin/api/mutes/" + chatty.name(), null);

        assertThat(mute.status()).isEqualTo(400);
        assertThat(mute.json().path("detail").asString()).startsWith("a mute needs a JSON body saying how long it lasts");
        assertThat(chatty.client().sendChat(ChatScope.LOBBY, null, "still here").get(5, TimeUnit.SECONDS).hasAck()).isTrue();
    }

    @Test
    void unmutingSomeoneWhoIsNotMutedIs404AndAuditedAsNotFound() throws Exception {
        Player calm = clients.guest("calm");

        Reply unmute = admin.delete("/admin/api/mutes/" + calm.name());

        assertThat(unmute.status()).isEqualTo(404);
        assertThat(unmute.json().path("code").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(new AuditLog(admin).require("mute.delete", calm.name()).path("outcome").asString()).isEqualTo("NOT_FOUND");
        // Nothing changed, so nothing is said: the next event the player gets is its own chat line.
        calm.client().sendChat(ChatScope.LOBBY, null, "marker").get(5, TimeUnit.SECONDS);
        assertThat(calm.inbox().await(e -> e.hasChatMessage() || e.hasModerationEvent(), WAIT).hasChatMessage()).isTrue();
    }

    @Test
    void mutesInForceAreListed() {
        String name = GameClients.uniqueName("listed");
        admin.put("/admin/api/mutes/" + name, Map.of("duration", "P1D"));

        Reply list = admin.get("/admin/api/mutes?size=500");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsString("user")).contains(name);
    }
}
