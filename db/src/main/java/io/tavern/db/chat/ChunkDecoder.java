package io.tavern.db.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a chunk's body, in {@link ChunkEncoder}'s format, back into its messages, ascending by id. */
final class ChunkDecoder {

    private final byte[] body;
    private int position;

    private ChunkDecoder(byte[] body) {
        this.body = body;
    }

    /**
     * @throws IllegalArgumentException when {@code body} is not a chunk of that channel in a known format
     */
    static List<ArchivedMessage> decode(ChatChannel channel, byte[] body) {
        if (body.length == 0 || body[0] != ChunkEncoder.VERSION) {
            throw new IllegalArgumentException("not a chat chunk of version " + ChunkEncoder.VERSION);
        }
        ChunkDecoder decoder = new ChunkDecoder(body);
        decoder.position = 1;
        try {
            return decoder.messages(channel);
        } catch (ArrayIndexOutOfBoundsException cut) {
            throw new IllegalArgumentException("a chat chunk cut short at byte " + decoder.position, cut);
        }
    }

    private List<ArchivedMessage> messages(ChatChannel channel) {
        List<ArchivedMessage> messages = new ArrayList<>();
        long id = 0;
        long sentAt = 0;
        String roomName = null;
        while (position < body.length) {
            id += readVarLong();
            sentAt += unzigzag(readVarLong());
            int flags = body[position++];
            if ((flags & ChunkEncoder.ROOM_NAME) == 0) {
                roomName = null;
            } else if ((flags & ChunkEncoder.SAME_ROOM_NAME) == 0) {
                roomName = readString();
            }
            String sender = (flags & ChunkEncoder.SENDER) != 0 ? readString() : null;
            String recipient = (flags & ChunkEncoder.RECIPIENT) != 0 ? readString() : null;
            String text = readString();
            String senderParty = null;
            String recipientParty = null;
            if (channel.scope() == ChatScope.WHISPER) {
                boolean fromHigh = (flags & ChunkEncoder.FROM_HIGH_PARTY) != 0;
                senderParty = fromHigh ? channel.highParty() : channel.lowParty();
                recipientParty = fromHigh ? channel.lowParty() : channel.highParty();
            }
            messages.add(new ArchivedMessage(id, channel.scope(), channel.roomId(), roomName, sender, recipient,
                    senderParty, recipientParty, text, Instant.ofEpochMilli(sentAt)));
        }
        return messages;
    }

    private String readString() {
        long length = readVarLong();
        if (length < 0 || length > body.length - position) {
            throw new ArrayIndexOutOfBoundsException("a string of " + length + " bytes at " + position);
        }
        String value = new String(body, position, (int) length, StandardCharsets.UTF_8);
        position += (int) length;
        return value;
    }

    private long readVarLong() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = body[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
