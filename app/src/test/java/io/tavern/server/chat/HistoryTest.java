package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.HistoryPage;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat history from the archive: paged, by scope, and still there after the server restarts. */
class HistoryTest {

    @TempDir
    Path dataDir;

    private RunningServer start() {
        return RunningServer.start("tavern.db.embedded-dir=" + dataDir, "tavern.chat.rate-limit.per-second=0",
                "tavern.rooms.empty-grace=100ms");
    }

    private static HistoryPage history(Player player, History.Builder query) throws Exception {
        return player.client().history(query.build()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void lobbyHistorySurvivesARestartAndPagesWithoutGapsOrRepeats() throws Exception {
        List<String> sent = new ArrayList<>();
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            Player alice = clients.guest("alice");
            for (int i = 0; i < 120; i++) {
                String text = "line " + i;
                sent.add(text);
                assertThat(alice.client().sendChat(ChatScope.LOBBY, null, text).get(5, TimeUnit.SECONDS).hasAck()).isTrue();
            }
        } // a graceful shutdown flushes the archive before the database closes

        assertThat(Files.list(dataDir).toList()).isNotEmpty();
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            Player bob = clients.guest("bob");
            List<String> read = new ArrayList<>();
            String cursor = "";
            do {
                HistoryPage page = history(bob, History.newBuilder().setScope(ChatScope.LOBBY).setLimit(50).setBefore(cursor));
                page.getMessagesList().forEach(m -> read.add(0, m.getText()));
                cursor = page.getNextCursor();
            } while (!cursor.isEmpty());
            assertThat(read).containsExactlyElementsOf(sent); // newest-first pages, put back in order
        }
    }

    @Test
    void roomHistoryBelongsToTheRoomNotItsName() throws Exception {
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            Player alice = clients.guest("alice");
            String name = GameClients.uniqueName("Reused");
            alice.client().createRoom(CreateRoom.newBuilder().setName(name).build()).get(5, TimeUnit.SECONDS);
            alice.client().sendChat(ChatScope.ROOM, null, "from the first room").get(5, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                    history(alice, History.newBuilder().setScope(ChatScope.ROOM)).getMessagesCount() == 1);
            alice.client().leaveRoom().get(5, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alice.client()
                    .createRoom(CreateRoom.newBuilder().setName(name).build())
                    .handle((details, failure) -> failure == null).get(5, TimeUnit.SECONDS));
            assertThat(history(alice, History.newBuilder().setScope(ChatScope.ROOM)).getMessagesList()).isEmpty();
        }
    }

    @Test
    void whisperHistoryIsTheConversationBetweenTwoPlayers() throws Exception {
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            Player alice = clients.guest("alice");
            Player bob = clients.guest("bob");
            alice.client().sendChat(ChatScope.WHISPER, bob.name(), "hi bob").get(5, TimeUnit.SECONDS);
            bob.client().sendChat(ChatScope.WHISPER, alice.name(), "hi alice").get(5, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    history(alice, History.newBuilder().setScope(ChatScope.WHISPER).setPeer(bob.name())).getMessagesList())
                    .extracting(ChatMessage::getText).containsExactly("hi alice", "hi bob"));
        }
    }

    @Test
    void badHistoryQueriesAreInvalidArguments() throws Exception {
        try (RunningServer server = start(); GameClients clients = new GameClients(server.port())) {
            Player alice = clients.guest("alice");
            Envelope tooMany = alice.client().request(Envelope.newBuilder().setHistory(History.newBuilder()
                    .setScope(ChatScope.LOBBY).setLimit(101))).get(5, TimeUnit.SECONDS);
            assertThat(tooMany.getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            Envelope badCursor = alice.client().request(Envelope.newBuilder().setHistory(History.newBuilder()
                    .setScope(ChatScope.LOBBY).setBefore("not-a-cursor"))).get(5, TimeUnit.SECONDS);
            assertThat(badCursor.getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            Envelope notInRoom = alice.client().request(Envelope.newBuilder().setHistory(History.newBuilder()
                    .setScope(ChatScope.ROOM))).get(5, TimeUnit.SECONDS);
            assertThat(notInRoom.getError().getCode()).isEqualTo(ErrorCode.NOT_IN_ROOM);
        }
    }
}
