package io.tavern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.admin.AdminHttp;
import io.tavern.server.admin.AdminServerTest;
import io.tavern.server.net.TavernServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The CLI against the real server, as players would use it from scripts (separate processes, the
 * JSON lines contract, the exit codes) while an operator acts through the admin API. Names are
 * unique per test: the server is shared with the admin tests.
 */
@AdminServerTest
class CliEndToEndTest {

    @Autowired
    TavernServer server;

    @LocalServerPort
    int httpPort;

    private AdminHttp operator;

    @BeforeEach
    void jarIsBuilt() {
        CliProcess.assumeJarBuilt();
        operator = AdminHttp.withToken(httpPort).as("op-cli");
    }

    private String[] guest(String name) {
        return new String[] {"--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--guest", name, "--json"};
    }

    @Test
    void oneCreatesARoomTheOtherJoinsAndTheyChat() throws Exception {
        try (CliProcess alice = CliProcess.start(guest("cli_alice"));
             CliProcess bob = CliProcess.start(guest("cli_bob"))) {
            alice.script("/create cli-den --max 4", "/wait member 60000", "hello bob", "/wait chat 60000",
                    "/wait chat 60000", "/sleep 300");
            // Bob's script goes in once the room is there, as a second player would wait for the first.
            alice.awaitLine("joined", Duration.ofSeconds(60));
            bob.script("/rooms cli-den", "/join cli-den", "/wait chat 60000", "hi alice, café ☕",
                    "/wait chat 60000", "/leave");

            assertThat(bob.awaitExit()).as("bob's exit, after %s", bob.types()).isZero();
            assertThat(alice.awaitExit()).as("alice's exit, after %s", alice.types()).isZero();

            assertThat(alice.types()).containsSubsequence("welcome", "login", "joined", "member", "chat");
            JsonNode welcome = alice.ofType("welcome").get(0);
            assertThat(welcome.path("session").asString()).isNotBlank();
            assertThat(welcome.path("server").asString()).startsWith("tavern/");
            assertThat(alice.ofType("login").get(0).path("user").asString()).isEqualTo("cli_alice");
            JsonNode bobArrived = alice.ofType("member").get(0);
            assertThat(bobArrived.path("room").asString()).isEqualTo("cli-den");
            assertThat(bobArrived.path("user").asString()).isEqualTo("cli_bob");
            assertThat(bobArrived.path("event").asString()).isEqualTo("joined");
            JsonNode fromBob = alice.ofType("chat").stream()
                    .filter(c -> c.path("from").asString().equals("cli_bob")).findFirst().orElseThrow();
            assertThat(fromBob.path("scope").asString()).isEqualTo("room");
            assertThat(fromBob.path("room").asString()).isEqualTo("cli-den");
            assertThat(fromBob.path("text").asString()).isEqualTo("hi alice, café ☕");
            assertThat(fromBob.path("id").isNumber()).isTrue();
            assertThat(Instant.parse(fromBob.path("sentAt").asString())).isNotNull();

            JsonNode den = bob.ofType("rooms").get(0).path("rooms").get(0);
            assertThat(den.path("name").asString()).isEqualTo("cli-den");
            assertThat(den.path("members").asInt()).isEqualTo(1);
            assertThat(den.path("capacity").asInt()).isEqualTo(4);
            assertThat(den.path("state").asString()).isEqualTo("OPEN");
            assertThat(den.path("private").asBoolean()).isFalse();
            assertThat(bob.types()).containsSubsequence("welcome", "login", "rooms", "joined", "chat", "left");
        }
    }

    @Test
    void aRoomWhoseNameHoldsSpacesIsCreatedAndJoinedByItsPlainName() throws Exception {
        try (CliProcess carol = CliProcess.start(guest("cli_carol"));
             CliProcess dan = CliProcess.start(guest("cli_dan"))) {
            carol.script("/create The Cli Hall --password sesame", "/wait member 20000", "/sleep 300");
            carol.awaitType("joined");
            dan.script("/join the cli hall", "/join \"The Cli Hall\" --password sesame", "/who");

            assertThat(dan.awaitExit()).as("dan's exit, after %s", dan.types()).isZero();
            assertThat(carol.awaitExit()).isZero();
            assertThat(carol.ofType("joined").get(0).path("room").asString()).isEqualTo("The Cli Hall");
            assertThat(dan.ofType("error").get(0).path("code").asString()).isEqualTo("WRONG_PASSWORD");
            assertThat(dan.ofType("error").get(0).path("message").asString())
                    .isEqualTo("the cli hall has a password: /join \"the cli hall\" --password PW");
            assertThat(dan.ofType("joined").get(0).path("room").asString()).isEqualTo("The Cli Hall");
        }
    }

