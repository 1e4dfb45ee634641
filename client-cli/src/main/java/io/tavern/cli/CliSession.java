package io.tavern.cli;

import io.tavern.client.ClientOptions;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.LoginOk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One connection of the CLI: connected, welcomed and (with credentials) logged in. */
final class CliSession implements AutoCloseable {

    /** Connecting or logging in failed; what went wrong was already reported. */
    static final class OpenFailedException extends Exception {
        OpenFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TavernClient client;
    private final EventPresenter presenter;

    private CliSession(TavernClient client, EventPresenter presenter) {
        this.client = client;
        this.presenter = presenter;
    }

    /**
     * Connects, reports the welcome and, when {@code credentials} is not null, logs in and reports
     * the login. Every failure is reported as an error event before it is thrown.
     */
    static CliSession open(ClientOptions options, Credentials credentials, Reporter reporter)
            throws OpenFailedException, InterruptedException {
        EventPresenter presenter = new EventPresenter(reporter);
        long waitMillis = options.connectTimeout().toMillis() + options.requestTimeout().toMillis();
        TavernClient client;
        try {
            client = TavernClient.connect(options).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            reportFailure("CONNECT_FAILED", "could not connect to " + options.host() + ":" + options.port(), cause, reporter);
            throw new OpenFailedException("connect failed", cause);
        }
        reporter.report(JsonEvents.welcome(client.welcome()));
        // Listening only from here: a connection that never got its Welcome is a connect failure,
        // not a "disconnected". The server pushes nothing before a login, so nothing is missed, and
        // a close in between is still told (addListener on a closed client reports it at once).
        client.addListener(presenter);
        CliSession session = new CliSession(client, presenter);
        if (credentials != null) {
            session.login(credentials, reporter, waitMillis);
        }
        return session;
    }

    private void login(Credentials credentials, Reporter reporter, long waitMillis)
            throws OpenFailedException, InterruptedException {
        CompletableFuture<LoginOk> login = switch (credentials.mode()) {
            case GUEST -> client.loginGuest(credentials.name());
            case LOGIN -> client.login(credentials.name(), credentials.password());
            case REGISTER -> client.register(credentials.name(), credentials.password());
        };
        try {
            reporter.report(JsonEvents.login(login.get(waitMillis, TimeUnit.MILLISECONDS)));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            reportFailure("LOGIN_FAILED", "could not log in as " + credentials.name(), cause, reporter);
            // A failed login is reported as such, not followed by a "disconnected" of our own doing.
            client.removeListener(presenter);
            client.close();
            throw new OpenFailedException("login failed", cause);
        }
    }

    private static void reportFailure(String code, String what, Throwable cause, Reporter reporter) {
        if (cause instanceof ServerErrorException error) {
            reporter.report(JsonEvents.error(error.error()));
        } else {
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            reporter.report(JsonEvents.error(code, what + ": " + detail));
        }
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

    @Override
    public void close() {
        client.close();
        // The close is reported from the event loop; wait for it so that it is the last line.
        presenter.disconnected().copy().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
    }
}
