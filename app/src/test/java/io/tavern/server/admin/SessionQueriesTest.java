package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionQueriesTest extends AdminScenario {


    @Test
    void aSessionShowsWhoItIsWhereItComesFromAndWhereItIs() throws Exception {
        Player wanderer = clients.guest("wanderer");
        String room = GameClients.uniqueName("Inn");
        String roomId = wanderer.client().createRoom(CreateRoom.newBuilder().setName(room).build())
                .get(5, TimeUnit.SECONDS).getRoom().getId();

        Reply reply = admin.get("/admin/api/sessions/" + wanderer.client().welcome().getSessionId());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode session = reply.json();
        assertThat(session.path("user").asString()).isEqualTo(wanderer.name());
        assertThat(session.path("guest").asBoolean()).isTrue();
        assertThat(session.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(session.path("port").asInt()).isEqualTo(wanderer.client().localAddress().getPort());
        assertThat(session.path("connectedAt").asString()).isNotBlank();
        assertThat(session.path("room").path("id").asString()).isEqualTo(roomId);
        assertThat(session.path("room").path("name").asString()).isEqualTo(room);
        assertThat(session.path("queuedBytes").asLong()).isNotNegative();
    }

    @Test
    void sessionsAreFoundByPartOfTheUserNameByRoomAndByAddress() throws Exception {
        String prefix = GameClients.uniqueName("seek");
        Player first = clients.guest(prefix + "a");
        Player second = clients.guest(prefix + "b");
        String room = GameClients.uniqueName("Hideout");
        second.client().createRoom(CreateRoom.newBuilder().setName(room).build()).get(5, TimeUnit.SECONDS);

        assertThat(users("/admin/api/sessions?user=" + prefix.toUpperCase())).containsExactly(first.name(), second.name());
        assertThat(users("/admin/api/sessions?room=" + room.toLowerCase())).containsExactly(second.name());
        assertThat(users("/admin/api/sessions?user=" + prefix + "&ip=127.0.0.1")).hasSize(2);
        assertThat(users("/admin/api/sessions?user=" + prefix + "&ip=10.9.8.7")).isEmpty();
    }

    @Test
    void aLongListComesInPagesWithItsTotal() throws Exception {
        String prefix = GameClients.uniqueName("paged");
        for (int i = 0; i < 3; i++) {
            clients.guest(prefix + "x");
        }

        JsonNode first = admin.get("/admin/api/sessions?user=" + prefix + "&size=2").json();
        JsonNode second = admin.get("/admin/api/sessions?user=" + prefix + "&size=2&page=1").json();

        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("page").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownSessionIs404AndBadPagingIs400() {
        assertThat(admin.get("/admin/api/sessions/nope").json().path("code").asString()).isEqualTo("USER_NOT_FOUND");
        Reply tooBig = admin.get("/admin/api/sessions?size=100000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        Reply notANumber = admin.get("/admin/api/sessions?page=first");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
        assertThat(notANumber.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    private java.util.List<String> users(String query) {
        Reply reply = admin.get(query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("items").findValuesAsString("user");
    }
}
