package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.db.Database;
import io.tavern.db.DatabaseConfig;
import io.tavern.db.chat.StoredChat;
import io.tavern.server.resilience.ChatLoad.Chatter;
import io.tavern.server.resilience.ChatLoad.Line;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, graceful shutdown under load: the packaged server in a JVM of its own, thirty players
 * chatting in three rooms, and SIGTERM, as an orchestrator sends it. Every player is told
 * {@code Goodbye(SERVER_SHUTDOWN)}, the process exits, and every line the server acked is in the
 * archive, read straight from the embedded database's files afterwards.
 */
class GracefulShutdownUnderLoadIT {

    @TempDir
    Path dataDir;

    @Test
    void sigtermDuringRoomChatSaysGoodbyeToEveryPlayerAndArchivesEveryAckedLine() throws Exception {
        Set<Line> acked = new HashSet<>();
        Path log = Path.of("target", "it-logs", "graceful-shutdown-under-load.log");
        try (ServerProcess server = ServerProcess.start(log, "tavern.db.embedded-dir=" + dataDir,
                "tavern.chat.rate-limit.per-second=0");
             GameClients clients = new GameClients(server.awaitReady(Duration.ofSeconds(90)).gamePort())) {
            ChatLoad load = ChatLoad.inRooms(clients, 3, 10);
            load.start(Duration.ofMillis(50));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.ackedCount() >= 500);

            int exitCode = server.terminate(Duration.ofSeconds(60)); // SIGTERM, mid-conversation
            load.stop();

            for (Chatter chatter : load.chatters()) {
                assertThat(chatter.player().inbox().awaitClosed(Duration.ofSeconds(15)).reason())
                        .as("how %s was let go", chatter.player().name()).isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
            }
            load.acked().forEach(line -> acked.add(line.line()));
            assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 128 + 15);
            assertThat(server.log()).contains("saying Goodbye to", "game port closed");
            assertThat(server.leakReports()).as("buffers the server never released").isEmpty();
        }

        try (Database database = Database.open(DatabaseConfig.embedded(dataDir))) {
            List<Line> archived = database.submit(StoredChat::messages).get(30, TimeUnit.SECONDS).stream()
                    .filter(message -> message.scope() == io.tavern.db.chat.ChatScope.ROOM)
                    .map(message -> new Line(message.roomId(), message.text())).toList();
            assertThat(acked).as("acked lines").hasSizeGreaterThanOrEqualTo(500);
            assertThat(new HashSet<>(archived)).as("the archive after the shutdown").containsAll(acked);
            assertThat(archived).as("each line archived once").doesNotHaveDuplicates();
        }
    }
}
