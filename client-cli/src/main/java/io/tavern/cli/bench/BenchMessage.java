package io.tavern.cli.bench;

/**
 * The chat text of a benchmark message: {@code tvb|SENDER|SEQ|SENT_NANOS|M|padding}, where
 * SENT_NANOS is {@link System#nanoTime()} at the send (sender and receivers live in the same
 * process, so one clock serves both and wall-clock jumps cannot skew a latency) and M is 1 for a
 * message sent while measuring, 0 during warm-up. Padded with 'x' to the requested size.
 */
final class BenchMessage {

    static final String MAGIC = "tvb|";

    private BenchMessage() {
    }

    static String encode(int sender, long sequence, long sentNanos, boolean measured, int size) {
        StringBuilder text = new StringBuilder(Math.max(size, 48))
                .append(MAGIC).append(sender).append('|').append(sequence).append('|')
                .append(sentNanos).append('|').append(measured ? '1' : '0').append('|');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /**
     * The send time of a measured benchmark message, {@link #NOT_MEASURED} for a warm-up one, and
     * {@link #NOT_BENCH} for any other text.
     */
    static long measuredSentNanos(String text) {
        if (!text.startsWith(MAGIC)) {
            return NOT_BENCH;
        }
        int senderEnd = text.indexOf('|', MAGIC.length());
        int sequenceEnd = senderEnd < 0 ? -1 : text.indexOf('|', senderEnd + 1);
        int sentEnd = sequenceEnd < 0 ? -1 : text.indexOf('|', sequenceEnd + 1);
        if (sentEnd < 0 || sentEnd + 1 >= text.length()) {
            return NOT_BENCH;
        }
        if (text.charAt(sentEnd + 1) != '1') {
            return NOT_MEASURED;
        }
        try {
            return Long.parseLong(text, sequenceEnd + 1, sentEnd, 10);
        } catch (NumberFormatException e) {
            return NOT_BENCH;
        }
    }

    static final long NOT_BENCH = Long.MIN_VALUE;
    static final long NOT_MEASURED = Long.MIN_VALUE + 1;
}
