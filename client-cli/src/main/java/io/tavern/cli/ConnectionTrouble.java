package io.tavern.cli;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.tavern.client.ClientOptions;
import io.tavern.client.ConnectionClosedException;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.ProtocolMismatchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Network trouble in words a person can act on, never the transport's own text ("finishConnect(..)
 * failed with error(-111)" tells a newcomer nothing): why a connection could not be opened, and
 * why an open one was lost.
 *
 * @param kind    what went wrong, for scripts (the error event's {@code cause}) and for the
 *                reconnect policy
 * @param message what went wrong and what to check, for people
 */
record ConnectionTrouble(Kind kind, String message) {

    /** What kept the connection from opening. */
    enum Kind {
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing listens on the port. */
        REFUSED,
        /** The host did not answer the connect in time. */
        TIMEOUT,
        /** No route to the host. */
        UNREACHABLE,
        /** Something listens, but it is not a Tavern server (the HTTP port, typically). */
        NOT_TAVERN,
        /** Connected, but no answer came in time. */
        SILENT,
        /** Connected, but closed before its greeting. */
        CLOSED,
        /** Any other network failure. */
        NETWORK
    }

    private static final Pattern HOST_WITH_PORT = Pattern.compile("[^:]+:\\d+");

    /** Why connecting to {@code options}' host and port failed with {@code failure}. */
    static ConnectionTrouble connecting(Throwable failure, ClientOptions options) {
        String host = options.host();
        String address = host + ":" + options.port();
        String gamePort = options.port() == ClientOptions.DEFAULT_PORT ? ""
                : " (the game port is " + ClientOptions.DEFAULT_PORT + " by default)";
        if (failure instanceof UnknownHostException) {
            // "--host localhost:7777" is an easy mistake: the port has an option of its own.
            boolean withPort = HOST_WITH_PORT.matcher(host).matches();
            return new ConnectionTrouble(Kind.UNKNOWN_HOST, "cannot resolve host '" + host + "'; "
                    + (withPort ? "give the port with --port, not in --host" : "is the name right?"));
        }
        if (failure instanceof ConnectTimeoutException) {
            return new ConnectionTrouble(Kind.TIMEOUT, "no answer from " + address + " within "
                    + Quantities.duration(options.connectTimeout()) + "; is the host up, or a firewall in the way?");
        }
        if (failure instanceof NoRouteToHostException) {
            return new ConnectionTrouble(Kind.UNREACHABLE, "no route to host '" + host + "'; is the network up?");
        }
        if (failure instanceof ConnectException) {
            return new ConnectionTrouble(Kind.REFUSED, "nothing is listening on " + address
                    + " — is the server running?" + gamePort);
        }
        if (failure instanceof ProtocolMismatchException) {
            return new ConnectionTrouble(Kind.NOT_TAVERN, address + " does not speak the Tavern protocol (is it the HTTP port? "
                    + "the game port is " + ClientOptions.DEFAULT_PORT + " by default)");
        }
        if (failure instanceof TimeoutException) {
            return new ConnectionTrouble(Kind.SILENT, address + " took the connection but did not answer within "
                    + Quantities.duration(options.requestTimeout()) + "; is it a Tavern server?" + gamePort);
        }
        if (failure instanceof ConnectionClosedException) {
            return new ConnectionTrouble(Kind.CLOSED, address + " closed the connection before its greeting; "
                    + "is it a Tavern server?" + gamePort);
        }
        return new ConnectionTrouble(Kind.NETWORK, "could not connect to " + address + " (" + failure.getClass().getSimpleName() + ")");
    }

    /**
     * The detail of a lost connection for the "disconnected" event: the server's own words when it
     * said goodbye, this client's words when it gave up on a silent server, plain words otherwise.
     */
    static String lost(DisconnectInfo info) {
        Throwable cause = info.cause();
        if (cause == null || cause instanceof TimeoutException) {
            return info.message();
        }
        if (cause instanceof DecoderException) {
            return "the server sent something unreadable";
        }
        return cause instanceof IOException ? "reset by the network or the server" : cause.getClass().getSimpleName();
    }
}
