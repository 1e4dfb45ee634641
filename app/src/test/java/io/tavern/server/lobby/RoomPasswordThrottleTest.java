package io.tavern.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A room's password is guessed no faster than an account's. */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0",
        "tavern.auth.login-attempts.per-name=3", "tavern.auth.login-attempts.backoff=1m"})
class RoomPasswordThrottleTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @Test
    void afterTheLimitOfWrongPasswordsEvenTheRightOneWaitsAndIsToldHowLong() throws Exception {
        Player owner = clients.guest("owner");
        Player guesser = clients.guest("guesser");
        String vault = GameClients.uniqueName("Vault");
        owner.client().createRoom(CreateRoom.newBuilder().setName(vault).setPassword("s3cret").build())
                .get(5, TimeUnit.SECONDS);

        assertThat(GameClients.errorOf(guesser.client().joinRoom(vault, null)).getCode()).as("no password is no guess")
                .isEqualTo(ErrorCode.WRONG_PASSWORD);
        for (String guess : new String[] {"secret", "Secret", "s3cr3t"}) {
            assertThat(GameClients.errorOf(guesser.client().joinRoom(vault, guess)).getCode()).as(guess)
                    .isEqualTo(ErrorCode.WRONG_PASSWORD);
        }
        Error waiting = GameClients.errorOf(guesser.client().joinRoom(vault, "s3cret"));

        assertThat(waiting.getCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(waiting.getRetryAfterMs()).isBetween(1L, 60_000L);
        assertThat(waiting.getMessage()).contains("too many wrong passwords for room '" + vault + "'");
    }
}
