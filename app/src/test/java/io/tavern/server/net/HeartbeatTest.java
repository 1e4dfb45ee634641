package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.client.DisconnectReason;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0",
        "tavern.net.heartbeat-interval=300ms", "tavern.net.idle-timeout=1500ms"})
class HeartbeatTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @Test
    void aSilentSessionIsPingedAndOneThatNeverAnswersIsClosedAsIdle() throws Exception {
        Player mute = clients.guest("mute", o -> o.heartbeat(false).answerPings(false));
        assertThat(mute.inbox().awaitClosed(Duration.ofSeconds(5)).reason()).isEqualTo(DisconnectReason.IDLE_TIMEOUT);
    }

    @Test
    void everyOpenConnectionIsInItsLoopsHeartbeatAndNoClosedOneStays() throws Exception {
        // Connections of tests before this one close after they end: wait for them, not for a time.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionsWithAHeartbeat() == 0);
        List<Player> players = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            players.add(clients.guest("beat", o -> o.heartbeat(false))); // silent but for answering pings
        }
        assertThat(server.connectionsWithAHeartbeat()).isEqualTo(5);
        // Closed out of order: each leaves its slot to another without losing one.
        for (int i : new int[] {1, 3, 0}) {
            players.get(i).client().close();
            players.get(i).inbox().awaitClosed(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionsWithAHeartbeat() == 2);
        // The two left, whose slots moved, are still pinged: silent but for their answers, they outlast the idle
        // time-out only because they are. A client that does not answer, connected after them, being closed as idle
        // is what says the time-out has passed.
        Player mute = clients.guest("mute", o -> o.heartbeat(false).answerPings(false));
        assertThat(mute.inbox().awaitClosed(Duration.ofSeconds(5)).reason()).isEqualTo(DisconnectReason.IDLE_TIMEOUT);
        assertThat(players.get(2).client().isOpen()).isTrue();
        assertThat(players.get(4).client().isOpen()).isTrue();
    }

    @Test
    void aSessionThatAnswersPingsStaysOpenWhileSilent() throws Exception {
        Player quiet = clients.guest("quiet", o -> o.heartbeat(false));
        Player mute = clients.guest("mute", o -> o.heartbeat(false).answerPings(false));
        mute.inbox().awaitClosed(Duration.ofSeconds(5)); // well past the idle time-out
        assertThat(quiet.client().isOpen()).isTrue();
        assertThat(quiet.inbox().isClosed()).isFalse();
    }
}
