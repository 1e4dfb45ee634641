package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.db.Database;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AccountBanTest extends AdminScenario {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    Database database;

    private Player registered(String prefix) throws Exception {
        Player player = clients.connect(UnaryOperator.identity());
        String name = GameClients.uniqueName(prefix);
        player.client().register(name, PASSWORD).get(10, TimeUnit.SECONDS);
        player.client().close();
        return new Player(name, player.client(), player.inbox());
    }

    /** What an operator renaming an account in the database does: the account, its id, under a new name. */
    private void rename(String from, String to) {
        database.submit(jdbc -> jdbc.update("UPDATE account SET name_key = ?, display_name = ? WHERE name_key = ?",
                to.toLowerCase(Locale.ROOT), to, from.toLowerCase(Locale.ROOT))).join();
    }

    @Test
    void aBanOnAnAccountHoldsInEveryNewSessionAndUnderANewName() throws Exception {
        Player cheat = registered("cheat");

        Reply ban = admin.put("/admin/api/bans/" + cheat.name(), Map.of("permanent", true, "reason", "aimbot"));

        assertThat(ban.status()).as(ban.toString()).isEqualTo(200);
        assertThat(ban.json().path("account").isNumber()).as("it follows the account").isTrue();
        String renamed = GameClients.uniqueName("honest");
        rename(cheat.name(), renamed);
        Player again = clients.connect(UnaryOperator.identity());
        assertThat(GameClients.errorOf(again.client().login(renamed, PASSWORD)).getCode()).isEqualTo(ErrorCode.BANNED);

        assertThat(admin.delete("/admin/api/bans/" + renamed).status()).as("lifted by its new name").isEqualTo(204);
        assertThat(clients.connect(UnaryOperator.identity()).client().login(renamed, PASSWORD)
                .get(10, TimeUnit.SECONDS).getUser()).isEqualTo(renamed);
    }

    @Test
    void aMuteOnAnAccountHoldsUnderANewName() throws Exception {
        Player loud = registered("loud");
        assertThat(admin.put("/admin/api/mutes/" + loud.name(), Map.of("duration", "PT1H")).status()).isEqualTo(200);
        String renamed = GameClients.uniqueName("quiet");
        rename(loud.name(), renamed);

        Player back = clients.connect(UnaryOperator.identity());
        back.client().login(renamed, PASSWORD).get(10, TimeUnit.SECONDS);

        assertThat(back.client().sendChat(ChatScope.LOBBY, "", "hi").get(10, TimeUnit.SECONDS).getError().getCode())
                .isEqualTo(ErrorCode.MUTED);
    }

    @Test
    void aBannedGuestNameCannotBeRegisteredEither() throws Exception {
        String name = GameClients.uniqueName("spam");
        assertThat(admin.put("/admin/api/bans/" + name, Map.of("permanent", true)).json().path("account").isNull())
                .as("no account has the name: the ban is on the name").isTrue();

        Player registering = clients.connect(UnaryOperator.identity());

        assertThat(GameClients.errorOf(registering.client().register(name, PASSWORD)).getCode()).isEqualTo(ErrorCode.BANNED);
    }
}
