package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.client.DisconnectReason;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import io.tavern.protocol.v1.Welcome;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.RawConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.net.handshake-timeout=1s"})
class HandshakeTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @AfterEach
    void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }

    private GameClients clients() {
        if (clients == null) {
            }
        return clients;
    }

    @Test
    void helloIsAnsweredWithWelcomeCarryingTheSessionHeartbeatAndLimits() throws Exception {
        TavernClient client = clients().connect(o -> o).client();
        Welcome welcome = client.welcome();
        assertThat(welcome.getSessionId()).isNotBlank();
        assertThat(welcome.getServerVersion()).startsWith("tavern/");
        assertThat(welcome.getProtocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
        assertThat(welcome.getHeartbeatIntervalMs()).isPositive();
        assertThat(welcome.getLimits().getMaxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(welcome.getLimits().getMaxChatLength()).isEqualTo(500);
    }

    @Test
    void eachSessionGetsItsOwnIdOf22UrlSafeCharacters() throws Exception {
        String first = clients().connect(o -> o).client().welcome().getSessionId();
        String second = clients().connect(o -> o).client().welcome().getSessionId();
        assertThat(first).isNotEqualTo(second);
        assertThat(List.of(first, second)).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"), "128 bits in base64url");
    }

    @Test
    void anUnsupportedProtocolVersionIsRefusedAndClosed() {
        assertThatThrownBy(() -> clients().connect(o -> o.protocolVersion(99)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ServerErrorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }

    @Test
    void aRequestBeforeHelloIsAProtocolErrorAndCloses() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.writeEnvelope(Envelope.newBuilder().setRequestId(5).setPing(Ping.newBuilder().setNonce(1)).build());
            List<Envelope> replies = raw.readUntilClosed();
            assertThat(replies.get(0).getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
            assertThat(replies.get(0).getRequestId()).isEqualTo(5);
            assertThat(replies.get(1).getGoodbye().getReason()).isEqualTo(Goodbye.Reason.PROTOCOL_ERROR);
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            List<Envelope> replies = raw.readUntilClosed();
            assertThat(replies.get(0).getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_TIMEOUT);
            assertThat(replies.get(0).getError().getMessage()).as("the time-out as it is configured")
                    .isEqualTo("no Hello within 1s");
        }
    }

    @Test
    void aPingIsAnsweredWithAPongOfTheSameNonce() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            raw.writeEnvelope(Envelope.newBuilder().setRequestId(8).setPing(Ping.newBuilder().setNonce(1234)).build());
            Envelope pong = raw.readEnvelope();
            assertThat(pong.getPong().getNonce()).isEqualTo(1234);
            assertThat(pong.getRequestId()).isEqualTo(8);
        }
    }

    @Test
    void aClientGoodbyeEndsTheSessionAndTheServerForgetsIt() throws Exception {
        GameClients.Player player = clients().connect(o -> o);
        player.client().close();
        assertThat(player.inbox().awaitClosed(Duration.ofSeconds(5)).reason()).isEqualTo(DisconnectReason.CLOSED);
        player.client().closeFuture().get(5, TimeUnit.SECONDS);
    }
}
