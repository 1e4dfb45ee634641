package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One client stops reading while twenty others chat flat out: the others lose nothing, the stalled
 * one is closed as a slow consumer, and what the server holds for it never exceeds the send-queue
 * limit.
 */
@SpringBootTest(properties = {
        "tavern.net.port=0", "server.port=0",
        "tavern.chat.rate-limit.per-second=0",
        "tavern.net.send-queue-limit=256KB",
        "tavern.net.socket-send-buffer=16KB"})
class StalledReaderTest {

    @Autowired
    TavernServer server;

    @Autowired
    SessionRegistry registry;

    @Autowired
    SendStats sendStats;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @Test
    void aStalledReaderIsClosedAsSlowConsumerWhileTheOthersReceiveEverything() throws Exception {
        Player stalled = clients.guest("stalled", o -> o.receiveBufferBytes(4096).heartbeat(false));
        List<Player> chatters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chatters.add(clients.guest("busy"));
        }
        Session stalledSession = registry.byName(stalled.name()).orElseThrow();
        long limit = stalledSession.sendQueue().limitBytes();
        long slowClosesBefore = sendStats.slowConsumerCloses();
        stalled.client().setReading(false);

        AtomicLong maxQueued = new AtomicLong();
        int perSender = 150;
        String padding = "x".repeat(200);
        // Flat out, but in rounds: each sender waits for its acks before the next round, as a real
        // client with a window does. An unpaced burst could overflow a healthy reader's queue too.
        for (int n = 0; n < perSender; n++) {
            List<CompletableFuture<Envelope>> acks = new ArrayList<>();
            for (Player sender : chatters) {
                acks.add(sender.client().sendChat(ChatScope.LOBBY, null, n + " " + padding));
            }
            for (CompletableFuture<Envelope> ack : acks) {
                assertThat(ack.get(20, TimeUnit.SECONDS).hasAck()).isTrue();
            }
            maxQueued.accumulateAndGet(stalledSession.sendQueue().queuedBytes(), Math::max);
        }

        for (Player receiver : chatters) {
            List<ChatMessage> got = receiver.inbox().awaitChats(perSender * chatters.size(), Duration.ofSeconds(20));
            assertThat(got).hasSize(perSender * chatters.size());
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !stalledSession.channel().isActive());
        assertThat(stalledSession.closeReason()).hasToString("SLOW_CONSUMER");
        assertThat(sendStats.slowConsumerCloses()).isGreaterThan(slowClosesBefore);
        assertThat(maxQueued.get()).isLessThanOrEqualTo(limit + 1024); // one frame may overshoot before the close
        assertThat(stalledSession.sendQueue().queuedBytes()).isLessThanOrEqualTo(limit);

        stalled.client().setReading(true); // what it reads now ends in the close
        assertThat(stalled.inbox().awaitClosed(Duration.ofSeconds(10)).reason())
                .isIn(DisconnectReason.SLOW_CONSUMER, DisconnectReason.NETWORK);
    }
}
