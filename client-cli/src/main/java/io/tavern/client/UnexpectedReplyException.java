package io.tavern.client;

import io.tavern.protocol.v1.Envelope;

/** The server answered a request with a message of another kind than the request calls for. */
public final class UnexpectedReplyException extends RuntimeException {

    private final transient Envelope reply;

    public UnexpectedReplyException(Envelope.BodyCase expected, Envelope reply) {
        super("expected " + expected + " but the server replied " + reply.getBodyCase());
        this.reply = reply;
    }

    public Envelope reply() {
        return reply;
    }
}
