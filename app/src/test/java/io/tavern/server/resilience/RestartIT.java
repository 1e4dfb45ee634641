package io.tavern.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.HistoryPage;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import io.tavern.server.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, restart: accounts, bans and chat history outlive the server process. The packaged server
 * runs, is stopped with SIGTERM, and a new process starts on the same embedded database directory.
 */
class RestartIT {

    static final String TOKEN = "restart-it-admin-token-8c41d9";
    static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private ServerProcess start(String name) throws Exception {
        return ServerProcess.start(Path.of("target", "it-logs", "restart-" + name + ".log"),
                "tavern.db.embedded-dir=" + dataDir, "tavern.admin.token=" + TOKEN,
                "tavern.chat.rate-limit.per-second=0").awaitReady(READY);
    }

    @Test
    void accountsBansAndHistorySurviveARestartOfTheServerProcess() throws Exception {
        String keeper = GameClients.uniqueName("keeper");
        String rogue = GameClients.uniqueName("rogue");
        String pal = GameClients.uniqueName("pal");
        String password = "correct horse battery";
        List<String> lobbyLines = new ArrayList<>();

        try (ServerProcess server = start("before"); GameClients clients = new GameClients(server.gamePort())) {
            Player keeperPlayer = clients.connect(UnaryOperator.identity());
            assertThat(keeperPlayer.client().register(keeper, password).get(10, TimeUnit.SECONDS).getGuest()).isFalse();
            Player palPlayer = clients.connect(UnaryOperator.identity());
            palPlayer.client().register(pal, password).get(10, TimeUnit.SECONDS);
            Player roguePlayer = clients.connect(UnaryOperator.identity());
            roguePlayer.client().register(rogue, password).get(10, TimeUnit.SECONDS);

            HttpResponse<String> ban = admin(server, "PUT", "/admin/api/bans/" + rogue,
                    "{\"permanent\":true,\"reason\":\"griefing\"}");
            assertThat(ban.statusCode()).as(ban.body()).isEqualTo(200);
            assertThat(roguePlayer.inbox().awaitClosed(Duration.ofSeconds(10)).reason()).isEqualTo(DisconnectReason.BANNED);

            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String line = "line " + i + " from " + keeper;
                lobbyLines.add(line);
                sent.add(keeperPlayer.client().sendChat(ChatScope.LOBBY, null, line));
            }
            sent.add(keeperPlayer.client().sendChat(ChatScope.WHISPER, pal, "psst, " + pal));
            for (CompletableFuture<?> reply : sent) {
                reply.get(10, TimeUnit.SECONDS);
            }
            assertThat(server.terminate(Duration.ofSeconds(60))).isIn(0, 128 + 15);
            assertThat(server.leakReports()).isEmpty();
        }

        try (ServerProcess server = start("after"); GameClients clients = new GameClients(server.gamePort())) {
            LoginOk back = clients.connect(UnaryOperator.identity()).client().login(keeper, password)
                    .get(10, TimeUnit.SECONDS);
            assertThat(back.getUser()).isEqualTo(keeper);
            assertThat(back.getGuest()).isFalse();
            assertThat(refusal(clients, player -> player.client().login(keeper, "wrong horse battery")))
                    .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            assertThat(refusal(clients, player -> player.client().loginGuest(keeper.toUpperCase())))
                    .as("the account's name is still taken").isEqualTo(ErrorCode.NAME_TAKEN);

            Error banned = refusalError(clients, player -> player.client().login(rogue, password));
            assertThat(banned.getCode()).isEqualTo(ErrorCode.BANNED);
            assertThat(banned.getReason()).isEqualTo("griefing");
            assertThat(banned.getUntilMs()).as("permanent").isZero();
            HttpResponse<String> bans = admin(server, "GET", "/admin/api/bans", null);
            assertThat(bans.body()).contains(rogue);

            Player palAgain = clients.guest("reader");
            HistoryPage lobby = palAgain.client().history(History.newBuilder().setScope(ChatScope.LOBBY).setLimit(100).build())
                    .get(10, TimeUnit.SECONDS);
            List<String> archived = new ArrayList<>();
            lobby.getMessagesList().stream().filter(m -> m.getFrom().equals(keeper))
                    .forEach(m -> archived.add(0, m.getText())); // newest first, put back in order
            assertThat(archived).containsExactlyElementsOf(lobbyLines);

            // Whisper history belongs to the account, in every session (a guest's would end with its session).
            Player palBack = clients.connect(UnaryOperator.identity());
            palBack.client().login(pal, password).get(10, TimeUnit.SECONDS);
            List<ChatMessage> whispers = palBack.client().history(History.newBuilder()
                    .setScope(ChatScope.WHISPER).setPeer(keeper).build()).get(10, TimeUnit.SECONDS).getMessagesList();
            assertThat(whispers).extracting(ChatMessage::getText).containsExactly("psst, " + pal);
            assertThat(server.terminate(Duration.ofSeconds(60))).isIn(0, 128 + 15);
            assertThat(server.leakReports()).isEmpty();
        }
    }

    interface Login {
        CompletableFuture<?> attempt(Player player) throws Exception;
    }

    private static Error refusalError(GameClients clients, Login login) throws Exception {
        Player player = clients.connect(UnaryOperator.identity());
        try {
            Object accepted = login.attempt(player).get(10, TimeUnit.SECONDS);
            throw new AssertionError("let in: " + accepted);
        } catch (ExecutionException refused) {
            return ((ServerErrorException) refused.getCause()).error();
        } finally {
            player.client().close();
        }
    }

    private static ErrorCode refusal(GameClients clients, Login login) throws Exception {
        return refusalError(clients, login).getCode();
    }

    private static HttpResponse<String> admin(ServerProcess server, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
