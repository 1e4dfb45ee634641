package io.tavern.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A program in a real pseudo-terminal: a tmux session on a private server socket, driven with
 * send-keys and read with capture-pane, as a person at a terminal would.
 */
final class TmuxSession implements AutoCloseable {

    private static final String TARGET = "main";

    private final String socket;
    private final Path exitFile;
    private Path socketPath;

    private TmuxSession(String socket, Path exitFile) {
        this.socket = socket;
        this.exitFile = exitFile;
    }

    static TmuxSession start(int width, int height, Path home, List<String> command) throws IOException, InterruptedException {
        Path exitFile = home.resolve("exit-status");
        Files.deleteIfExists(exitFile); // a program run before in the same home
        TmuxSession session = new TmuxSession("tavern-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime(), exitFile);
        // A shell around the program writes its exit status to a file: tmux does not always reap a
        // pane's process promptly, so #{pane_dead_status} cannot be relied on.
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", TARGET,
                "-x", String.valueOf(width), "-y", String.valueOf(height),
                "env", "HOME=" + home, "LANG=C.UTF-8",
                "sh", "-c", "\"$@\"; echo $? > '" + exitFile + "'; sleep 600", "sh"));
        args.addAll(command);
        session.tmux(args.toArray(String[]::new));
        session.socketPath = Path.of(session.tmux("display-message", "-p", "#{socket_path}").strip());
        return session;
    }

    /** Types text (literally, no key names). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", TARGET, "-l", text);
    }

    /** Presses keys by tmux name: Enter, Tab, C-c... */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", TARGET));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", TARGET);
    }

    /** The last line of the screen that is not blank: where the cursor's line is. */
    String lastLine() throws IOException, InterruptedException {
        List<String> lines = screen().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
    }

    String awaitScreen(String description, Predicate<String> wanted) {
        String[] last = {""};
        try {
            Awaitility.await(description).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last[0] = screen();
                        return wanted.test(last[0]);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(description + ": not on the screen within 20 s; the screen was:\n" + last[0], e);
        }
        return last[0];
    }

    void awaitLastLine(String expected) {
        Awaitility.await("last line '" + expected + "'").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> lastLine().equals(expected));
    }

    /** The program's exit status once it ended, or -1 while it runs. */
    int exitStatus() throws IOException {
        if (!Files.exists(exitFile)) {
            return -1;
        }
        String status = Files.readString(exitFile, StandardCharsets.UTF_8).strip();
        return status.isEmpty() ? -1 : Integer.parseInt(status);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        // A killed server leaves its socket file behind.
        if (socketPath != null) {
            Files.deleteIfExists(socketPath);
        }
    }
}
