package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MuteTest extends AdminScenario {


    @Test
    void aMutedPlayerStaysConnectedButCannotChatUntilUnmuted() throws Exception {
        Player shouter = clients.guest("shouter");

        Reply mute = admin.put("/admin/api/mutes/" + shouter.name(), Map.of("reason", "caps lock"));

        assertThat(mute.status()).as(mute.toString()).isEqualTo(200);
        assertThat(shouter.client().sendChat(ChatScope.LOBBY, null, "HELLO").get(5, TimeUnit.SECONDS)
                .getError().getCode()).isEqualTo(ErrorCode.MUTED);
        assertThat(shouter.client().isOpen()).isTrue();

        assertThat(admin.delete("/admin/api/mutes/" + shouter.name()).status()).isEqualTo(204);

        assertThat(shouter.client().sendChat(ChatScope.LOBBY, null, "hello").get(5, TimeUnit.SECONDS).hasAck()).isTrue();
        AuditLog audit = new AuditLog(admin);
        assertThat(audit.require("mute.put", shouter.name()).path("reason").asString()).isEqualTo("caps lock");
        assertThat(audit.require("mute.delete", shouter.name()).path("actor").asString()).isEqualTo("admin");
    }

    @Test
    void mutesInForceAreListed() {
        String name = GameClients.uniqueName("listed");
        admin.put("/admin/api/mutes/" + name, null);

        Reply list = admin.get("/admin/api/mutes?size=500");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsString("user")).contains(name);
    }
}
