package io.tavern.db.testing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a server the tests use when it is there (PostgreSQL, Redis), once per JVM: at the url its
 * environment variable names, else at its usual local address, checked with a real login and short
 * time-outs. A test that needs it gets it, or is skipped with the reason it is absent, or fails when the
 * require variable is {@code true} (CI sets it, so that a run there cannot pass without the server).
 *
 * @param <S> the server's handle
 */
final class TestServerLookup<S> {

    /** A real round trip with the server; throws when it cannot be used. */
    @FunctionalInterface
    interface Check<S> {
        void check(S server) throws Exception;
    }

    /** The server found, or why there is none. */
    private record Found<S>(S server, String absence) {
    }

    private final String product;
    private final String urlVariable;
    private final String requireVariable;
    private final String defaultUrl;
    private final Function<String, S> open;
    private final Function<S, String> address;
    private final Check<S> check;
    private final UnaryOperator<String> environment;
    private volatile Found<S> found;

    /**
     * @param open the server's handle for a url (the environment's, or {@code defaultUrl})
     * @param address how the absence reason names where the server was looked for ({@code host:port})
     * @param check a real round trip with short time-outs
     */
    TestServerLookup(String product, String urlVariable, String requireVariable, String defaultUrl,
                     Function<String, S> open, Function<S, String> address, Check<S> check) {
        this(product, urlVariable, requireVariable, defaultUrl, open, address, check, System::getenv);
    }

    /** With another environment than the process's: for the lookup's own test. */
    TestServerLookup(String product, String urlVariable, String requireVariable, String defaultUrl,
                     Function<String, S> open, Function<S, String> address, Check<S> check,
                     UnaryOperator<String> environment) {
        this.environment = environment;
        this.product = product;
        this.urlVariable = urlVariable;
        this.requireVariable = requireVariable;
        this.defaultUrl = defaultUrl;
        this.open = open;
        this.address = address;
        this.check = check;
    }

    /** The server, when one answers. */
    Optional<S> find() {
        return Optional.ofNullable(found().server());
    }

    /** Why there is no server; null when there is one. */
    String absence() {
        return found().absence();
    }

    /** Whether the environment makes the server's absence a failure. */
    boolean required() {
        return "true".equalsIgnoreCase(environment.apply(requireVariable));
    }

    /** The server for a test that needs it: skips the test when absent, or fails it when it is required. */
    S requireOrSkip() {
        Found<S> result = found();
        if (result.server() == null) {
            if (required()) {
                throw new AssertionError(requireVariable + "=true but " + result.absence());
            }
            Assumptions.abort(result.absence());
        }
        return result.server();
    }

    private Found<S> found() {
        Found<S> result = found;
        if (result == null) {
            synchronized (this) {
                result = found;
                if (result == null) {
                    result = look();
                    found = result;
                }
            }
        }
        return result;
    }

    private Found<S> look() {
        String configured = environment.apply(urlVariable);
        boolean fromEnvironment = configured != null && !configured.isBlank();
        S server = open.apply(fromEnvironment ? configured.trim() : defaultUrl);
        try {
            check.check(server);
            return new Found<>(server, null);
        } catch (Exception failed) {
            String where = address.apply(server);
            String what = unreachable(failed)
                    ? product + " not reachable at " + where
                    : product + " at " + where + " refused the tests: " + firstLine(failed);
            String hint = fromEnvironment ? " (from " + urlVariable + ")" : " (set " + urlVariable + ")";
            return new Found<>(null, what + hint);
        }
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
