package io.tavern.client;

import java.io.IOException;

/**
 * The peer accepted the connection but does not speak the Tavern protocol: what it sent before the
 * Welcome was not a Tavern frame (an HTTP response, a length over the client's maximum, bytes that are
 * no Envelope), or was a frame no Tavern server sends first. Typically the port of another service,
 * such as the server's HTTP port.
 */
public final class ProtocolMismatchException extends IOException {

    public ProtocolMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
