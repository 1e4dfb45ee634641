package io.tavern.cli;

import io.tavern.cli.bench.BenchCommand;
import io.tavern.client.ClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tavern-cli}: the player's terminal client. Interactive on a terminal; scripted when
 * standard input is not a terminal or with {@code --script}. {@code tavern-cli bench} is the load
 * generator.
 */
@Command(name = "tavern-cli",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCode.USAGE,
        versionProvider = TavernCli.Version.class,
        subcommands = BenchCommand.class,
        description = {
            "Chat in Tavern from a terminal.",
            "Interactive on a terminal (/help lists the commands; room names may hold spaces: /join My Room).",
            "On piped input or with --script, runs the commands line by line; scripts also have",
            "/sleep MS and /wait TYPE [TIMEOUT_MS].",
            "Exit status: 0 done, 2 could not connect or log in, 3 the server closed the session (or banned you)."
        })
public final class TavernCli implements Callable<Integer> {

    @Option(names = "--host", defaultValue = ClientOptions.DEFAULT_HOST, description = "server host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "" + ClientOptions.DEFAULT_PORT, description = "server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--guest", paramLabel = "NAME", description = "log in as a guest")
    String guest;

    @Option(names = "--user", paramLabel = "NAME", description = "log in to an account")
    String user;

    @Option(names = "--register", description = "with --user: create the account first")
    boolean register;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "read the password from FILE's first line (else $" + PasswordSource.ENVIRONMENT + ", else the terminal)")
    Path passwordFile;

    @Option(names = "--script", paramLabel = "FILE", description = "run the commands in FILE, then exit")
    Path script;

    @Option(names = "--json", description = "print one JSON object per line for every event and reply")
    boolean json;

    @Option(names = "--reconnect", description = "interactive: reconnect by itself, with back-off, when the connection is lost")
    boolean reconnect;

    @Option(names = "--no-color", description = "no colours, even on a terminal")
    boolean noColor;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "30000",
            description = "how long a command waits for its reply (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // UTF-8 whatever the locale says: Java 17 falls back to ASCII under a bare POSIX locale
        // (containers, CI), which would turn every accent in a chat line into '?'.
        System.exit(commandLine()
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                .execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new TavernCli());
    }

    @Override
    public Integer call() throws Exception {
        if (guest != null && user != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--guest and --user exclude each other");
        }
        if (register && user == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--register needs --user NAME");
        }
        ClientOptions options = ClientOptions.builder()
                .host(host)
                .port(port)
                .requestTimeout(Duration.ofMillis(timeoutMillis))
                .build();
        Credentials.Mode mode = guest != null ? Credentials.Mode.GUEST
                : user == null ? null : register ? Credentials.Mode.REGISTER : Credentials.Mode.LOGIN;
        String name = guest != null ? guest : user;
        Optional<String> password = PasswordSource.withoutTerminal(passwordFile, System.getenv());

        if (script == null && System.console() != null) {
            return new InteractiveShell(options, mode, name, password.orElse(null), reconnect, json, !noColor).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        SessionState state = new SessionState();
        // A pipe or a file gets whole lines, never wrapped.
        Output output = json ? JsonLinesOutput.to(out) : new HumanOutput(Printer.to(out, !noColor && System.console() != null), state, () -> 0);
        Reporter reporter = new Reporter(state, output, new EventWaits());
        Credentials credentials = null;
        if (mode == Credentials.Mode.GUEST) {
            credentials = Credentials.guest(name);
        } else if (mode != null) {
            if (password.isEmpty()) {
                reporter.report(JsonEvents.error("NO_PASSWORD", "no terminal to ask on: set $"
                        + PasswordSource.ENVIRONMENT + " or use --password-file FILE"));
                return ExitCode.CONNECT_FAILED;
            }
            credentials = new Credentials(mode, name, password.get());
        }
        ScriptRunner runner = new ScriptRunner(options, credentials, reporter);
        if (script != null) {
            try (BufferedReader lines = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
                return runner.run(lines);
            }
        }
        return runner.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ClientOptions.defaultClientName()};
        }
    }
}
