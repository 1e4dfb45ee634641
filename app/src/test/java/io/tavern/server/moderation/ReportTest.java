package io.tavern.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminHttp;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every guest here connects from 127.0.0.1, and guests are counted per address: one reporter for the limit. */
class ReportTest {

    private static ModerationServer tavern;

    @BeforeAll
    static void start() {
        tavern = ModerationServer.start("tavern.moderation.reports.per-reporter=3");
    }

    @AfterAll
    static void stop() {
        tavern.close();
    }

    @Test
    void aReportIsStoredWithItsContextSanitisedListedForOperatorsAndLimitedPerReporter() throws Exception {
        Player reporter = tavern.clients.guest("witness");
        String room = GameClients.uniqueName("den");
        reporter.client().createRoom(CreateRoom.newBuilder().setName(room).build()).get(10, TimeUnit.SECONDS);

        reporter.client().report("villain", "spoofs names \u202Eevil\u202C and \u200Bhides").get(10, TimeUnit.SECONDS);

        Reply listed = tavern.admin.get("/admin/api/reports?page=0&size=10");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode report = listed.json().path("items").get(0);
        assertThat(report.path("reporter").asString()).isEqualTo(reporter.name());
        assertThat(report.path("reporterIdentity").asString()).startsWith("guest:");
        assertThat(report.path("reporterAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(report.path("reported").asString()).isEqualTo("villain");
        assertThat(report.path("reason").asString()).isEqualTo("spoofs names evil and hides");
        assertThat(report.path("roomName").asString()).isEqualTo(room);
        assertThat(report.path("createdAt").asString()).isNotEmpty();

        Player again = tavern.clients.guest("witness");
        again.client().report("villain", "still at it").get(10, TimeUnit.SECONDS);
        again.client().report("villain2", "and a friend").get(10, TimeUnit.SECONDS);
        Error limited = GameClients.errorOf(again.client().report("villain3", "one too many"));
        assertThat(limited.getCode()).as("three per reporter, and a guest is its address").isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(limited.getRetryAfterMs()).isPositive();
        assertThat(tavern.admin.get("/admin/api/reports?size=2").json().path("items").findValuesAsString("reported"))
                .containsExactly("villain2", "villain");
        assertThat(tavern.admin.get("/admin/api/reports?size=2&page=1").json().path("items").findValuesAsString("reason"))
                .containsExactly("spoofs names evil and hides");
    }

    @Test
    void aReportOfOneselfOfNoNameOrWithoutAReasonIsRefusedAndNotStored() throws Exception {
        Player player = tavern.clients.guest("picky");

        assertThat(GameClients.errorOf(player.client().report(player.name(), "me")).getCode())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(GameClients.errorOf(player.client().report("no such name!", "why")).getCode())
                .isEqualTo(ErrorCode.INVALID_NAME);
        assertThat(GameClients.errorOf(player.client().report("villain", " \u200B\u0007 ")).getCode())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(GameClients.errorOf(player.client().report("villain", "x".repeat(501))).getCode())
                .isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
        assertThat(tavern.admin.get("/admin/api/reports").json().path("items").findValuesAsString("reporter"))
                .doesNotContain(player.name());
    }

    @Test
    void theReportListAnswersBadPagingAndMissingTokensWithProblems() {
        Reply badPage = tavern.admin.get("/admin/api/reports?size=0");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.contentType()).startsWith("application/problem+json");

        int httpPort = Integer.parseInt(tavern.server.context().getEnvironment().getProperty("local.server.port"));
        Reply anonymous = AdminHttp.anonymous(httpPort).get("/admin/api/reports");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }
}
