package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.DisconnectReason;
import io.tavern.client.ServerErrorException;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BanTest extends AdminScenario {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    AdminHttp adminClient(AdminHttp withToken) {
        return withToken.as("mod-bea");
    }

    private ErrorCode loginRefusal(String name) throws Exception {
        Player fresh = clients.connect(UnaryOperator.identity());
        try {
            fresh.client().loginGuest(name).get(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " was let in");
        } catch (ExecutionException refused) {
            return ((ServerErrorException) refused.getCause()).code();
        }
    }

    @Test
    void aBannedPlayerIsToldByWhomAndWhyThenDisconnectedAndCannotLogInUntilUnbanned() throws Exception {
        Player cheater = clients.guest("cheater");

        Reply ban = admin.put("/admin/api/bans/" + cheater.name(), Map.of("permanent", true, "reason", "wallhack"));

        assertThat(ban.status()).as(ban.toString()).isEqualTo(200);
        assertThat(ban.json().path("permanent").asBoolean()).isTrue();
        assertThat(ban.json().path("by").asString()).isEqualTo("mod-bea");
        ModerationEvent told = cheater.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent();
        assertThat(told.getType()).isEqualTo(ModerationEvent.Type.BANNED);
        assertThat(told.getBy()).isEqualTo("mod-bea");
        assertThat(told.getReason()).isEqualTo("wallhack");
        assertThat(told.getUntilMs()).as("permanent").isZero();
        assertThat(cheater.inbox().awaitClosed(WAIT).reason()).isEqualTo(DisconnectReason.BANNED);
        assertThat(loginRefusal(cheater.name())).isEqualTo(ErrorCode.BANNED);
        assertThat(bannedUsers()).contains(cheater.name());

        Reply unban = admin.delete("/admin/api/bans/" + cheater.name());

        assertThat(unban.status()).isEqualTo(204);
        assertThat(bannedUsers()).doesNotContain(cheater.name());
        Player back = clients.connect(UnaryOperator.identity());
        assertThat(back.client().loginGuest(cheater.name()).get(10, TimeUnit.SECONDS).getUser()).isEqualTo(cheater.name());

        AuditLog audit = new AuditLog(admin);
        JsonNode put = audit.require("ban.put", cheater.name());
        assertThat(put.path("actor").asString()).isEqualTo("mod-bea");
        assertThat(put.path("reason").asString()).isEqualTo("wallhack");
        assertThat(put.path("details").asString()).isEqualTo("permanent");
        assertThat(put.path("outcome").asString()).isEqualTo("OK");
        assertThat(put.path("status").asInt()).isEqualTo(200);
        JsonNode delete = audit.require("ban.delete", cheater.name());
        assertThat(delete.path("id").asLong()).isGreaterThan(put.path("id").asLong());
        assertThat(delete.path("outcome").asString()).isEqualTo("OK");
        assertThat(delete.path("status").asInt()).isEqualTo(204);
    }

    @Test
    void aBanUntilAMomentEndsThenAndSaysSo() throws Exception {
        Player later = clients.guest("later");
        Instant until = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);

        Reply ban = admin.put("/admin/api/bans/" + later.name(), Map.of("until", until.toString()));

        assertThat(ban.status()).isEqualTo(200);
        assertThat(ban.json().path("permanent").asBoolean()).isFalse();
        assertThat(Instant.parse(ban.json().path("until").asString())).isEqualTo(until);
        assertThat(later.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent().getUntilMs())
                .isEqualTo(until.toEpochMilli());
        assertThat(loginRefusal(later.name())).isEqualTo(ErrorCode.BANNED);
        assertThat(new AuditLog(admin).require("ban.put", later.name()).path("details").asString()).isEqualTo("until " + until);
    }

    @Test
    void aBanForADurationEndsThatLongAfterItIsPut() {
        String name = GameClients.uniqueName("timed");
        Instant before = Instant.now();

        Reply ban = admin.put("/admin/api/bans/" + name, Map.of("duration", "PT2H", "reason", "cool off"));

        assertThat(ban.status()).as(ban.toString()).isEqualTo(200);
        assertThat(Instant.parse(ban.json().path("until").asString()))
                .isBetween(before.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS), Instant.now().plus(Duration.ofHours(2)));
        assertThat(ban.json().path("reason").asString()).isEqualTo("cool off");
    }

    @Test
    void aBanWithoutABodyOrWithoutATermIsRefusedNamingTheChoicesAndNothingHappens() throws Exception {
        Player lucky = clients.guest("lucky");

        for (Object body : Arrays.asList(null, Map.of(), Map.of("reason", "no term"), Map.of("permanent", false))) {
            Reply ban = admin.put("/admin/api/bans/" + lucky.name(), body);

            assertThat(ban.status()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(ban.contentType()).startsWith("application/problem+json");
            assertThat(ban.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(ban.json().path("detail").asString()).as(String.valueOf(body))
                    .contains("\"duration\"", "\"until\"", "\"permanent\": true");
        }

        assertThat(lucky.client().isOpen()).isTrue();
        assertThat(bannedUsers()).doesNotContain(lucky.name());
        assertThat(new AuditLog(admin).latest("ban.put", lucky.name())).as("a refused request changes nothing").isEmpty();
    }

    @Test
    void aBanGivenTwoTermsIsRefused() {
        Reply ban = admin.put("/admin/api/bans/" + GameClients.uniqueName("twice"),
                Map.of("duration", "P7D", "permanent", true));

        assertThat(ban.status()).isEqualTo(400);
        assertThat(ban.json().path("detail").asString()).contains("not duration and permanent");
    }

    @Test
    void aBanThatWouldEndInThePastIsRefused() {
        Reply ban = admin.put("/admin/api/bans/" + GameClients.uniqueName("past"),
                Map.of("until", "2020-01-01T00:00:00Z"));

        assertThat(ban.status()).isEqualTo(400);
        assertThat(ban.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ban.json().path("detail").asString()).startsWith("until: '2020-01-01T00:00:00Z' is not in the future");
    }

    @Test
    void aBadValueIsNamedWithTheFieldAndWhatWouldBeValid() {
        String name = GameClients.uniqueName("typo");

        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("until", "2030-13-01"))))
                .isEqualTo("until: '2030-13-01' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("until", 1_900_000_000_000L))))
                .isEqualTo("until: 1900000000000 is not a string");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("duration", "24h"))))
                .isEqualTo("duration: '24h' is not an ISO-8601 duration such as PT30M, PT24H, P7D or P1M");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("duration", "P1000Y"))))
                .isEqualTo("duration: 'P1000Y' is more than 100 years away; ask for {\"permanent\": true} instead");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("permanent", "yes"))))
                .isEqualTo("permanent: 'yes' is not true or false");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("permanent", true, "reason", Map.of("a", 1)))))
                .isEqualTo("reason: expected a string, not an object");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("untill", "2030-01-01T00:00:00Z"))))
                .isEqualTo("untill: unknown field; the fields are until, duration, permanent, reason");
        assertThat(detail(admin.put("/admin/api/bans/" + name, Map.of("permanent", true, "reason", "x".repeat(501)))))
                .isEqualTo("reason: 501 characters is too long; a reason has at most 500");
        assertThat(bannedUsers()).doesNotContain(name);
    }

    @Test
    void aNameNoPlayerCouldHaveIsRefusedWithInvalidName() {
        Reply ban = admin.put("/admin/api/bans/x", Map.of("permanent", true, "reason", "too short"));

        assertThat(ban.status()).isEqualTo(400);
        assertThat(ban.json().path("code").asString()).isEqualTo("INVALID_NAME");
        assertThat(ban.json().path("detail").asString()).startsWith("user: 'x' is not a player's name");
    }

    @Test
    void liftingABanThatDoesNotExistIs404AndAuditedAsNotFound() {
        String innocent = GameClients.uniqueName("innocent");

        Reply unban = admin.delete("/admin/api/bans/" + innocent);

        assertThat(unban.status()).isEqualTo(404);
        assertThat(unban.json().path("code").asString()).isEqualTo("USER_NOT_FOUND");
        JsonNode entry = new AuditLog(admin).require("ban.delete", innocent);
        assertThat(entry.path("outcome").asString()).isEqualTo("NOT_FOUND");
        assertThat(entry.path("status").asInt()).isEqualTo(404);
        assertThat(entry.path("completedAt").asString()).isNotBlank();
    }

    private static String detail(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        return reply.json().path("detail").asString();
    }

    private List<String> bannedUsers() {
        Reply list = admin.get("/admin/api/bans?size=500");
        assertThat(list.status()).isEqualTo(200);
        List<String> users = new ArrayList<>();
        list.json().path("items").forEach(ban -> users.add(ban.path("user").asString()));
        return users;
    }
}