    @Test
    void aRoomKickAndAnOperatorsRoomCloseSayWhy() throws Exception {
        try (CliProcess owner = CliProcess.start(guest("cli_owner"));
             CliProcess member = CliProcess.start(guest("cli_member"))) {
            owner.script("/create cli-vault", "/wait member 20000", "/kick cli_member spamming", "/wait member 20000",
                    "/wait member 20000", "/wait left 30000");
            owner.awaitType("joined");
            member.script("/join cli-vault", "/wait left 20000", "/join cli-vault", "/wait left 30000");
            // Joined, kicked, joined again: then the operator closes the room.
            assertThat(owner.awaitType("member", 3).path("event").asString()).isEqualTo("joined");

            AdminHttp.Reply closed = operator.delete("/admin/api/rooms/cli-vault?reason="
                    + URLEncoder.encode("closed for the night", StandardCharsets.UTF_8));

            assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
            assertThat(owner.awaitExit()).as("the owner's exit, after %s", owner.types()).isZero();
            assertThat(member.awaitExit()).as("the member's exit, after %s", member.types()).isZero();
            JsonNode kicked = member.ofType("left").get(0);
            assertThat(kicked.path("reason").asString()).isEqualTo("kicked");
            assertThat(kicked.path("by").asString()).isEqualTo("cli_owner");
            assertThat(kicked.path("because").asString()).isEqualTo("spamming");
            assertThat(owner.ofType("member").get(1).path("because").asString()).isEqualTo("spamming");
            for (CliProcess player : new CliProcess[] {owner, member}) {
                JsonNode close = player.ofType("left").get(player == owner ? 0 : 1);
                assertThat(close.path("reason").asString()).isEqualTo("closed");
                assertThat(close.path("because").asString()).isEqualTo("closed for the night");
            }
        }
    }

    @Test
    void aBanEndsTheSessionWithThreeAndTheNextLoginIsRefusedWithItsEndAndReason() throws Exception {
        Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (CliProcess cheater = CliProcess.start(guest("cli_cheater"))) {
            cheater.script("/wait chat 30000");
            cheater.awaitType("login");

            AdminHttp.Reply ban = operator.put("/admin/api/bans/cli_cheater", Map.of("reason", "wallhack", "until", until.toString()));

            assertThat(ban.status()).as(ban.toString()).isEqualTo(200);
            assertThat(cheater.awaitExit()).isEqualTo(3);
            JsonNode last = cheater.lastLine();
            assertThat(last.path("type").asString()).isEqualTo("disconnected");
            assertThat(last.path("reason").asString()).isEqualTo("BANNED");
            assertThat(last.path("by").asString()).isEqualTo("op-cli");
            assertThat(last.path("because").asString()).isEqualTo("wallhack");
        }
        try (CliProcess again = CliProcess.start(guest("cli_cheater"))) {
            again.script("hello?");

            assertThat(again.awaitExit()).isEqualTo(2);
            JsonNode refusal = again.lastLine();
            assertThat(refusal.path("code").asString()).isEqualTo("BANNED");
            assertThat(refusal.path("until").asString()).isEqualTo(until.toString());
            assertThat(refusal.path("reason").asString()).isEqualTo("wallhack");
        }
    }

    @Test
    void aMutedPlayersChatIsRefusedWithTheMutesEndAndReason() throws Exception {
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        AdminHttp.Reply mute = operator.put("/admin/api/mutes/cli_chatty", Map.of("reason", "spamming", "until", until.toString()));
        assertThat(mute.status()).as(mute.toString()).isEqualTo(200);

        try (CliProcess chatty = CliProcess.start(guest("cli_chatty"))) {
            chatty.script("can anyone hear me?");

            assertThat(chatty.awaitExit()).isZero();
            JsonNode refusal = chatty.ofType("error").get(0);
            assertThat(refusal.path("code").asString()).isEqualTo("MUTED");
            assertThat(refusal.path("command").asString()).isEqualTo("chat");
            assertThat(refusal.path("until").asString()).isEqualTo(until.toString());
            assertThat(refusal.path("reason").asString()).isEqualTo("spamming");
        }
    }

    @Test
    void theHttpPortIsToldApartFromTheGamePort() throws Exception {
        try (CliProcess lost = CliProcess.start("--host", "localhost", "--port", String.valueOf(httpPort), "--guest", "cli_lost", "--json")) {
            lost.script("hello?");

            assertThat(lost.awaitExit()).isEqualTo(2);
            JsonNode error = lost.lastLine();
            assertThat(error.path("code").asString()).isEqualTo("CONNECT_FAILED");
            assertThat(error.path("cause").asString()).isEqualTo("NOT_TAVERN");
            assertThat(error.path("message").asString()).isEqualTo("localhost:" + httpPort
                    + " does not speak the Tavern protocol (is it the HTTP port? the game port is 7777 by default)");
        }
    }

    @Test
    void aScriptThatCannotLogInExitsWithTwo() throws Exception {
        try (CliProcess taken = CliProcess.start(guest("x"))) { // "x" is not a valid name
            taken.script("hello?");
            assertThat(taken.awaitExit()).isEqualTo(2);
            assertThat(taken.ofType("error").get(0).path("code").asString()).isEqualTo("INVALID_NAME");
        }
    }

    @Test
    void anErrorReplyIsAJsonErrorLineWithItsCode() throws Exception {
        try (CliProcess carol = CliProcess.start(guest("cli_erin"))) {
            carol.script("/join no-such-room");
            assertThat(carol.awaitExit()).isZero();
            JsonNode error = carol.ofType("error").get(0);
            assertThat(error.path("code").asString()).isEqualTo("ROOM_NOT_FOUND");
            assertThat(error.path("message").asString()).isNotBlank();
        }
    }
}
