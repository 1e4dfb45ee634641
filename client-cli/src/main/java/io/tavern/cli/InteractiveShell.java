package io.tavern.cli;

import io.tavern.cli.CliSession.OpenFailedException;
import io.tavern.cli.ReconnectPolicy.Decision;
import io.tavern.client.ClientOptions;
import io.tavern.client.DisconnectInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive mode: a JLine prompt that shows who and where you are (and follows at once when
 * that changes), tab completion and a private history, while events are printed above the line
 * being typed (JLine's {@code printAbove}), so an incoming message never garbles it. A refused login
 * asks again where typing can fix it ({@link LoginDialog}). A lost connection is explained, and
 * whether to connect again is up to the {@link ReconnectPolicy}: with {@code --reconnect} it is
 * retried with back-off and the room rejoined, a kick only on request, a ban never.
 */
final class InteractiveShell {

    /** What ended a stretch of chatting. */
    private enum End { QUIT, DISCONNECTED }

    /** A session open, and the credentials that opened it (the dialog may have changed them). */
    private record Opened(CliSession session, Credentials credentials) {
    }

    private static final int AUTO_RECONNECT_ATTEMPTS = 20;
    static final String HISTORY_FILE = ".tavern_history";

    private final ClientOptions options;
    private final Credentials.Mode mode;
    private final String name;
    private final String presetPassword;
    private final boolean autoReconnect;
    private final boolean json;
    private final boolean colour;
    private final ReconnectPolicy policy = new ReconnectPolicy();

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
            LineReaderImpl reader = chatLineReader(terminal, state, names);
            PromptLine prompt = PromptLine.install(reader, terminal, state);
            Printer printer = colour ? reader::printAbove : text -> reader.printAbove(text.toString());
            Output output = json
                    ? new JsonLinesOutput(line -> reader.printAbove(line))
                    : new HumanOutput(printer, state, terminal::getWidth);
            Reporter reporter = new Reporter(state, prompt.following(output), new EventWaits());
            Questions questions = new Questions(terminal);

            LoginDialog dialog = new LoginDialog(questions, mode, name, presetPassword);
            Credentials credentials = dialog.first();
            if (credentials == null) {
                return ExitCode.OK;
            }
            Opened opened;
            try {
                opened = open(credentials, dialog, reporter, autoReconnect);
            } catch (OpenFailedException e) {
                return ExitCode.CONNECT_FAILED;
            }
            while (true) {
                CliSession session = opened.session();
                names.use(session.client());
                CommandRunner runner = CommandRunner.interactive(session.client(), reporter, questions::askSecret);
                rejoin(state, runner);
                if (chat(session, reader, terminal, runner) == End.QUIT) {
                    return ExitCode.OK;
                }
                DisconnectInfo info = session.disconnected().join();
                Decision decision = policy.afterDisconnect(info);
                if (decision == Decision.GIVE_UP) {
                    reporter.report(JsonEvents.info(ErrorWording.noReconnect(info.reason())));
                    return ExitCode.SESSION_CLOSED;
                }
                try {
                    opened = reconnect(decision, opened.credentials().forReconnect(), reporter, questions);
                } catch (OpenFailedException e) {
                    return ExitCode.CONNECT_FAILED;
                }
                if (opened == null) {
                    return ExitCode.SESSION_CLOSED;
                }
            }
        }
    }

    private static LineReaderImpl chatLineReader(Terminal terminal, SessionState state, CompletionNames names)
            throws IOException {
        LineReaderImpl reader = new LineReaderImpl(terminal, "tavern");
        reader.setParser(new CompletionParser());
        reader.setCompleter(new TavernCompleter(state, names));
        reader.setHistory(new PrivateHistory());
        reader.setVariable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE));
        // "!" in a chat line is an exclamation, not a history expansion.
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        reader.option(LineReader.Option.AUTO_FRESH_LINE, true);
        // Room names are case-insensitive on the server: "/join my r<Tab>" finds "My Room".
        reader.option(LineReader.Option.CASE_INSENSITIVE, true);
        return reader;
    }

    /** Chats until the user quits or the connection is lost. */
    private End chat(CliSession session, LineReaderImpl reader, Terminal terminal, CommandRunner runner)
            throws InterruptedException {
        // A lost connection interrupts the prompt, so the user learns of it without pressing Enter.
        session.disconnected().thenRun(() -> terminal.raise(Terminal.Signal.INT));
        while (true) {
            if (!session.isOpen()) {
                return End.DISCONNECTED;
            }
            String line;
            try {
                line = reader.readLine(""); // the prompt is PromptLine's
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

    private void rejoin(SessionState state, CommandRunner runner) throws InterruptedException {
        String room = state.roomBeforeDisconnect();
        if (room != null) {
            runner.join(room, null).join();
        }
    }

    /**
     * After a lost connection that may be retried: by itself with --reconnect where the policy allows,
     * else when the user says so; with the credentials that worked, asking nothing (a name still
     * taken by the lost session frees itself). Null when the user declines; thrown when trying again
     * cannot help.
     */
    private Opened reconnect(Decision decision, Credentials credentials, Reporter reporter, Questions questions)
            throws InterruptedException, OpenFailedException {
        if (autoReconnect && decision == Decision.RETRY) {
            try {
                return open(credentials, null, reporter, true);
            } catch (OpenFailedException e) {
                if (policy.afterFailedOpen(e.failure()) == Decision.GIVE_UP) {
                    throw e;
                }
            }
        }
        while (questions.confirm("Reconnect?", decision == Decision.RETRY)) {
            try {
                return open(credentials, null, reporter, false);
            } catch (OpenFailedException e) {
                if (policy.afterFailedOpen(e.failure()) == Decision.GIVE_UP) {
                    throw e;
                }
            }
        }
        return null;
    }

    /**
     * Connects and logs in; a refused login is put to the dialog, if any, which may fix it (another
     * password, another name) on the same connection. With {@code retry}, failures the policy calls
     * passing are retried with back-off.
     */
    private Opened open(Credentials credentials, LoginDialog dialog, Reporter reporter, boolean retry)
            throws InterruptedException, OpenFailedException {
        BackOff backOff = new BackOff();
        while (true) {
            try {
                return logIn(CliSession.connect(options, reporter), credentials, dialog);
            } catch (OpenFailedException e) {
                if (!retry || policy.afterFailedOpen(e.failure()) == Decision.GIVE_UP
                        || backOff.attempts() >= AUTO_RECONNECT_ATTEMPTS) {
                    throw e;
                }
                long delay = backOff.nextDelayMillis();
                reporter.report(JsonEvents.info(String.format(Locale.ROOT, "Reconnecting in %.1f s (attempt %d of %d)...",
                        delay / 1000.0, backOff.attempts(), AUTO_RECONNECT_ATTEMPTS)));
                Thread.sleep(delay);
            }
        }
    }

    private static Opened logIn(CliSession session, Credentials credentials, LoginDialog dialog)
            throws InterruptedException, OpenFailedException {
        Credentials trying = credentials;
        while (true) {
            try {
                session.logIn(trying);
                return new Opened(session, trying);
            } catch (OpenFailedException e) {
                Credentials next = dialog != null && session.isOpen()
                        && e.failure() instanceof CliSession.OpenFailure.Refused refused
                        ? dialog.afterRefusal(trying, refused.error().getCode()) : null;
                if (next == null) {
                    session.abandon();
                    throw e;
                }
                trying = next;
            }
        }
    }
}
