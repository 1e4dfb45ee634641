package io.tavern.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.tavern.db.testing.PostgresTestServer;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.admin.AdminHttp.Reply;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mutes of an address or a range: players connect from 127.0.0.2 (the muted address) or from 127.0.0.1 (another
 * one), both loopback. Each behaviour is shown on the embedded database and on PostgreSQL.
 */
class AddressMuteTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "correct horse battery";

    /** Where the server keeps its sanctions for one test. */
    enum Store {
        H2, POSTGRESQL;

        /** A server on this store, with {@code properties}; on PostgreSQL, on a database of its own. */
        Tavern start(String... properties) throws Exception {
            List<String> all = new ArrayList<>(List.of(properties));
            String database = null;
            PostgresTestServer postgres = null;
            if (this == POSTGRESQL) {
                postgres = PostgresTestServer.requireOrSkip();
                database = postgres.createDatabase();
                all.addAll(List.of("tavern.db.url=" + postgres.urlOf(database), "tavern.db.user=" + postgres.user()));
                if (postgres.password() != null) {
                    all.add("tavern.db.password=" + postgres.password());
                }
            }
            return new Tavern(ModerationServer.start(all.toArray(String[]::new)), postgres, database);
        }
    }

    record Tavern(ModerationServer server, PostgresTestServer postgres, String database) implements AutoCloseable {

        Player from(String address, String prefix) throws Exception {
            InetAddress local = InetAddress.getByName(address); // a literal: no lookup
            return server.clients.guest(prefix, options -> options.bindAddress(local));
        }

        @Override
        public void close() throws Exception {
            server.close();
            if (postgres != null) {
                postgres.dropDatabase(database);
            }
        }
    }

    private static Error refused(Player player, ChatScope scope, String to) throws Exception {
        Envelope reply = player.client().sendChat(scope, to, "hello from " + player.name()).get(10, TimeUnit.SECONDS);
        assertThat(reply.hasError()).as(scope + ": " + reply).isTrue();
        return reply.getError();
    }

    private static boolean acked(Player player, ChatScope scope, String to) throws Exception {
        return player.client().sendChat(scope, to, "hello from " + player.name()).get(10, TimeUnit.SECONDS).hasAck();
    }

    private static ModerationEvent awaitEvent(Player player, ModerationEvent.Type type) throws InterruptedException {
        return player.inbox().await(event -> event.hasModerationEvent()
                && event.getModerationEvent().getType() == type, WAIT).getModerationEvent();
    }

    private static JsonNode auditEntry(Tavern tavern, String action, String target) {
        JsonNode items = tavern.server().admin.get("/admin/api/audit?size=500").json().path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(entry -> entry.path("action").asString().equals(action)
                        && entry.path("target").asString().equals(target))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " on " + target + " in " + items));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aMutedAddressCannotChatInARoomInTheLobbyOrByWhisperWhileAnotherAddressCan(Store store) throws Exception {
        try (Tavern tavern = store.start()) {
            Player loud = tavern.from("127.0.0.2", "loud");
            Player calm = tavern.from("127.0.0.1", "calm");

            Reply mute = tavern.server().admin.put("/admin/api/address-mutes/127.0.0.2",
                    Map.of("duration", "PT1H", "reason", "flooding"));

            assertThat(mute.status()).as(mute.toString()).isEqualTo(200);
            assertThat(mute.json().path("user").asString()).isEqualTo("127.0.0.2/32");
            long until = Instant.parse(mute.json().path("until").asString()).toEpochMilli();
            ModerationEvent told = awaitEvent(loud, ModerationEvent.Type.MUTED);
            assertThat(told.getReason()).isEqualTo("flooding");
            assertThat(told.getBy()).isEqualTo("mod-ann");
            assertThat(told.getUntilMs()).isEqualTo(until);

            for (Error error : List.of(refused(loud, ChatScope.LOBBY, null), refused(loud, ChatScope.WHISPER, calm.name()))) {
                assertThat(error.getCode()).isEqualTo(ErrorCode.MUTED);
                assertThat(error.getUntilMs()).isEqualTo(until);
                assertThat(error.getReason()).isEqualTo("flooding");
            }
            assertThat(acked(calm, ChatScope.LOBBY, null)).as("another address chats in the lobby").isTrue();
            assertThat(acked(calm, ChatScope.WHISPER, loud.name())).as("and whispers, even to the muted").isTrue();

            String room = loud.client().createRoom(CreateRoom.newBuilder().setName(GameClients.uniqueName("Den")).build())
                    .get(10, TimeUnit.SECONDS).getRoom().getId();
            calm.client().joinRoom(room, null).get(10, TimeUnit.SECONDS);
            Error inRoom = refused(loud, ChatScope.ROOM, null);
            assertThat(inRoom.getCode()).isEqualTo(ErrorCode.MUTED);
            assertThat(inRoom.getReason()).isEqualTo("flooding");
            assertThat(acked(calm, ChatScope.ROOM, null)).as("another address chats in the room").isTrue();
            assertThat(loud.client().isOpen()).as("a mute is not a ban").isTrue();

            assertThat(auditEntry(tavern, "address-mute.put", "127.0.0.2/32").path("actor").asString())
                    .isEqualTo("mod-ann");
            assertThat(tavern.server().admin.get("/admin/api/address-mutes").json().path("items")
                    .findValuesAsString("user")).containsExactly("127.0.0.2/32");
            assertThat(tavern.server().admin.get("/admin/api/address-bans").json().path("items").isEmpty())
                    .as("a mute is not a ban").isTrue();

            assertThat(tavern.server().admin.delete("/admin/api/address-mutes/127.0.0.2").status()).isEqualTo(204);

            assertThat(awaitEvent(loud, ModerationEvent.Type.UNMUTED).getBy()).isEqualTo("mod-ann");
            assertThat(acked(loud, ChatScope.ROOM, null)).isTrue();
            assertThat(auditEntry(tavern, "address-mute.delete", "127.0.0.2/32").path("actor").asString())
                    .isEqualTo("mod-ann");
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aRangeMuteThatRunsOutIsSweptAndItsPlayersAreToldTheyMayChatAgain(Store store) throws Exception {
        try (Tavern tavern = store.start("tavern.moderation.sweep-interval=200ms")) {
            Player loud = tavern.from("127.0.0.2", "loud");

            assertThat(tavern.server().admin.put("/admin/api/address-mutes/127.0.0.2/31",
                    Map.of("duration", "PT2S", "reason", "caps")).json().path("user").asString()).isEqualTo("127.0.0.2/31");
            assertThat(awaitEvent(loud, ModerationEvent.Type.MUTED).getReason()).isEqualTo("caps");

            ModerationEvent ended = awaitEvent(loud, ModerationEvent.Type.UNMUTED);

            assertThat(ended.getBy()).as("nobody lifted it: it ran out").isEmpty();
            assertThat(acked(loud, ChatScope.LOBBY, null)).isTrue();
            assertThat(tavern.server().admin.get("/admin/api/address-mutes").json().path("items").isEmpty()).isTrue();
        }
    }

    @Test
    void aViewerCannotMuteAnAddressAndAModeratorCan() throws Exception {
        try (Tavern tavern = Store.H2.start()) {
            Reply byViewer = tavern.server().admin.as("viewer-vi").put("/admin/api/address-mutes/192.0.2.0/24",
                    Map.of("permanent", true));
            Reply liftByViewer = tavern.server().admin.as("viewer-vi").delete("/admin/api/address-mutes/192.0.2.0/24");

            assertThat(byViewer.status()).as(byViewer.toString()).isEqualTo(403);
            assertThat(byViewer.json().path("detail").asString()).contains("needs the moderator or admin role");
            assertThat(liftByViewer.status()).isEqualTo(403);
            assertThat(tavern.server().admin.as("viewer-vi").get("/admin/api/address-mutes").json().path("items").isEmpty())
                    .as("a viewer reads them, and there is none").isTrue();

            Reply byModerator = tavern.server().admin.as("mod-mo").put("/admin/api/address-mutes/2001:db8::/48",
                    Map.of("permanent", true, "reason", "botnet"));
            assertThat(byModerator.status()).as(byModerator.toString()).isEqualTo(200);
            assertThat(byModerator.json().path("user").asString()).isEqualTo("2001:db8::/48");
            assertThat(auditEntry(tavern, "address-mute.put", "2001:db8::/48").path("actor").asString()).isEqualTo("mod-mo");
        }
    }

    @Test
    void anAccountFromAMutedRangeIsMutedTooUnlessAccountsAreSpared() throws Exception {
        for (boolean spared : new boolean[] {false, true}) {
            try (Tavern tavern = Store.H2.start("tavern.moderation.mute-accounts-in-muted-ranges=" + !spared)) {
                InetAddress muted = InetAddress.getByName("127.0.0.2");
                Player member = tavern.server().clients.connect(options -> options.bindAddress(muted));
                member.client().register(GameClients.uniqueName("member"), PASSWORD).get(10, TimeUnit.SECONDS);
                Player guest = tavern.from("127.0.0.2", "guest");

                tavern.server().admin.put("/admin/api/address-mutes/127.0.0.2", Map.of("permanent", true));

                assertThat(refused(guest, ChatScope.LOBBY, null).getCode()).as("a guest, always").isEqualTo(ErrorCode.MUTED);
                if (spared) {
                    assertThat(acked(member, ChatScope.LOBBY, null)).isTrue();
                } else {
                    assertThat(refused(member, ChatScope.LOBBY, null).getCode()).isEqualTo(ErrorCode.MUTED);
                }
            }
        }
    }
}
