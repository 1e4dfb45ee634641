package io.tavern.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Counts, waits and moments in words: "1 message", "in 5 min", "until 2026-03-01 14:05 (in 2 h)". */
final class Quantities {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Quantities() {
    }

    /** "1 player", "2 players", "0 players". */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A wait, rounded up to what a person would say: "1 s", "42 s", "5 min", "2 h 5 min". */
    static String duration(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** A moment to come, in the local time zone and from now: "2026-03-01 14:05 (in 2 h)". */
    static String moment(Instant when, ZoneId zone, Instant now) {
        String local = LocalDateTime.ofInstant(when, zone).format(MOMENT);
        return when.isAfter(now) ? local + " (in " + duration(Duration.between(now, when)) + ")" : local;
    }
}
