package io.tavern.cli;

import io.tavern.client.ClientOptions;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.DisconnectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The interactive mode: a JLine prompt that shows who and where you are, tab completion and
 * history, while events are printed above the line being typed (JLine's {@code printAbove}), so
 * an incoming message never garbles it. A lost connection is explained and a reconnect offered;
 * with {@code --reconnect} it is retried with back-off, and the room rejoined.
 */
final class InteractiveShell {

    /** What ended a stretch of chatting. */
    private enum End { QUIT, DISCONNECTED }

    private static final int AUTO_RECONNECT_ATTEMPTS = 20;

    private final ClientOptions options;
    private final Credentials.Mode mode;
    private final String name;
    private final String presetPassword;
    private final boolean autoReconnect;
    private final boolean json;
    private final boolean colour;

    /**
     * @param mode           how to log in, or null to ask
     * @param name           the name to log in with, or null to ask
     * @param presetPassword the password from --password-file or the environment, or null to ask
     */
    InteractiveShell(ClientOptions options, Credentials.Mode mode, String name, String presetPassword,
                     boolean autoReconnect, boolean json, boolean colour) {
        this.options = options;
        this.mode = mode;
        this.name = name;
        this.presetPassword = presetPassword;
        this.autoReconnect = autoReconnect;
        this.json = json;
        this.colour = colour;
    }

    int run() throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build()) {
            SessionState state = new SessionState();
            CompletionNames names = new CompletionNames(state);
            LineReader reader = lineReader(terminal, state, names);
            Printer printer = colour ? reader::printAbove : text -> reader.printAbove(text.toString());
            Output output = json
                    ? new JsonLinesOutput(line -> reader.printAbove(line))
                    : new HumanOutput(printer, state);
            Reporter reporter = new Reporter(state, output, new EventWaits());
            CommandRunner.SecretPrompt secrets = prompt -> readSecret(terminal, prompt);

            Credentials credentials;
            try {
                credentials = credentials(reader, terminal);
            } catch (UserInterruptException | EndOfFileException e) {
                return ExitCode.OK;
            }
            BackOff backOff = new BackOff();
            CliSession session = connect(credentials, reporter, backOff, autoReconnect);
            if (session == null) {
                return ExitCode.CONNECT_FAILED;
            }
            while (session != null) {
                names.use(session.client());
                CommandRunner runner = new CommandRunner(session.client(), reporter, secrets);
                rejoin(state, runner);
                if (chat(session, reader, terminal, runner, state) == End.QUIT) {
                    return ExitCode.OK;
                }
                DisconnectInfo info = session.disconnected().join();
                credentials = credentials.forReconnect();
                session = reconnect(info, credentials, reader, reporter);
            }
            return ExitCode.SESSION_CLOSED;
        }
    }

    private LineReader lineReader(Terminal terminal, SessionState state, CompletionNames names) {
        DefaultParser parser = new DefaultParser();
        // Chat is free text: quotes and backslashes are said as typed, never parsed.
        parser.setQuoteChars(new char[0]);
        parser.setEscapeChars(new char[0]);
        return LineReaderBuilder.builder()
                .appName("tavern")
                .terminal(terminal)
                .parser(parser)
                .completer(new TavernCompleter(state, names))
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".tavern_history"))
                // "!" in a chat line is an exclamation, not a history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
    }

    /** Chats until the user quits or the connection is lost. */
    private End chat(CliSession session, LineReader reader, Terminal terminal, CommandRunner runner,
                     SessionState state) throws InterruptedException {
        // A lost connection interrupts the prompt, so the user learns of it without pressing Enter.
        session.disconnected().thenRun(() -> terminal.raise(Terminal.Signal.INT));
        while (true) {
            if (!session.isOpen()) {
                return End.DISCONNECTED;
            }
            String line;
            try {
                line = reader.readLine(prompt(terminal, state));
            } catch (UserInterruptException e) {
                if (!session.isOpen()) {
                    return End.DISCONNECTED;
                }
                if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
                    session.close();
                    return End.QUIT;
                }
                continue; // Ctrl-C on a half-typed line drops the line
            } catch (EndOfFileException e) {
                session.close();
                return End.QUIT;
            }
            if (!session.isOpen()) {
                return End.DISCONNECTED;
            }
            if (runner.run(line).join() == CommandRunner.Next.QUIT) {
                session.close();
                return End.QUIT;
            }
        }
    }

    private static String prompt(Terminal terminal, SessionState state) {
        String user = state.user() == null ? "?" : state.user();
        String where = state.room() == null ? "lobby" : state.room();
        return new AttributedStringBuilder()
                .styled(UserColors.of(user), user)
                .styled(AttributedStyle.DEFAULT.faint(), "@")
                .styled(AttributedStyle.BOLD, where)
                .append("> ")
                .toAnsi(terminal);
    }

    private void rejoin(SessionState state, CommandRunner runner) throws InterruptedException {
        String room = state.roomBeforeDisconnect();
        if (room != null) {
            runner.run("/join " + room).join();
        }
    }

    /** After a lost connection: retry by itself with --reconnect, else ask. Null when the user gives up. */
    private CliSession reconnect(DisconnectInfo info, Credentials credentials, LineReader reader, Reporter reporter)
            throws InterruptedException {
        boolean unwelcome = info.reason() == DisconnectReason.KICKED || info.reason() == DisconnectReason.BANNED;
        if (autoReconnect && !unwelcome) {
            CliSession session = connect(credentials, reporter, new BackOff(), true);
            if (session != null) {
                return session;
            }
        }
        while (true) {
            String answer;
            try {
                answer = reader.readLine("Reconnect? [Y/n] ");
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            }
            if (answer.strip().toLowerCase(Locale.ROOT).startsWith("n")) {
                return null;
            }
            CliSession session = connect(credentials, reporter, new BackOff(), false);
            if (session != null) {
                return session;
            }
        }
    }

    /** One attempt, or (with {@code retry}) attempts with back-off; null when all failed. */
    private CliSession connect(Credentials credentials, Reporter reporter, BackOff backOff, boolean retry)
            throws InterruptedException {
        while (true) {
            try {
                return CliSession.open(options, credentials, reporter);
            } catch (CliSession.OpenFailedException e) {
                if (!retry || backOff.attempts() >= AUTO_RECONNECT_ATTEMPTS) {
                    return null;
                }
                long delay = backOff.nextDelayMillis();
                reporter.report(JsonEvents.info(String.format(Locale.ROOT, "Reconnecting in %.1f s (attempt %d of %d)...",
                        delay / 1000.0, backOff.attempts(), AUTO_RECONNECT_ATTEMPTS)));
                Thread.sleep(delay);
            }
        }
    }

    /** Credentials from the command line, asking for whatever is missing. */
    private Credentials credentials(LineReader reader, Terminal terminal) {
        String who = name;
        while (who == null || who.isBlank()) {
            who = reader.readLine("Name: ").strip();
        }
        Credentials.Mode how = mode;
        while (how == null) {
            String answer = reader.readLine("(g)uest, (l)og in or (r)egister? [g] ").strip().toLowerCase(Locale.ROOT);
            how = answer.isEmpty() || answer.startsWith("g") ? Credentials.Mode.GUEST
                    : answer.startsWith("l") ? Credentials.Mode.LOGIN
                    : answer.startsWith("r") ? Credentials.Mode.REGISTER : null;
        }
        if (how == Credentials.Mode.GUEST) {
            return Credentials.guest(who);
        }
        if (presetPassword != null) {
            return new Credentials(how, who, presetPassword);
        }
        while (true) {
            String password = readSecret(terminal, "Password for " + who + ": ");
            if (password == null) {
                throw new UserInterruptException("");
            }
            if (password.isEmpty()) {
                continue;
            }
            if (how == Credentials.Mode.LOGIN || password.equals(readSecret(terminal, "Same password again: "))) {
                return new Credentials(how, who, password);
            }
            reader.printAbove("The passwords differ; once more.");
        }
    }

    /**
     * Reads a secret without echo, on a reader of its own so that it never enters the history.
     * NUL as the mask character tells JLine to echo nothing at all.
     */
    private static String readSecret(Terminal terminal, String prompt) {
        LineReader secretReader = LineReaderBuilder.builder().terminal(terminal).build();
        try {
            return secretReader.readLine(prompt, (char) 0);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }
}
