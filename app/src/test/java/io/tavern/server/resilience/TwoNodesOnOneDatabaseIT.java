package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.StoredChat;
import io.tavern.db.testing.PostgresTestServer;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "acked chat silently dropped": two server processes on one PostgreSQL database (a rolling
 * update, or cluster mode) chat in their lobbies at once, and every message either of them acked is in the
 * archive, under an id of its own. Before node ids, both minted the same ids (time x 1024 + a counter per
 * node), the archive kept the first message of each pair, and counted the second as written.
 */
class TwoNodesOnOneDatabaseIT {

    static final Duration READY = Duration.ofSeconds(180);
    static final int CLIENTS_PER_NODE = 4;
    static final int MESSAGES_PER_CLIENT = 500;

    private static ServerProcess start(String node, PostgresTestServer postgres, String database) throws Exception {
        List<String> properties = new ArrayList<>(List.of(
                "tavern.db.url=" + postgres.urlOf(database), "tavern.db.user=" + postgres.user(),
                "tavern.chat.rate-limit.per-second=0",
                // Each client pipelines all its lines at once: with the default limit of 256 waiting requests a
                // session's queue refuses some (RATE_LIMITED) whenever the logic threads fall behind the reads, as
                // they did once in a full verify here. What is checked is the archive, not that back-pressure.
                "tavern.logic.session-queue-limit=" + 2 * MESSAGES_PER_CLIENT));
        if (postgres.password() != null) {
            properties.add("tavern.db.password=" + postgres.password());
        }
        return ServerProcess.start(Path.of("target", "it-logs", "two-nodes-" + node + ".log"), properties.toArray(String[]::new));
    }

    /** Every client of every node sends its lines at once; returns the lines acked. */
    private static List<CompletableFuture<String>> chat(GameClients clients, String node) throws Exception {
        List<CompletableFuture<String>> acked = new ArrayList<>();
        List<Player> players = new ArrayList<>();
        for (int client = 0; client < CLIENTS_PER_NODE; client++) {
            players.add(clients.guest(node + "c" + client + "-"));
        }
        for (int line = 0; line < MESSAGES_PER_CLIENT; line++) {
            for (Player player : players) {
                String text = player.name() + " line " + line;
                acked.add(player.client().sendChat(ChatScope.LOBBY, null, text)
                        .thenApply(reply -> ackedText(reply, text)));
            }
        }
        return acked;
    }

    private static String ackedText(Envelope reply, String text) {
        if (!reply.hasAck()) {
            throw new AssertionError("'" + text + "' was not acked: " + reply);
        }
        return text;
    }

    @Test
    void everyLobbyMessageTwoServersOnOneDatabaseAckedIsArchivedUnderAnIdOfItsOwn() throws Exception {
        PostgresTestServer postgres = PostgresTestServer.requireOrSkip();
        String database = postgres.createDatabase();
        Set<String> acked = new HashSet<>();
        try (ServerProcess one = start("one", postgres, database); ServerProcess two = start("two", postgres, database)) {
            one.awaitReady(READY);
            two.awaitReady(READY);
            try (GameClients onOne = new GameClients(one.gamePort()); GameClients onTwo = new GameClients(two.gamePort())) {
                List<CompletableFuture<String>> replies = new ArrayList<>(chat(onOne, "one"));
                replies.addAll(chat(onTwo, "two"));
                for (CompletableFuture<String> reply : replies) {
                    acked.add(reply.get(60, TimeUnit.SECONDS));
                }
            }
            // SIGTERM: each server writes what its archive holds before it exits.
            assertThat(one.terminate(Duration.ofSeconds(60))).isIn(0, 128 + 15);
            assertThat(two.terminate(Duration.ofSeconds(60))).isIn(0, 128 + 15);
            assertThat(one.log()).doesNotContain("NOT archived");
            assertThat(two.log()).doesNotContain("NOT archived");
        }
        try {
            assertThat(acked).hasSize(2 * CLIENTS_PER_NODE * MESSAGES_PER_CLIENT);
            Map<String, Long> archived = new HashMap<>();
            Set<Long> ids = new HashSet<>();
            try (Connection connection = postgres.connect(database)) {
                for (ArchivedMessage message : StoredChat.messages(connection)) {
                    if (message.scope() == io.tavern.db.chat.ChatScope.LOBBY) {
                        archived.put(message.text(), message.id());
                        assertThat(ids.add(message.id())).as("id %d archived twice", message.id()).isTrue();
                    }
                }
            }
            assertThat(archived.keySet()).as("every acked line, in the archive").containsAll(acked);
            assertThat(archived).hasSize(acked.size());
            assertThat(nodeIdsOf(ids)).as("the node ids in the message ids").hasSize(2);
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private static Set<Integer> nodeIdsOf(Set<Long> ids) {
        Set<Integer> nodes = new HashSet<>();
        ids.forEach(id -> nodes.add(io.tavern.server.chat.MessageIds.nodeIdOf(id)));
        return nodes;
    }
}
