package io.tavern.server.net;

/**
 * {@code tavern.net.transport} names an I/O model this machine lacks (io_uring on an old kernel, epoll
 * off Linux). The start-up failure analysis turns it into one line for the operator.
 */
public final class TransportUnavailableException extends IllegalStateException {

    private final String transport;

    public TransportUnavailableException(String transport, Throwable cause) {
        super("tavern.net.transport=" + transport + " is not available on this machine: " + cause, cause);
        this.transport = transport;
    }

    public String transport() {
        return transport;
    }
}
