package io.tavern.server.net;

/**
 * The game port could not be bound: another process holds it, the bind address is not one of this
 * machine's, or the port is privileged. The start-up failure analysis turns it into one line for the
 * operator.
 */
public final class GamePortUnavailableException extends RuntimeException {

    private final String bindAddress;
    private final int port;

    public GamePortUnavailableException(String bindAddress, int port, Throwable cause) {
        super("cannot bind the game port " + port + " on " + bindAddress + ": " + cause.getMessage(), cause);
        this.bindAddress = bindAddress;
        this.port = port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }
}
