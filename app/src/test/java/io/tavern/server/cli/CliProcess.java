package io.tavern.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The player's CLI (the fat jar the client-cli module builds) as a separate process, driven the way a
 * script drives it: lines on standard input, one JSON object per line on standard output.
 */
final class CliProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "client-cli", "target", "tavern-cli.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private CliProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readLines, "cli-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Skips the calling test when the jar was not built (a build of the app module alone). */
    static void assumeJarBuilt() {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "client-cli/target/tavern-cli.jar is built by the full reactor");
    }

    static CliProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new CliProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(JSON.readTree(line));
            }
        } catch (IOException | RuntimeException ended) {
            // the process is gone; what was read stays readable
        }
    }

    /** Writes the script and closes standard input: the CLI runs it to the end and exits. */
    void script(String... commands) throws IOException {
        for (String command : commands) {
            stdin.write(command);
            stdin.write('\n');
        }
        stdin.close();
    }

    /** Waits until the CLI has printed a line of {@code type}; fails, with what it printed, if it exits first. */
    void awaitLine(String type, Duration timeout) {
        Awaitility.await("a '" + type + "' line from the CLI").atMost(timeout).until(() -> {
            if (!ofType(type).isEmpty()) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the CLI exited with " + process.exitValue() + " before a '" + type
                        + "' line; it printed " + lines);
            }
            return false;
        });
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 3 minutes; it printed " + lines);
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** The first line of {@code type}, once it is printed; fails after 30 s. */
    JsonNode awaitType(String type) {
        return awaitType(type, 1);
    }

    /** The {@code count}th line of {@code type}, once it is printed; fails after 30 s. */
    JsonNode awaitType(String type, int count) {
        Awaitility.await(count + " " + type + " from the CLI").atMost(Duration.ofSeconds(30))
                .until(() -> ofType(type).size() >= count);
        return ofType(type).get(count - 1);
    }

    List<JsonNode> ofType(String type) {
        return lines.stream().filter(line -> line.path("type").asString().equals(type)).toList();
    }

    JsonNode lastLine() {
        if (lines.isEmpty()) {
            throw new AssertionError("the process printed nothing");
        }
        return lines.get(lines.size() - 1);
    }

    List<String> types() {
        return lines.stream().map(line -> line.path("type").asString()).toList();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
