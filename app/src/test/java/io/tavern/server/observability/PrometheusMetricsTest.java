package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminHttp;
import io.tavern.server.admin.AdminServerTest;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /actuator/prometheus}, scraped before and after real clients connect, log in and chat. */
@AdminServerTest
class PrometheusMetricsTest {

    @LocalServerPort
    int httpPort;

    @RegisterExtension
    final GameClients clients = GameClients.ofSpringServer();

    private PrometheusScrape scrape() {
        AdminHttp.Reply reply = AdminHttp.anonymous(httpPort).get("/actuator/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        return new PrometheusScrape(reply.body());
    }

    @Test
    void countersMoveWhenClientsConnectLogInAndChat() throws Exception {
        PrometheusScrape before = scrape();

        Player alice = clients.guest("alice");
        Player bob = clients.guest("bob");
        Player carol = clients.guest("carol");
        for (int i = 0; i < 5; i++) {
            alice.client().sendChat(ChatScope.LOBBY, null, "hello " + i).get(5, TimeUnit.SECONDS);
        }
        bob.client().sendChat(ChatScope.WHISPER, carol.name(), "psst").get(5, TimeUnit.SECONDS);
        bob.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Metered")).build())
                .get(5, TimeUnit.SECONDS);
        bob.client().sendChat(ChatScope.ROOM, null, "in here").get(5, TimeUnit.SECONDS);
        assertThat(carol.client().sendChat(ChatScope.LOBBY, null, "   ").get(5, TimeUnit.SECONDS)
                .getError().getCode()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(refusedLogin(alice.name())).isEqualTo(ErrorCode.NAME_TAKEN);
        // The send queues are sampled every 200 ms; the archive writes its batches behind.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            PrometheusScrape now = scrape();
            return now.value("tavern_send_queue_bytes_count") > before.value("tavern_send_queue_bytes_count")
                    && now.value("tavern_db_archive_batch_latency_seconds_count")
                    > before.value("tavern_db_archive_batch_latency_seconds_count");
        });

        PrometheusScrape after = scrape();

        assertThat(after.value("tavern_connections_accepted_total") - before.value("tavern_connections_accepted_total"))
                .isGreaterThanOrEqualTo(4);
        assertThat(after.value("tavern_connections_current")).isGreaterThanOrEqualTo(4);
        assertThat(after.value("tavern_sessions_logged_in")).isGreaterThanOrEqualTo(3);
        assertThat(after.value("tavern_frames_in_total")).isGreaterThan(before.value("tavern_frames_in_total") + 10);
        assertThat(after.value("tavern_bytes_in_total")).isGreaterThan(before.value("tavern_bytes_in_total"));
        assertThat(after.value("tavern_frames_out_total")).isGreaterThan(before.value("tavern_frames_out_total") + 10);
        assertThat(after.value("tavern_bytes_out_total")).isGreaterThan(before.value("tavern_bytes_out_total"));
        assertThat(after.value("tavern_send_writes_total")).isGreaterThan(before.value("tavern_send_writes_total"));
        assertThat(after.value("tavern_send_frames_per_write_count"))
                .isGreaterThan(before.value("tavern_send_frames_per_write_count"));
        assertThat(after.value("tavern_chat_messages_total", "scope", "LOBBY")
                - before.value("tavern_chat_messages_total", "scope", "LOBBY")).isGreaterThanOrEqualTo(5);
        assertThat(after.value("tavern_chat_messages_total", "scope", "WHISPER")
                - before.value("tavern_chat_messages_total", "scope", "WHISPER")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("tavern_chat_messages_total", "scope", "ROOM")
                - before.value("tavern_chat_messages_total", "scope", "ROOM")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("tavern_logins_total", "outcome", "ok")
                - before.value("tavern_logins_total", "outcome", "ok")).isGreaterThanOrEqualTo(3);
        assertThat(after.value("tavern_logins_total", "outcome", "NAME_TAKEN")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("tavern_errors_total", "code", "EMPTY_MESSAGE")
                - before.value("tavern_errors_total", "code", "EMPTY_MESSAGE")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("tavern_rooms", "state", "OPEN")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("tavern_logic_tasks_total")).isGreaterThan(before.value("tavern_logic_tasks_total"));
        assertThat(after.value("tavern_db_task_latency_seconds_count"))
                .isGreaterThan(before.value("tavern_db_task_latency_seconds_count"));
    }

    @Test
    void everyMeterAnOperatorNeedsIsExported() {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.value("tavern_connections_rejected_total", "reason", "SERVER_FULL")).isNotNegative();
        assertThat(scrape.value("tavern_connections_rejected_total", "reason", "TOO_MANY_CONNECTIONS")).isNotNegative();
        assertThat(scrape.has("tavern_slow_consumer_closes_total")).isTrue();
        assertThat(scrape.has("tavern_send_queue_bytes_bucket")).isTrue();
        assertThat(scrape.has("tavern_send_queue_bytes_max")).isTrue();
        assertThat(scrape.has("tavern_logic_queue_depth")).isTrue();
        assertThat(scrape.has("tavern_logic_task_latency_seconds_bucket")).isTrue();
        assertThat(scrape.has("tavern_db_queue_depth")).isTrue();
        assertThat(scrape.has("tavern_db_archive_backlog")).isTrue();
        assertThat(scrape.has("tavern_db_archive_batch_latency_seconds_max")).isTrue();
        assertThat(scrape.has("tavern_db_task_latency_seconds_count")).isTrue();
        assertThat(scrape.value("tavern_rooms", "state", "IN_GAME")).isNotNegative();
        assertThat(scrape.has("tavern_sessions")).isTrue();
        assertThat(scrape.value("tavern_errors_total", "code", "SERVER_BUSY")).isNotNegative();
        assertThat(scrape.value("tavern_chat_messages_total", "scope", "SYSTEM")).isNotNegative();
    }

    private ErrorCode refusedLogin(String takenName) throws Exception {
        Player second = clients.connect(UnaryOperator.identity());
        try {
            second.client().loginGuest(takenName).get(5, TimeUnit.SECONDS);
            throw new AssertionError("a second '" + takenName + "' was let in");
        } catch (ExecutionException refused) {
            return ((ServerErrorException) refused.getCause()).code();
        }
    }
}
