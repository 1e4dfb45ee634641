package io.tavern.server.net;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.tavern.protocol.v1.ErrorCode;
import java.io.IOException;

/** Names the protocol error behind a pipeline exception: what the offender is told before the close. */
final class ProtocolErrors {

    private ProtocolErrors() {
    }

    /**
     * The code to send, or null when the exception is the network's (a reset peer), not its bytes.
     * Every decoder failure other than an oversized length is a malformed frame: bytes that are not
     * a valid Envelope ({@code InvalidProtocolBufferException} inside a {@code DecoderException}) or
     * a frame cut short at close ({@code TruncatedFrameException}).
     */
    static ErrorCode classify(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return ErrorCode.FRAME_TOO_LARGE;
        }
        if (cause instanceof DecoderException) {
            return ErrorCode.MALFORMED_FRAME;
        }
        if (cause instanceof IOException) {
            return null;
        }
        return ErrorCode.INTERNAL;
    }
}
