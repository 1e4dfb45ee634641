package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Ping;
import io.tavern.server.lobby.RoomDirectory;
import io.tavern.server.session.SessionRegistry;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.RawConnection;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 13, item 4: frames that arrive in the same read as a protocol error, behind the bad frame, are
 * dropped, not served. The offender gets the error and the Goodbye, nothing else, and what it asked
 * for behind the bad frame never happens.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class FramesAfterAProtocolErrorTest {

    /** Field 1 as a length-delimited string whose length runs past the frame: not an Envelope. */
    static final byte[] MALFORMED = RawConnection.frame(3, new byte[] {0x0A, 0x7F, 0x01});

    @Autowired
    TavernServer server;

    @Autowired
    SessionRegistry registry;

    @Autowired
    RoomDirectory directory;

    @Test
    void aRequestWrittenRightBehindAMalformedFrameIsNeverServed() throws Exception {
        String room = GameClients.uniqueName("Behind");
        try (RawConnection raw = new RawConnection(server.port()).hello().loginGuest(GameClients.uniqueName("bad"))) {
            raw.writeBytes(oneWrite(MALFORMED, RawConnection.frame(Envelope.newBuilder().setRequestId(7)
                    .setCreateRoom(CreateRoom.newBuilder().setName(room)).build())));

            assertErrorAndGoodbyeOnly(raw.readUntilClosed(), ErrorCode.MALFORMED_FRAME);
            // The session's executor ran everything dispatched to it before it forgot the session.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> registry.byId(raw.sessionId()).isEmpty());
        }
        assertThat(directory.find(room)).as("the room asked for behind the bad frame").isEmpty();
    }

    @Test
    void aPingWrittenRightBehindAMalformedFrameGetsNoPong() throws Exception {
        try (RawConnection raw = new RawConnection(server.port()).hello()) {
            raw.writeBytes(oneWrite(MALFORMED, RawConnection.frame(Envelope.newBuilder().setRequestId(8)
                    .setPing(Ping.newBuilder().setNonce(42)).build())));

            assertErrorAndGoodbyeOnly(raw.readUntilClosed(), ErrorCode.MALFORMED_FRAME);
        }
    }

    private static void assertErrorAndGoodbyeOnly(List<Envelope> frames, ErrorCode code) {
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).getError().getCode()).isEqualTo(code);
        assertThat(frames.get(1).getGoodbye().getReason()).isEqualTo(Goodbye.Reason.PROTOCOL_ERROR);
    }

    private static byte[] oneWrite(byte[]... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            bytes.writeBytes(frame);
        }
        return bytes.toByteArray();
    }
}
