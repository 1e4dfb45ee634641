package io.tavern.server.admin;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a ban or mute lasts, read from a {@link SanctionRequest}: the request names exactly one of
 * {@code until} (an instant), {@code duration} (from now) or {@code permanent: true}. Nothing is
 * assumed: a body that names none is refused, so that a forgotten field never becomes a permanent ban.
 *
 * @param until when it ends, to the millisecond (as the game protocol tells it); null for a permanent sanction
 */
record SanctionTerm(Instant until) {

    /** Longer than this is permanent in all but name; a client that means it says so. */
    static final int MAX_YEARS = 100;

    private static final String CHOICES = "\"duration\" (" + ExpectedValue.DURATION + "), \"until\" ("
            + ExpectedValue.INSTANT + ") or \"permanent\": true";

    /**
     * @param what the sanction, for the messages: {@code ban} or {@code mute}
     * @throws AdminRejection (400) naming what is missing, conflicting or invalid
     */
    static SanctionTerm of(SanctionRequest request, String what, Instant now) {
        if (request == null) {
            throw AdminRejection.invalid("a " + what + " needs a JSON body saying how long it lasts: " + CHOICES
                    + "; \"reason\" is optional. For example {\"duration\": \"PT24H\", \"reason\": \"spam\"}");
        }
        List<String> given = new ArrayList<>();
        if (request.until() != null) {
            given.add("until");
        }
        if (request.duration() != null) {
            given.add("duration");
        }
        if (Boolean.TRUE.equals(request.permanent())) {
            given.add("permanent");
        }
        if (given.isEmpty()) {
            throw AdminRejection.invalid("say how long the " + what + " lasts: " + CHOICES);
        }
        if (given.size() > 1) {
            throw AdminRejection.invalid("say how long the " + what + " lasts in one way, not " + String.join(" and ", given)
                    + ": " + CHOICES);
        }
        if (request.until() != null) {
            return new SanctionTerm(checked("until", request.until(), until(request.until()), now));
        }
        if (request.duration() != null) {
            return new SanctionTerm(checked("duration", request.duration(), end(request.duration(), now), now));
        }
        return new SanctionTerm(null);
    }

    boolean isPermanent() {
        return until == null;
    }

    /** As the audit log keeps it. */
    String describe() {
        return isPermanent() ? "permanent" : "until " + until;
    }

    private static Instant until(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            throw AdminRejection.invalid(ExpectedValue.mismatch("until", text, Instant.class));
        }
    }

    /**
     * Now plus an ISO-8601 duration: {@code PT30M}, {@code PT24H}, {@code P7D} as exact time; {@code P2W},
     * {@code P1M}, {@code P1Y} as calendar time in UTC.
     */
    private static Instant end(String text, Instant now) {
        String iso = text.strip();
        try {
            try {
                return now.plus(Duration.parse(iso));
            } catch (DateTimeParseException notExactTime) {
                return now.atOffset(ZoneOffset.UTC).plus(Period.parse(iso)).toInstant();
            }
        } catch (DateTimeParseException neither) {
            throw AdminRejection.invalid(ExpectedValue.mismatch("duration", text, Duration.class));
        } catch (ArithmeticException | DateTimeException beyondTime) {
            throw tooFar("duration", text);
        }
    }

    private static Instant checked(String field, String text, Instant exactEnd, Instant now) {
        Instant end = exactEnd.truncatedTo(ChronoUnit.MILLIS);
        if (!end.isAfter(now)) {
            throw AdminRejection.invalid(field + ": '" + text + "' is not in the future"
                    + ("duration".equals(field) ? "; a duration is positive" : "; it is now "
                    + now.truncatedTo(ChronoUnit.SECONDS)));
        }
        if (end.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
            throw tooFar(field, text);
        }
        return end;
    }

    private static AdminRejection tooFar(String field, String text) {
        return AdminRejection.invalid(field + ": '" + text + "' is more than " + MAX_YEARS
                + " years away; ask for {\"permanent\": true} instead");
    }
}
