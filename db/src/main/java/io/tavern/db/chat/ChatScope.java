package io.tavern.db.chat;

/** Where a chat message was said; mirrors the protocol's ChatScope. */
public enum ChatScope {
    /** To every logged-in session that is not in a room. */
    LOBBY,
    /** To the members of one room. */
    ROOM,
    /** From one user to another. */
    WHISPER,
    /** An announcement by the server or its operators, to everyone or to one room. */
    SYSTEM
}
