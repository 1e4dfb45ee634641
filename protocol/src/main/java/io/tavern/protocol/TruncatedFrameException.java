package io.tavern.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/** The peer stopped sending in the middle of a frame. */
public final class TruncatedFrameException extends CorruptedFrameException {

    public TruncatedFrameException(String message) {
        super(message);
    }
}
