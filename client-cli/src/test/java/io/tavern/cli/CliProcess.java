package io.tavern.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** The CLI's fat jar run as a process of its own, its output lines collected as they come. */
final class CliProcess implements AutoCloseable {

    /** How long the CLI may take to show what a test waits for (it passes as soon as it is there). */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StringBuffer errors = new StringBuffer();

    private CliProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> collect(new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))), "cli-stdout");
        reader.setDaemon(true);
        reader.start();
        Thread errorReader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    errors.append(line).append('\n');
                }
            } catch (IOException e) {
                // process gone
            }
        }, "cli-stderr");
        errorReader.setDaemon(true);
        errorReader.start();
    }

    static Path jar() {
        String jar = System.getProperty("tavern.cli.jar");
        if (jar == null) {
            throw new IllegalStateException("tavern.cli.jar is not set: run through failsafe (mvn verify)");
        }
        return Path.of(jar);
    }

    static List<String> javaCommand(String... args) {
        return java(List.of(), args);
    }

    /**
     * The CLI with {@code home} as its home directory, where it keeps its history. Java takes the
     * home directory from the password database, not from $HOME, so it is set as user.home.
     */
    static List<String> javaCommandAt(Path home, String... args) {
        return java(List.of("-Duser.home=" + home), args);
    }

    private static List<String> java(List<String> options, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the CLI; its standard input is a pipe (so it runs in scripted mode). */
    static CliProcess start(String... args) throws IOException {
        return new CliProcess(new ProcessBuilder(javaCommand(args)).start());
    }

    private void collect(BufferedReader out) {
        try (out) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // process gone
        }
    }

    /** Writes the script to the CLI's standard input and closes it: the script ends there. */
    CliProcess script(String... scriptLines) throws IOException {
        try (Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line : scriptLines) {
                in.write(line);
                in.write('\n');
            }
        }
        return this;
    }

    List<JsonNode> events() {
        return lines.stream().map(CliRun.JSON::readTree).toList();
    }

    List<JsonNode> ofType(String type) {
        return events().stream().filter(e -> e.path("type").asString().equals(type)).toList();
    }

    /**
     * Waits for an event the CLI prints. The bound is generous: a CLI is a JVM of its own, and on a
     * loaded two-core machine its start alone has taken more than 20 s.
     */
    JsonNode awaitEvent(Predicate<JsonNode> wanted) {
        Awaitility.await().atMost(PATIENCE)
                .until(() -> events().stream().anyMatch(wanted));
        return events().stream().filter(wanted).findFirst().orElseThrow();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the CLI did not exit; output so far: " + lines + " stderr: " + errors);
        }
        return process.exitValue();
    }

    String stderr() {
        return errors.toString();
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
