package io.tavern.cli.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The chat text of a benchmark message, laid out at fixed offsets so that a receiver reads it in
 * place, without decoding a string:
 *
 * <pre>
 * offset  bytes  content
 *      0      4  "tvb3"         marks a benchmark text of this layout
 *      4      1  'M' or 'W'     sent while measuring, or during the warm-up
 *      5      8  room           the run's room number
 *     13      8  slot           the sender's place in its room
 *     21     16  sequence       the sender's message number
 *     37     16  sent nanos     System.nanoTime() at the send (two's complement)
 *     53      …  '.'            padding up to the requested size
 * </pre>
 *
 * Numbers are written most significant first, four bits to a letter from 'a' (0) to 'p' (15).
 * Printable ASCII only, so a server's chat rules (control characters, UTF-8) pass it unchanged;
 * and since the letters are one contiguous range, a receiver checks and decodes eight of them at
 * once as one {@code long}, with no table and no branch per letter.
 *
 * <p>Sender and receivers live in the same process, so one monotonic clock serves both and a
 * wall-clock jump cannot skew a latency.
 *
 * <p>An instance is a reader for received texts, reused by one connection; {@link #template} and
 * {@link #stamp} write them.
 */
final class BenchText {

    static final int HEADER_BYTES = 53;
    static final int MAX_ROOMS = 1 << 24;
    static final int MAX_ROOM_SIZE = 1 << 16;
    static final long MAX_SEQUENCE = 1L << 40;

    private static final byte[] MAGIC = "tvb3".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG = 4;
    private static final int ROOM = 5;
    private static final int SLOT = 13;
    private static final int SEQUENCE = 21;
    private static final int SENT = 37;
    private static final byte MEASURED = 'M';
    private static final byte WARMUP = 'W';
    private static final byte ZERO = 'a';
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private boolean valid;
    private boolean measured;
    private int room;
    private int slot;
    private long sequence;
    private long sentNanos;

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
        letters(text, ROOM, 8, room);
        letters(text, SLOT, 8, slot);
        letters(text, SEQUENCE, 16, 0);
        letters(text, SENT, 16, 0);
        return text;
    }

    /** Writes the flag, sequence and send time into a text that lies in {@code bytes} from {@code offset}. */
    static void stamp(byte[] bytes, int offset, boolean measured, long sequence, long sentNanos) {
        bytes[offset + FLAG] = measured ? MEASURED : WARMUP;
        letters(bytes, offset + SEQUENCE, 16, sequence);
        letters(bytes, offset + SENT, 16, sentNanos);
    }

    /** Writes the low {@code count} (8 or 16) nibbles of {@code value} as letters, eight at a time. */
    private static void letters(byte[] into, int offset, int count, long value) {
        if (count == 16) {
            BIG_ENDIAN_LONG.set(into, offset, spread(value >>> 32) + ZERO * ONES);
            BIG_ENDIAN_LONG.set(into, offset + 8, spread(value) + ZERO * ONES);
        } else {
            BIG_ENDIAN_LONG.set(into, offset, spread(value) + ZERO * ONES);
        }
    }

    /** The eight nibbles of the low 32 bits of {@code value}, one per byte, most significant in the top byte. */
    private static long spread(long value) {
        long v = value & 0xFFFFFFFFL;
        v = (v | v << 16) & 0x0000FFFF0000FFFFL;
        v = (v | v << 8) & 0x00FF00FF00FF00FFL;
        return (v | v << 4) & 0x0F0F0F0F0F0F0F0FL;
    }

    /**
     * Reads the text of {@code length} bytes at {@code offset} of {@code bytes}; false if it is not a
     * benchmark text (someone else's chat, or a layout this build does not know).
     */
    boolean read(byte[] bytes, int offset, int length) {
        if (length < HEADER_BYTES
                || bytes[offset] != MAGIC[0] || bytes[offset + 1] != MAGIC[1]
                || bytes[offset + 2] != MAGIC[2] || bytes[offset + 3] != MAGIC[3]) {
            return false;
        }
        byte flag = bytes[offset + FLAG];
        if (flag != MEASURED && flag != WARMUP) {
            return false;
        }
        valid = true;
        measured = flag == MEASURED;
        room = (int) eight(bytes, offset + ROOM);
        slot = (int) eight(bytes, offset + SLOT);
        sequence = eight(bytes, offset + SEQUENCE) << 32 | eight(bytes, offset + SEQUENCE + 8);
        sentNanos = eight(bytes, offset + SENT) << 32 | eight(bytes, offset + SENT + 8);
        return valid;
    }

    /** The 32-bit number that the eight letters at {@code offset} spell; clears {@link #valid} if one is not a letter a-p. */
    private long eight(byte[] bytes, int offset) {
        long chunk = (long) BIG_ENDIAN_LONG.get(bytes, offset);
        long nibbles = chunk - ZERO * ONES;
        // Every byte in 'a'..'p': none below 'a' (the subtraction borrowed, or set a high bit) and none above 'p'.
        long below = nibbles & ~chunk & HIGH_BITS;
        long above = (chunk + (0x7F - (ZERO + 15)) * ONES | chunk) & HIGH_BITS;
        valid &= (below | above) == 0;
        // Eight nibbles, one per byte, most significant first: pack them into 32 bits.
        nibbles = (nibbles | nibbles >>> 4) & 0x00FF00FF00FF00FFL;
        nibbles = (nibbles | nibbles >>> 8) & 0x0000FFFF0000FFFFL;
        return (nibbles | nibbles >>> 16) & 0xFFFFFFFFL;
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
