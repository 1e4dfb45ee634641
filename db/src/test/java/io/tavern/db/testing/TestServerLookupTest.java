package io.tavern.db.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * How a test server is found: the environment's url first, else the local default, each checked with a real
 * connection; absent, a skip that says where it looked and what to set, or a failure when it is required.
 */
class TestServerLookupTest {

    /** A server handle that is just its address; the check connects to it over TCP. */
    private record Address(String host, int port) {
        static Address of(String url) {
            String hostAndPort = url.substring(url.indexOf("//") + 2);
            int colon = hostAndPort.lastIndexOf(':');
            return new Address(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        }

        void connect() throws IOException {
            new Socket(host, port).close();
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private static TestServerLookup<Address> lookup(String defaultUrl, Map<String, String> environment) {
        return new TestServerLookup<>("Thing", "THING_URL", "REQUIRE_THING", defaultUrl, Address::of,
                Address::toString, Address::connect, environment::get);
    }

    /** A loopback port that nothing listens on: connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void withoutTheVariableTheServerAtTheDefaultAddressIsUsedWhenItAnswers() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestServerLookup<Address> found = lookup("thing://127.0.0.1:" + listening.getLocalPort(), Map.of());

            assertThat(found.find()).contains(new Address("127.0.0.1", listening.getLocalPort()));
            assertThat(found.absence()).isNull();
            assertThat(found.requireOrSkip()).isEqualTo(new Address("127.0.0.1", listening.getLocalPort()));
        }
    }

    @Test
    void theVariableOverridesTheDefaultAddress() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestServerLookup<Address> found = lookup("thing://127.0.0.1:" + closedPort(),
                    Map.of("THING_URL", "thing://127.0.0.1:" + listening.getLocalPort()));

            assertThat(found.find()).contains(new Address("127.0.0.1", listening.getLocalPort()));
        }
    }

    @Test
    void aDefaultAddressThatDoesNotAnswerSkipsSayingWhereItLookedAndWhatToSet() throws IOException {
        int port = closedPort();
        TestServerLookup<Address> absent = lookup("thing://127.0.0.1:" + port, Map.of());

        assertThat(absent.find()).isEmpty();
        assertThat(absent.absence()).isEqualTo("Thing not reachable at 127.0.0.1:" + port + " (set THING_URL)");
        assertThatThrownBy(absent::requireOrSkip).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Thing not reachable at 127.0.0.1:" + port);
    }

    @Test
    void aConfiguredServerThatDoesNotAnswerSaysItCameFromTheVariable() throws IOException {
        int port = closedPort();
        TestServerLookup<Address> absent = lookup("thing://127.0.0.1:1",
                Map.of("THING_URL", "thing://127.0.0.1:" + port));

        assertThat(absent.absence()).isEqualTo("Thing not reachable at 127.0.0.1:" + port + " (from THING_URL)");
    }

    @Test
    void whenRequiredAnAbsentServerFailsTheTestInsteadOfSkippingIt() throws IOException {
        int port = closedPort();
        TestServerLookup<Address> required = lookup("thing://127.0.0.1:" + port, Map.of("REQUIRE_THING", "true"));

        assertThat(required.required()).isTrue();
        assertThatThrownBy(required::requireOrSkip).isInstanceOf(AssertionError.class)
                .hasMessage("REQUIRE_THING=true but Thing not reachable at 127.0.0.1:" + port + " (set THING_URL)");
    }
}
