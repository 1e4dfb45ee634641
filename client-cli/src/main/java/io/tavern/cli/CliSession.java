package io.tavern.cli;

import io.tavern.client.ClientOptions;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.LoginOk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One connection of the CLI: connected, welcomed and (with credentials) logged in. */
final class CliSession implements AutoCloseable {

    /** Why a session could not be opened: the server refused, or it was never reached. */
    sealed interface OpenFailure {
        /** The server answered with an error: a refused login (BANNED, INVALID_CREDENTIALS...) or connection. */
        record Refused(Error error) implements OpenFailure {
        }

        /** The server was not reached, or is not a Tavern server. */
        record Unreachable(ConnectionTrouble trouble) implements OpenFailure {
        }
    }

    /** Connecting or logging in failed; what went wrong was already reported. */
    static final class OpenFailedException extends Exception {
        private final transient OpenFailure failure;

        OpenFailedException(OpenFailure failure, Throwable cause) {
            super(failure.toString(), cause);
            this.failure = failure;
        }

        OpenFailure failure() {
            return failure;
        }
    }

    private final TavernClient client;
    private final EventPresenter presenter;
    private final Reporter reporter;
    private final long waitMillis;

    private CliSession(TavernClient client, EventPresenter presenter, Reporter reporter, long waitMillis) {
        this.client = client;
        this.presenter = presenter;
        this.reporter = reporter;
        this.waitMillis = waitMillis;
    }

    /**
     * Connects, reports the welcome and, when {@code credentials} is not null, logs in and reports
     * the login; a refused login closes the connection. Every failure is reported as an error event
     * before it is thrown.
     */
    static CliSession open(ClientOptions options, Credentials credentials, Reporter reporter)
            throws OpenFailedException, InterruptedException {
        CliSession session = connect(options, reporter);
        if (credentials != null) {
            try {
                session.logIn(credentials);
            } catch (OpenFailedException e) {
                session.abandon();
                throw e;
            }
        }
        return session;
    }

    /** Connects and reports the welcome; a failure is reported (in plain words) and thrown. */
    static CliSession connect(ClientOptions options, Reporter reporter) throws OpenFailedException, InterruptedException {
        EventPresenter presenter = new EventPresenter(reporter);
        long waitMillis = options.connectTimeout().toMillis() + options.requestTimeout().toMillis();
        TavernClient client;
        try {
            client = TavernClient.connect(options).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failed(e, options, reporter);
        }
        reporter.report(JsonEvents.welcome(client.welcome()));
        // Listening only from here: a connection that never got its Welcome is a connect failure,
        // not a "disconnected". The server pushes nothing before a login, so nothing is missed, and
        // a close in between is still told (addListener on a closed client reports it at once).
        client.addListener(presenter);
        return new CliSession(client, presenter, reporter, waitMillis);
    }

    /**
     * Logs in and reports the login. A refusal is reported and thrown, and leaves the connection
     * open, so that the caller may try again on it (another password, another name).
     */
    void logIn(Credentials credentials) throws OpenFailedException, InterruptedException {
        CompletableFuture<LoginOk> login = switch (credentials.mode()) {
            case GUEST -> client.loginGuest(credentials.name());
            case LOGIN -> client.login(credentials.name(), credentials.password());
            case REGISTER -> client.register(credentials.name(), credentials.password());
        };
        try {
            reporter.report(JsonEvents.login(login.get(waitMillis, TimeUnit.MILLISECONDS)));
        } catch (ExecutionException | TimeoutException e) {
            throw failed(e, client.options(), reporter);
        }
    }

    /** Reports why opening failed: the server's error as it is, a network failure in plain words. */
    private static OpenFailedException failed(Exception e, ClientOptions options, Reporter reporter) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof ServerErrorException refused) {
            reporter.report(JsonEvents.error(refused.error()));
            return new OpenFailedException(new OpenFailure.Refused(refused.error()), cause);
        }
        ConnectionTrouble trouble = ConnectionTrouble.connecting(cause, options);
        reporter.report(JsonEvents.connectFailed(trouble));
        return new OpenFailedException(new OpenFailure.Unreachable(trouble), cause);
    }

    TavernClient client() {
        return client;
    }

    boolean isOpen() {
        return client.isOpen();
    }

    /** Completes once the connection closed and the "disconnected" event was reported. */
    CompletableFuture<DisconnectInfo> disconnected() {
        return presenter.disconnected();
    }

    /** Closes a session that never got going: its failure was reported, a "disconnected" would add nothing. */
    void abandon() {
        client.removeListener(presenter);
        client.close();
    }

    @Override
    public void close() {
        client.close();
        // The close is reported from the event loop; wait for it so that it is the last line.
        presenter.disconnected().copy().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
    }
}
