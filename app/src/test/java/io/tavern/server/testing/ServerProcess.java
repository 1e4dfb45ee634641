package io.tavern.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged server ({@code target/tavern-server.jar}, built in the {@code package} phase, so only
 * integration tests can use it) in a JVM of its own: for what only a real process shows, such as what
 * SIGTERM does and what survives a restart. Its output goes to a log file; its ports are picked free
 * beforehand. Netty's leak detector runs at PARANOID in it too, and {@link #leakReports()} reads what it
 * logged.
 */
public final class ServerProcess implements AutoCloseable {

    /** Where failsafe runs: the module's directory. */
    public static final Path JAR = Path.of("target", "tavern-server.jar");

    private final Process process;
    private final Path log;
    private final int gamePort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(Process process, Path log, int gamePort, int httpPort) {
        this.process = process;
        this.log = log;
        this.gamePort = gamePort;
        this.httpPort = httpPort;
    }

    /**
     * What the test profile (application-default.yaml, which a packaged server does not read) sets for the
     * servers of tests: every client comes from loopback at a test's pace, so the request budgets and the room
     * caps are off unless a test sets them.
     */
    private static final List<String> TEST_PACE = List.of(
            "tavern.limits.session.per-second=0",
            "tavern.limits.address.per-second=0",
            "tavern.rooms.creations-per-minute=100000",
            "tavern.rooms.creations-per-minute-per-address=1000000",
            "tavern.rooms.max-rooms-per-player=1000000");

    /** Starts {@code java -jar target/tavern-server.jar --key=value...}, logging to {@code log}. */
    public static ServerProcess start(Path log, String... properties) throws IOException {
        return start(log, Map.of(), properties);
    }

    /**
     * Like {@link #start(Path, String...)}, with {@code environment} added to the process's environment. A
     * {@code tavern.net.port=} or {@code server.port=} among the properties replaces the free port picked for it.
     */
    public static ServerProcess start(Path log, Map<String, String> environment, String... properties) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with "
                    + "'./mvnw verify', after the package phase built it");
        }
        int gamePort = givenPort(properties, "tavern.net.port=");
        int httpPort = givenPort(properties, "server.port=");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dio.netty.leakDetection.level=paranoid",
                "-jar", JAR.toString()));
        if (gamePort < 0) {
            gamePort = freePort();
            command.add("--tavern.net.port=" + gamePort);
        }
        if (httpPort < 0) {
            httpPort = freePort();
            command.add("--server.port=" + httpPort);
        }
        for (String property : properties) {
            command.add("--" + property);
        }
        for (String property : TEST_PACE) {
            String key = property.substring(0, property.indexOf('=') + 1);
            if (java.util.Arrays.stream(properties).noneMatch(given -> given.startsWith(key))) {
                command.add("--" + property);
            }
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start(), log, gamePort, httpPort);
    }

    private static int givenPort(String[] properties, String prefix) {
        for (String property : properties) {
            if (property.startsWith(prefix)) {
                return Integer.parseInt(property.substring(prefix.length()));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int gamePort() {
        return gamePort;
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until readiness says UP; fails, with the end of the log, if the process dies first. */
    public ServerProcess awaitReady(Duration timeout) {
        try {
            Awaitility.await("readiness of the server process " + process.pid()).atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the server exited with " + process.exitValue()
                                    + " before it was ready:\n" + tail(60));
                        }
                        return readiness() == 200;
                    });
        } catch (ConditionTimeoutException notReady) {
            throw new AssertionError("the server was not ready within " + timeout + ":\n" + tail(60), notReady);
        }
        return this;
    }

    /** The HTTP status of {@code /actuator/health/readiness}: 200 UP, 503 DOWN, -1 unreachable. */
    public int readiness() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        }
    }

    /**
     * Sends SIGTERM ({@link Process#destroy()} on Linux), as an orchestrator stopping the server would,
     * and waits for the process to exit.
     *
     * @return the exit code
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within " + timeout + " of SIGTERM:\n" + tail(60));
        }
        return process.exitValue();
    }

    /**
     * Waits for the process to exit by itself (a failed start); fails, with the end of the log, if it is
     * still running after {@code timeout}.
     *
     * @return the exit code
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server was still running " + timeout + " after its start:\n" + tail(60));
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Lines where Netty's leak detector reported a buffer released never. */
    public List<String> leakReports() {
        return log().lines().filter(line -> line.contains("LEAK:")).toList();
    }

    /** Kills the process if it still runs: a test that failed half-way leaves nothing behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
