package io.tavern.cli;

import io.tavern.client.ClientOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The scripted mode: reads commands line by line, runs each and waits for its reply before the
 * next, while events are reported as they come. Exit status: {@link ExitCode#OK} at the end of
 * the script (or /quit), {@link ExitCode#CONNECT_FAILED} when connecting or logging in failed,
 * {@link ExitCode#SESSION_CLOSED} when the server closed the session (the last line says why).
 */
final class ScriptRunner {

    private static final long POLL_MILLIS = 50;

    private final ClientOptions options;
    private final Credentials credentials;
    private final Reporter reporter;

    ScriptRunner(ClientOptions options, Credentials credentials, Reporter reporter) {
        this.options = options;
        this.credentials = credentials;
        this.reporter = reporter;
    }

    int run(BufferedReader script) throws InterruptedException {
        CliSession session;
        try {
            session = CliSession.open(options, credentials, reporter);
        } catch (CliSession.OpenFailedException e) {
            return ExitCode.CONNECT_FAILED;
        }
        CommandRunner runner = CommandRunner.scripted(session.client(), reporter);
        ScriptLines lines = new ScriptLines(script);
        while (true) {
            String line = lines.next(session);
            if (line == ScriptLines.DISCONNECTED) {
                awaitDisconnectLine(session);
                return ExitCode.SESSION_CLOSED;
            }
            if (line == null || runner.run(line).join() == CommandRunner.Next.QUIT) {
                break;
            }
        }
        session.close();
        return ExitCode.OK;
    }

    private static void awaitDisconnectLine(CliSession session) throws InterruptedException {
        try {
            session.disconnected().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // Reported anyway by then; nothing more to wait for.
        }
    }

    /**
     * Reads the script on a thread of its own, so that a session closed by the server is noticed
     * while standard input has nothing to say.
     */
    private static final class ScriptLines {
        static final String DISCONNECTED = new String("<disconnected>");
        private static final String END = new String("<end>");

        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        ScriptLines(BufferedReader script) {
            Thread reader = new Thread(() -> {
                try {
                    for (String line = script.readLine(); line != null; line = script.readLine()) {
                        queue.add(line);
                    }
                } catch (IOException e) {
                    // The script cannot be read further: treat as its end.
                } finally {
                    queue.add(END);
                }
            }, "tavern-script-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line; null at the end of the script; {@link #DISCONNECTED} if the session closed first. */
        String next(CliSession session) throws InterruptedException {
            while (true) {
                // The channel is inactive before the close is reported and the waits are woken, so a
                // script woken by the disconnect never reads one more line.
                if (!session.isOpen()) {
                    return DISCONNECTED;
                }
                String line = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (line == END) {
                    return null;
                }
                if (line != null) {
                    return line;
                }
            }
        }
    }
}
