package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@AdminServerTest
class AnnouncementTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int httpPort;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    AdminHttp admin;
    Player inLobby;
    Player redOne;
    Player redTwo;
    Player blue;
    String red;

    @BeforeEach
    void playersInTheLobbyAndInTwoRooms() throws Exception {
        admin = AdminHttp.withToken(httpPort);
        inLobby = clients.guest("lobbyist");
        redOne = clients.guest("red");
        redTwo = clients.guest("red");
        blue = clients.guest("blue");
        red = GameClients.uniqueName("Red");
        redOne.client().createRoom(CreateRoom.newBuilder().setName(red).build()).get(5, TimeUnit.SECONDS);
        redTwo.client().joinRoom(red, null).get(5, TimeUnit.SECONDS);
        blue.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Blue")).build())
                .get(5, TimeUnit.SECONDS);
    }

    private static ChatMessage nextSystemMessage(Player player) throws InterruptedException {
        return player.inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getScope() == ChatScope.SYSTEM, WAIT)
                .getChatMessage();
    }

    @Test
    void anAnnouncementToEveryoneReachesTheLobbyAndEveryRoom() throws Exception {
        Reply reply = admin.post("/admin/api/announcements", Map.of("text", "restart at noon"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().path("rooms").asInt()).isGreaterThanOrEqualTo(2);
        for (Player player : List.of(inLobby, redOne, redTwo, blue)) {
            ChatMessage message = nextSystemMessage(player);
            assertThat(message.getText()).as(player.name()).isEqualTo("restart at noon");
            assertThat(message.getFrom()).isEmpty();
        }
        assertThat(new AuditLog(admin).require("announcement", "everyone").path("details").asString())
                .isEqualTo("restart at noon");
    }

    @Test
    void anAnnouncementToOneRoomReachesOnlyItsMembers() throws Exception {
        Reply reply = admin.post("/admin/api/announcements", Map.of("text", "red team: regroup", "room", red));

        assertThat(reply.status()).isEqualTo(202);
        String roomId = reply.json().path("room").asString();
        for (Player member : List.of(redOne, redTwo)) {
            ChatMessage message = nextSystemMessage(member);
            assertThat(message.getText()).isEqualTo("red team: regroup");
            assertThat(message.getRoomId()).isEqualTo(roomId);
        }
        // The next system message the others get is a later one: they never saw the room's.
        admin.post("/admin/api/announcements", Map.of("text", "marker"));
        for (Player outsider : List.of(inLobby, blue)) {
            assertThat(nextSystemMessage(outsider).getText()).as(outsider.name()).isEqualTo("marker");
        }
        assertThat(new AuditLog(admin).require("announcement", roomId).path("details").asString())
                .isEqualTo("red team: regroup");
    }

    @Test
    void anEmptyAnnouncementIsRefusedWithTheChatCode() {
        Reply reply = admin.post("/admin/api/announcements", Map.of("text", " \u0007 "));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("EMPTY_MESSAGE");
    }

    @Test
    void anAnnouncementToARoomThatIsNotOpenIs404() {
        Reply reply = admin.post("/admin/api/announcements", Map.of("text", "hello?", "room", "Atlantis"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("code").asString()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void controlCharactersAreTakenOutOfTheTextAsForPlayers() throws Exception {
        Reply reply = admin.post("/admin/api/announcements", Map.of("text", "  mind\u0000 the gap \u0007"));

        assertThat(reply.json().path("text").asString()).isEqualTo("mind the gap");
        assertThat(nextSystemMessage(inLobby).getText()).isEqualTo("mind the gap");
        assertThat(inLobby.inbox().drain()).noneMatch(Envelope::hasError);
    }
}
