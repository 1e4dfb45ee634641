package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.RoomEvent;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CloseRoomTest extends AdminScenario {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken.as("chief-cal");
    }

    @Test
    void closingARoomTellsItsMembersWhyAndMovesThemToTheLobby() throws Exception {
        Player owner = clients.guest("owner");
        Player guest = clients.guest("member");
        String name = GameClients.uniqueName("Doomed");
        String roomId = owner.client().createRoom(CreateRoom.newBuilder().setName(name).build())
                .get(5, TimeUnit.SECONDS).getRoom().getId();
        guest.client().joinRoom(name, null).get(5, TimeUnit.SECONDS);

        Reply close = admin.delete("/admin/api/rooms/" + roomId + "?reason=maintenance");

        assertThat(close.status()).as(close.toString()).isEqualTo(200);
        assertThat(close.json().path("room").path("state").asString()).isEqualTo("CLOSED");
        assertThat(close.json().path("members").isEmpty()).isTrue();
        for (Player member : new Player[] {owner, guest}) {
            RoomEvent closed = member.inbox().await(e -> e.hasRoomEvent()
                    && e.getRoomEvent().getType() == RoomEventType.ROOM_CLOSED, WAIT).getRoomEvent();
            assertThat(closed.getReason()).isEqualTo("maintenance");
            assertThat(closed.getRoomId()).isEqualTo(roomId);
        }
        // Back in the lobby: lobby chat is accepted again, and the other one hears it there.
        Awaitility.await().atMost(WAIT).until(() -> owner.client()
                .sendChat(ChatScope.LOBBY, null, "are we out?").get(5, TimeUnit.SECONDS).hasAck());
        assertThat(guest.inbox().await(e -> e.hasChatMessage()
                && e.getChatMessage().getText().equals("are we out?"), WAIT).getChatMessage().getScope())
                .isEqualTo(ChatScope.LOBBY);
        assertThat(admin.get("/admin/api/rooms/" + roomId).json().path("code").asString()).isEqualTo("ROOM_NOT_FOUND");

        JsonNode entry = new AuditLog(admin).require("room.close", roomId);
        assertThat(entry.path("actor").asString()).isEqualTo("chief-cal");
        assertThat(entry.path("reason").asString()).isEqualTo("maintenance");
        assertThat(entry.path("details").asString()).contains(name);
    }

    @Test
    void aRoomCanBeNamedByItsNameInThePath() throws Exception {
        Player owner = clients.guest("namer");
        String name = GameClients.uniqueName("ByName");
        owner.client().createRoom(CreateRoom.newBuilder().setName(name).build()).get(5, TimeUnit.SECONDS);

        assertThat(admin.delete("/admin/api/rooms/" + name).status()).isEqualTo(200);
        assertThat(owner.inbox().await(Envelope::hasRoomEvent, WAIT).getRoomEvent().getType())
                .isEqualTo(RoomEventType.ROOM_CLOSED);
    }

    @Test
    void closingARoomThatIsNotOpenIs404WithRoomNotFound() {
        Reply close = admin.delete("/admin/api/rooms/no-such-room");

        assertThat(close.status()).isEqualTo(404);
        assertThat(close.json().path("code").asString()).isEqualTo("ROOM_NOT_FOUND");
    }
}
