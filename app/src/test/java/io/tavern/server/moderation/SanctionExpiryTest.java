package io.tavern.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.db.Database;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SanctionExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ModerationServer tavern;

    @BeforeAll
    static void start() {
        tavern = ModerationServer.start("tavern.moderation.sweep-interval=200ms", "tavern.moderation.sweep-batch-size=2");
    }

    @AfterAll
    static void stop() {
        tavern.close();
    }

    private static long rows(String table, String where, Object... arguments) {
        Database database = tavern.server.bean(Database.class);
        return database.submit(jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + where,
                Long.class, arguments)).join();
    }

    @Test
    void aMuteThatRunsOutIsSweptAndTheOnlinePlayerIsToldItMayChatAgain() throws Exception {
        Player loud = tavern.clients.guest("loud");
        assertThat(tavern.admin.put("/admin/api/mutes/" + loud.name(), Map.of("duration", "PT2S", "reason", "caps"))
                .status()).isEqualTo(200);
        assertThat(loud.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent().getType())
                .isEqualTo(ModerationEvent.Type.MUTED);

        ModerationEvent ended = loud.inbox().await(event -> event.hasModerationEvent()
                && event.getModerationEvent().getType() == ModerationEvent.Type.UNMUTED, WAIT).getModerationEvent();

        assertThat(ended.getBy()).as("nobody lifted it: it ran out").isEmpty();
        assertThat(rows("mute", "user_key = ?", loud.name().toLowerCase())).isZero();
        assertThat(loud.client().sendChat(ChatScope.LOBBY, "", "hello again").get(10, TimeUnit.SECONDS).hasAck()).isTrue();
    }

    @Test
    void bansAndAddressBansThatRanOutAreSweptManyMoreThanABatch() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(tavern.admin.put("/admin/api/bans/" + GameClients.uniqueName("gone"), Map.of("duration", "PT1S"))
                    .status()).isEqualTo(200);
        }
        assertThat(tavern.admin.put("/admin/api/address-bans/198.51.100.0/24", Map.of("duration", "PT1S")).status())
                .isEqualTo(200);
        assertThat(tavern.admin.put("/admin/api/bans/" + GameClients.uniqueName("stays"), Map.of("permanent", true))
                .status()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rows("ban", "expires_at IS NOT NULL")).isZero();
            assertThat(rows("address_sanction", "kind = 'BAN' AND range_key = ?", "198.51.100.0/24")).isZero();
        });
        assertThat(rows("ban", "expires_at IS NULL")).isEqualTo(1);
    }

    @Test
    void aBanThatRanOutLetsThePlayerBackIn() throws Exception {
        String name = GameClients.uniqueName("timeout");
        assertThat(tavern.admin.put("/admin/api/bans/" + name, Map.of("duration", "PT1S")).status()).isEqualTo(200);

        // Until the ban has run out a login is refused (BANNED, and the connection ends): each try is a new one.
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Player back = tavern.clients.connect(UnaryOperator.identity());
            assertThat(back.client().loginGuest(name).get(10, TimeUnit.SECONDS).getUser()).isEqualTo(name);
        });
    }
}
