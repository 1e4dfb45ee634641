package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RunningServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every I/O model the server offers carries the same conversation; AUTO takes the best available. */
class TransportTest {

    @ParameterizedTest
    @CsvSource({"nio,nio", "epoll,epoll", "io_uring,io_uring", "auto,epoll"})
    void theServerChatsOnEachTransport(String configured, String expected) throws Exception {
        try (RunningServer server = RunningServer.start("tavern.net.transport=" + configured);
             GameClients clients = new GameClients(server.port())) {
            TavernServer tavern = server.bean(TavernServer.class);
            // AUTO prefers epoll, the cheapest per delivery on Linux (see IoTransport); io_uring is one setting away.
            assertThat(tavern.transportName()).isEqualTo(expected);
            Player alice = clients.guest("alice");
            Player bob = clients.guest("bob");
            alice.client().sendChat(ChatScope.LOBBY, null, "over " + configured).get(5, TimeUnit.SECONDS);
            assertThat(bob.inbox().awaitChats(1, Duration.ofSeconds(5)).get(0).getText()).isEqualTo("over " + configured);
        }
    }
}
