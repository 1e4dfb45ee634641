package io.tavern.cli;

import io.tavern.client.DisconnectReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Plain words for error codes and disconnect reasons, for people; scripts read the codes. */
final class ErrorWording {

    private ErrorWording() {
    }

    /**
     * The headline of an error event: its code in plain words, completed with what the server added
     * (until when and why for a ban or a mute, when to try again after a throttle).
     */
    static String headline(JsonNode error, ZoneId zone, Instant now) {
        String code = error.path("code").asString("");
        Instant until = error.has("until") ? Instant.parse(error.path("until").asString()) : null;
        String because = error.path("reason").asString("");
        long retryAfterMs = error.path("retryAfterMs").asLong(0);
        return switch (code) {
            case "MUTED" -> sanction("You are muted", until, because, zone, now);
            case "BANNED" -> sanction("You are banned", until, because, zone, now);
            case "TOO_MANY_ATTEMPTS" -> "Too many attempts" + retry(retryAfterMs);
            case "RATE_LIMITED" -> "Slow down" + retry(retryAfterMs);
            case "SERVER_BUSY" -> "The server is busy" + retry(retryAfterMs);
            default -> error(code);
        };
    }

    /**
     * Whether {@link #headline} already says everything the server's message does (a sanction's end
     * and reason), so that showing the message too would only repeat it.
     */
    static boolean headlineSaysAll(String code) {
        return code.equals("MUTED") || code.equals("BANNED");
    }

    /**
     * A sanction in words: "You are muted until 2026-03-01 14:05 (in 2 h): spamming." {@code until}
     * null means no end was set. The one phrasing for a refusal (MUTED, BANNED) and for a notice of
     * a sanction, should the server send one.
     */
    static String sanction(String what, Instant until, String because, ZoneId zone, Instant now) {
        return what + (until == null ? " with no end set" : " until " + Quantities.moment(until, zone, now))
                + (because.isEmpty() ? "" : ": " + because) + ".";
    }

    private static String retry(long retryAfterMs) {
        return retryAfterMs <= 0 ? "; wait a little." : "; try again in " + Quantities.duration(Duration.ofMillis(retryAfterMs)) + ".";
    }

    static String error(String code) {
        return switch (code) {
            case "UNSUPPORTED_VERSION" -> "This client speaks a protocol version the server does not.";
            case "FRAME_TOO_LARGE" -> "That was too big to send.";
            case "NOT_LOGGED_IN" -> "Log in first.";
            case "ALREADY_LOGGED_IN" -> "You are logged in already.";
            case "INVALID_ARGUMENT" -> "The server did not accept that.";
            case "SERVER_FULL" -> "The server is full; try again later.";
            case "TOO_MANY_CONNECTIONS" -> "Too many connections from your address.";
            case "NAME_TAKEN" -> "That name is not available.";
            case "INVALID_NAME" -> "Names are 2-24 letters, digits, '_' or '-'.";
            case "INVALID_CREDENTIALS" -> "Unknown account or wrong password.";
            case "TOO_MANY_ATTEMPTS" -> "Too many attempts; wait a little.";
            case "GUESTS_DISABLED" -> "Guests may not log in on this server.";
            case "BANNED" -> "You are banned.";
            case "RATE_LIMITED" -> "Slow down.";
            case "MESSAGE_TOO_LONG" -> "That message is too long.";
            case "EMPTY_MESSAGE" -> "That message is empty.";
            case "MESSAGE_REJECTED" -> "That message was refused.";
            case "MUTED" -> "You are muted.";
            case "USER_NOT_FOUND" -> "No such user here.";
            case "ROOM_NOT_FOUND" -> "No such room.";
            case "ROOM_FULL" -> "That room is full.";
            case "WRONG_PASSWORD" -> "Wrong or missing room password.";
            case "ROOM_IN_GAME" -> "That room is playing; wait until the game ends.";
            case "ALREADY_IN_ROOM" -> "You are in a room already; /leave first.";
            case "NOT_IN_ROOM" -> "You are not in a room.";
            case "NOT_OWNER" -> "Only the room's owner may do that.";
            case "NOT_ALL_READY" -> "Not everyone is ready.";
            case "NOT_ENOUGH_PLAYERS" -> "Not enough players to start.";
            case "ROOM_NAME_TAKEN" -> "A room is named so already.";
            case "INVALID_STATE" -> "Not possible in the room's current state.";
            case "SERVER_BUSY" -> "The server is busy; try again.";
            case "SERVER_SHUTTING_DOWN" -> "The server is shutting down.";
            case "INTERNAL" -> "The server failed; it was logged.";
            case "TOO_MANY_ROOMS" -> "Too many rooms; one must close, or wait, before another is created.";
            case "USAGE" -> "Not quite.";
            case "TIMEOUT" -> "No answer from the server in time.";
            case "WAIT_TIMEOUT" -> "Waited in vain.";
            case "CONNECT_FAILED" -> "Could not connect.";
            case "NO_PASSWORD" -> "No password to log in with.";
            default -> sentence(code);
        };
    }

    /**
     * Why a session ended, from a "disconnected" event: "you were banned by mod-bea: cheating". {@code by}
     * and {@code because} come from the Kicked notice that preceded an operator's kick or ban.
     */
    /** @param until when a ban ends, as the reader's local time; empty when permanent or not a ban */
    static String disconnect(String reason, String by, String because, String until) {
        String who = (by.isEmpty() ? "" : " by " + by) + (until.isEmpty() ? "" : " until " + until);
        String why = because.isEmpty() ? "" : ": " + because;
        DisconnectReason known;
        try {
            known = DisconnectReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            return sentence(reason);
        }
        return switch (known) {
            case SERVER_SHUTDOWN -> "the server is shutting down";
            case SLOW_CONSUMER -> "this client did not keep up with the messages (slow consumer)";
            case KICKED -> "an operator disconnected you" + (by.isEmpty() ? "" : " (" + by + ")") + why;
            case BANNED -> "you were banned" + who + why;
            case IDLE_TIMEOUT -> "idle for too long";
            case PROTOCOL_ERROR -> "a protocol error";
            case FLOODING -> "flooding";
            case CLIENT_QUIT, CLOSED -> "you left";
            case NETWORK -> "the connection was lost";
            case UNSPECIFIED -> "the server closed the session";
        };
    }

    /** Why the interactive mode does not offer to reconnect after a session ended so. */
    static String noReconnect(DisconnectReason reason) {
        return reason == DisconnectReason.BANNED
                ? "You are banned from this server, so there is no reconnecting; an operator can lift the ban."
                : "Not reconnecting.";
    }

    private static String sentence(String code) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? "Error." : Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
    }
}
