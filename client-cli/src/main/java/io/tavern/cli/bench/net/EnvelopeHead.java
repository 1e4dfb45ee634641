package io.tavern.cli.bench.net;

import com.google.protobuf.WireFormat;
import io.tavern.protocol.v1.Envelope;

/**
 * What every frame is asked first: its request_id, and which body it carries and where, read in
 * place. The body is the Envelope's one length-delimited field (its {@code oneof}); its field number
 * is the {@code *_FIELD_NUMBER} constant of {@link Envelope}. Not thread-safe: one per connection.
 */
public final class EnvelopeHead {

    private final ProtoReader reader = new ProtoReader();
    private long requestId;
    private int body;
    private int bodyStart;
    private int bodyLength;

    /** Reads the head of the Envelope in the first {@code length} bytes of {@code frame}. */
    public EnvelopeHead read(byte[] frame, int length) {
        requestId = 0;
        body = 0;
        bodyStart = 0;
        bodyLength = 0;
        reader.reset(frame, 0, length);
        while (reader.next()) {
            if (reader.field() == Envelope.REQUEST_ID_FIELD_NUMBER) {
                requestId = reader.varint();
            } else if (reader.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                body = reader.field();
                bodyStart = reader.start();
                bodyLength = reader.length();
            }
        }
        return this;
    }

    /** 0 for an event. */
    public long requestId() {
        return requestId;
    }

    /** The body's field number, 0 when there is none. */
    public int body() {
        return body;
    }

    public int bodyStart() {
        return bodyStart;
    }

    public int bodyLength() {
        return bodyLength;
    }

    public int bodyEnd() {
        return bodyStart + bodyLength;
    }
}
