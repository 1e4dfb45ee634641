package io.tavern.server.moderation;

import io.tavern.server.admin.AdminHttp;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.RunningServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A server of its own for a moderation test, with the test operators ({@link AdminHttp#OPERATORS_FILE}; the
 * admin API is called as the moderator mod-ann): address bans on
 * loopback, or a sweep every few hundred milliseconds, must not reach the servers other tests share.
 */
final class ModerationServer implements AutoCloseable {

    final RunningServer server;
    final GameClients clients;
    final AdminHttp admin;

    private ModerationServer(RunningServer server) {
        this.server = server;
        this.clients = new GameClients(server.port());
        int httpPort = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
        this.admin = AdminHttp.withToken(httpPort).as("mod-ann");
    }

    static ModerationServer start(String... properties) {
        List<String> all = new ArrayList<>(List.of("tavern.admin.token=" + AdminHttp.TOKEN,
                "tavern.admin.operators-file=" + AdminHttp.OPERATORS_FILE,
                "tavern.chat.rate-limit.per-second=0"));
        all.addAll(List.of(properties));
        return new ModerationServer(RunningServer.start(all.toArray(String[]::new)));
    }

    @Override
    public void close() {
        clients.close();
        server.close();
    }
}
