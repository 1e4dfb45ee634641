package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoomQueriesTest extends AdminScenario {


    @Test
    void aRoomShowsItsMembersOwnerMetadataAndState() throws Exception {
        Player host = clients.guest("host");
        Player visitor = clients.guest("visitor");
        String name = GameClients.uniqueName("Keep");
        String id = host.client().createRoom(CreateRoom.newBuilder().setName(name).setCapacity(4).setPrivate(true)
                .putMetadata("mode", "ctf").build()).get(5, TimeUnit.SECONDS).getRoom().getId();
        visitor.client().joinRoom(id, null).get(5, TimeUnit.SECONDS);
        visitor.client().setReady(true).get(5, TimeUnit.SECONDS);

        Reply reply = admin.get("/admin/api/rooms/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode room = reply.json().path("room");
        assertThat(room.path("name").asString()).isEqualTo(name);
        assertThat(room.path("owner").asString()).isEqualTo(host.name());
        assertThat(room.path("state").asString()).isEqualTo("OPEN");
        assertThat(room.path("capacity").asInt()).isEqualTo(4);
        assertThat(room.path("isPrivate").asBoolean()).isTrue();
        assertThat(room.path("metadata").path("mode").asString()).isEqualTo("ctf");
        JsonNode members = reply.json().path("members");
        assertThat(members.findValuesAsString("user")).containsExactly(host.name(), visitor.name());
        assertThat(members.get(0).path("owner").asBoolean()).isTrue();
        assertThat(members.get(1).path("ready").asBoolean()).isTrue();
    }

    @Test
    void roomsAreListedByPartOfTheirNameAndByState() throws Exception {
        String prefix = GameClients.uniqueName("Tower");
        Player a = clients.guest("builder");
        Player b = clients.guest("builder");
        a.client().createRoom(CreateRoom.newBuilder().setName(prefix + " East").setMinPlayers(1).build()).get(5, TimeUnit.SECONDS);
        b.client().createRoom(CreateRoom.newBuilder().setName(prefix + " West").build()).get(5, TimeUnit.SECONDS);
        a.client().setReady(true).get(5, TimeUnit.SECONDS);
        a.client().startGame().get(5, TimeUnit.SECONDS);

        assertThat(names("/admin/api/rooms?name=" + prefix.toLowerCase())).containsExactly(prefix + " East", prefix + " West");
        assertThat(names("/admin/api/rooms?name=" + prefix + "&state=IN_GAME")).containsExactly(prefix + " East");
        assertThat(names("/admin/api/rooms?name=" + prefix + "&state=OPEN")).containsExactly(prefix + " West");
        Reply bogus = admin.get("/admin/api/rooms?state=SLEEPING");
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void aRoomsChatHistoryIsReadNewestFirstPageByPage() throws Exception {
        Player talker = clients.guest("talker");
        String name = GameClients.uniqueName("Archive");
        String id = talker.client().createRoom(CreateRoom.newBuilder().setName(name).build())
                .get(5, TimeUnit.SECONDS).getRoom().getId();
        for (int i = 1; i <= 5; i++) {
            talker.client().sendChat(ChatScope.ROOM, null, "line " + i).get(5, TimeUnit.SECONDS);
        }

        // The archive writes behind: wait until all five are stored.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/admin/api/rooms/" + id + "/history?limit=100").json().path("messages").size() == 5);
        JsonNode newest = admin.get("/admin/api/rooms/" + name + "/history?limit=3").json();
        assertThat(newest.path("messages").findValuesAsString("text")).containsExactly("line 5", "line 4", "line 3");
        assertThat(newest.path("messages").get(0).path("from").asString()).isEqualTo(talker.name());
        // ids are above 2^53: a JSON number would be rounded by JavaScript, so they travel as strings
        assertThat(newest.path("messages").get(0).path("id").isString()).isTrue();
        assertThat(Long.parseLong(newest.path("messages").get(0).path("id").asString())).isGreaterThan(1L << 53);
        String cursor = newest.path("nextCursor").asString();
        JsonNode older = admin.get("/admin/api/rooms/" + id + "/history?limit=3&before=" + cursor).json();
        assertThat(older.path("messages").findValuesAsString("text")).containsExactly("line 2", "line 1");
        assertThat(older.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void aClosedRoomsHistoryIsStillThereForModeration() throws Exception {
        Player talker = clients.guest("evidence");
        String id = talker.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Gone")).build())
                .get(5, TimeUnit.SECONDS).getRoom().getId();
        talker.client().sendChat(ChatScope.ROOM, null, "said before closing").get(5, TimeUnit.SECONDS);
        assertThat(admin.delete("/admin/api/rooms/" + id).status()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/admin/api/rooms/" + id + "/history")
                .json().path("messages").findValuesAsString("text").contains("said before closing"));
    }

    @Test
    void aBadCursorOrLimitIs400() {
        Reply cursor = admin.get("/admin/api/rooms/some-room/history?before=not-a-cursor");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(admin.get("/admin/api/rooms/some-room/history?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/admin/api/rooms/some-room/history?limit=101").status()).isEqualTo(400);
    }

    private List<String> names(String query) {
        Reply reply = admin.get(query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("items").findValuesAsString("name");
    }
}
