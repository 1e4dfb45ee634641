package io.tavern.server.admin;

import io.tavern.server.net.TavernServer;
import io.tavern.server.testing.GameClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    GameClients clients;
    AdminHttp admin;

    @BeforeEach
    void connect() {
        clients = new GameClients(server.port());
        admin = adminClient(AdminHttp.withToken(httpPort));
    }

    /** A test that acts as a named operator (for the audit log) says so here. */
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken;
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }
}
