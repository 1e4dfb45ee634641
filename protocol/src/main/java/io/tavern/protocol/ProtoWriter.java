package io.tavern.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Writes protobuf fields straight into a {@link ByteBuf}, for frames whose shape is fixed and whose
 * cost matters (the server's ack, {@link Frames#ack}; the load generator's chat send and the bare
 * baseline's fanned-out chat message). Sizes come from protobuf's own
 * {@link CodedOutputStream} helpers; the bytes written are standard protobuf, as the tests check by
 * parsing them with the generated classes.
 */
public final class ProtoWriter {

    private ProtoWriter() {
    }

    public static void writeVarint(ByteBuf out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    /** A varint field; written even when zero, which a reader takes as the default. */
    public static void writeVarintField(ByteBuf out, int field, long value) {
        writeVarint(out, tag(field, WireFormat.WIRETYPE_VARINT));
        writeVarint(out, value);
    }

    /** The key and length of a length-delimited field whose {@code length} bytes the caller writes next. */
    public static void writeLengthDelimitedHeader(ByteBuf out, int field, int length) {
        writeVarint(out, tag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED));
        writeVarint(out, length);
    }

    public static void writeBytesField(ByteBuf out, int field, byte[] bytes) {
        writeLengthDelimitedHeader(out, field, bytes.length);
        out.writeBytes(bytes);
    }

    /** A field's key, as protobuf defines it. */
    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    /** A whole length-delimited field (key, length, bytes), for a part of a frame that is encoded once and copied often. */
    public static byte[] bytesField(int field, byte[] bytes) {
        ByteBuf out = Unpooled.buffer(lengthDelimitedFieldSize(field, bytes.length));
        writeBytesField(out, field, bytes);
        return out.array();
    }

    public static int varintFieldSize(int field, long value) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt64SizeNoTag(value);
    }

    /** Key, length and {@code length} bytes of a length-delimited field. */
    public static int lengthDelimitedFieldSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }
}
