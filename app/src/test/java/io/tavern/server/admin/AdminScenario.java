package io.tavern.server.admin;

import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's test stands on: the shared admin test server, game clients on its game port, and
 * an HTTP client holding the admin token.
 */
@AdminServerTest
abstract class AdminScenario {

    @Autowired
    TavernServer server;

    @LocalServerPort
    int httpPort;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();
    AdminHttp admin;

    @BeforeEach
    void connect() {
        admin = adminClient(AdminHttp.withToken(httpPort));
    }

    /** A test that acts as a named operator (for the audit log) says so here. */
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken;
    }
}
