package io.tavern.server.resilience;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.tavern.protocol.Frames;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Envelope.BodyCase;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.Hello;
import io.tavern.protocol.v1.Ping;
import io.tavern.protocol.v1.SendChat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fuzzer's seeded source of hostile input, and its oracle.
 *
 * <p>Valid-but-hostile requests are built by reflection over the schema, so every body the
 * {@code Envelope} can carry is covered, server-only ones included: each field is left out or set to a
 * boundary or nasty value (empty, exactly at and just over every length limit the server has, 60 KB,
 * control characters, unsigned values that are negative as Java ints, enum numbers the schema does not
 * know), with unknown fields (nested groups too) slipped into the body and the envelope, and fields in
 * any order. Broken frames are built byte by byte: random bodies, lying and negative length prefixes,
 * frames cut short, invalid UTF-8, impossible tags, groups nested past the parser's limit, 1 MiB strings.
 *
 * <p>The oracle is {@link #judge}: whatever was generated, it decides what the server must do by
 * parsing the bytes exactly as the server's decoder does (the same protobuf-java parser, the same frame
 * limit). So a random body that happens to be a valid envelope is simply expected to be answered.
 */
final class HostileFrames {

    static final int MAX_FRAME_BYTES = Frames.DEFAULT_MAX_FRAME_BYTES;

    /** Every body an Envelope can carry, in field-number order. */
    static final List<FieldDescriptor> BODIES = Envelope.getDescriptor().getOneofs().get(0).getFields();

    /** Bodies only the server sends; a client sending one is told UNKNOWN_MESSAGE. */
    static final Set<BodyCase> SERVER_ONLY = EnumSet.of(BodyCase.WELCOME, BodyCase.ACK, BodyCase.ERROR,
            BodyCase.LOGIN_OK, BodyCase.CHAT_MESSAGE, BodyCase.HISTORY_PAGE, BodyCase.ROOM_LIST,
            BodyCase.ROOM_DETAILS, BodyCase.MEMBER_LIST, BodyCase.ONLINE_USER_LIST, BodyCase.ROOM_EVENT,
            BodyCase.LOBBY_EVENT, BodyCase.KICKED, BodyCase.MODERATION_EVENT);

    /** Requests a session may make before it has logged in. */
    static final Set<BodyCase> BEFORE_LOGIN = EnumSet.of(BodyCase.LOGIN_GUEST, BodyCase.REGISTER, BodyCase.LOGIN);

    /** The largest field number protobuf allows. */
    static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

    /** A field number no body uses: an envelope carrying only this has no body the server knows. */
    static final int UNKNOWN_BODY_FIELD = 999;

