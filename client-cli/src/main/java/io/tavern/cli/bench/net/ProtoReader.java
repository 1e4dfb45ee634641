package io.tavern.cli.bench.net;

import com.google.protobuf.WireFormat;

/**
 * A cursor over the fields of one protobuf message lying in a region of a byte array, read in
 * place: no copy, no allocation, nothing decoded that the caller does not ask for. The load
 * generator and the bare baseline read their hot frames with it (which body an Envelope carries,
 * its request_id, where a chat text's bytes are); everything cold is decoded by protobuf itself.
 *
 * <pre>{@code
 * reader.reset(bytes, from, to);
 * while (reader.next()) {
 *     switch (reader.field()) {
 *         case 1 -> id = reader.varint();
 *         case 7 -> text(bytes, reader.start(), reader.length());
 *         default -> { } // skipped, as protobuf requires of unknown fields
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one per connection. Bytes that are not protobuf throw
 * {@link MalformedFrameException}; a field is never read past the region's end.
 */
public final class ProtoReader {

    private static final int MAX_VARINT_BYTES = 10;

    private byte[] bytes;
    private int position;
    private int end;
    private int field;
    private int wireType;
    private long varint;
    private int start;
    private int length;

    /** Reads the message in {@code bytes} from index {@code from} (inclusive) to {@code to} (exclusive). */
    public ProtoReader reset(byte[] bytes, int from, int to) {
        if (from < 0 || to > bytes.length || from > to) {
            throw new IndexOutOfBoundsException("region " + from + ".." + to + " of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = from;
        this.end = to;
        return this;
    }

    /** Moves to the next field; false at the end of the message. */
    public boolean next() {
        if (position >= end) {
            return false;
        }
        long key = readVarint();
        field = (int) (key >>> 3);
        wireType = (int) key & 7;
        if (field == 0 || key >>> 32 != 0) {
            throw new MalformedFrameException("bad field key " + key);
        }
        switch (wireType) {
            case WireFormat.WIRETYPE_VARINT -> varint = readVarint();
            case WireFormat.WIRETYPE_FIXED64 -> skip(8);
            case WireFormat.WIRETYPE_FIXED32 -> skip(4);
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                long declared = readVarint();
                if (declared < 0 || declared > end - position) {
                    throw new MalformedFrameException("field " + field + " runs past its message (" + declared + " bytes)");
                }
                start = position;
                length = (int) declared;
                position += length;
            }
            default -> throw new MalformedFrameException("wire type " + wireType + " (field " + field + ")");
        }
        return true;
    }

    /**
     * The value of the first varint field numbered {@code field} of the message from {@code from} to
     * {@code to}, or 0 (protobuf's default) when it is absent.
     */
    public long varintField(byte[] bytes, int from, int to, int field) {
        reset(bytes, from, to);
        while (next()) {
            if (this.field == field && wireType == WireFormat.WIRETYPE_VARINT) {
                return varint;
            }
        }
        return 0;
    }

    public int field() {
        return field;
    }

    public int wireType() {
        return wireType;
    }

    /** The value of the current field when it is a varint (int32/64, uint32/64, bool, enum). */
    public long varint() {
        return varint;
    }

    /** Where the current length-delimited field's bytes begin (an index into the array). */
    public int start() {
        return start;
    }

    /** How many bytes the current length-delimited field holds. */
    public int length() {
        return length;
    }

    private void skip(int bytes) {
        if (bytes > end - position) {
            throw new MalformedFrameException("fixed-width field " + field + " cut short");
        }
        position += bytes;
    }

    private long readVarint() {
        long result = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (position >= end) {
                throw new MalformedFrameException("varint cut short");
            }
            byte b = bytes[position++];
            result |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return result;
            }
        }
        throw new MalformedFrameException("varint longer than 10 bytes");
    }
}
