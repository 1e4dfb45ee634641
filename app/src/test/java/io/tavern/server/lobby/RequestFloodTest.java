package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A client's inbound queue is bounded: a flood is refused with RATE_LIMITED (or closed), not queued without end. */
// A short inbound queue, so that the flood fills it however fast this machine runs the requests.
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.logic.session-queue-limit=16"})
class RequestFloodTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @Test
    void aClientFloodingRequestsIsRateLimitedOrClosedWhileOthersCarryOn() throws Exception {
        Player flooder = clients.guest("flooder");
        Player bystander = clients.guest("calm");
        List<CompletableFuture<Envelope>> replies = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            replies.add(flooder.client().request(Envelope.newBuilder()
                    .setListRooms(io.tavern.protocol.v1.ListRooms.getDefaultInstance())));
        }
        long limited = 0;
        for (CompletableFuture<Envelope> reply : replies) {
            try {
                Envelope envelope = reply.get(20, TimeUnit.SECONDS);
                if (envelope.hasError()) {
                    assertThat(envelope.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
                    limited++;
                }
            } catch (ExecutionException closedMeanwhile) {
                limited++; // closed as FLOODING before this one was answered
            }
        }
        assertThat(limited).isPositive();
        assertThat(bystander.client().sendChat(ChatScope.LOBBY, null, "unbothered").get(5, TimeUnit.SECONDS).hasAck()).isTrue();
    }
}
