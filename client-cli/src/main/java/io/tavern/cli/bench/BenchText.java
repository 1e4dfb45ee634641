package io.tavern.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The chat text of a benchmark message, laid out at fixed offsets so that a receiver reads it in
 * place, without decoding a string:
 *
 * <pre>
 * offset  bytes  content
 *      0      4  "tvb2"         marks a benchmark text of this layout
 *      4      1  'M' or 'W'     sent while measuring, or during the warm-up
 *      5      6  room           the run's room number, hex
 *     11      4  slot           the sender's place in its room, hex
 *     15     10  sequence       the sender's message number, hex
 *     25     16  sent nanos     System.nanoTime() at the send, hex (two's complement)
 *     41      …  '.'            padding up to the requested size
 * </pre>
 *
 * Printable ASCII only, so a server's chat rules (control characters, UTF-8) pass it unchanged.
 * Sender and receivers live in the same process, so one monotonic clock serves both and a
 * wall-clock jump cannot skew a latency.
 *
 * <p>An instance is a reader for received texts, reused by one connection; {@link #template} and
 * {@link #stamp} write them.
 */
final class BenchText {

    static final int HEADER_BYTES = 41;
    static final int MAX_ROOMS = 1 << 24;
    static final int MAX_ROOM_SIZE = 1 << 16;
    static final long MAX_SEQUENCE = 1L << 40;

    private static final byte[] MAGIC = "tvb2".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG = 4;
    private static final int ROOM = 5;
    private static final int SLOT = 11;
    private static final int SEQUENCE = 15;
    private static final int SENT = 25;
    private static final byte MEASURED = 'M';
    private static final byte WARMUP = 'W';
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** A byte's value as a hex digit, or -1. */
    private static final byte[] HEX_VALUES = new byte[256];

    static {
        Arrays.fill(HEX_VALUES, (byte) -1);
        for (int i = 0; i < 16; i++) {
            HEX_VALUES[HEX_DIGITS[i]] = (byte) i;
            HEX_VALUES[Character.toUpperCase(HEX_DIGITS[i])] = (byte) i;
        }
    }

    private byte[] source;
    private int at;
    private boolean measured;
    private int room;
    private int slot;
    private long sequence;
    private long sentNanos;
    private boolean invalidDigit;

    /** A warm-up text of {@code size} bytes from {@code slot} of {@code room}, sequence and time zero. */
    static byte[] template(int room, int slot, int size) {
        if (size < HEADER_BYTES) {
            throw new IllegalArgumentException("a benchmark text needs at least " + HEADER_BYTES + " bytes");
        }
        if (room < 0 || room >= MAX_ROOMS || slot < 0 || slot >= MAX_ROOM_SIZE) {
            throw new IllegalArgumentException("room " + room + " or slot " + slot + " out of range");
        }
        byte[] text = new byte[size];
        Arrays.fill(text, (byte) '.');
        System.arraycopy(MAGIC, 0, text, 0, MAGIC.length);
        text[FLAG] = WARMUP;
        hex(text, ROOM, 6, room);
        hex(text, SLOT, 4, slot);
        hex(text, SEQUENCE, 10, 0);
        hex(text, SENT, 16, 0);
        return text;
    }

    /** Writes the flag, sequence and send time into a text that lies in {@code bytes} from {@code offset}. */
    static void stamp(byte[] bytes, int offset, boolean measured, long sequence, long sentNanos) {
        bytes[offset + FLAG] = measured ? MEASURED : WARMUP;
        hex(bytes, offset + SEQUENCE, 10, sequence);
        hex(bytes, offset + SENT, 16, sentNanos);
    }

    private static void hex(byte[] into, int offset, int digits, long value) {
        for (int i = offset + digits - 1; i >= offset; i--) {
            into[i] = HEX_DIGITS[(int) value & 0xF];
            value >>>= 4;
        }
    }

    /**
     * Reads the text of {@code length} bytes at {@code offset} of {@code bytes}; false if it is not a
     * benchmark text (someone else's chat, or a layout this build does not know).
     */
    boolean read(byte[] bytes, int offset, int length) {
        if (length < HEADER_BYTES) {
            return false;
        }
        source = bytes;
        at = offset;
        if (bytes[at] != MAGIC[0] || bytes[at + 1] != MAGIC[1] || bytes[at + 2] != MAGIC[2] || bytes[at + 3] != MAGIC[3]) {
            return false;
        }
        byte flag = bytes[at + FLAG];
        if (flag != MEASURED && flag != WARMUP) {
            return false;
        }
        invalidDigit = false;
        measured = flag == MEASURED;
        room = (int) unhex(ROOM, 6);
        slot = (int) unhex(SLOT, 4);
        sequence = unhex(SEQUENCE, 10);
        sentNanos = unhex(SENT, 16);
        return !invalidDigit;
    }

    private long unhex(int offset, int digits) {
        long value = 0;
        for (int i = at + offset; i < at + offset + digits; i++) {
            int digit = HEX_VALUES[source[i] & 0xFF];
            invalidDigit |= digit < 0;
            value = value << 4 | (digit & 0xF);
        }
        return value;
    }

    boolean measured() {
        return measured;
    }

    int room() {
        return room;
    }

    int slot() {
        return slot;
    }

    long sequence() {
        return sequence;
    }

    long sentNanos() {
        return sentNanos;
    }
}
