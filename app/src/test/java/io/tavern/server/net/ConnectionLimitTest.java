package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.testing.GameClients;
import java.net.InetAddress;
import java.util.concurrent.ExecutionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0",
        "tavern.net.max-connections=4", "tavern.net.max-connections-per-ip=2"})
class ConnectionLimitTest {

    @Autowired
    TavernServer server;

    @Autowired
    NetworkStats stats;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    @BeforeEach
    void waitForEarlierConnectionsToClose() {
        Awaitility.await().until(() -> stats.currentConnections() == 0);
    }

    private void connectFrom(String address) throws Exception {
        clients.connect(o -> o.bindAddress(addressOf(address)));
    }

    private static InetAddress addressOf(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertRefusedWith(ErrorCode code, ThrowingConnect connect) {
        assertThatThrownBy(connect::run)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ServerErrorException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    interface ThrowingConnect {
        void run() throws Exception;
    }

    @Test
    void oneAddressBeyondItsLimitIsToldTooManyConnections() throws Exception {
        long before = stats.rejectedConnections(ErrorCode.TOO_MANY_CONNECTIONS);
        connectFrom("127.0.0.1");
        connectFrom("127.0.0.1");
        assertRefusedWith(ErrorCode.TOO_MANY_CONNECTIONS, () -> connectFrom("127.0.0.1"));
        connectFrom("127.0.0.2"); // another address still gets in
        assertThat(stats.rejectedConnections(ErrorCode.TOO_MANY_CONNECTIONS)).isEqualTo(before + 1);
    }

    @Test
    void beyondTheTotalLimitEveryoneIsToldServerFull() throws Exception {
        connectFrom("127.0.0.3");
        connectFrom("127.0.0.3");
        connectFrom("127.0.0.4");
        connectFrom("127.0.0.4");
        assertRefusedWith(ErrorCode.SERVER_FULL, () -> connectFrom("127.0.0.5"));
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws Exception {
        connectFrom("127.0.0.6");
        GameClients.Player second = clients.connect(o -> o.bindAddress(addressOf("127.0.0.6")));
        second.client().close();
        Awaitility.await().until(() -> stats.currentConnections() == 1);
        connectFrom("127.0.0.6");
    }
}
