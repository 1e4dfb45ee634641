package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.ClientOptions;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.testserver.ForeignPeer;
import io.tavern.testserver.TestTavernServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The scripted mode's JSON lines and exit codes, in this JVM against the test server. */
class ScriptedModeTest {

    @TempDir
    Path dir;

    private TestTavernServer server;
    private TavernClient bob;

    @BeforeEach
    void start() throws Exception {
        server = TestTavernServer.start();
        bob = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port()).build())
                .get(5, TimeUnit.SECONDS);
        bob.loginGuest("bob").get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        bob.close();
        server.close();
    }

    /** Something a library client does meanwhile, while a script runs on the test's thread. */
    @FunctionalInterface
    private interface Meanwhile {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> meanwhile(Meanwhile action) {
        return CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs a script as the guest alice in the background; completes once alice is online. */
    private CompletableFuture<CliRun> aliceOnlineRunning(String script) {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> {
            try {
                return script(script, "--guest", "alice", "--json");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> server.onlineUsers().contains("alice"));
        return run;
    }

    private CliRun script(String script, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--host", "127.0.0.1", "--port", String.valueOf(server.port())}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.script(dir, script, all);
    }

    @Test
    void aScriptRunsEveryCommandAndPrintsOneJsonObjectPerLine() throws Exception {
        bob.createRoom(CreateRoom.newBuilder().setName("den").build()).get(5, TimeUnit.SECONDS);

        CliRun run = script(String.join("\n",
                "hello lobby",
                "/history 5",
                "/rooms",
                "/join den",
                "hi den",
                "/who",
                "/ready",
                "/history 5",
                "/w bob psst",
                "/leave",
                "/who",
                "/help"), "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        List<String> types = run.events().stream().map(e -> e.path("type").asString()).toList();
        assertThat(types).startsWith("welcome", "login");
        JsonNode welcome = run.ofType("welcome").get(0);
        assertThat(welcome.path("session").asString()).startsWith("s-");
        assertThat(welcome.path("server").asString()).isEqualTo("test-server");
        assertThat(run.ofType("login").get(0).path("user").asString()).isEqualTo("alice");

        JsonNode lobbyChat = run.ofType("chat").get(0);
        assertThat(lobbyChat.path("scope").asString()).isEqualTo("lobby");
        assertThat(lobbyChat.path("room").isNull()).isTrue();
        assertThat(lobbyChat.path("from").asString()).isEqualTo("alice");
        assertThat(lobbyChat.path("text").asString()).isEqualTo("hello lobby");
        assertThat(lobbyChat.path("id").asLong()).isPositive();
        assertThat(Instant.parse(lobbyChat.path("sentAt").asString())).isNotNull();

        List<JsonNode> histories = run.ofType("history");
        assertThat(histories.get(0).path("scope").asString()).isEqualTo("lobby");
        assertThat(histories.get(0).path("messages").get(0).path("text").asString()).isEqualTo("hello lobby");
        assertThat(histories.get(1).path("scope").asString()).isEqualTo("room");
        assertThat(histories.get(1).path("room").asString()).isEqualTo("den");
        assertThat(histories.get(1).path("messages").get(0).path("text").asString()).isEqualTo("hi den");

        JsonNode rooms = run.ofType("rooms").get(0).path("rooms").get(0);
        assertThat(rooms.path("name").asString()).isEqualTo("den");
        assertThat(rooms.path("members").asInt()).isEqualTo(1);
        assertThat(rooms.path("capacity").asInt()).isEqualTo(8);
        assertThat(rooms.path("state").asString()).isEqualTo("OPEN");
        assertThat(rooms.path("private").asBoolean()).isFalse();

        assertThat(run.ofType("joined").get(0).path("room").asString()).isEqualTo("den");
        JsonNode roomChat = run.ofType("chat").get(1);
        assertThat(roomChat.path("scope").asString()).isEqualTo("room");
        assertThat(roomChat.path("room").asString()).isEqualTo("den");
        assertThat(run.ofType("members").get(0).path("members")).extracting(m -> m.path("user").asString())
                .containsExactly("bob", "alice");
        assertThat(run.ofType("member")).anySatisfy(m -> {
            assertThat(m.path("user").asString()).isEqualTo("alice");
            assertThat(m.path("event").asString()).isEqualTo("ready");
            assertThat(m.path("room").asString()).isEqualTo("den");
        });
        JsonNode whisper = run.ofType("chat").stream().filter(c -> c.path("scope").asString().equals("whisper"))
                .findFirst().orElseThrow();
        assertThat(whisper.path("to").asString()).isEqualTo("bob");
        assertThat(whisper.path("text").asString()).isEqualTo("psst");
        assertThat(run.ofType("left").get(0).path("room").asString()).isEqualTo("den");
        assertThat(run.ofType("users").get(0).path("users")).extracting(u -> u.path("user").asString())
                .contains("alice", "bob");
        assertThat(run.ofType("help").get(0).path("commands")).hasSize(CommandCatalog.values().length);
        assertThat(run.last().path("type").asString()).isEqualTo("disconnected");
        assertThat(run.last().path("reason").asString()).isEqualTo("CLOSED");
    }

    @Test
    void theOwnerRunsAGameAndKicksWhileMembersSeeTheEvents() throws Exception {
        RecordingEvents bobsEvents = new RecordingEvents();
        bob.addListener(bobsEvents);
        CompletableFuture<Void> bobJoinsAndReadies = meanwhile(() -> {
            bobsEvents.awaitRoomCreated(server, "arena");
            bob.joinRoom("arena", null).get(5, TimeUnit.SECONDS);
            bob.setReady(true).get(5, TimeUnit.SECONDS);
        });

        CliRun run = script(String.join("\n",
                "/create arena --max 4",
                "/wait member",
                "/wait member",
                "/ready",
                "/start",
                "/wait game",
                "/end",
                "/wait game",
                "/kick bob too quiet",
                "/kick nobody"), "--guest", "alice", "--json");

        bobJoinsAndReadies.get(5, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode joined = run.ofType("joined").get(0);
        assertThat(joined.path("room").asString()).isEqualTo("arena");
        assertThat(joined.path("capacity").asInt()).isEqualTo(4);
        assertThat(run.ofType("member")).extracting(m -> m.path("user").asString() + ":" + m.path("event").asString())
                .startsWith("bob:joined", "bob:ready");
        assertThat(run.ofType("game")).extracting(g -> g.path("room").asString() + ":" + g.path("event").asString())
                .containsExactly("arena:started", "arena:ended");
        assertThat(run.ofType("ack")).extracting(a -> a.path("command").asString()).contains("start", "end", "kick");
        JsonNode kickError = run.ofType("error").get(0);
        assertThat(kickError.path("code").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(kickError.path("command").asString()).isEqualTo("kick");
        assertThat(bobsEvents.kickedBy()).isEqualTo("alice");
    }

    @Test
    void aServerErrorIsPrintedWithItsCodeAndTheScriptGoesOn() throws Exception {
        CliRun run = script("/join nowhere\n/create x\n/frobnicate\n/w\nstill here", "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.ofType("error")).extracting(e -> e.path("code").asString())
                .containsExactly("ROOM_NOT_FOUND", "INVALID_ARGUMENT", "USAGE", "USAGE");
        assertThat(run.ofType("error").get(0).path("message").asString()).isNotEmpty();
        assertThat(run.ofType("chat").get(0).path("text").asString()).isEqualTo("still here");
    }

    @Test
    void aTakenNameExitsWithTwo() throws Exception {
        CliRun run = script("hello", "--guest", "bob", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.last().path("type").asString()).isEqualTo("error");
        assertThat(run.last().path("code").asString()).isEqualTo("NAME_TAKEN");
    }

    @Test
    void noServerExitsWithTwo() throws Exception {
        int port = server.port();
        server.close();
        server = TestTavernServer.start();

        CliRun run = CliRun.script(dir, "hello", "--port", String.valueOf(port), "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.last().path("code").asString()).isEqualTo("CONNECT_FAILED");
    }

    @Test
    void anAccountPasswordComesFromThePasswordFile() throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "s3cret\n", StandardCharsets.UTF_8);

        CliRun registered = script("", "--user", "carol", "--register", "--password-file", password.toString(), "--json");
        CliRun loggedIn = script("", "--user", "carol", "--password-file", password.toString(), "--json");
        Files.writeString(password, "wrong\n", StandardCharsets.UTF_8);
        CliRun refused = script("", "--user", "carol", "--password-file", password.toString(), "--json");

        assertThat(registered.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(registered.ofType("login").get(0).path("user").asString()).isEqualTo("carol");
        assertThat(registered.ofType("login").get(0).path("guest").asBoolean()).isFalse();
        assertThat(loggedIn.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(refused.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(refused.last().path("code").asString()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void anAccountWithoutPasswordSourceExitsWithTwoBeforeConnecting() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(PasswordSource.ENVIRONMENT) == null);

        CliRun run = script("", "--user", "carol", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.last().path("code").asString()).isEqualTo("NO_PASSWORD");
        assertThat(server.received()).noneMatch(e -> e.hasLogin());
    }

    @Test
    void aSessionClosedByTheServerExitsWithThreeAndSaysWhyOnTheLastLine() throws Exception {
        CompletableFuture<CliRun> run = aliceOnlineRunning("/wait chat 20000\nnever sent");

        server.goodbyeAll(Goodbye.Reason.SERVER_SHUTDOWN, "maintenance");

        CliRun finished = run.get(10, TimeUnit.SECONDS);
        assertThat(finished.exitCode()).isEqualTo(ExitCode.SESSION_CLOSED);
        assertThat(finished.last().path("type").asString()).isEqualTo("disconnected");
        assertThat(finished.last().path("reason").asString()).isEqualTo("SERVER_SHUTDOWN");
        assertThat(finished.ofType("chat")).isEmpty();
    }

    @Test
    void aWaitThatTimesOutReportsWaitTimeout() throws Exception {
        CliRun run = script("/wait game 200\n/sleep 50", "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.ofType("error").get(0).path("code").asString()).isEqualTo("WAIT_TIMEOUT");
    }

    @Test
    void withoutJsonTheScriptPrintsReadableLines() throws Exception {
        bob.createRoom(CreateRoom.newBuilder().setName("den").build()).get(5, TimeUnit.SECONDS);

        CliRun run = script("/rooms\n/join den\nhi\n/join den", "--guest", "alice");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Logged in as alice (guest).")
                .containsPattern("ROOM\\s+PLAYERS\\s+STATE\\s+ACCESS\\s+OWNER")
                .containsPattern("den\\s+1/8\\s+OPEN\\s+open\\s+bob")
                .contains("You joined den")
                .containsPattern("\\[\\d\\d:\\d\\d:\\d\\d] alice: hi")
                .contains("You are in a room already; /leave first. [ALREADY_IN_ROOM]");
        assertThat(run.out()).doesNotContain("{\"type\"");
    }

    @Test
    void roomNamesMayHoldSpacesWithOrWithoutQuotes() throws Exception {
        bob.createRoom(CreateRoom.newBuilder().setName("The Green Dragon").build()).get(5, TimeUnit.SECONDS);

        CliRun run = script(String.join("\n",
                "/rooms green dragon",
                "/join the green dragon",
                "/leave",
                "/join \"The Green Dragon\"",
                "/leave",
                "/create My Room --max 4",
                "/who"), "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.ofType("error")).isEmpty();
        assertThat(run.ofType("rooms").get(0).path("rooms")).extracting(r -> r.path("name").asString())
                .containsExactly("The Green Dragon");
        assertThat(run.ofType("joined")).extracting(j -> j.path("room").asString())
                .containsExactly("The Green Dragon", "The Green Dragon", "My Room");
        assertThat(run.ofType("joined").get(2).path("capacity").asInt()).isEqualTo(4);
    }

    @Test
    void aRoomKickSaysWhoKickedAndWhy() throws Exception {
        RecordingEvents bobsEvents = new RecordingEvents();
        bob.addListener(bobsEvents);
        bob.createRoom(CreateRoom.newBuilder().setName("Vault").build()).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> bobKicks = meanwhile(() -> {
            bobsEvents.awaitMemberJoined("alice");
            bob.kick("alice", "spamming").get(5, TimeUnit.SECONDS);
        });

        CliRun run = script("/join Vault\n/wait left", "--guest", "alice");

        bobKicks.get(5, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("You were kicked from Vault by bob: spamming.");
    }

    @Test
    void aKickReasonWithAnEscapeSequenceIsPrintedEscapedNeverRun() throws Exception {
        RecordingEvents bobsEvents = new RecordingEvents();
        bob.addListener(bobsEvents);
        bob.createRoom(CreateRoom.newBuilder().setName("Vault").build()).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> bobKicks = meanwhile(() -> {
            bobsEvents.awaitMemberJoined("alice");
            bob.kick("alice", "\u001B[2J\u001B]0;pwned\u0007\u202Espamming").get(5, TimeUnit.SECONDS);
        });

        CliRun run = script("/join Vault\n/wait left", "--guest", "alice");

        bobKicks.get(5, TimeUnit.SECONDS);
        assertThat(run.out()).contains("You were kicked from Vault by bob: ^[[2J^[]0;pwned^G<U+202E>spamming.")
                .doesNotContain("\u001B", "\u0007", "\u202E");
    }

    @Test
    void inJsonAnEscapeSequenceIsAJsonEscapeAndReadsBackExactly() throws Exception {
        String hostile = "\u001B[2Jhi\u009B31m \u202Eevil";
        CompletableFuture<CliRun> run = aliceOnlineRunning("/wait chat");
        bob.sendChat(io.tavern.protocol.v1.ChatScope.LOBBY, null, hostile).get(5, TimeUnit.SECONDS);

        CliRun done = run.get(10, TimeUnit.SECONDS);
        assertThat(done.out().codePoints().filter(c -> c == 0x1B || TerminalText.isActedOn(c))).isEmpty();
        assertThat(done.ofType("chat").get(0).path("text").asString()).isEqualTo(hostile);
    }

    @Test
    void aKickAndARoomCloseCarryTheirReasonInJson() throws Exception {
        RecordingEvents bobsEvents = new RecordingEvents();
        bob.addListener(bobsEvents);
        bob.createRoom(CreateRoom.newBuilder().setName("Vault").build()).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> kickThenClose = meanwhile(() -> {
            bobsEvents.awaitMemberJoined("alice");
            bob.kick("alice", "spamming").get(5, TimeUnit.SECONDS);
            bobsEvents.awaitMemberJoined("alice");
            server.closeRoom("Vault", "closed for the night");
        });

        CliRun run = script("/join Vault\n/wait left\n/join Vault\n/wait left", "--guest", "alice", "--json");

        kickThenClose.get(5, TimeUnit.SECONDS);
        List<JsonNode> left = run.ofType("left");
        assertThat(left.get(0).path("reason").asString()).isEqualTo("kicked");
        assertThat(left.get(0).path("by").asString()).isEqualTo("bob");
        assertThat(left.get(0).path("because").asString()).isEqualTo("spamming");
        assertThat(left.get(1).path("reason").asString()).isEqualTo("closed");
        assertThat(left.get(1).path("because").asString()).isEqualTo("closed for the night");
    }

    @Test
    void aPasswordRoomInAScriptSaysHowToGiveItsPassword() throws Exception {
        bob.createRoom(CreateRoom.newBuilder().setName("vault").setPassword("sesame").build()).get(5, TimeUnit.SECONDS);

        CliRun run = script("/join vault\n/join vault --password nope\n/join vault --password sesame", "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        List<JsonNode> errors = run.ofType("error");
        assertThat(errors).extracting(e -> e.path("code").asString()).containsExactly("WRONG_PASSWORD", "WRONG_PASSWORD");
        assertThat(errors.get(0).path("message").asString()).isEqualTo("vault has a password: /join vault --password PW");
        assertThat(errors.get(1).path("message").asString()).isEqualTo("wrong password for vault");
        assertThat(run.ofType("joined").get(0).path("room").asString()).isEqualTo("vault");
    }

    @Test
    void anUnknownHostIsNamedSoInPlainWords() throws Exception {
        CliRun run = CliRun.script(dir, "hello", "--host", "nosuch.invalid", "--guest", "alice", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.last().path("code").asString()).isEqualTo("CONNECT_FAILED");
        assertThat(run.last().path("cause").asString()).isEqualTo("UNKNOWN_HOST");
        assertThat(run.last().path("message").asString()).isEqualTo("cannot resolve host 'nosuch.invalid'; is the name right?");
    }

    @Test
    void aPortNobodyListensOnSaysIsTheServerRunningWithoutTheTransportsText() throws Exception {
        int port = server.port();
        server.close();
        server = TestTavernServer.start();

        CliRun run = CliRun.script(dir, "hello", "--host", "127.0.0.1", "--port", String.valueOf(port), "--guest", "alice");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.out()).contains("! Could not connect. [CONNECT_FAILED] nothing is listening on 127.0.0.1:" + port
                + " — is the server running? (the game port is 7777 by default)");
        assertThat(run.out() + run.err()).doesNotContain("finishConnect").doesNotContain("error(-111)");
    }

    @Test
    void aPortThatSpeaksHttpIsNotMistakenForTavern() throws Exception {
        try (ForeignPeer http = ForeignPeer.answering(ForeignPeer.HTTP_400)) {
            CliRun run = CliRun.script(dir, "hello", "--host", "localhost", "--port", String.valueOf(http.port()),
                    "--guest", "alice", "--json");

            assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
            assertThat(run.last().path("cause").asString()).isEqualTo("NOT_TAVERN");
            assertThat(run.last().path("message").asString()).isEqualTo("localhost:" + http.port()
                    + " does not speak the Tavern protocol (is it the HTTP port? the game port is 7777 by default)");
            assertThat(run.out()).doesNotContain("Adjusted frame length");
        }
    }

    @Test
    void aBannedNameIsRefusedWithTheBansEndAndReason() throws Exception {
        Instant until = Instant.parse("2099-01-01T00:00:00Z");
        server.ban("alice", until.toEpochMilli(), "cheating", "mod-bea");

        CliRun json = script("hello", "--guest", "alice", "--json");
        CliRun human = script("hello", "--guest", "alice");

        assertThat(json.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        JsonNode refusal = json.last();
        assertThat(refusal.path("code").asString()).isEqualTo("BANNED");
        assertThat(refusal.path("until").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(refusal.path("reason").asString()).isEqualTo("cheating");
        assertThat(human.out()).containsPattern("! You are banned until 2099-01-01 \\d\\d:\\d\\d \\(in \\d+ h( \\d+ min)?\\): cheating\\. \\[BANNED]");
    }

    @Test
    void aBanDuringTheSessionEndsItWithThreeAndSaysByWhomAndWhy() throws Exception {
        CompletableFuture<CliRun> run = aliceOnlineRunning("/wait chat 20000");

        server.ban("alice", 0, "cheating", "mod-bea");

        CliRun finished = run.get(10, TimeUnit.SECONDS);
        assertThat(finished.exitCode()).isEqualTo(ExitCode.SESSION_CLOSED);
        JsonNode last = finished.last();
        assertThat(last.path("type").asString()).isEqualTo("disconnected");
        assertThat(last.path("reason").asString()).isEqualTo("BANNED");
        assertThat(last.path("by").asString()).isEqualTo("mod-bea");
        assertThat(last.path("because").asString()).isEqualTo("cheating");
    }

    @Test
    void aMutedPlayerIsToldUntilWhenAndWhyTheirChatIsRefused() throws Exception {
        server.mute("alice", Instant.parse("2099-01-01T00:00:00Z").toEpochMilli(), "spamming");

        CliRun json = script("hello", "--guest", "alice", "--json");
        CliRun human = script("hello", "--guest", "alice");

        JsonNode refusal = json.ofType("error").get(0);
        assertThat(refusal.path("code").asString()).isEqualTo("MUTED");
        assertThat(refusal.path("command").asString()).isEqualTo("chat");
        assertThat(refusal.path("until").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(refusal.path("reason").asString()).isEqualTo("spamming");
        assertThat(human.out()).containsPattern("! You are muted until 2099-01-01 \\d\\d:\\d\\d \\(in [^)]+\\): spamming\\. \\[MUTED]");
    }

    @Test
    void aThrottledLoginSaysHowLongToWait() throws Exception {
        server.limitFailedLogins(0, 300_000);
        Path password = dir.resolve("password");
        Files.writeString(password, "whatever\n", StandardCharsets.UTF_8);

        CliRun run = script("", "--user", "carol", "--password-file", password.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.out()).contains("! Too many attempts; try again in 5 min. [TOO_MANY_ATTEMPTS]");
    }

    @Test
    void aScriptsHelpListsTheScriptOnlyCommandsToo() throws Exception {
        CliRun run = script("/help", "--guest", "alice");

        assertThat(run.out()).contains("/sleep MS").contains("/wait TYPE [TIMEOUT_MS]").contains("/join NAME [--password [PW]]");
    }
}
