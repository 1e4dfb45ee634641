package io.tavern.db.chat;

import io.tavern.db.NameKey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A chat message as the archive keeps it. The constructor checks everything the table would refuse, so a
 * message that reaches the write-behind queue cannot spoil the batch it is written in.
 *
 * @param id             assigned by the server: unique, and increasing within the message's {@link #channel()}
 * @param roomId         ROOM: required; SYSTEM: the room announced to, or {@code null} for everyone; else
 *                       {@code null}
 * @param roomName       the room's name when the message was said, for display; may be {@code null}
 * @param sender         required, except for SYSTEM where it may be {@code null}
 * @param recipient      WHISPER: required; else {@code null}
 * @param senderParty    WHISPER: the sender's stable identity (see {@link ChatChannel#whisper}); else {@code null}
 * @param recipientParty WHISPER: the recipient's stable identity; else {@code null}
 * @param text           at most {@value #MAX_TEXT_LENGTH} characters, no NUL (PostgreSQL stores none)
 * @param sentAt         server time; kept to the millisecond, as on the wire
 */
public record ArchivedMessage(long id, ChatScope scope, String roomId, String roomName, String sender,
                              String recipient, String senderParty, String recipientParty, String text,
                              Instant sentAt) {

    public static final int MAX_TEXT_LENGTH = 4000;
    /** The record, its Instant, and the headers of its strings; see {@link #estimatedBytes()}. */
    static final int FIXED_BYTES = 256;

    public ArchivedMessage {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        roomName = emptyToNull(roomName);
        sender = emptyToNull(sender);
        recipient = emptyToNull(recipient);
        roomId = emptyToNull(roomId);
        senderParty = emptyToNull(senderParty);
        recipientParty = emptyToNull(recipientParty);
        switch (scope) {
            case LOBBY -> {
                requireAbsent(roomId, "roomId", scope);
                requireAbsent(recipient, "recipient", scope);
            }
            case ROOM -> {
                ChatChannel.requireRoomId(roomId);
                requireAbsent(recipient, "recipient", scope);
            }
            case WHISPER -> {
                NameKey.requireValid(Objects.requireNonNull(recipient, "a WHISPER message needs a recipient"));
                ChatChannel.requireParty(senderParty);
                ChatChannel.requireParty(recipientParty);
                requireAbsent(roomId, "roomId", scope);
            }
            case SYSTEM -> {
                if (roomId != null) {
                    ChatChannel.requireRoomId(roomId);
                }
                requireAbsent(recipient, "recipient", scope);
            }
        }
        if (scope != ChatScope.WHISPER) {
            requireAbsent(senderParty, "senderParty", scope);
            requireAbsent(recipientParty, "recipientParty", scope);
        }
        if (scope != ChatScope.SYSTEM) {
            NameKey.requireValid(Objects.requireNonNull(sender, () -> "a " + scope + " message needs a sender"));
        } else if (sender != null) {
            NameKey.requireValid(sender);
        }
        if (roomName != null && roomName.length() > ChatChannel.MAX_ROOM_ID_LENGTH) {
            throw new IllegalArgumentException("a room name has at most " + ChatChannel.MAX_ROOM_ID_LENGTH + " characters");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("a message has at most " + MAX_TEXT_LENGTH + " characters: " + text.length());
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a message contains NUL");
        }
        if (sentAt.getNano() % 1_000_000 != 0) { // the server's times are whole milliseconds already
            sentAt = sentAt.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    public static ArchivedMessage lobby(long id, String sender, String text, Instant sentAt) {
        return new ArchivedMessage(id, ChatScope.LOBBY, null, null, sender, null, null, null, text, sentAt);
    }

    public static ArchivedMessage room(long id, String roomId, String roomName, String sender, String text, Instant sentAt) {
        return new ArchivedMessage(id, ChatScope.ROOM, roomId, roomName, sender, null, null, null, text, sentAt);
    }

    /** A whisper: the names as said, and the parties' identities, which its history is keyed by. */
    public static ArchivedMessage whisper(long id, String sender, String senderParty, String recipient,
                                          String recipientParty, String text, Instant sentAt) {
        return new ArchivedMessage(id, ChatScope.WHISPER, null, null, sender, recipient, senderParty, recipientParty,
                text, sentAt);
    }

    /** @param roomId the room announced to, or {@code null} for everyone */
    public static ArchivedMessage system(long id, String roomId, String roomName, String text, Instant sentAt) {
        return new ArchivedMessage(id, ChatScope.SYSTEM, roomId, roomName, null, null, null, null, text, sentAt);
    }

    /** The sequence this message's id belongs to. */
    public ChatChannel channel() {
        return switch (scope) {
            case LOBBY -> ChatChannel.lobby();
            case ROOM -> ChatChannel.room(roomId);
            case WHISPER -> ChatChannel.whisper(senderParty, recipientParty);
            case SYSTEM -> roomId == null ? ChatChannel.system() : ChatChannel.system(roomId);
        };
    }

    /**
     * What the message costs in memory while it waits to be written: what the archive queue's byte bound
     * counts. An estimate: a fixed part for the objects, two bytes per character of its strings.
     */
    long estimatedBytes() {
        return FIXED_BYTES + 2L * (text.length() + length(roomId) + length(roomName) + length(sender)
                + length(recipient) + length(senderParty) + length(recipientParty));
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void requireAbsent(String value, String name, ChatScope scope) {
        if (value != null) {
            throw new IllegalArgumentException("a " + scope + " message has no " + name);
        }
    }
}
