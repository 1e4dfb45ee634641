package io.tavern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.net.TavernServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The CLI against the real server, as two players would use it from scripts: separate processes, the
 * JSON lines contract, and the exit codes.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0"})
class CliEndToEndTest {

    @Autowired
    TavernServer server;

    @BeforeEach
    void jarIsBuilt() {
        CliProcess.assumeJarBuilt();
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
    void aScriptThatCannotLogInExitsWithTwo() throws Exception {
        try (CliProcess taken = CliProcess.start(guest("x"))) { // "x" is not a valid name
            taken.script("hello?");
            assertThat(taken.awaitExit()).isEqualTo(2);
            assertThat(taken.ofType("error").get(0).path("code").asString()).isEqualTo("INVALID_NAME");
        }
    }

    @Test
    void anErrorReplyIsAJsonErrorLineWithItsCode() throws Exception {
        try (CliProcess carol = CliProcess.start(guest("cli_carol"))) {
            carol.script("/join no-such-room");
            assertThat(carol.awaitExit()).isZero();
            JsonNode error = carol.ofType("error").get(0);
            assertThat(error.path("code").asString()).isEqualTo("ROOM_NOT_FOUND");
            assertThat(error.path("message").asString()).isNotBlank();
        }
    }
}
