package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.client.DisconnectInfo;
import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RawConnection;
import io.tavern.server.testing.RunningServer;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void shutdownSaysGoodbyeToEverySessionAfterWhatWasAlreadyQueuedThenStopsAccepting() throws Exception {
        RunningServer server = RunningServer.start("tavern.chat.rate-limit.per-second=0");
        int port = server.port();
        try (GameClients clients = new GameClients(port)) {
            List<Player> players = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                players.add(clients.guest("bye"));
            }
            List<CompletableFuture<Envelope>> acks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                acks.add(players.get(0).client().sendChat(ChatScope.LOBBY, null, "last words " + i));
            }
            for (CompletableFuture<Envelope> ack : acks) {
                assertThat(ack.get(5, TimeUnit.SECONDS).hasAck()).isTrue();
            }

            server.close();

            for (Player player : players) {
                // every acked message arrived before the Goodbye
                assertThat(player.inbox().awaitChats(50, Duration.ofSeconds(5))).hasSize(50);
                DisconnectInfo info = player.inbox().awaitClosed(Duration.ofSeconds(15));
                assertThat(info.reason()).isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
            }
            assertThat(refused(port)).as("the game port no longer accepts").isTrue();
        }
    }

    @Test
    void aConnectionStillOpenWhenTheDrainEndsIsClosedWithTheEventLoops() throws Exception {
        RunningServer server = RunningServer.start("tavern.shutdown.network-drain=500ms",
                "tavern.shutdown.network-close=5s", "tavern.net.handshake-timeout=60s");
        try (RawConnection silent = new RawConnection(server.port())) {
            // It never says Hello: no session, so no Goodbye, and its handshake time-out is far off. Only the
            // end of the drain can close it.
            NetworkStats stats = server.bean(NetworkStats.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> stats.currentConnections() == 1);
            long started = System.nanoTime();

            server.close();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the drain waited for it")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(silent.readUntilClosed()).as("closed without a word: it never had a session").isEmpty();
            assertThat(stats.currentConnections()).isZero();
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
