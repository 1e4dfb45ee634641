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
        bob.close();
        server.close();
    }

    private void startAlice(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(server.port())));
        args.addAll(List.of(extra));
        terminal = TmuxSession.start(110, 30, home, CliProcess.javaCommand(args.toArray(String[]::new)));
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
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> terminal.exitStatus() >= 0);
        assertThat(terminal.exitStatus()).isZero();
    }

    @Test
    void aLostConnectionSaysWhyAndOffersToReconnect() throws Exception {
        startAlice("--guest", "alice");
        terminal.awaitScreen("logged in", s -> s.contains("alice@lobby>"));
        terminal.type("/join den");
        terminal.press("Enter");
        terminal.awaitScreen("joined", s -> s.contains("alice@den>"));

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
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> terminal.exitStatus() >= 0);
        assertThat(terminal.exitStatus()).isZero();
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
        startAlice("--guest", "alice", "--reconnect");
        terminal.awaitScreen("logged in", s -> s.contains("alice@lobby>"));

        server.dropAll();

        terminal.awaitScreen("reconnected by itself", s -> s.contains("Disconnected: the connection was lost (NETWORK")
                && s.lines().filter(l -> l.contains("Logged in as alice")).count() == 2);
        assertThat(terminal.screen()).doesNotContain("Reconnect? [Y/n]");
        terminal.awaitLastLine("alice@lobby>");
        terminal.type("back again");
        terminal.press("Enter");
        terminal.awaitScreen("chatting again", s -> s.contains("alice: back again"));
    }

    private void awaitBobHears(String text) {
        Awaitility.await("bob hears '" + text + "'").atMost(Duration.ofSeconds(5)).until(() -> bobsEvents.stream()
                .filter(Envelope::hasChatMessage).map(Envelope::getChatMessage).map(ChatMessage::getText)
                .anyMatch(text::equals));
    }
}
