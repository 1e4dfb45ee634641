package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.ClientListener;
import io.tavern.client.ClientOptions;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.testserver.TestTavernServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive mode in a real pseudo-terminal (tmux): the fat jar is typed at like a person
 * would, while "bob", a library client, is on the other side of the conversation.
 */
class InteractiveModeIT {

    @TempDir
    Path home;

    private TestTavernServer server;
    private TavernClient bob;
    private final List<Envelope> bobsEvents = new CopyOnWriteArrayList<>();
    private TmuxSession terminal;
    private final List<TavernClient> others = new CopyOnWriteArrayList<>();

    /**
     * tmux is not part of a JDK-only machine: there the test is skipped, unless the run requires it
     * ({@code TAVERN_TEST_REQUIRE_TMUX=true}, as CI sets), when its absence fails the run.
     */
    @org.junit.jupiter.api.BeforeAll
    static void tmuxIsThere() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException notInstalled) {
            present = false;
        }
        if (!present && "true".equals(System.getenv("TAVERN_TEST_REQUIRE_TMUX"))) {
            throw new AssertionError("tmux is required (TAVERN_TEST_REQUIRE_TMUX=true) but not installed");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "tmux is not installed");
    }

    @BeforeEach
    void start() throws Exception {
        server = TestTavernServer.start();
        bob = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port())
                .listener(new ClientListener() {
                    @Override
                    public void onEvent(Envelope event) {
                        bobsEvents.add(event);
                    }
                }).build()).get(5, TimeUnit.SECONDS);
        bob.loginGuest("bob").get(5, TimeUnit.SECONDS);
        bob.createRoom(CreateRoom.newBuilder().setName("den").build()).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
        others.forEach(TavernClient::close);
        bob.close();
        server.close();
    }

    private void startAlice(String... extra) throws Exception {
        startAlice(110, 30, extra);
    }

    private void startAlice(int width, int height, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(server.port())));
        args.addAll(List.of(extra));
        terminal = TmuxSession.start(width, height, home, CliProcess.javaCommandAt(home, args.toArray(String[]::new)));
    }

    /** Alice, a guest, at the lobby's prompt. */
    private void aliceAtTheLobby(String... extra) throws Exception {
        aliceAtTheLobby(110, 30, extra);
    }

    private void aliceAtTheLobby(int width, int height, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--guest", "alice"));
        args.addAll(List.of(extra));
        startAlice(width, height, args.toArray(String[]::new));
        terminal.awaitScreen("logged in", s -> s.contains("alice@lobby>"));
    }

    private void aliceIsIn(String room) throws Exception {
        terminal.type("/join " + room);
        terminal.press("Enter");
        terminal.awaitLastLine("alice@" + room + ">");
    }

    private void awaitExit(int status) throws java.io.IOException {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> terminal.exitStatus() >= 0);
        assertThat(terminal.exitStatus()).isEqualTo(status);
    }

    /** A second library client, for what bob cannot do from den. */
    private TavernClient guest(String name) throws Exception {
        TavernClient client = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port()).build())
                .get(5, TimeUnit.SECONDS);
        client.loginGuest(name).get(5, TimeUnit.SECONDS);
        others.add(client);
        return client;
    }

    @Test
    void loginRoomsJoinChatAndAMessageArrivingWhileTyping() throws Exception {
        startAlice("--guest", "alice");
        terminal.awaitScreen("logged in", s -> s.contains("Logged in as alice (guest).") && s.contains("alice@lobby>"));

        terminal.type("/rooms");
        terminal.press("Enter");
        terminal.awaitScreen("room table", s -> s.matches("(?s).*ROOM\\s+PLAYERS\\s+STATE.*den\\s+1/8\\s+OPEN\\s+open\\s+bob.*"));

        // Tab completes the command, then the room name learnt from /rooms.
        terminal.type("/jo");
        terminal.press("Tab");
        terminal.awaitLastLine("alice@lobby> /join");
        terminal.type("d");
        terminal.press("Tab");
        terminal.awaitLastLine("alice@lobby> /join den");
        terminal.press("Enter");
        terminal.awaitScreen("joined", s -> s.contains("You joined den") && s.contains("alice@den>"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> bobsEvents.stream().anyMatch(e ->
                e.hasRoomEvent() && e.getRoomEvent().getType() == RoomEventType.MEMBER_JOINED
                        && e.getRoomEvent().getUser().equals("alice")));

        terminal.type("hello from alice");
        terminal.press("Enter");
        awaitBobHears("hello from alice");
        terminal.awaitScreen("own line echoed", s -> s.matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d] alice: hello from alice.*"));

        // A message arrives while alice is half-way through a line: it is printed above, and
        // her line stays as it was, cursor and all.
        terminal.type("half a thought");
        terminal.awaitLastLine("alice@den> half a thought");
        bob.sendChat(ChatScope.ROOM, null, "ping from bob").get(5, TimeUnit.SECONDS);
        terminal.awaitScreen("bob's message", s -> s.matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d] bob: ping from bob.*"));
        assertThat(terminal.lastLine()).isEqualTo("alice@den> half a thought");
        terminal.type(", finished");
        terminal.press("Enter");
        awaitBobHears("half a thought, finished");

        terminal.type("/w b");
        terminal.press("Tab");
        terminal.awaitLastLine("alice@den> /w bob");
        terminal.type(" psst");
        terminal.press("Enter");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> bobsEvents.stream().anyMatch(e ->
                e.hasChatMessage() && e.getChatMessage().getScope() == ChatScope.WHISPER
                        && e.getChatMessage().getText().equals("psst")));
        terminal.awaitScreen("whisper shown", s -> s.contains("you -> bob (whisper): psst"));

        terminal.type("/quit");
        terminal.press("Enter");
        awaitExit(ExitCode.OK);
    }

    @Test
    void aLostConnectionSaysWhyAndOffersToReconnect() throws Exception {
        aliceAtTheLobby();
        aliceIsIn("den");

        server.goodbyeAll(Goodbye.Reason.SERVER_SHUTDOWN, "maintenance");

        terminal.awaitScreen("reason and offer", s -> s.contains("Disconnected: the server is shutting down (SERVER_SHUTDOWN: maintenance)")
                && s.contains("Reconnect? [Y/n]"));
        bob = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port()).build()).get(5, TimeUnit.SECONDS);
        bob.loginGuest("bob").get(5, TimeUnit.SECONDS);
        bob.createRoom(CreateRoom.newBuilder().setName("den").build()).get(5, TimeUnit.SECONDS);
        terminal.press("Enter");
        // Back in, and back in the room it was in.
        terminal.awaitScreen("reconnected", s -> s.lines().filter(l -> l.contains("Logged in as alice")).count() == 2
                && s.contains("You joined den"));
        terminal.awaitLastLine("alice@den>");
        terminal.press("C-d");
        awaitExit(ExitCode.OK);
    }

    @Test
    void aNewAccountsPasswordIsAskedTwiceAndNeverShown() throws Exception {
        startAlice("--user", "dave", "--register");
        terminal.awaitScreen("asked", s -> s.contains("Password for dave:"));
        terminal.type("hunter22");
        terminal.press("Enter");
        terminal.awaitScreen("asked again", s -> s.contains("Same password again:"));
        terminal.type("hunter22");
        terminal.press("Enter");

        String screen = terminal.awaitScreen("logged in", s -> s.contains("Logged in as dave.") && s.contains("dave@lobby>"));
        assertThat(screen).doesNotContain("hunter22");
        assertThat(server.received()).anySatisfy(e -> {
            assertThat(e.getRegister().getName()).isEqualTo("dave");
            assertThat(e.getRegister().getPassword()).isEqualTo("hunter22");
        });
    }

    @Test
    void withReconnectALostConnectionIsRetriedWithoutAsking() throws Exception {
        aliceAtTheLobby("--reconnect");

        server.dropAll();

        terminal.awaitScreen("reconnected by itself", s -> s.contains("Disconnected: the connection was lost (NETWORK")
                && s.lines().filter(l -> l.contains("Logged in as alice")).count() == 2);
        assertThat(terminal.screen()).doesNotContain("Reconnect? [Y/n]");
        terminal.awaitLastLine("alice@lobby>");
        terminal.type("back again");
        terminal.press("Enter");
        terminal.awaitScreen("chatting again", s -> s.contains("alice: back again"));
    }

    @Test
    void aKickFromTheRoomSaysWhyAndThePromptFollowsWithoutWaitingForEnter() throws Exception {
        aliceAtTheLobby();
        aliceIsIn("den");
        terminal.type("half a thought");

        bob.kick("alice", "spamming").get(5, TimeUnit.SECONDS);

        terminal.awaitScreen("the kick and its reason", s -> s.contains("You were kicked from den by bob: spamming."));
        terminal.awaitLastLine("alice@lobby> half a thought");
    }

    @Test
    void anEscapeSequenceInAKickReasonIsShownNotRunSoTheScreenStaysAsItWas() throws Exception {
        aliceAtTheLobby();
        aliceIsIn("den");
        bob.sendChat(ChatScope.ROOM, null, "before the kick").get(5, TimeUnit.SECONDS);
        terminal.awaitScreen("bob's line", s -> s.contains("bob: before the kick"));

        bob.kick("alice", "\u001B[2J\u001B[H\u001B]2;pwned\u0007gone").get(5, TimeUnit.SECONDS);

        terminal.awaitScreen("the reason, escaped",
                s -> s.contains("You were kicked from den by bob: ^[[2J^[[H^[]2;pwned^Ggone."));
        assertThat(terminal.screen()).as("not cleared").contains("bob: before the kick");
    }

    @Test
    void aRoomClosedByAnOperatorMovesThePromptToTheLobbyAtOnce() throws Exception {
        aliceAtTheLobby();
        aliceIsIn("den");

        server.closeRoom("den", "closed for the night");

        terminal.awaitScreen("why", s -> s.contains("den was closed: closed for the night; you are back in the lobby."));
        terminal.awaitLastLine("alice@lobby>");
    }

    @Test
    void roomNamesWithSpacesAreTypedPlainAndCompletedWithTab() throws Exception {
        guest("carol").createRoom(CreateRoom.newBuilder().setName("The Green Dragon").build()).get(5, TimeUnit.SECONDS);
        aliceAtTheLobby();

        terminal.type("/rooms");
        terminal.press("Enter");
        terminal.awaitScreen("listed", s -> s.contains("The Green Dragon"));
        terminal.type("/join the green d");
        terminal.press("Tab");
        terminal.awaitLastLine("alice@lobby> /join The Green Dragon");
        terminal.press("Enter");

        terminal.awaitScreen("joined", s -> s.contains("You joined The Green Dragon"));
        terminal.awaitLastLine("alice@The Green Dragon>");
    }

    @Test
    void joiningAPasswordRoomAsksForItMaskedAndOnceMoreAfterAWrongOne() throws Exception {
        guest("carol").createRoom(CreateRoom.newBuilder().setName("vault").setPassword("sesame").build()).get(5, TimeUnit.SECONDS);
        aliceAtTheLobby();

        terminal.type("/join vault");
        terminal.press("Enter");
        terminal.awaitLastLine("Password for room vault:");
        terminal.type("guess");
        terminal.awaitLastLine("Password for room vault: *****");
        terminal.press("Enter");
        terminal.awaitLastLine("Wrong password for vault; once more:");
        terminal.type("sesame");
        terminal.press("Enter");

        String screen = terminal.awaitScreen("joined", s -> s.contains("You joined vault"));
        terminal.awaitLastLine("alice@vault>");
        assertThat(screen).doesNotContain("guess").doesNotContain("sesame").doesNotContain("WRONG_PASSWORD");
    }

    @Test
    void aWrongAccountPasswordIsAskedAgainAndTheThirdGivesUp() throws Exception {
        TavernClient registering = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port()).build())
                .get(5, TimeUnit.SECONDS);
        registering.register("dave", "correct-horse").get(5, TimeUnit.SECONDS);
        registering.close();
        startAlice("--user", "dave");

        terminal.awaitLastLine("Password for dave:");
        terminal.type("battery-staple");
        terminal.press("Enter");
        terminal.awaitScreen("refused, asked again", s -> s.contains("Unknown account or wrong password.")
                && s.contains("Password for dave (try 2 of 3):"));
        terminal.type("correct-horse");
        terminal.press("Enter");
        terminal.awaitScreen("logged in", s -> s.contains("Logged in as dave."));
        terminal.type("/quit");
        terminal.press("Enter");
        awaitExit(ExitCode.OK);

        terminal.close();
        startAlice("--user", "dave");
        for (int attempt = 1; attempt <= LoginDialog.PASSWORD_ATTEMPTS; attempt++) {
            terminal.awaitLastLine(attempt == 1 ? "Password for dave:" : "Password for dave (try " + attempt + " of 3):");
            terminal.type("wrong-" + attempt);
            terminal.press("Enter");
        }
        terminal.awaitScreen("gave up", s -> s.contains("3 wrong passwords; giving up."));
        awaitExit(ExitCode.CONNECT_FAILED);
    }

    @Test
    void aBanEndsTheSessionSaysByWhomAndWhyAndOffersNoReconnect() throws Exception {
        aliceAtTheLobby("--reconnect");

        server.ban("alice", 0, "cheating", "mod-bea");

        String screen = terminal.awaitScreen("banned", s -> s.contains("Disconnected: you were banned by mod-bea: cheating (BANNED)")
                && s.contains("no reconnecting"));
        awaitExit(ExitCode.SESSION_CLOSED);
        assertThat(terminal.screen()).doesNotContain("Reconnect?").doesNotContain("Reconnecting");
        assertThat(screen.lines().filter(l -> l.contains("Logged in as alice")).count()).isEqualTo(1);
    }

    @Test
    void passwordsNeverReachTheHistoryFileWhichOnlyItsOwnerMayRead() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path historyFile = home.resolve(".tavern_history");
        java.nio.file.Files.writeString(historyFile, "1700000000000:/join old --password leaked\n");
        java.nio.file.Files.setPosixFilePermissions(historyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        guest("carol").createRoom(CreateRoom.newBuilder().setName("vault").setPassword("sesame").build()).get(5, TimeUnit.SECONDS);
        aliceAtTheLobby();

        terminal.type("/join vault --password sesame");
        terminal.press("Enter");
        terminal.awaitLastLine("alice@vault>");
        terminal.type("the secret is safe");
        terminal.press("Enter");
        terminal.awaitScreen("said", s -> s.contains("alice: the secret is safe"));
        terminal.type("/quit");
        terminal.press("Enter");
        awaitExit(ExitCode.OK);

        String history = java.nio.file.Files.readString(historyFile);
        assertThat(history).contains("the secret is safe").doesNotContain("sesame").doesNotContain("leaked");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(historyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void helpFitsTheTerminalBreakingOnlyBetweenWordsAndListsNoScriptCommands() throws Exception {
        int width = 64;
        aliceAtTheLobby(width, 40);

        terminal.type("/help");
        terminal.press("Enter");

        String screen = terminal.awaitScreen("help", s -> s.replaceAll("\\s+", " ").contains("Tab completes."));
        String text = screen.replaceAll("\\s+", " ");
        for (CommandCatalog command : CommandCatalog.forInteractive()) {
            assertThat(text).contains(command.usage()).contains(command.summary());
        }
        assertThat(text).doesNotContain("/sleep").doesNotContain("/wait");
    }

    @Test
    void aRefusedPortSaysNothingListensThereInsteadOfTheTransportsError() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        terminal = TmuxSession.start(110, 30, home, CliProcess.javaCommandAt(home, "--host", "localhost",
                "--port", String.valueOf(port), "--guest", "alice"));

        // Wrapped at a space if the terminal is narrow, never inside a word.
        String screen = terminal.awaitScreen("told", s -> s.replaceAll("\\s+", " ").contains("nothing is listening on localhost:"
                + port + " — is the server running? (the game port is 7777 by default)"));
        awaitExit(ExitCode.CONNECT_FAILED);
        assertThat(screen).doesNotContain("finishConnect").doesNotContain("Exception");
    }

    private void awaitBobHears(String text) {
        Awaitility.await("bob hears '" + text + "'").atMost(Duration.ofSeconds(5)).until(() -> bobsEvents.stream()
                .filter(Envelope::hasChatMessage).map(Envelope::getChatMessage).map(ChatMessage::getText)
                .anyMatch(text::equals));
    }
}
