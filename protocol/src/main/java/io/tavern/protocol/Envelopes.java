package io.tavern.protocol;

import io.tavern.protocol.v1.Ack;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;


/** Builders for the envelopes both sides send most. */
public final class Envelopes {

    private static final Ack ACK = Ack.getDefaultInstance();

    private Envelopes() {
    }

    public static Envelope ack(long requestId) {
        return Envelope.newBuilder().setRequestId(requestId).setAck(ACK).build();
    }

    public static Envelope error(long requestId, ErrorCode code, String message) {
        return Envelope.newBuilder()
                .setRequestId(requestId)
                .setError(Error.newBuilder().setCode(code).setMessage(message))
                .build();
    }

    public static Envelope error(long requestId, Error error) {
        return Envelope.newBuilder().setRequestId(requestId).setError(error).build();
    }

    public static Envelope goodbye(Goodbye.Reason reason, String message) {
        return Envelope.newBuilder()
                .setGoodbye(Goodbye.newBuilder().setReason(reason).setMessage(message))
                .build();
    }
}
