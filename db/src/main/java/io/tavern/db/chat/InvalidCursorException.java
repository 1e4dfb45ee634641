package io.tavern.db.chat;

/** A history cursor that this server did not make. The server answers INVALID_ARGUMENT. */
public final class InvalidCursorException extends IllegalArgumentException {

    public InvalidCursorException(String cursor) {
        super("not a history cursor: '" + cursor + "'");
    }
}
