package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Hello;
import io.tavern.protocol.v1.LoginGuest;
import io.tavern.protocol.v1.SendChat;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.RawConnection;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Each kind of bad input gets its typed error and a close, and two bystanders keep chatting through
 * all of it.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.net.handshake-timeout=1s"})
class HostileInputTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    Player alice;
    Player bob;

    @BeforeEach
    void bystanders() throws Exception {
        alice = clients.guest("alice");
        bob = clients.guest("bob");
    }

    @AfterEach
    void bystandersStillChat() throws Exception {
        String text = "still here " + System.nanoTime();
        assertThat(alice.client().sendChat(ChatScope.LOBBY, null, text).get(5, TimeUnit.SECONDS).hasAck()).isTrue();
        ChatMessage got = bob.inbox().await(e -> e.hasChatMessage() && e.getChatMessage().getText().equals(text),
                Duration.ofSeconds(5)).getChatMessage();
        assertThat(got.getFrom()).isEqualTo(alice.name());
        assertThat(alice.client().isOpen()).isTrue();
        assertThat(bob.client().isOpen()).isTrue();
    }

    private static void assertErrorThenClose(List<Envelope> frames, ErrorCode expected) {
        assertThat(frames).isNotEmpty();
        assertThat(frames.get(0).getError().getCode()).isEqualTo(expected);
        assertThat(frames.get(frames.size() - 1).getGoodbye().getReason()).isEqualTo(Goodbye.Reason.PROTOCOL_ERROR);
    }

    @Test
    void aFrameOverTheLimitBeforeLoginIsFrameTooLargeAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            Envelope welcome = raw.hello().welcome();
            assertThat(welcome.getWelcome().getLimits().getMaxFrameBytesBeforeLogin()).isEqualTo(1024);
            raw.writeFrame(2048, new byte[2048]);
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.FRAME_TOO_LARGE);
        }
    }

    @Test
    void aFrameOverTheLimitBeforeHelloIsFrameTooLargeAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.writeFrame(2048, new byte[2048]);
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.FRAME_TOO_LARGE);
        }
    }

    @Test
    void afterLoginAFrameOverThePreLoginLimitIsAccepted() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.hello();
            raw.writeEnvelope(Envelope.newBuilder().setRequestId(2)
                    .setLoginGuest(LoginGuest.newBuilder().setName(GameClients.uniqueName("big"))).build());
            assertThat(raw.readEnvelope().hasLoginOk()).isTrue();
            String text = "\u20ac".repeat(500); // 1 500 bytes of UTF-8: over the pre-login limit, under the maximum
            Envelope chat = Envelope.newBuilder().setRequestId(3)
                    .setSendChat(SendChat.newBuilder().setScope(ChatScope.LOBBY).setText(text)).build();
            assertThat(chat.getSerializedSize()).isGreaterThan(1024);
            raw.writeEnvelope(chat);
            Envelope reply;
            do {
                reply = raw.readEnvelope();
            } while (reply.getRequestId() != 3);
            assertThat(reply.hasAck()).as("reply %s", reply).isTrue();
        }
    }

    @Test
    void randomBytesAreAMalformedFrameAndClose() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0; // a length under the limit before login, so the body is judged, not the length
        noise[1] = 0;
        noise[2] = 0x03;
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            raw.writeBytes(noise);
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.MALFORMED_FRAME);
        }
    }

    @Test
    void anOversizedLengthPrefixIsFrameTooLargeAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            raw.writeFrame(64 * 1024 + 1, new byte[0]);
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.FRAME_TOO_LARGE);
        }
    }

    @Test
    void aNegativeLengthPrefixIsFrameTooLargeAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            raw.writeFrame(-1, new byte[0]);
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.FRAME_TOO_LARGE);
        }
    }

    @Test
    void aFrameCutShortByTheEndOfTheStreamIsMalformedAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            raw.writeFrame(100, new byte[10]);
            raw.shutdownOutput();
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.MALFORMED_FRAME);
        }
    }

    @Test
    void garbageProtobufIsMalformedAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            // field 1 as a length-delimited string whose length runs past the frame
            raw.writeFrame(3, new byte[] {0x0A, 0x7F, 0x01});
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.MALFORMED_FRAME);
        }
    }

    @Test
    void garbageBeforeTheHandshakeIsAlsoMalformedAndClose() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.writeFrame(2, new byte[] {(byte) 0xFF, (byte) 0xFF});
            assertErrorThenClose(raw.readUntilClosed(), ErrorCode.MALFORMED_FRAME);
        }
    }

    @Test
    void aClientThatNeverSaysHelloIsClosedWithHandshakeTimeout() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            List<Envelope> frames = raw.readUntilClosed();
            assertThat(frames.get(0).getError().getCode()).isEqualTo(ErrorCode.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void anUnknownFieldNumberIsAnUnknownMessageAndTheSessionStaysOpen() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            // request_id 3, then field 999 (varint 1): a well-formed Envelope with a body this server does not know
            byte[] body = {0x08, 0x03, (byte) 0xB8, 0x3E, 0x01};
            raw.writeFrame(body.length, body);
            Envelope reply = raw.readEnvelope();
            assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE);
            assertThat(reply.getRequestId()).isEqualTo(3);
            raw.writeEnvelope(Envelope.newBuilder().setRequestId(4)
                    .setHello(Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)).build());
            assertThat(raw.readEnvelope().getError().getCode()).isEqualTo(ErrorCode.INVALID_STATE);
        }
    }
}
