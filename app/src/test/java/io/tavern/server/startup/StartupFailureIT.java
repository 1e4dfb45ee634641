package io.tavern.server.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.db.testing.PostgresTestServer;
import io.tavern.server.testing.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11: a server that cannot start says why in one line and exits. The packaged server is started as an
 * operator would, into each failure an operator can fix; each time the process must exit with status 1 within
 * {@link #EXIT}, and its output must end with one {@code ERROR} line, {@code Tavern cannot start: <what and
 * where>; <how to fix it>}, that is the only ERROR line, with no stack trace anywhere.
 */
class StartupFailureIT {

    static final Duration EXIT = Duration.ofSeconds(90);
    static final Duration READY = Duration.ofSeconds(90);
    static final String LINE = "Tavern cannot start: ";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0} taken")
    @CsvSource(delimiter = '|', textBlock = """
            tavern.net.port | game port {port} on 0.0.0.0 is in use by another process
            server.port     | HTTP port {port} (admin API, health, metrics) is in use by another process
            """)
    void aTakenPortIsNamedWithTheSettingThatMovesIt(String key, String what) throws Exception {
        try (ServerSocket taken = listening()) {
            int port = taken.getLocalPort();
            assertFailsClearly(start(key.replace('.', '-') + "-taken", key + "=" + port),
                    what.replace("{port}", String.valueOf(port)),
                    "stop it or set " + key + " (e.g. --" + key + "=" + (port + 1) + ")");
        }
    }

    @Test
    void aSecondServerOnTheSameEmbeddedDatabaseIsToldToUseADirectoryOfItsOwn() throws Exception {
        try (ServerProcess first = startReady("first-server")) {
            assertFailsClearly(start("second-server"),
                    "the embedded database in " + dataDir.toAbsolutePath().normalize() + " is in use by another Tavern server",
                    "tavern.db.embedded-dir (e.g. --tavern.db.embedded-dir=data-2)");
            assertThat(first.readiness()).as("the first server is undisturbed").isEqualTo(200);
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsUrl() throws Exception {
        int closedPort;
        try (ServerSocket nothingListensHereAfterwards = listening()) {
            closedPort = nothingListensHereAfterwards.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/tavern";
        assertFailsClearly(start("db-unreachable", "tavern.db.url=" + url, "tavern.db.user=tavern"),
                "the database " + url + " is unreachable (Connection refused)", "correct the host and port in tavern.db.url");
    }

    @Test
    void aDatabaseThatRefusesTheUserSaysWhichSettingsToCorrect() throws Exception {
        PostgresTestServer postgres = PostgresTestServer.requireOrSkip();
        String url = postgres.urlOf("postgres");
        assertFailsClearly(start("db-refused", "tavern.db.url=" + url, "tavern.db.user=no_such_role_11"),
                "refused the user 'no_such_role_11'", "correct tavern.db.user and tavern.db.password");
    }

    @Test
    void valuesOutOfRangeAreAllNamedWithWhatIsAllowed() throws Exception {
        assertFailsClearly(start("out-of-range", "tavern.rooms.max-capacity=1", "tavern.chat.max-length=-5"),
                "2 invalid settings:",
                "tavern.rooms.max-capacity=1 (command line): must be between 2 and 100000",
                "tavern.chat.max-length=-5 (command line): must be between 1 and 2000");
    }

    @Test
    void aBrokenRelationNamesBothSettings() throws Exception {
        assertFailsClearly(start("relation", "tavern.rooms.max-capacity=4", "tavern.rooms.default-capacity=10"),
                "invalid setting tavern.rooms.default-capacity=10 (command line): must be at most tavern.rooms.max-capacity (4)",
                "correct it, or remove it");
    }

    @Test
    void aValueThatCannotBeReadListsTheChoices() throws Exception {
        assertFailsClearly(start("unreadable", "tavern.net.transport=iocp"),
                "invalid setting tavern.net.transport=iocp (command line): must be one of auto, io_uring, epoll, nio");
    }

    @Test
    void aTransportThisMachineLacksIsNamedWithTheChoiceThatWorks() throws Exception {
        // Netty's switch that hides the native transports stands in for a machine without epoll.
        ServerProcess server = start("transport", Map.of("JAVA_TOOL_OPTIONS", "-Dio.netty.transport.noNative=true"),
                "tavern.net.transport=epoll");
        assertFailsClearly(server, "tavern.net.transport=epoll is not available on this machine",
                "set tavern.net.transport=auto to take the best one available, or nio");
    }

    @Test
    void misspeltKeysOnTheCommandLineAndInTheEnvironmentAreNamedWithTheKeysMeant() throws Exception {
        ServerProcess server = start("misspelt", Map.of("TAVERN_CHAT_MAX_LENGHT", "80"), "tavern.net.prot=7778");
        assertFailsClearly(server, "2 unknown settings:",
                "tavern.net.prot (command line; did you mean tavern.net.port?)",
                "TAVERN_CHAT_MAX_LENGHT (environment variable; did you mean TAVERN_CHAT_MAXLENGTH?)",
                "tavern.config.unknown-keys=warn");
    }

    @Test
    void withUnknownKeysSetToWarnAMisspeltKeyIsLoggedAndTheServerStarts() throws Exception {
        try (ServerProcess server = startReady("misspelt-warn", "tavern.net.prot=7778", "tavern.config.unknown-keys=warn")) {
            assertThat(server.log()).contains("Ignoring unknown setting tavern.net.prot (command line; did you mean tavern.net.port?)");
            assertThat(server.terminate(Duration.ofSeconds(60))).isIn(0, 128 + 15);
        }
    }

    /**
     * A server expected to fail. Each port it may bind is any free one unless the test names it (see
     * {@link ServerProcess#start(Path, Map, String...)}).
     */
    private ServerProcess start(String name, String... properties) throws IOException {
        return start(name, Map.of(), properties);
    }

    private ServerProcess start(String name, Map<String, String> environment, String... properties) throws IOException {
        List<String> all = new ArrayList<>(List.of("tavern.db.embedded-dir=" + dataDir));
        all.addAll(List.of(properties));
        return ServerProcess.start(log(name), environment, all.toArray(String[]::new));
    }

    /** A server expected to start: readiness is polled on its HTTP port, learnt from its ready line. */
    private ServerProcess startReady(String name, String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of("tavern.db.embedded-dir=" + dataDir));
        all.addAll(List.of(properties));
        return ServerProcess.start(log(name), all.toArray(String[]::new)).awaitReady(READY);
    }

    /** A log of this run only: the server appends, and an earlier run's lines would count. */
    private static Path log(String name) throws IOException {
        Path log = Path.of("target", "it-logs", "startup-" + name + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    /** A port held open on every address, as another program's would be. */
    private static ServerSocket listening() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(0));
        return socket;
    }

    private static void assertFailsClearly(ServerProcess server, String... expected) throws InterruptedException {
        try (server) {
            assertThat(server.awaitExit(EXIT)).as("exit status of a failed start:\n%s", server.tail(40)).isEqualTo(1);
            List<String> lines = server.log().lines().filter(line -> !line.isBlank()).toList();
            String last = lines.get(lines.size() - 1);
            assertThat(last).as("the last line").contains(" ERROR ").contains(LINE);
            assertThat(last.substring(last.indexOf(LINE))).contains(expected);
            assertThat(lines.stream().filter(line -> line.contains(" ERROR ")))
                    .as("the only ERROR line").containsExactly(last);
            assertThat(lines).as("no stack trace")
                    .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
            assertThat(lines).as("no second report").noneMatch(line -> line.contains("APPLICATION FAILED TO START"));
        }
    }
}
