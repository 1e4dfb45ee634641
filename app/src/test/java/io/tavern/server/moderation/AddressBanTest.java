package io.tavern.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every client here connects from 127.0.0.1: a ban of loopback is a ban of them all. */
class AddressBanTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD = "correct horse battery";

    private static Error guestLogin(ModerationServer tavern, String name) throws Exception {
        Player fresh = tavern.clients.connect(UnaryOperator.identity());
        return GameClients.errorOf(fresh.client().loginGuest(name));
    }

    @Test
    void aBannedRangeRefusesGuestsAndNewAccountsButLetsExistingAccountsInUntilLifted() throws Exception {
        try (ModerationServer tavern = ModerationServer.start()) {
            String regular = GameClients.uniqueName("regular");
            Player member = tavern.clients.connect(UnaryOperator.identity());
            member.client().register(regular, PASSWORD).get(10, TimeUnit.SECONDS);
            Player troll = tavern.clients.guest("troll");

            Reply ban = tavern.admin.put("/admin/api/address-bans/127.0.0.0/8", Map.of("permanent", true, "reason", "raid"));

            assertThat(ban.status()).as(ban.toString()).isEqualTo(200);
            assertThat(ban.json().path("user").asString()).isEqualTo("127.0.0.0/8");
            ModerationEvent told = troll.inbox().await(Envelope::hasModerationEvent, WAIT).getModerationEvent();
            assertThat(told.getType()).isEqualTo(ModerationEvent.Type.BANNED);
            assertThat(told.getReason()).isEqualTo("raid");
            assertThat(troll.inbox().awaitClosed(WAIT).reason()).isEqualTo(DisconnectReason.BANNED);

            Error comeback = guestLogin(tavern, GameClients.uniqueName("innocent"));
            assertThat(comeback.getCode()).isEqualTo(ErrorCode.BANNED);
            assertThat(comeback.getMessage()).startsWith("your address is banned").doesNotContain("127.");
            assertThat(comeback.getReason()).isEqualTo("raid");
            Player registering = tavern.clients.connect(UnaryOperator.identity());
            assertThat(GameClients.errorOf(registering.client().register(GameClients.uniqueName("fresh"), PASSWORD))
                    .getCode()).isEqualTo(ErrorCode.BANNED);
            assertThat(member.client().listOnlineUsers(ListOnlineUsers.getDefaultInstance()).get(10, TimeUnit.SECONDS)
                    .getUsersList()).as("an account online from the range stays").extracting(OnlineUser::getUser)
                    .containsExactly(regular);
            member.client().close();
            Player known = tavern.clients.connect(UnaryOperator.identity());
            await().atMost(WAIT).untilAsserted(() -> assertThat(known.client().login(regular, PASSWORD)
                    .get(10, TimeUnit.SECONDS).getGuest()).isFalse());
            assertThat(tavern.admin.get("/admin/api/address-bans").json().path("items").findValuesAsString("user"))
                    .containsExactly("127.0.0.0/8");

            assertThat(tavern.admin.delete("/admin/api/address-bans/127.0.0.0/8").status()).isEqualTo(204);

            Player back = tavern.clients.connect(UnaryOperator.identity());
            String name = GameClients.uniqueName("back");
            assertThat(back.client().loginGuest(name).get(10, TimeUnit.SECONDS).getUser()).isEqualTo(name);
            assertThat(tavern.admin.get("/admin/api/audit").json().path("items").findValuesAsString("action"))
                    .contains("address-ban.put", "address-ban.delete");
        }
    }

    @Test
    void withAccountsRefusedTooABannedAddressShutsEveryLoginOut() throws Exception {
        try (ModerationServer tavern = ModerationServer.start("tavern.moderation.refuse-accounts-from-banned-ranges=true")) {
            String regular = GameClients.uniqueName("regular");
            Player member = tavern.clients.connect(UnaryOperator.identity());
            member.client().register(regular, PASSWORD).get(10, TimeUnit.SECONDS);

            assertThat(tavern.admin.put("/admin/api/address-bans/127.0.0.1", Map.of("duration", "PT1H")).json()
                    .path("user").asString()).isEqualTo("127.0.0.1/32");

            assertThat(member.inbox().awaitClosed(WAIT).reason()).as("online, and disconnected")
                    .isEqualTo(DisconnectReason.BANNED);
            Player known = tavern.clients.connect(UnaryOperator.identity());
            await().atMost(WAIT).untilAsserted(() -> assertThat(GameClients.errorOf(known.client().login(regular, PASSWORD))
                    .getCode()).isEqualTo(ErrorCode.BANNED));
            assertThat(guestLogin(tavern, GameClients.uniqueName("guest")).getCode()).isEqualTo(ErrorCode.BANNED);
        }
    }

    @Test
    void withGuestsLetInAnAddressBanRefusesNoGuest() throws Exception {
        try (ModerationServer tavern = ModerationServer.start("tavern.moderation.refuse-guests-from-banned-ranges=false")) {
            assertThat(tavern.admin.put("/admin/api/address-bans/::ffff:127.0.0.1", Map.of("permanent", true))
                    .json().path("user").asString()).isEqualTo("127.0.0.1/32");

            Player guest = tavern.clients.guest("welcome");

            assertThat(guest.client().isOpen()).isTrue();
        }
    }

    @Test
    void anAddressThatIsNotOneOrARangeTooWideIsRefusedWithAProblemAndNothingIsBanned() throws Exception {
        try (ModerationServer tavern = ModerationServer.start()) {
            for (String range : new String[] {"localhost", "10.0.0.0/4", "2001:db8::/8", "10.0.0.0/x"}) {
                Reply refused = tavern.admin.put("/admin/api/address-bans/" + range, Map.of("permanent", true));

                assertThat(refused.status()).as(range).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
            assertThat(tavern.admin.get("/admin/api/address-bans").json().path("items").isEmpty()).isTrue();
            assertThat(tavern.clients.guest("still").client().isOpen()).isTrue();
        }
    }
}
