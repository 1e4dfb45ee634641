package io.tavern.server.chat;

/**
 * No message id can be minted now (see {@link MessageIds}): the chat request is answered
 * {@code SERVER_BUSY}. Expected during a database outage longer than the node lease's time-to-live, so
 * it carries no stack trace.
 */
public final class MessageIdsUnavailableException extends RuntimeException {

    /** What the refused player is told. */
    public static final String CLIENT_MESSAGE = "chat is paused: the server cannot reach its database; try again shortly";

    public MessageIdsUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
