package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.testserver.TestTavernServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The scripted mode end to end: two CLI processes (the fat jar) against a server started by the
 * test; one creates a room, the other joins, and they chat.
 */
class ScriptedModeIT {

    private TestTavernServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = TestTavernServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String[] args(String name) {
        return new String[] {"--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--guest", name, "--json"};
    }

    @Test
    void oneCreatesARoomTheOtherJoinsAndTheyChat() throws Exception {
        try (CliProcess alice = CliProcess.start(args("alice"));
             CliProcess bob = CliProcess.start(args("bob"))) {
            alice.script(
                    "/create den --max 4",
                    "/wait member",
                    "hello bob",
                    "/wait chat",
                    "/wait chat",
                    "/who");
            alice.awaitEvent(e -> e.path("type").asString().equals("joined"));
            bob.script(
                    "/rooms",
                    "/join den",
                    "/wait chat",
                    "hi alice, café ☕",
                    "/wait chat",
                    "/leave");

            assertThat(bob.awaitExit()).as("bob's exit; stderr %s", bob.stderr()).isZero();
            assertThat(alice.awaitExit()).as("alice's exit; stderr %s", alice.stderr()).isZero();

            assertThat(types(alice)).containsSubsequence("welcome", "login", "joined", "member", "chat", "chat", "members", "disconnected");
            assertThat(alice.ofType("joined").get(0).path("room").asString()).isEqualTo("den");
            JsonNode bobJoined = alice.ofType("member").get(0);
            assertThat(bobJoined.path("room").asString()).isEqualTo("den");
            assertThat(bobJoined.path("user").asString()).isEqualTo("bob");
            assertThat(bobJoined.path("event").asString()).isEqualTo("joined");
            JsonNode fromBob = alice.ofType("chat").stream().filter(c -> c.path("from").asString().equals("bob"))
                    .findFirst().orElseThrow();
            assertThat(fromBob.path("scope").asString()).isEqualTo("room");
            assertThat(fromBob.path("room").asString()).isEqualTo("den");
            assertThat(fromBob.path("text").asString()).isEqualTo("hi alice, café ☕");
            assertThat(fromBob.path("id").isNumber()).isTrue();
            assertThat(Instant.parse(fromBob.path("sentAt").asString())).isNotNull();

            assertThat(types(bob)).containsSubsequence("welcome", "login", "rooms", "joined", "chat", "chat", "left", "disconnected");
            JsonNode den = bob.ofType("rooms").get(0).path("rooms").get(0);
            assertThat(den.path("name").asString()).isEqualTo("den");
            assertThat(den.path("members").asInt()).isEqualTo(1);
            assertThat(den.path("capacity").asInt()).isEqualTo(4);
            assertThat(den.path("state").asString()).isEqualTo("OPEN");
            assertThat(den.path("private").asBoolean()).isFalse();
            assertThat(bob.ofType("chat").get(0).path("from").asString()).isEqualTo("alice");
            assertThat(bob.ofType("chat").get(0).path("text").asString()).isEqualTo("hello bob");
            assertThat(bob.ofType("left").get(0).path("room").asString()).isEqualTo("den");
            assertThat(bob.ofType("disconnected").get(0).path("reason").asString()).isEqualTo("CLOSED");
        }
    }

    @Test
    void exitCodesTellAFailedLoginFromASessionTheServerClosed() throws Exception {
        try (CliProcess alice = CliProcess.start(args("alice"))) {
            alice.script("/wait chat 30000");
            alice.awaitEvent(e -> e.path("type").asString().equals("login"));

            try (CliProcess impostor = CliProcess.start(args("alice"))) {
                impostor.script("hello");
                assertThat(impostor.awaitExit()).isEqualTo(2);
                assertThat(last(impostor).path("code").asString()).isEqualTo("NAME_TAKEN");
            }

            server.goodbyeAll(io.tavern.protocol.v1.Goodbye.Reason.SLOW_CONSUMER, "too slow");
            assertThat(alice.awaitExit()).isEqualTo(3);
            assertThat(last(alice).path("type").asString()).isEqualTo("disconnected");
            assertThat(last(alice).path("reason").asString()).isEqualTo("SLOW_CONSUMER");
        }
    }

    private static List<String> types(CliProcess process) {
        return process.events().stream().map(e -> e.path("type").asString()).toList();
    }

    private static JsonNode last(CliProcess process) {
        List<JsonNode> events = process.events();
        return events.get(events.size() - 1);
    }
}
