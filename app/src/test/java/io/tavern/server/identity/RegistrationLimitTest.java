package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Register;
import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** One address creates a bounded number of accounts, however many sessions it opens. */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0",
        "tavern.auth.registration.per-address=2", "tavern.auth.registration.window=1h"})
class RegistrationLimitTest {

    @Autowired
    TavernServer server;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    private Envelope register(String name) throws Exception {
        TavernClient client = clients.connect(o -> o).client();
        return client.request(Envelope.newBuilder().setRegister(Register.newBuilder().setName(name)
                .setPassword("correct horse"))).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAddressCreatesTheLimitThenIsToldWhenItMayCreateMore() throws Exception {
        String first = GameClients.uniqueName("First");
        assertThat(register(first).hasLoginOk()).isTrue();
        assertThat(register(first).getError().getCode()).as("a name taken creates nothing and counts nothing")
                .isEqualTo(ErrorCode.NAME_TAKEN);
        assertThat(register(GameClients.uniqueName("Second")).hasLoginOk()).isTrue();

        Error third = register(GameClients.uniqueName("Third")).getError();

        assertThat(third.getCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(third.getMessage()).contains("too many accounts created from your address");
        assertThat(third.getRetryAfterMs()).isBetween(1L, 3_600_000L);
    }
}
