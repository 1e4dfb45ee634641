package io.tavern.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged server ({@code target/tavern-server.jar}, built in the {@code package} phase, so only
 * integration tests can use it) in a JVM of its own: for what only a real process shows, such as what
 * SIGTERM does and what survives a restart. Its output goes to a log file ({@link #log()} reads this process's
 * part of it); its ports are any free ones unless a test names them, learnt from the line it logs once ready.
 * Netty's leak detector runs at PARANOID in it too, and {@link #leakReports()} reads what it logged.
 */
public final class ServerProcess implements AutoCloseable {

    /** Where failsafe runs: the module's directory. */
    public static final Path JAR = Path.of("target", "tavern-server.jar");

    /** The line the server logs once ready, with the ports it bound (whatever the log's format). */
    private static final Pattern READY_LINE = Pattern.compile("Tavern ready: game port (\\d+) \\(.*?\\), HTTP port (\\d+)");
    private static final int UNKNOWN = -1;

    private final Process process;
    private final Path log;
    /** Where this process's output starts in the log, which is appended to (an earlier run's lines come before). */
    private final long logStart;
    /** The ports: given by the test, or learnt from the server's ready line; {@link #UNKNOWN} until then. */
    private volatile int gamePort;
    private volatile int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(Process process, Path log, long logStart, int gamePort, int httpPort) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
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
     * Like {@link #start(Path, String...)}, with {@code environment} added to the process's environment. Each port
     * the test does not give ({@code tavern.net.port=}, {@code server.port=}) is 0, any free one, and is learnt from
     * the line the server logs when ready: a port picked beforehand could be taken (by another process, or by a
     * client connection's ephemeral port) before the server binds it, and the test would fail for nothing.
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
        if (gamePort == UNKNOWN) {
            command.add("--tavern.net.port=0");
        }
        if (httpPort == UNKNOWN) {
            command.add("--server.port=0");
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
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        return new ServerProcess(builder.start(), log, logStart, gamePort, httpPort);
    }

    private static int givenPort(String[] properties, String prefix) {
        for (String property : properties) {
            if (property.startsWith(prefix)) {
                return Integer.parseInt(property.substring(prefix.length()));
            }
        }
        return UNKNOWN;
    }

    /** The game port; known once the server has logged that it is ready ({@link #awaitReady}). */
    public int gamePort() {
        return known(learnPorts().gamePort, "game");
    }

    /** The HTTP port; known once the server has logged that it is ready ({@link #awaitReady}). */
    public int httpPort() {
        return known(learnPorts().httpPort, "HTTP");
    }

    private int known(int port, String which) {
        if (port == UNKNOWN) {
            throw new IllegalStateException("the " + which + " port of server process " + process.pid()
                    + " is any free one, known once it is ready: awaitReady first");
        }
        return port;
    }

    /** Reads the ports the server bound from its ready line, if it has logged it and they are not known yet. */
    private ServerProcess learnPorts() {
        if (gamePort == UNKNOWN || httpPort == UNKNOWN) {
            Matcher ready = READY_LINE.matcher(log());
            if (ready.find()) {
                if (gamePort == UNKNOWN) {
                    gamePort = Integer.parseInt(ready.group(1));
                }
                if (httpPort == UNKNOWN) {
                    httpPort = Integer.parseInt(ready.group(2));
                }
            }
        }
        return this;
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
        if (learnPorts().httpPort == UNKNOWN) {
            return -1; // not listening yet, or not said where
        }
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

    /**
     * What this process has written to its log so far: the file is appended to, so a test run again (or a restart
     * logging to the same file) finds only its own process's lines here, not an earlier run's.
     */
    public String log() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
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