    private static final int[] U32 = {0, 1, 2, 7, 8, 16, 17, 24, 25, 32, 33, 50, 64, 65, 100, 101, 200, 201,
        Integer.MAX_VALUE, Integer.MIN_VALUE, -1};
    private static final long[] U64 = {0, 1, 2, 255, Integer.MAX_VALUE, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -1};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE};
    /** Lengths at and around every limit the server checks: names, room names, keys, ids, chat text, columns. */
    private static final int[] LENGTHS = {1, 2, 3, 23, 24, 25, 31, 32, 33, 63, 64, 65, 72, 73, 160, 161, 499, 500,
        501, 4000, 4001};
    private static final String[] ODD = {"", " ", "   ", "\t\n", "\u0000", "\u0007bell", ":", "a:b", "  padded  ",
        "\u202Eevil", "\u200B", "\uD83D\uDE00", "e\u0301", "\u540D\u524D", "'; DROP TABLE chat_message;--", "%s%n%x",
        "\uFFFD", "\uFEFFbom", "lobby", "LOBBY", "null", "r-1", "..", "../../etc/passwd", "\r\n\r\n", "a b",
        "-", "_", "--", "__"};
    private static final char[] NAME_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();

    private final SplittableRandom random;
    private int hugeStringsLeft;

    HostileFrames(SplittableRandom random) {
        this.random = random;
    }

    SplittableRandom random() {
        return random;
    }

    // ------------------------------------------------------------------ valid-but-hostile requests

    /** A request frame that the server must answer: valid, at most {@link #MAX_FRAME_BYTES}. */
    record Request(String kind, byte[] frame, Envelope parsed) {

        /** Whether the server owes a reply: every body but a client's Pong (and Goodbye, which ends the session). */
        boolean expectsReply() {
            return parsed.getBodyCase() != BodyCase.PONG && parsed.getBodyCase() != BodyCase.GOODBYE;
        }
    }

    /**
     * A valid, hostile request with request id {@code rid}, of a random kind; never a Goodbye (that
     * ends the session, which the episodes cover).
     */
    Request request(long rid) {
        while (true) {
            int pick = random.nextInt(100);
            String kind;
            byte[] body;
            if (pick < 3) {
                kind = "empty-envelope";
                body = envelope(rid, null, new byte[0], random.nextBoolean());
            } else if (pick < 6) {
                kind = "unknown-body";
                body = concat(envelope(rid, null, new byte[0], false), unknownField(UNKNOWN_BODY_FIELD, 2));
            } else if (pick < 7) {
                kind = "exactly-max-frame";
                body = exactlyMaxBody(rid);
            } else if (pick < 12) {
                kind = "ping";
                body = Envelope.newBuilder().setRequestId(rid)
                        .setPing(Ping.newBuilder().setNonce(random.nextLong())).build().toByteArray();
            } else {
                FieldDescriptor field = BODIES.get(random.nextInt(BODIES.size()));
                if (field.getNumber() == Envelope.GOODBYE_FIELD_NUMBER) {
                    continue;
                }
                kind = "body-" + field.getName();
                body = hostileEnvelope(rid, field, true);
            }
            Envelope parsed = parseOrNull(body);
            if (parsed == null || body.length > MAX_FRAME_BYTES || parsed.getRequestId() != rid
                    || parsed.getBodyCase() == BodyCase.GOODBYE) {
                continue; // broke itself (a nesting too deep, a field that clobbered the body): try again
            }
            return new Request(kind, WireConnection.frame(body), parsed);
        }
    }

    /** The body of an envelope {@code rid} carrying a hostile instance of {@code bodyField}. */
    byte[] hostileEnvelope(long rid, FieldDescriptor bodyField, boolean withUnknownFields) {
        hugeStringsLeft = random.nextInt(20) == 0 ? 1 : 0;
        byte[] message = randomMessage(bodyField.getMessageType(), 0).toByteArray();
        if (withUnknownFields && random.nextInt(4) == 0) {
            message = concat(message, unknownFields(1 + random.nextInt(3), 0));
        }
        return envelope(rid, bodyField, message, withUnknownFields && random.nextInt(8) == 0);
    }

    /**
     * An envelope assembled by hand: {@code request_id} before or after the body (sometimes twice: the
     * last one counts), then unknown fields of the envelope itself if asked for.
     */
    byte[] envelope(long rid, FieldDescriptor bodyField, byte[] bodyMessage, boolean unknownAtTopLevel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bodyMessage.length + 32);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            boolean ridFirst = random.nextBoolean();
            if (random.nextInt(16) == 0) {
                out.writeUInt64(Envelope.REQUEST_ID_FIELD_NUMBER, random.nextLong()); // overwritten below
            }
            if (ridFirst && rid != 0) {
                out.writeUInt64(Envelope.REQUEST_ID_FIELD_NUMBER, rid);
            }
            if (bodyField != null) {
                out.writeByteArray(bodyField.getNumber(), bodyMessage);
            }
            if (!ridFirst && rid != 0) {
                out.writeUInt64(Envelope.REQUEST_ID_FIELD_NUMBER, rid);
            }
            if (unknownAtTopLevel) {
                out.writeRawBytes(unknownFields(1 + random.nextInt(2), 0));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A SendChat envelope {@code rid} whose serialized size is exactly {@link #MAX_FRAME_BYTES}. */
    static byte[] exactlyMaxBody(long rid) {
        for (int length = MAX_FRAME_BYTES; length > 0; length--) {
            int chat = CodedOutputStream.computeEnumSize(SendChat.SCOPE_FIELD_NUMBER, ChatScope.LOBBY_VALUE)
                    + CodedOutputStream.computeTagSize(SendChat.TEXT_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
            int envelope = CodedOutputStream.computeUInt64Size(Envelope.REQUEST_ID_FIELD_NUMBER, rid)
                    + CodedOutputStream.computeTagSize(Envelope.SEND_CHAT_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(chat) + chat;
            if (envelope == MAX_FRAME_BYTES) {
                byte[] body = Envelope.newBuilder().setRequestId(rid).setSendChat(SendChat.newBuilder()
                        .setScope(ChatScope.LOBBY).setText("m".repeat(length))).build().toByteArray();
                if (body.length != MAX_FRAME_BYTES) {
                    throw new IllegalStateException("computed " + envelope + " bytes, encoded " + body.length);
                }
                return body;
            }
        }
        throw new IllegalStateException("no text length gives a frame of exactly " + MAX_FRAME_BYTES);
    }

    /** A message of {@code type} with every field absent or hostile. */
    DynamicMessage randomMessage(Descriptor type, int depth) {
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextInt(10) < 3) {
                continue; // absent: the default
            }
            if (field.isMapField()) {
                int entries = random.nextInt(8) == 0 ? 17 + random.nextInt(8) : random.nextInt(4);
                for (int i = 0; i < entries; i++) {
                    message.addRepeatedField(field, randomMessage(field.getMessageType(), depth + 1));
                }
            } else if (field.isRepeated()) {
                int count = depth > 2 ? 0 : random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    message.addRepeatedField(field, value(field, depth));
                }
            } else if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || depth < 3) {
                message.setField(field, value(field, depth));
            }
        }
        return message.build();
    }

    private Object value(FieldDescriptor field, int depth) {
        return switch (field.getJavaType()) {
            case INT -> random.nextInt(3) == 0 ? random.nextInt() : U32[random.nextInt(U32.length)];
            case LONG -> random.nextInt(3) == 0 ? random.nextLong() : U64[random.nextInt(U64.length)];
            case BOOLEAN -> random.nextBoolean();
            case DOUBLE -> DOUBLES[random.nextInt(DOUBLES.length)];
            case FLOAT -> (float) DOUBLES[random.nextInt(DOUBLES.length)];
            case STRING -> string();
            case BYTE_STRING -> com.google.protobuf.ByteString.copyFrom(randomBytes(random.nextInt(64)));
            case ENUM -> random.nextInt(4) == 0
                    ? field.getEnumType().findValueByNumberCreatingIfUnknown(
                            new int[] {-1, 5, 99, 1000, Integer.MAX_VALUE}[random.nextInt(5)])
                    : field.getEnumType().getValues().get(random.nextInt(field.getEnumType().getValues().size()));
            case MESSAGE -> randomMessage(field.getMessageType(), depth + 1);
        };
    }

    /** A string chosen to hurt: a plausible name, an odd one, one at a length limit, foreign, or huge. */
    String string() {
        int pick = random.nextInt(12);
        if (pick < 3) {
            return name(2 + random.nextInt(23));
        }
        if (pick < 5) {
            return ODD[random.nextInt(ODD.length)];
        }
        if (pick < 7) {
            int length = LENGTHS[random.nextInt(LENGTHS.length)];
            return random.nextBoolean() ? name(length) : "\u00e9".repeat(length);
        }
        if (pick < 9) {
            return unicode(random.nextInt(80));
        }
        if (pick == 9 && hugeStringsLeft > 0) {
            hugeStringsLeft--;
            return "h".repeat(8 * 1024 + random.nextInt(52 * 1024));
        }
        return name(random.nextInt(12));
    }

    String name(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = NAME_CHARS[random.nextInt(NAME_CHARS.length)];
        }
        return new String(chars);
    }

    private String unicode(int codePoints) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int range = random.nextInt(5);
            int codePoint = switch (range) {
                case 0 -> random.nextInt(0x20);                  // control characters
                case 1 -> 0x20 + random.nextInt(0x5F);           // printable ASCII
                case 2 -> 0x300 + random.nextInt(0x70);          // combining marks
                case 3 -> 0x1F300 + random.nextInt(0x300);       // emoji (surrogate pairs in Java)
                default -> 0x2000 + random.nextInt(0x70);        // spaces, joiners, direction marks
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    // ------------------------------------------------------------------ unknown fields, nesting

    /** {@code count} unknown fields of random wire types, groups nesting at most a few levels. */
    byte[] unknownFields(int count, int depth) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int number = 100 + random.nextInt(MAX_FIELD_NUMBER - 100);
            int wireType = depth < 4 ? random.nextInt(5) : random.nextInt(3);
            bytes.writeBytes(unknownField(number, wireType, depth));
        }
        return bytes.toByteArray();
    }

    byte[] unknownField(int number, int wireType) {
        return unknownField(number, wireType, 0);
    }

    private byte[] unknownField(int number, int wireType, int depth) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            switch (wireType) {
                case 0 -> out.writeUInt64(number, random.nextLong());
                case 1 -> out.writeFixed64(number, random.nextLong());
                case 2 -> out.writeByteArray(number, randomBytes(random.nextInt(200)));
                case 3 -> {
                    out.writeTag(number, WireFormat.WIRETYPE_START_GROUP);
                    out.writeRawBytes(unknownFields(random.nextInt(3), depth + 1));
                    out.writeTag(number, WireFormat.WIRETYPE_END_GROUP);
                }
                default -> out.writeFixed32(number, random.nextInt());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Unknown groups nested {@code depth} deep: harmless below the parser's recursion limit, malformed above. */
    static byte[] nestedGroups(int number, int depth) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(depth * 8);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (int i = 0; i < depth; i++) {
                out.writeTag(number, WireFormat.WIRETYPE_START_GROUP);
            }
            for (int i = 0; i < depth; i++) {
                out.writeTag(number, WireFormat.WIRETYPE_END_GROUP);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ one-connection episodes

    /** What the server must do with an episode's hostile bytes. */
    enum Fate {
        /** Error{code, rid}, Goodbye(PROTOCOL_ERROR), close. */
        PROTOCOL_ERROR,
        /** The session goes on: it answers the next Ping. */
        ALIVE,
        /** The hostile frame was a client Goodbye: the server closes without a word. */
        QUIT
    }

    /** The expected outcome; {@code code} and {@code rid} only for {@link Fate#PROTOCOL_ERROR}. */
    record Verdict(Fate fate, ErrorCode code, long rid) {
        static Verdict protocolError(ErrorCode code, long rid) {
            return new Verdict(Fate.PROTOCOL_ERROR, code, rid);
        }

        static final Verdict ALIVE = new Verdict(Fate.ALIVE, null, 0);
        static final Verdict QUIT = new Verdict(Fate.QUIT, null, 0);
    }

    /**
     * One connection's worth of trouble: after an optional Hello, {@code bytes} (one frame, possibly
     * lying about its length, or cut short, in which case the client half-closes after it).
     */
    record Episode(String kind, boolean afterHello, byte[] bytes, boolean halfClose, Verdict verdict) {
    }

    Episode episode() {
        int pick = random.nextInt(100);
        boolean afterHello = random.nextInt(10) < 7;
        if (pick < 22) {
            return judged("random-bytes", afterHello, WireConnection.frame(randomBytes(randomBodyLength())), false);
        }
        if (pick < 30) {
            int[] declared = {MAX_FRAME_BYTES + 1, MAX_FRAME_BYTES + 2, 1 << 20, Integer.MAX_VALUE,
                MAX_FRAME_BYTES + 1 + random.nextInt(Integer.MAX_VALUE - MAX_FRAME_BYTES - 1)};
            return judged("length-over-max", afterHello,
                    WireConnection.frame(declared[random.nextInt(declared.length)], randomBytes(random.nextInt(64))), false);
        }
        if (pick < 36) {
            int[] negative = {Integer.MIN_VALUE, -1, -2, Integer.MIN_VALUE | random.nextInt()};
            return judged("length-top-bit", afterHello,
                    WireConnection.frame(negative[random.nextInt(negative.length)], randomBytes(random.nextInt(64))), false);
        }
        if (pick < 38) {
            return judged("megabyte-string", afterHello, WireConnection.frame(megabyteString(afterHello)), false);
        }
        if (pick < 50) {
            byte[] whole = afterHello ? WireConnection.frame(hostileEnvelope(1 + random.nextInt(1000),
                    BODIES.get(random.nextInt(BODIES.size())), true)) : WireConnection.frame(hello(1, 1));
            int cut = 1 + random.nextInt(whole.length - 1);
            return judged("truncated", afterHello, Arrays.copyOf(whole, cut), true);
        }
        if (pick < 56) {
            int[] depths = {10, 50, 98, 99, 100, 101, 102, 500, 5_000, 20_000};
            int depth = depths[random.nextInt(depths.length)];
            byte[] groups = nestedGroups(100 + random.nextInt(1000), depth);
            byte[] body = random.nextBoolean()
                    ? concat(envelope(2, null, new byte[0], false), groups)
                    : envelope(2, BODIES.get(random.nextInt(BODIES.size())), groups, false);
            return judged("deep-nesting-" + depth, afterHello, WireConnection.frame(body), false);
        }
        if (pick < 62) {
            return judged("invalid-utf8", afterHello, WireConnection.frame(invalidUtf8()), false);
        }
        if (pick < 68) {
            return judged("impossible-tag", afterHello, WireConnection.frame(impossibleTag()), false);
        }
        if (pick < 74) {
            FieldDescriptor body = BODIES.get(random.nextInt(BODIES.size()));
            return judged("first-frame-" + body.getName(), false,
                    WireConnection.frame(hostileEnvelope(1 + random.nextInt(1000), body, true)), false);
        }
        if (pick < 78) {
            int[] versions = {0, 2, 99, Integer.MAX_VALUE, Integer.MIN_VALUE, -1};
            return judged("wrong-version", false,
                    WireConnection.frame(hello(1 + random.nextInt(1000), versions[random.nextInt(versions.length)])), false);
        }
        if (pick < 82) {
            Hello.Builder hello = Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT).setClientName(string());
            byte[] body = concat(hello.build().toByteArray(), unknownFields(1 + random.nextInt(3), 0));
            return judged("hostile-hello", false,
                    WireConnection.frame(envelope(1 + random.nextInt(1000), field(BodyCase.HELLO), body, true)), false);
        }
        if (pick < 85) {
            return judged("empty-envelope", afterHello, WireConnection.frame(new byte[0]), false);
        }
        if (pick < 87) {
            return judged("exactly-max-frame", afterHello, WireConnection.frame(exactlyMaxBody(7)), false);
        }
        if (pick < 90) {
            Goodbye goodbye = Goodbye.newBuilder().setReasonValue(random.nextInt(12)).setMessage(string()).build();
            return judged("goodbye", afterHello, WireConnection.frame(
                    envelope(random.nextInt(3), field(BodyCase.GOODBYE), goodbye.toByteArray(), false)), false);
        }
        FieldDescriptor body = BODIES.get(random.nextInt(BODIES.size()));
        return judged("request-" + body.getName(), afterHello,
                WireConnection.frame(hostileEnvelope(1 + random.nextInt(1000), body, true)), false);
    }

    private Episode judged(String kind, boolean afterHello, byte[] bytes, boolean halfClose) {
        return new Episode(kind, afterHello, bytes, halfClose, judge(afterHello, bytes, halfClose));
    }

    /**
     * What the server must do with {@code bytes} (at most one frame, or part of one followed by a
     * half-close), arriving before or after the handshake. Decided as the server's decoder decides.
     */
    static Verdict judge(boolean afterHello, byte[] bytes, boolean halfClose) {
        if (bytes.length < Frames.LENGTH_FIELD_BYTES) {
            return checkedTruncation(halfClose);
        }
        long declared = Integer.toUnsignedLong(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16)
                | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF));
        if (declared > MAX_FRAME_BYTES) {
            return Verdict.protocolError(ErrorCode.FRAME_TOO_LARGE, 0); // refused on the prefix alone
        }
        if (bytes.length < Frames.LENGTH_FIELD_BYTES + declared) {
            return checkedTruncation(halfClose);
        }
        if (bytes.length != Frames.LENGTH_FIELD_BYTES + declared || halfClose) {
            throw new IllegalArgumentException("an episode holds exactly one frame, half-closed only when cut short");
        }
        Envelope envelope = parseOrNull(Arrays.copyOfRange(bytes, Frames.LENGTH_FIELD_BYTES, bytes.length));
        if (envelope == null) {
            return Verdict.protocolError(ErrorCode.MALFORMED_FRAME, 0);
        }
        if (!afterHello) {
            if (!envelope.hasHello()) {
                return Verdict.protocolError(ErrorCode.HANDSHAKE_REQUIRED, envelope.getRequestId());
            }
            if (!ProtocolVersion.isSupported(envelope.getHello().getProtocolVersion())) {
                return Verdict.protocolError(ErrorCode.UNSUPPORTED_VERSION, envelope.getRequestId());
            }
            return Verdict.ALIVE;
        }
        return envelope.hasGoodbye() ? Verdict.QUIT : Verdict.ALIVE;
    }

    private static Verdict checkedTruncation(boolean halfClose) {
        if (!halfClose) {
            throw new IllegalArgumentException("a cut-short frame without a half-close would only wait for the rest");
        }
        return Verdict.protocolError(ErrorCode.MALFORMED_FRAME, 0);
    }

    static Envelope parseOrNull(byte[] body) {
        try {
            return Envelope.parseFrom(body);
        } catch (InvalidProtocolBufferException malformed) {
            return null;
        }
    }

    private int randomBodyLength() {
        int pick = random.nextInt(10);
        if (pick < 6) {
            return 1 + random.nextInt(64);
        }
        if (pick < 9) {
            return 1 + random.nextInt(4096);
        }
        return 1 + random.nextInt(MAX_FRAME_BYTES);
    }

    /** A valid envelope carrying a 1 MiB string: far over the frame limit. */
    private byte[] megabyteString(boolean afterHello) {
        String huge = "M".repeat(1024 * 1024);
        if (!afterHello) {
            return Envelope.newBuilder().setRequestId(1)
                    .setHello(Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT).setClientName(huge))
                    .build().toByteArray();
        }
        return Envelope.newBuilder().setRequestId(3)
                .setSendChat(SendChat.newBuilder().setScope(ChatScope.LOBBY).setText(huge)).build().toByteArray();
    }

    /** A SendChat whose text is not UTF-8: proto3 strings must be, so the whole frame is malformed. */
    private byte[] invalidUtf8() {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] text = concat("ok ".getBytes(StandardCharsets.UTF_8), bad[random.nextInt(bad.length)]);
        ByteArrayOutputStream chat = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(chat);
        try {
            out.writeEnum(SendChat.SCOPE_FIELD_NUMBER, ChatScope.LOBBY_VALUE);
            out.writeByteArray(SendChat.TEXT_FIELD_NUMBER, text);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return envelope(4, field(BodyCase.SEND_CHAT), chat.toByteArray(), false);
    }

    /** Tags no encoder writes: field 0, wire types 6 and 7, a varint that never ends, a length past the end. */
    private byte[] impossibleTag() {
        byte[][] tails = {
            {0x00, 0x01},                                  // field 0, varint
            {0x02, 0x00},                                  // field 0, length-delimited
            {0x0E, 0x01},                                  // field 1, wire type 6
            {0x0F, 0x01},                                  // field 1, wire type 7
            {0x08, (byte) 0xFF, (byte) 0xFF},              // a varint cut off
            {0x52, 0x7F, 0x08, 0x01},                      // Hello declared 127 bytes long, 2 present
            {(byte) 0xA3, 0x01},                           // field 20 opens a group that never closes
            {(byte) 0xA4, 0x01},                           // an end-group with no start
            {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}, // an 11-byte varint
        };
        return concat(envelope(5, null, new byte[0], false), tails[random.nextInt(tails.length)]);
    }

    // ------------------------------------------------------------------ plain frames

    static byte[] hello(long rid, int version) {
        return Envelope.newBuilder().setRequestId(rid)
                .setHello(Hello.newBuilder().setProtocolVersion(version).setClientName("fuzz")).build().toByteArray();
    }

    static FieldDescriptor field(BodyCase body) {
        return Envelope.getDescriptor().findFieldByNumber(body.getNumber());
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
