package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
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
    void aSessionThatAnswersPingsStaysOpenWhileSilent() throws Exception {
        Player quiet = clients.guest("quiet", o -> o.heartbeat(false));
        Player mute = clients.guest("mute", o -> o.heartbeat(false).answerPings(false));
        mute.inbox().awaitClosed(Duration.ofSeconds(5)); // well past the idle time-out
        assertThat(quiet.client().isOpen()).isTrue();
        assertThat(quiet.inbox().isClosed()).isFalse();
    }
}
