package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.TooLongFrameException;
import io.tavern.client.ClientOptions;
import io.tavern.client.ConnectionClosedException;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.DisconnectReason;
import io.tavern.client.ProtocolMismatchException;
import io.tavern.client.RequestTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a person is told when connecting fails or a connection is lost: plain words, never the transport's. */
class ConnectionTroubleTest {

    private static ConnectionTrouble connecting(Throwable failure, String host, int port) {
        return ConnectionTrouble.connecting(failure, ClientOptions.builder().host(host).port(port)
                .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(30)).build());
    }

    @Test
    void anUnknownHostSaysTheNameDoesNotResolve() {
        ConnectionTrouble trouble = connecting(new UnknownHostException("nosuch.example"), "nosuch.example", 7777);

        assertThat(trouble.kind()).isEqualTo(ConnectionTrouble.Kind.UNKNOWN_HOST);
        assertThat(trouble.message()).isEqualTo("cannot resolve host 'nosuch.example'; is the name right?");
    }

    @Test
    void aPortWrittenIntoTheHostIsPointedOut() {
        assertThat(connecting(new UnknownHostException("localhost:7777"), "localhost:7777", 7777).message())
                .isEqualTo("cannot resolve host 'localhost:7777'; give the port with --port, not in --host");
    }

    @Test
    void aRefusedConnectionSaysNothingListensAndNamesTheDefaultGamePort() {
        ConnectionTrouble trouble = connecting(new ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: localhost/127.0.0.1:7778"), "localhost", 7778);

        assertThat(trouble.kind()).isEqualTo(ConnectionTrouble.Kind.REFUSED);
        assertThat(trouble.message()).isEqualTo(
                "nothing is listening on localhost:7778 — is the server running? (the game port is 7777 by default)");
        assertThat(connecting(new ConnectException("refused"), "localhost", 7777).message())
                .isEqualTo("nothing is listening on localhost:7777 — is the server running?");
    }

    @Test
    void aConnectTimeoutSaysHowLongItWaited() {
        ConnectionTrouble trouble = connecting(new ConnectTimeoutException("connection timed out after 10000 ms: /10.0.0.1:7777"),
                "10.0.0.1", 7777);

        assertThat(trouble.kind()).isEqualTo(ConnectionTrouble.Kind.TIMEOUT);
        assertThat(trouble.message()).isEqualTo("no answer from 10.0.0.1:7777 within 10 s; is the host up, or a firewall in the way?");
    }

    @Test
    void aPeerThatIsNotTavernIsCalledSoWithAHintAtTheHttpPort() {
        ConnectionTrouble trouble = connecting(new ProtocolMismatchException("localhost:8080 sent what is not a Tavern frame",
                new TooLongFrameException("Adjusted frame length exceeds 16777220: 1213486164 - discarded")), "localhost", 8080);

        assertThat(trouble.kind()).isEqualTo(ConnectionTrouble.Kind.NOT_TAVERN);
        assertThat(trouble.message()).isEqualTo(
                "localhost:8080 does not speak the Tavern protocol (is it the HTTP port? the game port is 7777 by default)");
    }

    @Test
    void aPeerThatTakesTheConnectionButSaysNothingOrHangsUpIsAskedAbout() {
        assertThat(connecting(new RequestTimeoutException(1, 30_000), "localhost", 9000).kind())
                .isEqualTo(ConnectionTrouble.Kind.SILENT);
        assertThat(connecting(new TimeoutException(), "localhost", 9000).message())
                .isEqualTo("localhost:9000 took the connection but did not answer within 30 s; is it a Tavern server?"
                        + " (the game port is 7777 by default)");
        ConnectionTrouble closed = connecting(new ConnectionClosedException(new DisconnectInfo(DisconnectReason.NETWORK,
                "the server closed the connection", null, null)), "localhost", 9000);
        assertThat(closed.kind()).isEqualTo(ConnectionTrouble.Kind.CLOSED);
        assertThat(closed.message()).doesNotContain("NETWORK");
    }

    @Test
    void aLostConnectionKeepsTheServersAndThisClientsOwnWordsButNotTheTransports() {
        assertThat(ConnectionTrouble.lost(new DisconnectInfo(DisconnectReason.SERVER_SHUTDOWN, "maintenance", null, null)))
                .isEqualTo("maintenance");
        assertThat(ConnectionTrouble.lost(new DisconnectInfo(DisconnectReason.NETWORK, "the server sent nothing for 30000 ms",
                null, new TimeoutException("the server sent nothing for 30000 ms"))))
                .isEqualTo("the server sent nothing for 30000 ms");
        assertThat(ConnectionTrouble.lost(new DisconnectInfo(DisconnectReason.NETWORK, "readAddress(..) failed: Connection reset by peer",
                null, new IOException("readAddress(..) failed: Connection reset by peer"))))
                .isEqualTo("reset by the network or the server");
    }
}
