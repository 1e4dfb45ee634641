package io.tavern.cli.bench.net;

/** A frame whose bytes are not the protobuf they claim to be; the connection that sent it is closed. */
public final class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
