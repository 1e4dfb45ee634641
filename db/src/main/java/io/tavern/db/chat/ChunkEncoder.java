package io.tavern.db.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a channel's messages into chunks ({@link ChatChunk}), one message at a time, closing a chunk when
 * its body reaches {@value #MAX_BODY_BYTES} bytes or a message comes more than {@link #MAX_SPAN} after the
 * chunk's first (so retention, which deletes whole chunks, keeps no message much past its time).
 *
 * <p>The format (version {@value #VERSION}), per message, ascending by id; nothing else in the body, whose
 * end is the end of the messages. Strings are a varint byte length and UTF-8.
 * <pre>
 *   varint   id - previous id (the first message: its id)
 *   zigzag   sentAt epoch ms - previous sentAt (the first message: from 0)
 *   byte     flags: ROOM_NAME, SAME_ROOM_NAME (as the previous message), SENDER, RECIPIENT, FROM_HIGH_PARTY
 *   string   room name, when ROOM_NAME and not SAME_ROOM_NAME
 *   string   sender, when SENDER
 *   string   recipient, when RECIPIENT
 *   string   text
 * </pre>
 * The channel (scope, room id, a whisper's two parties) is the chunk's, stored beside the body; a whisper
 * says only which of the two parties sent it (FROM_HIGH_PARTY: the one whose key sorts last).
 */
final class ChunkEncoder {

    static final int VERSION = 1;
    static final int MAX_BODY_BYTES = 32 * 1024;
    static final Duration MAX_SPAN = Duration.ofMinutes(1);

    static final int ROOM_NAME = 1;
    static final int SAME_ROOM_NAME = 2;
    static final int SENDER = 4;
    static final int RECIPIENT = 8;
    static final int FROM_HIGH_PARTY = 16;

    private static final Comparator<ArchivedMessage> BY_ID = Comparator.comparingLong(ArchivedMessage::id);

    private final ChatChannel channel;
    private final List<ChatChunk> done = new ArrayList<>();
    private List<ArchivedMessage> messages = new ArrayList<>();
    private byte[] buffer = new byte[1024];
    private int size;
    private long previousId;
    private long previousSentAt;
    private String previousRoomName;
    private long firstSentAt;
    private long lastSentAt;

    ChunkEncoder(ChatChannel channel) {
        this.channel = channel;
    }

    /**
     * A batch as chunks: grouped by channel, each channel's messages ascending by id. The same batch gives
     * the same chunks, so a batch written again after a lost acknowledgement finds its chunks stored.
     *
     * @param repeated where a message goes that has the id of another one of its channel in the batch (ids are
     *                 minted unique, so a bug): it is left out of the chunks, for the caller to report as a
     *                 conflict
     */
    static List<ChatChunk> chunks(List<ArchivedMessage> batch, List<ArchivedMessage> repeated) {
        // Grouped by what the channel is made of, whose strings cache their hashes: the channel itself (its key
        // and that key's hash) is made once per group, not per message.
        Map<ChannelParts, List<ArchivedMessage>> byChannel = new HashMap<>();
        List<List<ArchivedMessage>> groups = new ArrayList<>();
        for (ArchivedMessage message : batch) {
            List<ArchivedMessage> messages = byChannel.get(ChannelParts.of(message));
            if (messages == null) {
                messages = new ArrayList<>();
                byChannel.put(ChannelParts.of(message), messages);
                groups.add(messages);
            }
            messages.add(message);
        }
        List<ChatChunk> chunks = new ArrayList<>(groups.size());
        for (List<ArchivedMessage> messages : groups) {
            chunks.addAll(encode(messages.get(0).channel(), messages, repeated));
        }
        return chunks;
    }

    /** What a message's channel is made of: equal exactly when the channels are. */
    private record ChannelParts(ChatScope scope, String roomId, String lowParty, String highParty) {

        static ChannelParts of(ArchivedMessage message) {
            if (message.scope() != ChatScope.WHISPER) {
                return new ChannelParts(message.scope(), message.roomId(), null, null);
            }
            boolean ordered = message.senderParty().compareTo(message.recipientParty()) <= 0;
            return new ChannelParts(ChatScope.WHISPER, null, ordered ? message.senderParty() : message.recipientParty(),
                    ordered ? message.recipientParty() : message.senderParty());
        }
    }

    /**
     * {@code messages}, all of {@code channel}, in as few chunks as the limits allow.
     *
     * @param repeated where a message goes whose id an earlier one of {@code messages} has; it is left out
     */
    static List<ChatChunk> encode(ChatChannel channel, List<ArchivedMessage> messages, List<ArchivedMessage> repeated) {
        List<ArchivedMessage> ascending = messages;
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i - 1).id() >= messages.get(i).id()) {
                ascending = new ArrayList<>(messages);
                ascending.sort(BY_ID);
                break;
            }
        }
        ChunkEncoder encoder = new ChunkEncoder(channel);
        long previous = 0;
        for (int i = 0; i < ascending.size(); i++) {
            ArchivedMessage message = ascending.get(i);
            if (i > 0 && message.id() == previous) {
                repeated.add(message);
            } else {
                encoder.add(message);
                previous = message.id();
            }
        }
        return encoder.finish();
    }

    /** Adds the next message of the channel; its id must be above the previous one's. */
    void add(ArchivedMessage message) {
        long sentAt = message.sentAt().toEpochMilli();
        if (!messages.isEmpty() && (size >= MAX_BODY_BYTES || sentAt - firstSentAt > MAX_SPAN.toMillis())) {
            close();
        }
        if (message.id() <= previousId && !messages.isEmpty()) {
            throw new IllegalArgumentException("ids must ascend within a chunk: " + message.id() + " after " + previousId);
        }
        if (messages.isEmpty()) {
            firstSentAt = sentAt;
            lastSentAt = sentAt;
        }
        firstSentAt = Math.min(firstSentAt, sentAt);
        lastSentAt = Math.max(lastSentAt, sentAt);
        writeVarLong(message.id() - previousId);
        writeVarLong(zigzag(sentAt - previousSentAt));
        String roomName = message.roomName();
        boolean sameRoomName = roomName != null && roomName.equals(previousRoomName);
        boolean fromHighParty = channel.scope() == ChatScope.WHISPER
                && !message.senderParty().equals(channel.lowParty());
        writeByte((roomName != null ? ROOM_NAME : 0) | (sameRoomName ? SAME_ROOM_NAME : 0)
                | (message.sender() != null ? SENDER : 0) | (message.recipient() != null ? RECIPIENT : 0)
                | (fromHighParty ? FROM_HIGH_PARTY : 0));
        if (roomName != null && !sameRoomName) {
            writeString(roomName);
        }
        if (message.sender() != null) {
            writeString(message.sender());
        }
        if (message.recipient() != null) {
            writeString(message.recipient());
        }
        writeString(message.text());
        previousId = message.id();
        previousSentAt = sentAt;
        previousRoomName = roomName;
        messages.add(message);
    }

    /** The chunks of every message added, the last one closed. */
    List<ChatChunk> finish() {
        if (!messages.isEmpty()) {
            close();
        }
        return done;
    }

    private void close() {
        byte[] body = new byte[size + 1];
        body[0] = VERSION;
        System.arraycopy(buffer, 0, body, 1, size);
        done.add(new ChatChunk(channel, messages.get(0).id(), previousId, Instant.ofEpochMilli(firstSentAt),
                Instant.ofEpochMilli(lastSentAt), List.copyOf(messages), body));
        messages = new ArrayList<>();
        size = 0;
        previousId = 0;
        previousSentAt = 0;
        previousRoomName = null;
    }

    private void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
    }

    private void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    private void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }
}
